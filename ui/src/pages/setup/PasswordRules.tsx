import { List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { checkPassword, MIN_PASSWORD_LENGTH } from "./passwordRules";

/** The password rules with a tick or a cross each, updated as the user types. */
export function PasswordRules({ password, again }: { password: string; again: string }) {
  const { t } = useTranslation();
  const labels = {
    length: t("setup.ruleLength", { min: MIN_PASSWORD_LENGTH }),
    match: t("setup.ruleMatch"),
  };
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t("setup.rules")}</Typography.Text>}
      dataSource={checkPassword(password, again)}
      renderItem={({ rule, ok }) => (
        <List.Item data-testid={`rule-${rule}`} data-ok={ok ? "true" : "false"}>
          <Typography.Text type={ok ? "success" : "secondary"}>
            {ok ? "✓" : "✗"} {labels[rule]}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
