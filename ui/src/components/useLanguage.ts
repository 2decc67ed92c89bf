import { useTranslation } from "react-i18next";
import { setBackendLanguage } from "../api";
import { rememberLanguage, type Language } from "../i18n";

/**
 * The window's language and how to change it: remembered on this computer, and the backend
 * writes its messages (errors, notifications, the tray) in the same language.
 */
export function useLanguage(): [Language, (lang: Language) => void] {
  const { i18n } = useTranslation();
  const current = (i18n.resolvedLanguage ?? "tr") as Language;
  const choose = (lang: Language) => {
    rememberLanguage(lang);
    void i18n.changeLanguage(lang);
    void setBackendLanguage(lang).catch(() => undefined);
  };
  return [current, choose];
}
