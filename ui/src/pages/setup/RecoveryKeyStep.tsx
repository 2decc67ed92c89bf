import { useState } from "react";
import { Alert, Button, Card, Checkbox, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** Shows the recovery key once; the user must confirm they saved it before going on. */
export function RecoveryKeyStep({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  return (
    <Card title={t("setup.recoveryTitle")} style={{ maxWidth: 640, margin: "48px auto" }} data-testid="recovery-step">
      <Flex vertical gap={16}>
        <Typography.Paragraph>{t("setup.recoveryText")}</Typography.Paragraph>
        <Typography.Paragraph
          code
          copyable
          data-testid="recovery-key"
          style={{ fontSize: 18, wordBreak: "break-all", userSelect: "all" }}
        >
          {recoveryKey}
        </Typography.Paragraph>
        <span data-testid="recovery-saved">
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
            {t("setup.recoverySaved")}
          </Checkbox>
        </span>
        <Alert type="info" showIcon message={t("setup.sandboxNote")} />
        <Button type="primary" disabled={!saved} onClick={onContinue} data-testid="recovery-continue">
          {t("setup.recoveryContinue")}
        </Button>
      </Flex>
    </Card>
  );
}
