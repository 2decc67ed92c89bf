import { Alert, Button, Card, Descriptions, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { saveSupportBundle, useAppInfo } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSaving } from "../../components/useSaving";
import { LanguageCard } from "./LanguageCard";
import { StartupCard } from "./StartupCard";

/**
 * Version and folders of this installation, the app's language, starting with the computer,
 * and the support bundle to send when calling about a problem.
 */
export function AboutTab() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const { busy, saved, error, save } = useSaving<string>();
  const about = info.data?.about;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }} data-testid="about-tab">
      {about && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("about.version")}>
            <span data-testid="about-version">{about.version}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("about.system")}>{about.system}</Descriptions.Item>
          <Descriptions.Item label={t("about.dataDir")}>
            <Typography.Text code copyable data-testid="about-data-dir">
              {about.data_dir}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("about.logDir")}>
            <Typography.Text code copyable data-testid="about-log-dir">
              {about.log_dir}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      <LanguageCard />
      <StartupCard />
      <Card size="small" title={t("about.supportTitle")}>
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text>{t("about.supportText")}</Typography.Text>
          <Button onClick={() => void save(saveSupportBundle)} loading={busy} data-testid="support-bundle-save">
            {t("about.save")}
          </Button>
          {saved !== null && (
            <Alert type="success" showIcon message={t("about.saved", { name: saved })} data-testid="support-bundle-saved" />
          )}
          {error !== undefined && <ErrorAlert error={error} testId="support-bundle-error" />}
        </Flex>
      </Card>
    </Flex>
  );
}
