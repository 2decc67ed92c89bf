import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { saveReceipts, type SavedReceipts } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSaving } from "../../components/useSaving";

/** Saves the receipts of every sale, refund and void approved in a period, a page each. */
export function ReceiptsButton({ storeId, from, to }: { storeId: number | null; from: string; to: string }) {
  const { t } = useTranslation();
  const { busy, saved, error, save } = useSaving<SavedReceipts>();
  return (
    <Flex vertical gap={4} align="flex-end">
      <Button loading={busy} onClick={() => void save(() => saveReceipts({ by: "period", store_id: storeId, from, to }))} data-testid="summary-receipts">
        {t("reports.summary.receipts")}
      </Button>
      {saved && (
        <Typography.Text type="success" data-testid="summary-receipts-saved">
          {t("reports.summary.receiptsSaved", { name: saved.file_name, count: saved.receipts })}
        </Typography.Text>
      )}
      <ErrorAlert error={error} testId="summary-receipts-error" />
    </Flex>
  );
}
