import { useEffect, useState } from "react";
import { Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { signIn, toApiError, type SessionInfo } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { markOnce, STARTUP_MARKS } from "../startupMarks";

/** The sign-in form; also used inside the re-authentication dialog. */
export function SignInForm({
  fixedName,
  onSignedIn,
  submitLabel,
}: {
  fixedName?: string;
  onSignedIn: (session: SessionInfo) => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(fixedName ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async () => {
    if (!name.trim() || !password) return;
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(name.trim(), password);
      setPassword("");
      onSignedIn(session);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const locked = error !== undefined && toApiError(error).code === "auth_locked";
  return (
    <Form layout="vertical" onFinish={submit}>
      <ErrorAlert error={error} testId="signin-error" />
      {locked && <Typography.Paragraph type="secondary">{t("signIn.lockedHint")}</Typography.Paragraph>}
      <Form.Item htmlFor="signin-name" label={t("signIn.name")}>
        <Input
          autoFocus={!fixedName}
          autoComplete="username"
          value={name}
          disabled={fixedName !== undefined}
          onChange={(e) => setName(e.target.value)}
          id="signin-name"
          data-testid="signin-name"
        />
      </Form.Item>
      <Form.Item htmlFor="signin-password" label={t("signIn.password")}>
        <Input.Password
          autoFocus={fixedName !== undefined}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          id="signin-password"
          data-testid="signin-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!name.trim() || !password} data-testid="signin-submit">
        {submitLabel ?? t("signIn.submit")}
      </Button>
    </Form>
  );
}

export function SignInPage({ lastUser, onSignedIn }: { lastUser?: string | null; onSignedIn: (s: SessionInfo) => void }) {
  const { t } = useTranslation();
  useEffect(() => markOnce(STARTUP_MARKS.signInReady), []);
  return (
    <Card style={{ maxWidth: 440, margin: "64px auto" }} data-testid="signin-page">
      <Typography.Title level={2}>{t("signIn.title")}</Typography.Title>
      <SignInForm key={lastUser ?? ""} onSignedIn={onSignedIn} fixedName={undefined} />
    </Card>
  );
}
