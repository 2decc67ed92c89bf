import { Alert, Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAppInfo, useStores } from "../api";
import { riskiestEnvironment } from "../components/riskiestEnvironment";

export function DashboardPage() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const stores = useStores();
  // The stores' own environments once they are known: a live store makes the notice live.
  const environment = riskiestEnvironment(stores.data ?? []) ?? info.data?.environment;
  return (
    <>
      <Typography.Title level={2}>{t("dashboard.title")}</Typography.Title>
      {environment && (
        <Alert
          data-testid="env-notice"
          data-environment={environment}
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
              {info.data.about.data_dir}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}
