import { useState } from "react";
import { Alert, Button, Card, Form, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { backupNow, type BackupSummary } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSaving } from "../../components/useSaving";
import { formatCount } from "../../format";
import { BackupPassphraseFields } from "./BackupPassphraseFields";
import { baseName, passphraseReady } from "./backupRules";

/** A backup now, under a passphrase typed twice, to a file chosen in the save dialog. */
export function BackupNowCard() {
  const { t } = useTranslation();
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const { busy, saved, error, save } = useSaving<BackupSummary>();
  return (
    <Card size="small" title={t("backup.nowTitle")}>
      <Typography.Paragraph>{t("backup.nowText")}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 420 }}>
        <BackupPassphraseFields first={first} second={second} onFirst={setFirst} onSecond={setSecond} testId="backup-now" />
        <Button
          type="primary"
          disabled={!passphraseReady(first, second)}
          loading={busy}
          onClick={() => void save(() => backupNow(first))}
          data-testid="backup-now-save"
        >
          {t("backup.save")}
        </Button>
      </Form>
      {saved !== null && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="backup-now-saved"
          message={t("backup.saved", { name: baseName(saved.path), size: `${formatCount(Math.ceil(saved.bytes / 1024))} KB` })}
        />
      )}
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} testId="backup-now-error" />
        </div>
      )}
    </Card>
  );
}
