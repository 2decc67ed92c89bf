import { describe, expect, it } from "vitest";
import { amountText, parseAmount } from "./amount";

const minor = (text: string) => {
  const r = parseAmount(text);
  return r.ok ? r.minor : r.problem;
};

describe("parseAmount", () => {
  it("reads the Turkish form and the plain forms into kuruş", () => {
    expect(minor("1.234,56")).toBe(123456);
    expect(minor("1234,56")).toBe(123456);
    expect(minor("1234.56")).toBe(123456);
    expect(minor("1,234.56")).toBe(123456);
    expect(minor("1234")).toBe(123400);
    expect(minor("1.234")).toBe(123400);
    expect(minor("0,5")).toBe(50);
    expect(minor(" 2.500,00 ₺ ")).toBe(250000);
  });
  it("never rounds through floating point", () => {
    expect(minor("0,29")).toBe(29);
    expect(minor("1.000.000,00")).toBe(100_000_000);
  });
  it("names what is wrong", () => {
    expect(minor("")).toBe("empty");
    expect(minor("abc")).toBe("format");
    expect(minor("-5")).toBe("format");
    expect(minor("12,345,6")).toBe("format");
    expect(minor("1.2.3")).toBe("format");
    expect(minor("1,234.567")).toBe("format");
    expect(minor("1,2345")).toBe("format");
    expect(minor("0,00")).toBe("zero");
    expect(minor("1.000.000,01")).toBe("too_large");
  });
});

describe("amountText", () => {
  it("writes kuruş back in the entry form", () => {
    expect(amountText(123456)).toBe("1.234,56");
    expect(amountText(5)).toBe("0,05");
    expect(amountText(100_000_000)).toBe("1.000.000,00");
  });
});
