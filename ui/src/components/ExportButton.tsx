import { useEffect, useState } from "react";
import { Button, Flex, Progress, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  can,
  onExportProgress,
  saveExport,
  type ExportFormat,
  type ExportProgress,
  type ExportRequest,
  type SavedExport,
} from "../api";
import { formatCount } from "../format";
import { useSession } from "../session";
import { ErrorAlert } from "./ErrorAlert";
import { useSaving } from "./useSaving";

const FORMATS: readonly ExportFormat[] = ["xlsx", "csv", "csv_windows1254"];

/**
 * Export of what a screen shows (its filters included) to Excel or CSV, saved where the user
 * chooses in the native dialog; only for users who may export. While it is saved, a large export
 * shows how far it has come; then it says what was saved, or why not.
 */
export function ExportButton({ request, testId }: { request: ExportRequest; testId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { busy, saved, error, save } = useSaving<SavedExport>();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  useEffect(() => (busy ? onExportProgress(setProgress) : undefined), [busy]);
  if (!can(session, "export")) return null;
  return (
    <Flex vertical gap={4} align="flex-end">
      <Space.Compact>
        <Select<ExportFormat>
          value={format}
          onChange={setFormat}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
          aria-label={t("reports.export.format")}
          data-testid={`${testId}-format`}
          options={FORMATS.map((f) => ({ value: f, label: t(`reports.export.${f}`) }))}
        />
        <Button
          loading={busy}
          onClick={() => {
            setProgress(null);
            void save(() => saveExport(request, format));
          }}
          data-testid={testId}
        >
          {t("reports.export.button")}
        </Button>
      </Space.Compact>
      {busy && progress && <ExportProgressBar progress={progress} testId={`${testId}-progress`} />}
      {saved && (
        <Typography.Text type="success" data-testid={`${testId}-saved`}>
          {t("reports.export.saved", { name: saved.file_name, rows: saved.rows })}
        </Typography.Text>
      )}
      <ErrorAlert error={error} testId={`${testId}-error`} />
    </Flex>
  );
}

/** The rows written so far, or what is being done before and after writing them. */
function ExportProgressBar({ progress, testId }: { progress: ExportProgress; testId: string }) {
  const { t } = useTranslation();
  const [percent, label] =
    progress.phase === "writing"
      ? [
          Math.floor((100 * progress.rows_done) / Math.max(progress.rows_total, 1)),
          t("reports.export.writing", {
            done: formatCount(progress.rows_done),
            total: formatCount(progress.rows_total),
          }),
        ]
      : progress.phase === "saving"
        ? [100, t("reports.export.saving")]
        : [0, t("reports.export.reading")];
  return (
    <Flex vertical align="flex-end" style={{ width: 260 }} data-testid={testId}>
      <Progress percent={percent} size="small" status="active" showInfo={false} style={{ margin: 0 }} aria-label={label} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Flex>
  );
}
