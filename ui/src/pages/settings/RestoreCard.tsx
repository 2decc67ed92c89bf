import { useState } from "react";
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  chooseRestoreFile,
  previewBackup,
  restoreBackup,
  RESTORE_WORDS,
  SETUP_STATUS_KEY,
  toApiError,
  type BackupPreview,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useAttempt } from "../../components/useAttempt";
import { formatCount, formatDateTime } from "../../format";

/**
 * A restore: the backup file (native dialog), its passphrase, a preview of what it holds, and
 * the confirmation typed in full. Afterwards the window signs in again, to the restored vault.
 */
export function RestoreCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [confirmation, setConfirmation] = useState("");
  const [needsVaultPassphrase, setNeedsVaultPassphrase] = useState(false);
  const [vaultPassphrase, setVaultPassphrase] = useState("");
  const { busy, error, attempt: run } = useAttempt();
  const word = i18n.resolvedLanguage === "en" ? RESTORE_WORDS.en : RESTORE_WORDS.tr;

  const attempt = (work: () => Promise<void>) =>
    run(work, (e) => {
      if (toApiError(e).code === "passphrase_required") setNeedsVaultPassphrase(true);
    });

  const choose = () =>
    attempt(async () => {
      const name = await chooseRestoreFile();
      if (name !== null) {
        setFile(name);
        setPreview(null);
        setConfirmation("");
      }
    });
  const open = () => attempt(async () => setPreview(await previewBackup(passphrase)));
  const restore = () =>
    attempt(async () => {
      await restoreBackup(passphrase, confirmation, needsVaultPassphrase ? vaultPassphrase : null);
      // The restored vault's users sign in again; nothing of this vault stays cached.
      client.removeQueries({ predicate: (query) => !["app_info", SETUP_STATUS_KEY[0]].includes(String(query.queryKey[0])) });
      await client.invalidateQueries({ queryKey: SETUP_STATUS_KEY });
    });

  return (
    <Card size="small" title={t("backup.restoreTitle")} data-testid="restore-card">
      <Typography.Paragraph>{t("backup.restoreText")}</Typography.Paragraph>
      <Flex vertical gap={12} align="flex-start">
        <Flex gap={8} align="center" wrap>
          <Button onClick={() => void choose()} disabled={busy} data-testid="restore-choose-file">
            {t("backup.chooseFile")}
          </Button>
          {file && <Typography.Text data-testid="restore-file">{t("backup.file", { name: file })}</Typography.Text>}
        </Flex>
        {file && (
          <Form layout="vertical" style={{ width: "100%", maxWidth: 420 }}>
            <Form.Item htmlFor="restore-passphrase" label={t("backup.passphrase")} required>
              <Flex gap={8}>
                <Input.Password
                  autoComplete="off"
                  value={passphrase}
                  onChange={(e) => {
                    setPassphrase(e.target.value);
                    setPreview(null);
                  }}
                  id="restore-passphrase"
                  data-testid="restore-passphrase"
                />
                <Button onClick={() => void open()} loading={busy && !preview} disabled={!passphrase} data-testid="restore-preview">
                  {t("backup.preview")}
                </Button>
              </Flex>
            </Form.Item>
          </Form>
        )}
        {preview && (
          <>
            <Descriptions column={1} size="small" bordered style={{ width: "100%" }} data-testid="restore-preview-facts">
              <Descriptions.Item label={t("backup.previewDate")}>
                <span data-testid="restore-preview-date">{formatDateTime(preview.created_at)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("backup.previewCustomers")}>
                <span data-testid="restore-preview-customers">{formatCount(preview.customers)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("backup.previewPlans")}>{formatCount(preview.plans)}</Descriptions.Item>
              <Descriptions.Item label={t("backup.previewPayments")}>{formatCount(preview.payments)}</Descriptions.Item>
            </Descriptions>
            {!preview.same_vault && <Alert type="warning" showIcon message={t("backup.otherVault")} data-testid="restore-other-vault" />}
            <Form layout="vertical" style={{ width: "100%", maxWidth: 420 }}>
              {needsVaultPassphrase && (
                <Form.Item
                  htmlFor="restore-vault-passphrase"
                  label={t("backup.vaultPassphrase")}
                  extra={t("backup.vaultPassphraseText")}
                  required
                >
                  <Input.Password
                    autoComplete="new-password"
                    value={vaultPassphrase}
                    onChange={(e) => setVaultPassphrase(e.target.value)}
                    id="restore-vault-passphrase"
                    data-testid="restore-vault-passphrase"
                  />
                </Form.Item>
              )}
              <Form.Item htmlFor="restore-confirmation" label={t("backup.confirmLabel", { word })} required>
                <Input
                  value={confirmation}
                  onChange={(e) => setConfirmation(e.target.value)}
                  id="restore-confirmation"
                  data-testid="restore-confirmation"
                />
              </Form.Item>
              <Button
                danger
                type="primary"
                loading={busy}
                disabled={confirmation.trim() !== word}
                onClick={() => void restore()}
                data-testid="restore-submit"
              >
                {t("backup.restore")}
              </Button>
            </Form>
          </>
        )}
        {error !== undefined && <ErrorAlert error={error} testId="restore-error" />}
      </Flex>
    </Card>
  );
}
