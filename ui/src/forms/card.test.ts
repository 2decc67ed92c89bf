import { describe, expect, it } from "vitest";
import {
  brandOf,
  cardNumberProblem,
  expiryProblem,
  groupCardDigits,
  installmentProblem,
  luhnValid,
  maskCardNumber,
  parseExpiry,
  shapeExpiry,
} from "./card";

describe("card number", () => {
  it("checks Luhn on the sandbox test cards", () => {
    expect(luhnValid("4355093000315232")).toBe(true);
    expect(luhnValid("5218076007402834")).toBe(true);
    expect(luhnValid("4000000000000002")).toBe(true);
    expect(luhnValid("4355093000315233")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
  it("tells the brand from the first digits", () => {
    expect(brandOf("4355")).toBe("Visa");
    expect(brandOf("5218")).toBe("Mastercard");
    expect(brandOf("2221")).toBe("Mastercard");
    expect(brandOf("2720")).toBe("Mastercard");
    expect(brandOf("2721")).toBe(null);
    expect(brandOf("9792")).toBe("Troy");
    expect(brandOf("3714")).toBe("American Express");
    expect(brandOf("6011")).toBe(null);
  });
  it("names the first problem of a number as typed", () => {
    expect(cardNumberProblem("4355 0930 0031 5232")).toBe(null);
    expect(cardNumberProblem("4355-0930-0031-5232")).toBe(null);
    expect(cardNumberProblem("")).toBe("empty");
    expect(cardNumberProblem("4355a")).toBe("characters");
    expect(cardNumberProblem("4355 0930")).toBe("length");
    expect(cardNumberProblem("4355 0930 0031 5233")).toBe("luhn");
    expect(cardNumberProblem("6011 0009 9013 9424")).toBe("brand");
  });
  it("groups digits while typing and masks the finished number", () => {
    expect(groupCardDigits("43550930a0031")).toBe("4355 0930 0031");
    expect(groupCardDigits("43550930003152329999999")).toBe("4355 0930 0031 5232 999");
    expect(maskCardNumber("4355093000315232")).toBe("435509******5232");
    expect(maskCardNumber("6011000990139424123")).toBe("601100*********4123");
  });
});

describe("expiry", () => {
  const now = new Date("2026-11-26T22:30:00Z"); // 27 November in Istanbul
  it("reads MM/YY, MMYY and MM/YYYY", () => {
    expect(parseExpiry("08/29")).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry("0829")).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry("8/2029")).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry("13/29")).toBe(null);
  });
  it("accepts the current month and refuses a past one, in Istanbul time", () => {
    expect(expiryProblem("11/26", now)).toBe(null);
    expect(expiryProblem("10/26", now)).toBe("past");
    expect(expiryProblem("12/30", now)).toBe(null);
    // 31 Dec 23:30 UTC is already January in Istanbul.
    expect(expiryProblem("12/26", new Date("2026-12-31T21:30:00Z"))).toBe("past");
    expect(expiryProblem("", now)).toBe("empty");
    expect(expiryProblem("ab/cd", now)).toBe("format");
    expect(expiryProblem("00/29", now)).toBe("month");
  });
  it("inserts the slash while typing", () => {
    expect(shapeExpiry("1")).toBe("1");
    expect(shapeExpiry("122")).toBe("12/2");
    expect(shapeExpiry("12/299")).toBe("12/29");
  });
});

describe("installments", () => {
  it("allows 2 up to the store's cap", () => {
    expect(installmentProblem(2, 12)).toBe(null);
    expect(installmentProblem(12, 12)).toBe(null);
    expect(installmentProblem(13, 12)).toBe("above_cap");
    expect(installmentProblem(1, 12)).toBe("range");
    expect(installmentProblem(2.5, 12)).toBe("range");
  });
});
