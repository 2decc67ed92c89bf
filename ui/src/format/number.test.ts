import { describe, expect, it } from "vitest";
import { formatCount, formatFileSize, formatPercent } from "./number";

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

describe("formatFileSize", () => {
  it("writes kilobytes below a megabyte and megabytes above, one decimal, Turkish way", () => {
    expect(formatFileSize(1430)).toBe("1,4 KB");
    expect(formatFileSize(10 * 1024 * 1024)).toBe("10,0 MB");
    expect(formatFileSize(2_411_725)).toBe("2,3 MB");
  });
});
