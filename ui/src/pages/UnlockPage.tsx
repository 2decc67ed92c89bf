import { useState } from "react";
import { Button, Card, Flex, Form, Input, Radio, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { unlockVault, type SetupStatus, type UnlockChoice, type UnlockRequest } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { characterCount, MIN_PASSWORD_LENGTH } from "./setup/passwordRules";
import { NewPassphraseField } from "./setup/NewPassphraseField";

type Locked = Extract<SetupStatus, { state: "locked" }>;
type Rebind = "keyring" | "passphrase" | "later";

/**
 * A vault whose key is not at hand: the passphrase, the keyring again, or the recovery key.
 * With the recovery key the user also chooses how the vault opens on this PC from then on.
 */
export function UnlockPage({ status, onUnlocked }: { status: Locked; onUnlocked: (next: SetupStatus) => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const [rebind, setRebind] = useState<Rebind>("keyring");
  const [newPassphrase, setNewPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(status.problem ?? undefined);

  const attempt = async (request: UnlockRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await unlockVault(request);
      setSecret("");
      setNewPassphrase("");
      onUnlocked(next);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const binding = (): UnlockChoice | null =>
    rebind === "keyring"
      ? { method: "keyring" }
      : rebind === "passphrase"
        ? { method: "passphrase", passphrase: newPassphrase }
        : null;
  const withSecret = (): UnlockRequest =>
    useRecovery
      ? { method: "recovery_key", recovery_key: secret, rebind: binding() }
      : { method: "passphrase", passphrase: secret };
  const asksSecret = useRecovery || status.unlock === "passphrase";
  const ready =
    secret !== "" && (!useRecovery || rebind !== "passphrase" || characterCount(newPassphrase) >= MIN_PASSWORD_LENGTH);

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
          <Form layout="vertical" onFinish={() => ready && attempt(withSecret())}>
            <Form.Item htmlFor="unlock-secret" label={useRecovery ? t("unlock.recoveryKey") : t("unlock.passphrase")}>
              <Input.Password
                autoFocus
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                id="unlock-secret"
                data-testid="unlock-secret"
              />
            </Form.Item>
            {useRecovery && (
              <Form.Item label={t("unlock.rebindTitle")}>
                <Radio.Group value={rebind} onChange={(e) => setRebind(e.target.value as Rebind)}>
                  <Space direction="vertical">
                    <Radio value="keyring" data-testid="unlock-rebind-keyring">
                      {t("unlock.rebindKeyring")}
                    </Radio>
                    <Radio value="passphrase" data-testid="unlock-rebind-passphrase">
                      {t("unlock.rebindPassphrase")}
                    </Radio>
                    <Radio value="later" data-testid="unlock-rebind-later">
                      {t("unlock.rebindLater")}
                    </Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
            )}
            {useRecovery && rebind === "passphrase" && (
              <NewPassphraseField
                label={t("unlock.newPassphrase")}
                value={newPassphrase}
                onChange={setNewPassphrase}
                testId="unlock-new-passphrase"
              />
            )}
            <Button type="primary" htmlType="submit" loading={busy} disabled={!ready} data-testid="unlock-submit">
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
