import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { saveReceipts, type ReceiptSelection, type SavedReceipts } from "../api";
import { ErrorAlert } from "./ErrorAlert";
import { useSaving } from "./useSaving";

/** Saves the receipts of a selection (a period, an import batch) as one PDF, a page each. */
export function ReceiptsButton({
  selection,
  label,
  testId,
  small = false,
}: {
  selection: ReceiptSelection;
  label: string;
  testId: string;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const { busy, saved, error, save } = useSaving<SavedReceipts>();
  return (
    <Flex vertical gap={4} align={small ? "flex-start" : "flex-end"}>
      <Button size={small ? "small" : "middle"} loading={busy} onClick={() => void save(() => saveReceipts(selection))} data-testid={testId}>
        {label}
      </Button>
      {saved && (
        <Typography.Text type="success" data-testid={`${testId}-saved`}>
          {t("reports.receiptsSaved", { name: saved.file_name, count: saved.receipts })}
        </Typography.Text>
      )}
      <ErrorAlert error={error} testId={`${testId}-error`} />
    </Flex>
  );
}
