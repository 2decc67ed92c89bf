import { useState } from "react";
import { Button, Card, Divider, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { chooseRestoreFile, restoreFirstBackup } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useAttempt } from "../../components/useAttempt";
import { unlockChoice, UnlockChoiceFields, unlockChoiceReady, type UnlockMethodChoice } from "./UnlockChoiceFields";

/**
 * A new PC: instead of a new vault, a backup of the office's vault (chosen in the native
 * dialog) opened with its passphrase, signed in as one of the backup's administrators, and
 * unlocked on this PC as chosen.
 */
export function RestoreFirstPage({
  keyringAvailable,
  onBack,
  onFinished,
}: {
  keyringAvailable: boolean;
  onBack: () => void;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [method, setMethod] = useState<UnlockMethodChoice>(keyringAvailable ? "keyring" : "passphrase");
  const [passphrase, setPassphrase] = useState("");
  const { busy, error, attempt } = useAttempt();

  const ready =
    file !== null &&
    backupPassphrase !== "" &&
    name.trim() !== "" &&
    password !== "" &&
    unlockChoiceReady(method, passphrase) &&
    !busy;

  const choose = () =>
    attempt(async () => {
      const chosen = await chooseRestoreFile();
      if (chosen !== null) setFile(chosen);
    });
  const restore = () =>
    attempt(async () => {
      await restoreFirstBackup({
        passphrase: backupPassphrase,
        admin_name: name.trim(),
        admin_password: password,
        unlock: unlockChoice(method, passphrase),
      });
      setPassword("");
      setBackupPassphrase("");
      setPassphrase("");
      onFinished();
    });

  return (
    <Card style={{ maxWidth: 640, margin: "48px auto" }} data-testid="restore-first-page">
      <Typography.Title level={2}>{t("setup.restoreTitle")}</Typography.Title>
      <Typography.Paragraph>{t("setup.restoreIntro")}</Typography.Paragraph>
      <ErrorAlert error={error} testId="restore-first-error" />
      <Form layout="vertical" onFinish={() => void restore()}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
          <Button onClick={() => void choose()} disabled={busy} data-testid="restore-first-choose">
            {t("backup.chooseFile")}
          </Button>
          {file && <Typography.Text data-testid="restore-first-file">{t("backup.file", { name: file })}</Typography.Text>}
        </Flex>
        <Form.Item htmlFor="restore-first-backup-passphrase" label={t("backup.passphrase")} required>
          <Input.Password
            autoComplete="off"
            value={backupPassphrase}
            onChange={(e) => setBackupPassphrase(e.target.value)}
            id="restore-first-backup-passphrase"
            data-testid="restore-first-backup-passphrase"
          />
        </Form.Item>
        <Typography.Title level={4}>{t("setup.restoreAdminTitle")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("setup.restoreAdminText")}</Typography.Paragraph>
        <Form.Item htmlFor="restore-first-name" label={t("setup.adminName")} required>
          <Input
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            id="restore-first-name"
            data-testid="restore-first-name"
          />
        </Form.Item>
        <Form.Item htmlFor="restore-first-password" label={t("setup.password")} required>
          <Input.Password
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            id="restore-first-password"
            data-testid="restore-first-password"
          />
        </Form.Item>
        <Divider />
        <UnlockChoiceFields
          keyringAvailable={keyringAvailable}
          method={method}
          onMethod={setMethod}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          testId="restore-first"
        />
        <Divider />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" disabled={!ready} loading={busy} data-testid="restore-first-submit">
            {t("backup.restore")}
          </Button>
          <Button onClick={onBack} disabled={busy} data-testid="restore-first-back">
            {t("setup.restoreBack")}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
