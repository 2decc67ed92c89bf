import { describe, expect, it } from "vitest";
import { pick } from "./text";

const TEXT = { tr: "Kartın son kullanma tarihi geçmiş.", en: "The card has expired." };

describe("pick", () => {
  it("shows English only when the language is English", () => {
    expect(pick(TEXT, "en")).toBe("The card has expired.");
    expect(pick(TEXT, "tr")).toBe("Kartın son kullanma tarihi geçmiş.");
  });
  it("falls back to Turkish, the default language", () => {
    expect(pick(TEXT, undefined)).toBe("Kartın son kullanma tarihi geçmiş.");
    expect(pick(TEXT, "de")).toBe("Kartın son kullanma tarihi geçmiş.");
  });
});
