import { Alert, Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAppInfo } from "../api";

export function DashboardPage() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const environment = info.data?.environment;
  return (
    <>
      <Typography.Title level={2}>{t("dashboard.title")}</Typography.Title>
      {environment && (
        <Alert
          data-testid="env-notice"
          type={environment === "live" ? "warning" : "info"}
          showIcon
          message={t(`dashboard.${environment}Title`)}
          description={t(`dashboard.${environment}Text`)}
          style={{ marginBottom: 24 }}
        />
      )}
      {info.data && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("dashboard.dataDir")}>
            <Typography.Text code data-testid="data-dir">
              {info.data.dataDir}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}
