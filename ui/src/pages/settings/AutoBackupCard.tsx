import { useState } from "react";
import { Alert, Button, Card, Descriptions, Flex, Form, InputNumber, Switch, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  BACKUP_SCHEDULE_KEY,
  chooseBackupFolder,
  setBackupSchedule,
  useBackupSchedule,
  type BackupSchedule,
  type LastBackup,
  type ScheduleChange,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime, pick } from "../../format";
import { BackupPassphraseFields } from "./BackupPassphraseFields";
import { passphraseReady } from "./backupRules";

function LastBackupText({ last }: { last: LastBackup | null }) {
  const { t, i18n } = useTranslation();
  if (!last) return <Typography.Text type="secondary">{t("backup.lastNone")}</Typography.Text>;
  const at = formatDateTime(last.at);
  return last.ok ? (
    <Typography.Text type="success" data-testid="auto-backup-last" data-ok="true">
      {t("backup.lastOk", { at, file: last.file ?? "" })}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" data-testid="auto-backup-last" data-ok="false">
      {t("backup.lastFailed", { at, why: last.error ? pick(last.error, i18n.resolvedLanguage) : "" })}
    </Typography.Text>
  );
}

/** On or off, how many kept, and the passphrase (typed twice; left empty keeps the kept one). */
function ScheduleForm(props: {
  schedule: BackupSchedule;
  busy: boolean;
  onSave: (change: ScheduleChange, passphrase: string | null) => void;
}) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(props.schedule.enabled);
  const [keep, setKeep] = useState(props.schedule.keep);
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const typed = first.length > 0 || second.length > 0;
  const passphraseOk = typed ? passphraseReady(first, second) : !enabled || props.schedule.has_passphrase;
  return (
    <Form layout="vertical" style={{ maxWidth: 420 }}>
      <Form.Item htmlFor="auto-backup-enabled" label={t("backup.enabled")}>
        <Switch checked={enabled} onChange={setEnabled} id="auto-backup-enabled" data-testid="auto-backup-enabled" />
      </Form.Item>
      <Form.Item htmlFor="auto-backup-keep" label={t("backup.keep")}>
        <InputNumber
          min={1}
          max={365}
          value={keep}
          onChange={(v) => setKeep(v ?? 7)}
          id="auto-backup-keep"
          data-testid="auto-backup-keep"
        />
      </Form.Item>
      {props.schedule.has_passphrase && <Typography.Paragraph type="secondary">{t("backup.passphraseKept")}</Typography.Paragraph>}
      <BackupPassphraseFields
        first={first}
        second={second}
        onFirst={setFirst}
        onSecond={setSecond}
        testId="auto-backup"
        required={!props.schedule.has_passphrase}
      />
      <Button
        type="primary"
        loading={props.busy}
        disabled={!passphraseOk}
        onClick={() => props.onSave({ enabled, keep }, typed ? first : null)}
        data-testid="auto-backup-apply"
      >
        {t("backup.apply")}
      </Button>
    </Form>
  );
}

/**
 * The automatic daily backups: their state and last result for everyone who may back up, and
 * for administrators the folder (native dialog), how many are kept, the passphrase and on/off.
 */
export function AutoBackupCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const schedule = useBackupSchedule();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const data = schedule.data;

  const run = async (work: () => Promise<BackupSchedule | null>, saved: boolean) => {
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const next = await work();
      if (next) client.setQueryData(BACKUP_SCHEDULE_KEY, next);
      if (saved && next) setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t("backup.autoTitle")} data-testid="auto-backup">
      <Typography.Paragraph>{t("backup.autoText", { keep: data?.keep ?? 7 })}</Typography.Paragraph>
      {schedule.isError && <ErrorAlert error={schedule.error} testId="auto-backup-load-error" />}
      {data && (
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t("backup.folder")}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text code={!!data.folder} data-testid="auto-backup-folder" style={{ wordBreak: "break-all" }}>
                {data.folder ?? t("backup.noFolder")}
              </Typography.Text>
              {editable && (
                <Button size="small" onClick={() => void run(chooseBackupFolder, false)} data-testid="auto-backup-choose-folder">
                  {t("backup.chooseFolder")}
                </Button>
              )}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t("backup.last")}>
            <LastBackupText last={data.last} />
          </Descriptions.Item>
        </Descriptions>
      )}
      {editable && data && (
        // Set afresh from what was saved each time the settings change.
        <ScheduleForm
          key={`${data.enabled}-${data.keep}-${data.has_passphrase}`}
          schedule={data}
          busy={busy}
          onSave={(change, passphrase) => void run(() => setBackupSchedule(change, passphrase), true)}
        />
      )}
      {done && <Alert style={{ marginTop: 12 }} type="success" showIcon message={t("backup.applied")} data-testid="auto-backup-applied" />}
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} testId="auto-backup-error" />
        </div>
      )}
    </Card>
  );
}
