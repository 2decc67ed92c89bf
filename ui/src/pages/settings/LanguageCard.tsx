import { Card, Flex, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../../i18n";
import { useLanguage } from "../../components/useLanguage";

/** The app's language, as the header's switch sets it, with each language named in itself. */
export function LanguageCard() {
  const { t } = useTranslation();
  const [current, choose] = useLanguage();
  return (
    <Card size="small" title={t("language.label")}>
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text>{t("language.text")}</Typography.Text>
        <Radio.Group
          aria-label={t("language.label")}
          value={current}
          onChange={(e) => choose(e.target.value as Language)}
          data-testid="settings-language"
          options={[
            { label: "Türkçe", value: "tr" },
            { label: "English", value: "en" },
          ]}
        />
      </Flex>
    </Card>
  );
}
