import { useState } from "react";
import { Card, Flex, Switch, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AUTOSTART_KEY, setAutostart, useAutostart } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSession } from "../../session";

/**
 * Starting with the computer: off until turned on; the system keeps the setting. Changed only
 * by a user who may pause and resume the scheduler on every store (the app refuses others too).
 */
export function StartupCard() {
  const { t } = useTranslation();
  const session = useSession();
  const mayChange =
    session?.permissions.some((p) => p.permission === "submit_provisions" && p.all_stores) ?? false;
  const client = useQueryClient();
  const autostart = useAutostart();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const change = async (enabled: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      client.setQueryData(AUTOSTART_KEY, await setAutostart(enabled));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t("about.startupTitle")}>
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text>{t("about.startupText")}</Typography.Text>
        <Flex gap={8} align="center">
          <Switch
            checked={autostart.data === true}
            disabled={autostart.data === undefined || !mayChange}
            loading={busy || autostart.isPending}
            onChange={(on) => void change(on)}
            data-testid="autostart"
            aria-label={t("about.startup")}
          />
          <Typography.Text>{t("about.startup")}</Typography.Text>
        </Flex>
        {!mayChange && (
          <Typography.Text type="secondary" data-testid="autostart-not-allowed">
            {t("about.startupNotAllowed")}
          </Typography.Text>
        )}
        {autostart.isError && <ErrorAlert error={autostart.error} testId="autostart-error" />}
        {error !== undefined && <ErrorAlert error={error} testId="autostart-error" />}
      </Flex>
    </Card>
  );
}
