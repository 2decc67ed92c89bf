import { describe, expect, it } from "vitest";
import { dateInputText, parseDateInput } from "./dateInput";

describe("date input", () => {
  it("reads day.month.year and the ISO form", () => {
    expect(parseDateInput("27.11.2026")).toBe("2026-11-27");
    expect(parseDateInput("1.2.2027")).toBe("2027-02-01");
    expect(parseDateInput("2026-11-27")).toBe("2026-11-27");
  });
  it("refuses dates that do not exist", () => {
    expect(parseDateInput("29.02.2027")).toBe(null);
    expect(parseDateInput("31.04.2027")).toBe(null);
    expect(parseDateInput("29.02.2028")).toBe("2028-02-29");
    expect(parseDateInput("yarın")).toBe(null);
  });
  it("writes a day back as the input shows it", () => {
    expect(dateInputText("2026-11-27")).toBe("27.11.2026");
  });
});
