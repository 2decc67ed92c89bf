import { useState } from "react";
import { Alert, Button, Card, Form, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { chooseNewPassword, type SessionInfo } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { passwordAcceptable } from "./setup/passwordRules";

/**
 * After an administrator reset the password: the user chooses their own before anything else
 * (the backend refuses every other command until then).
 */
export function ChoosePasswordPage({
  session,
  onChosen,
  onSignOut,
}: {
  session: SessionInfo;
  onChosen: (session: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const ready = passwordAcceptable(password, again);

  const save = async () => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      onChosen(await chooseNewPassword(password));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 480, margin: "48px auto" }} data-testid="choose-password-page">
      <Typography.Title level={3}>{t("password.chooseTitle")}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("password.chooseText", { name: session.user_name })} />
      <Form layout="vertical" onFinish={() => void save()}>
        <ErrorAlert error={error} testId="choose-password-error" />
        <NewPasswordFields password={password} again={again} onPassword={setPassword} onAgain={setAgain} testId="choose-password" />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!ready} data-testid="choose-password-save">
            {t("password.save")}
          </Button>
          <Button onClick={onSignOut} data-testid="choose-password-sign-out">
            {t("session.signOut")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
