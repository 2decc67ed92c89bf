import { describe, expect, it } from "vitest";
import tr from "./tr";
import en from "./en";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== "object" || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

describe("texts", () => {
  it("English has exactly the Turkish keys", () => {
    expect(keys(en).sort()).toEqual(keys(tr).sort());
  });
  it("no text is empty in either language", () => {
    for (const text of [...leaves(tr), ...leaves(en)]) {
      expect(typeof text === "string" && text.trim().length > 0).toBe(true);
    }
  });
});
