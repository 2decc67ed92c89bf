import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { ApiError, errorText, toApiError } from "./errors";

describe("toApiError", () => {
  it("keeps the code, message and field of a command error", () => {
    const error = toApiError({ code: "password_too_short", message: "Parola en az 12 karakter olmalı.", field: "password" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("password_too_short");
    expect(error.message).toBe("Parola en az 12 karakter olmalı.");
    expect(error.field).toBe("password");
  });
  it("files anything else under unknown", () => {
    expect(toApiError("window closed").code).toBe("unknown");
    expect(toApiError(new Error("boom")).message).toBe("boom");
    expect(toApiError(new Error("boom")).field).toBeNull();
  });
});

describe("errorText", () => {
  it("shows the backend's message, which is already in the user's language", () => {
    const error = { code: "auth_failed", message: "Kullanıcı adı ya da parola yanlış.", field: null };
    expect(errorText(i18n.t, error)).toBe("Kullanıcı adı ya da parola yanlış.");
  });
  it("uses the UI's own text when the backend never answered", async () => {
    expect(errorText(i18n.t, new Error("ipc down"))).toBe("Uygulama yanıt vermedi.");
    await i18n.changeLanguage("en");
    expect(errorText(i18n.t, new Error("ipc down"))).toBe("The app did not answer.");
  });
  it("falls back to the general message when a command error has no text", () => {
    expect(errorText(i18n.t, { code: "brand_new", message: " ", field: null })).toBe("Beklenmeyen bir hata oluştu.");
  });
});
