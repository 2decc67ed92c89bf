import { useState } from "react";
import { Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { unlockVault, type SetupStatus, type UnlockRequest } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";

type Locked = Extract<SetupStatus, { state: "locked" }>;

/** A vault whose key is not at hand: the passphrase, the keyring again, or the recovery key. */
export function UnlockPage({ status, onUnlocked }: { status: Locked; onUnlocked: (next: SetupStatus) => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(status.problem ?? undefined);

  const attempt = async (request: UnlockRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await unlockVault(request);
      setSecret("");
      onUnlocked(next);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const withSecret = (): UnlockRequest =>
    useRecovery ? { method: "recovery_key", recoveryKey: secret } : { method: "passphrase", passphrase: secret };
  const asksSecret = useRecovery || status.unlock === "passphrase";

  return (
    <Card style={{ maxWidth: 560, margin: "64px auto" }} data-testid="unlock-page">
      <Typography.Title level={2}>{t("unlock.title")}</Typography.Title>
      <Typography.Paragraph>
        {status.unlock === "keyring" ? t("unlock.keyringIntro") : t("unlock.passphraseIntro")}
      </Typography.Paragraph>
      <ErrorAlert error={error} testId="unlock-error" />
      <Flex vertical gap={12}>
        {status.unlock === "keyring" && !useRecovery && (
          <Button type="primary" loading={busy} onClick={() => attempt({ method: "keyring" })} data-testid="unlock-keyring">
            {t("unlock.retryKeyring")}
          </Button>
        )}
        {asksSecret && (
          <Form layout="vertical" onFinish={() => secret && attempt(withSecret())}>
            <Form.Item label={useRecovery ? t("unlock.recoveryKey") : t("unlock.passphrase")}>
              <Input.Password
                autoFocus
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                data-testid="unlock-secret"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!secret} data-testid="unlock-submit">
              {t("unlock.open")}
            </Button>
          </Form>
        )}
        {!useRecovery && (
          <Button type="link" onClick={() => setUseRecovery(true)} data-testid="unlock-use-recovery">
            {t("unlock.useRecovery")}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
