import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { ApiError, errorText, toApiError } from "./errors";

describe("toApiError", () => {
  it("keeps the code and detail of a command error", () => {
    const error = toApiError({ code: "internal", message: "disk full" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("internal");
    expect(error.message).toBe("disk full");
  });
  it("files anything else under unknown", () => {
    expect(toApiError("window closed").code).toBe("unknown");
    expect(toApiError(new Error("boom")).message).toBe("boom");
  });
});

describe("errorText", () => {
  it("translates by code into the current language", async () => {
    const error = { code: "data_dir_unavailable", message: "x" };
    expect(errorText(i18n.t, error)).toBe("Veri klasörü oluşturulamadı ya da açılamadı.");
    await i18n.changeLanguage("en");
    expect(errorText(i18n.t, error)).toBe("The data folder could not be created or opened.");
  });
  it("falls back to the general message for a code the UI does not know yet", () => {
    expect(errorText(i18n.t, { code: "brand_new", message: "x" })).toBe("Beklenmeyen bir hata oluştu.");
  });
});
