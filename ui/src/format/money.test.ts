import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyShort } from "./money";

describe("formatMoney", () => {
  it("writes kuruş as Turkish lira with dot thousands and comma decimals", () => {
    expect(formatMoney(123456, "TRY")).toBe("1.234,56 ₺");
  });
  it("keeps leading zeros in the kuruş", () => {
    expect(formatMoney(5, "TRY")).toBe("0,05 ₺");
    expect(formatMoney(100, "TRY")).toBe("1,00 ₺");
  });
  it("groups millions", () => {
    expect(formatMoney(123456789012, "TRY")).toBe("1.234.567.890,12 ₺");
  });
  it("shows refunds with a minus sign", () => {
    expect(formatMoney(-2550, "TRY")).toBe("-25,50 ₺");
  });
  it("uses the symbol of other currencies, else the ISO code", () => {
    expect(formatMoney(1999, "EUR")).toBe("19,99 €");
    expect(formatMoney(1999, "CHF")).toBe("19,99 CHF");
  });
  it("takes bigints beyond the safe integer range without losing digits", () => {
    expect(formatMoney(900719925474099312n, "TRY")).toBe("9.007.199.254.740.993,12 ₺");
  });
  it("refuses a fractional amount instead of rounding it", () => {
    expect(() => formatMoney(12.5, "TRY")).toThrow(RangeError);
  });
});

describe("formatMoneyShort", () => {
  it("rounds to whole units for an axis", () => {
    expect(formatMoneyShort(123456, "TRY")).toBe("1.235 ₺");
    expect(formatMoneyShort(123456)).toBe("1.235");
  });
});
