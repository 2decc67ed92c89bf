import { describe, expect, it } from "vitest";
import { cardInput } from "./CardFields";

describe("cardInput", () => {
  it("sends the card as the backend reads it: digits only, the instruction date as YYYY-MM-DD", () => {
    expect(
      cardInput({
        number: "4355 0843 3334 5232",
        expiry: " 08/29 ",
        holder: " Ayşe Yılmaz ",
        alternate: true,
        instructionDate: "27.11.2026",
        instructionRef: " TAL-7 ",
      }),
    ).toEqual({
      number: "4355084333345232",
      expiry: "08/29",
      holder: "Ayşe Yılmaz",
      alternate: true,
      instruction_date: "2026-11-27",
      instruction_ref: "TAL-7",
    });
  });

  it("sends null for what was not typed, and the card as the primary one", () => {
    expect(cardInput({ number: "4355084333345232", expiry: "08/29" })).toEqual({
      number: "4355084333345232",
      expiry: "08/29",
      holder: null,
      alternate: false,
      instruction_date: null,
      instruction_ref: null,
    });
  });
});
