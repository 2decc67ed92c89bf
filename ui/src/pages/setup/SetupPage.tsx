import { useState } from "react";
import { Button, Card, Divider, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { createVault, type CreatedVault, type NewVault } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { passwordAcceptable } from "./passwordRules";
import { PasswordRules } from "./PasswordRules";
import { RecoveryKeyStep } from "./RecoveryKeyStep";
import { RestoreFirstPage } from "./RestoreFirstPage";
import { unlockChoice, UnlockChoiceFields, unlockChoiceReady, type UnlockMethodChoice } from "./UnlockChoiceFields";

/**
 * First run: the administrator with the password rules shown as you type, how the vault
 * unlocks, then the recovery key once; or, on a new PC, a backup restored instead. `adminOnly`
 * when the vault exists without a user.
 */
export function SetupPage({
  keyringAvailable,
  adminOnly = false,
  onFinished,
}: {
  keyringAvailable: boolean;
  adminOnly?: boolean;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [method, setMethod] = useState<UnlockMethodChoice>(keyringAvailable ? "keyring" : "passphrase");
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<CreatedVault>();
  const [restoring, setRestoring] = useState(false);

  if (created) {
    return <RecoveryKeyStep recoveryKey={created.recovery_key} onContinue={onFinished} />;
  }
  if (restoring) {
    return (
      <RestoreFirstPage keyringAvailable={keyringAvailable} onBack={() => setRestoring(false)} onFinished={onFinished} />
    );
  }

  const passphraseOk = adminOnly || unlockChoiceReady(method, passphrase);
  const ready = name.trim() !== "" && passwordAcceptable(password, again) && passphraseOk && !busy;

  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    const request: NewVault = {
      admin_name: name.trim(),
      admin_password: password,
      unlock: unlockChoice(method, passphrase),
    };
    try {
      const result = await createVault(request);
      setPassword("");
      setAgain("");
      setPassphrase("");
      setCreated(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640, margin: "48px auto" }} data-testid="setup-page">
      <Typography.Title level={2}>{t("setup.title")}</Typography.Title>
      <Typography.Paragraph>{adminOnly ? t("setup.adminOnlyIntro") : t("setup.intro")}</Typography.Paragraph>
      <ErrorAlert error={error} testId="setup-error" />
      <Form layout="vertical" onFinish={submit}>
        <Typography.Title level={4}>{t("setup.adminTitle")}</Typography.Title>
        <Form.Item htmlFor="setup-name" label={t("setup.adminName")} required>
          <Input
            autoFocus
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            id="setup-name"
            data-testid="setup-name"
          />
        </Form.Item>
        <Form.Item htmlFor="setup-password" label={t("setup.password")} required>
          <Input.Password
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            id="setup-password"
            data-testid="setup-password"
          />
        </Form.Item>
        <Form.Item htmlFor="setup-password-again" label={t("setup.passwordAgain")} required>
          <Input.Password
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            id="setup-password-again"
            data-testid="setup-password-again"
          />
        </Form.Item>
        <PasswordRules password={password} again={again} />
        {!adminOnly && (
          <>
            <Divider />
            <UnlockChoiceFields
              keyringAvailable={keyringAvailable}
              method={method}
              onMethod={setMethod}
              passphrase={passphrase}
              onPassphrase={setPassphrase}
              testId="setup"
            />
          </>
        )}
        <Divider />
        <Button type="primary" htmlType="submit" disabled={!ready} loading={busy} data-testid="setup-submit">
          {busy ? t("setup.creating") : adminOnly ? t("setup.createAdmin") : t("setup.create")}
        </Button>
      </Form>
      {!adminOnly && (
        <>
          <Divider />
          <Typography.Paragraph>{t("setup.restoreInstead")}</Typography.Paragraph>
          <Button onClick={() => setRestoring(true)} data-testid="setup-restore">
            {t("setup.restoreOpen")}
          </Button>
        </>
      )}
    </Card>
  );
}
