import { useState } from "react";
import { Button, Flex, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, saveExport, type ExportFormat, type ExportRequest, type SavedExport } from "../api";
import { useSession } from "../session";
import { ErrorAlert } from "./ErrorAlert";
import { useSaving } from "./useSaving";

const FORMATS: readonly ExportFormat[] = ["xlsx", "csv", "csv_windows1254"];

/**
 * Export of what a screen shows (its filters included) to Excel or CSV, saved where the user
 * chooses in the native dialog; only for users who may export. Says what was saved, or why not.
 */
export function ExportButton({ request, testId }: { request: ExportRequest; testId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { busy, saved, error, save } = useSaving<SavedExport>();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  if (!can(session, "export")) return null;
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
        <Button loading={busy} onClick={() => void save(() => saveExport(request, format))} data-testid={testId}>
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
