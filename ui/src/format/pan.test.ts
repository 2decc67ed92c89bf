import { describe, expect, it } from "vitest";
import { displayMaskedPan } from "./pan";

describe("displayMaskedPan", () => {
  it("groups a masked number in fours", () => {
    expect(displayMaskedPan("435509******5232")).toBe("4355 09** **** 5232");
  });
  it("masks a full number that should never have arrived", () => {
    expect(displayMaskedPan("4355093000315232")).toBe("4355 09** **** 5232");
    expect(displayMaskedPan("4355 0930 0031 5232")).toBe("4355 09** **** 5232");
  });
  it("keeps only six and four digits of a 19-digit number", () => {
    const shown = displayMaskedPan("6011000990139424123");
    expect(shown.replace(/\s/g, "")).toBe("601100*********4123");
  });
});
