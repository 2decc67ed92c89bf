import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../i18n";
import { useLanguage } from "./useLanguage";

/** The header's TR / EN switch. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const [current, choose] = useLanguage();
  return (
    <Segmented<Language>
      aria-label={t("language.label")}
      data-testid="lang-switch"
      size="small"
      value={current}
      options={LANGUAGES.map((lang) => ({ label: lang.toUpperCase(), value: lang }))}
      onChange={choose}
    />
  );
}
