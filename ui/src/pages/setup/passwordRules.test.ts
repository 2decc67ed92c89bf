import { describe, expect, it } from "vitest";
import { characterCount, checkPassword, MIN_PASSWORD_LENGTH, passwordAcceptable } from "./passwordRules";

describe("password rules", () => {
  it("needs at least 12 characters, counted as the backend counts them", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPassword("kısa", "kısa")[0]).toEqual({ rule: "length", ok: false });
    expect(checkPassword("on-bir-harf", "on-bir-harf")[0]!.ok).toBe(false);
    expect(checkPassword("on-iki-harfx", "on-iki-harfx")[0]!.ok).toBe(true);
    // Turkish letters count once each.
    expect(characterCount("ğüşiöçĞÜŞİÖÇ")).toBe(12);
    expect(checkPassword("ğüşiöçĞÜŞİÖÇ", "ğüşiöçĞÜŞİÖÇ")[0]!.ok).toBe(true);
  });

  it("needs both entries to match, and an empty pair does not", () => {
    expect(checkPassword("dogru-parola-1", "dogru-parola-2")[1]).toEqual({ rule: "match", ok: false });
    expect(checkPassword("", "")[1]!.ok).toBe(false);
    expect(checkPassword("dogru-parola-1", "dogru-parola-1")[1]!.ok).toBe(true);
  });

  it("accepts only when every rule holds", () => {
    expect(passwordAcceptable("dogru-parola-1", "dogru-parola-1")).toBe(true);
    expect(passwordAcceptable("dogru-parola-1", "dogru-parola-")).toBe(false);
    expect(passwordAcceptable("kisa", "kisa")).toBe(false);
  });
});
