import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { setBackendLanguage } from "../api";
import { LANGUAGES, rememberLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = (i18n.resolvedLanguage ?? "tr") as Language;
  return (
    <Segmented<Language>
      aria-label={t("language.label")}
      data-testid="lang-switch"
      size="small"
      value={current}
      options={LANGUAGES.map((lang) => ({ label: lang.toUpperCase(), value: lang }))}
      onChange={(lang) => {
        rememberLanguage(lang);
        void i18n.changeLanguage(lang);
        // The backend writes its messages in the same language.
        void setBackendLanguage(lang).catch(() => undefined);
      }}
    />
  );
}
