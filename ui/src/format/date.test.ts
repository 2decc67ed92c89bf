import { describe, expect, it } from "vitest";
import { addDays, daysFrom, formatDate, formatDateTime, formatShortDate, monthOf, monthsFrom, todayIso } from "./date";

describe("formatDate", () => {
  it("writes a calendar date as day.month.year", () => {
    expect(formatDate("2026-11-27")).toBe("27.11.2026");
  });
  it("shows an instant as the day in Istanbul, not in UTC", () => {
    // 22:30 UTC on the 26th is 01:30 on the 27th in Istanbul (UTC+3).
    expect(formatDate("2026-11-26T22:30:00Z")).toBe("27.11.2026");
  });
  it("reads jiff's zoned form with the zone name in brackets", () => {
    expect(formatDate("2026-01-05T09:00:00+03:00[Europe/Istanbul]")).toBe("05.01.2026");
  });
  it("rejects text that is not a date", () => {
    expect(() => formatDate("yesterday")).toThrow(RangeError);
  });
});

describe("formatDateTime", () => {
  it("adds the 24-hour Istanbul time", () => {
    expect(formatDateTime("2026-11-26T22:30:00Z")).toBe("27.11.2026 01:30");
  });
});

describe("day arithmetic", () => {
  it("finds today in Istanbul", () => {
    expect(todayIso(new Date("2026-11-26T22:30:00Z"))).toBe("2026-11-27");
  });
  it("moves across months and years", () => {
    expect(addDays("2026-11-27", 5)).toBe("2026-12-02");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
  it("knows a month's first and last day", () => {
    expect(monthOf("2026-11-27")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthOf("2027-02-10")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });
  it("lists the days of a range", () => {
    expect(daysFrom("2026-11-29", "2026-12-02")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(daysFrom("2026-12-02", "2026-11-29")).toEqual([]);
  });
  it("lists the months of a range", () => {
    expect(monthsFrom("2026-11-15", "2027-02-03")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
  it("writes short axis labels", () => {
    expect(formatShortDate("2026-11-27")).toBe("27.11");
    expect(formatShortDate("2026-11")).toBe("11.2026");
  });
});
