import { useState } from "react";
import { Button, Flex, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, saveExport, type ExportFormat, type ExportRequest, type SavedExport } from "../api";
import { useSession } from "../session";
import { ErrorAlert } from "./ErrorAlert";

const FORMATS: readonly ExportFormat[] = ["xlsx", "csv", "csv_windows1254"];

/**
 * Export of what a screen shows (its filters included) to Excel or CSV, saved where the user
 * chooses in the native dialog; only for users who may export. Says what was saved, or why not.
 */
export function ExportButton({ request, testId }: { request: ExportRequest; testId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedExport | null>(null);
  const [error, setError] = useState<unknown>();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  if (!can(session, "export")) return null;
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setSaved(null);
    try {
      setSaved(await saveExport(request, format));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={4} align="flex-end">
      <Space.Compact>
        <Select<ExportFormat>
          value={format}
          onChange={setFormat}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
          data-testid={`${testId}-format`}
          options={FORMATS.map((f) => ({ value: f, label: t(`reports.export.${f}`) }))}
        />
        <Button loading={busy} onClick={() => void save()} data-testid={testId}>
          {t("reports.export.button")}
        </Button>
      </Space.Compact>
      {saved && (
        <Typography.Text type="success" data-testid={`${testId}-saved`}>
          {t("reports.export.saved", { name: saved.file_name, rows: saved.rows })}
        </Typography.Text>
      )}
      <ErrorAlert error={error} testId={`${testId}-error`} />
    </Flex>
  );
}
