import { describe, expect, it } from "vitest";
import { formatCount, formatPercent } from "./number";

describe("formatPercent", () => {
  it("writes a rate the Turkish way, sign first, one decimal", () => {
    expect(formatPercent(0.755)).toBe("%75,5");
    expect(formatPercent(1)).toBe("%100,0");
    expect(formatPercent(0)).toBe("%0,0");
    expect(formatPercent(0.6667)).toBe("%66,7");
  });
  it("shows a dash when there is no rate", () => {
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatCount", () => {
  it("groups thousands with dots", () => {
    expect(formatCount(12345)).toBe("12.345");
    expect(formatCount(999)).toBe("999");
  });
});
