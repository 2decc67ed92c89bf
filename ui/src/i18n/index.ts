import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import tr from "./tr";
import en from "./en";
import type { Lang } from "../api";

/** The shape of the texts; English must match Turkish key for key. */
export type Texts = typeof tr;

/** The languages the window speaks: the backend's own (`Lang`). */
export type Language = Lang;
export const LANGUAGES: readonly Language[] = ["tr", "en"];

const STORAGE_KEY = "tahsildar.language";

export function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === "en" || saved === "tr" ? saved : "tr";
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

void i18n.use(initReactI18next).init({
  resources: { tr: { translation: tr }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "tr",
  interpolation: { escapeValue: false },
});

export default i18n;
