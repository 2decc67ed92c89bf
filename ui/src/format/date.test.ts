import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./date";

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
