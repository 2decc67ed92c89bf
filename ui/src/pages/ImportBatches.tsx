import { useEffect, useState, type HTMLAttributes } from "react";
import { Alert, Button, Flex, Popconfirm, Table, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  FIGURE_STATUSES,
  IMPORT_BATCHES_KEY,
  can,
  cancelImportBatch,
  onRunProgress,
  runNow,
  useBatchPayments,
  useImportBatches,
  type BatchInfo,
  type PaymentRow,
} from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { PaymentStatusTag } from "../components/StatusTag";
import { ReceiptsButton } from "../components/ReceiptsButton";
import { displayMaskedPan, formatDate, formatDateTime, formatMoney } from "../format";
import { useSession } from "../session";

/** The payments one batch brought, refreshed while a run goes on; "run now" for who may. */
export function BatchPayments({ batchId }: { batchId: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const payments = useBatchPayments(batchId);
  const [error, setError] = useState<unknown>(null);
  const { refetch } = payments;
  useEffect(() => onRunProgress(() => void refetch()), [refetch]);
  // A sale the bank approved (refunded or voided later, too) has its receipt.
  const collected =
    can(session, "view_reports") &&
    (payments.data ?? []).some((p) => [...FIGURE_STATUSES.collected, ...FIGURE_STATUSES.voided].includes(p.status));
  return (
    <Flex vertical gap={8} data-testid={`batch-payments-${batchId}`}>
      <Flex gap={8} align="flex-start" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("import.done.payments")}
        </Typography.Title>
        {can(session, "submit_provisions") && (
          <Button
            size="small"
            data-testid="batch-run-now"
            onClick={() => {
              setError(null);
              runNow().catch(setError);
            }}
          >
            {t("import.done.runNow")}
          </Button>
        )}
        {collected && (
          <ReceiptsButton selection={{ by: "batch", batch_id: batchId }} label={t("import.done.receipts")} testId="batch-receipts" small />
        )}
      </Flex>
      {error !== null && <ErrorAlert error={error} />}
      {payments.isError && <ErrorAlert error={payments.error} />}
      <Table<PaymentRow>
        size="small"
        rowKey="id"
        loading={payments.isPending}
        dataSource={payments.data ?? []}
        onRow={(p) => ({ "data-testid": `batch-payment-${p.customer_ref}`, "data-status": p.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("import.payment.customer"), key: "customer", render: (_, p) => `${p.customer_ref} · ${p.customer_name}` },
          { title: t("import.payment.card"), key: "masked_pan", render: (_, p) => (p.masked_pan ? displayMaskedPan(p.masked_pan) : "") },
          { title: t("import.payment.amount"), key: "amount", render: (_, p) => formatMoney(p.amount_minor, p.currency) },
          { title: t("import.payment.dueDate"), key: "due_date", render: (_, p) => formatDate(p.due_date) },
          {
            title: t("import.payment.status"),
            key: "status",
            render: (_, p) => <PaymentStatusTag status={p.status} />,
          },
          {
            title: t("import.payment.answer"),
            key: "answer",
            render: (_, p) => [p.host_code, p.message].filter(Boolean).join(" · "),
          },
        ]}
      />
    </Flex>
  );
}

/** Committed batches, newest first; cancel for who may import into the store. */
export function ImportBatches() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSession();
  const batches = useImportBatches();
  const [shown, setShown] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (shown !== null) {
    return (
      <Flex vertical gap={12}>
        <div>
          <Button onClick={() => setShown(null)} data-testid="batches-back">
            {t("import.batches.back")}
          </Button>
        </div>
        <BatchPayments batchId={shown} />
      </Flex>
    );
  }

  const cancel = async (batch: BatchInfo) => {
    setError(null);
    try {
      const done = await cancelImportBatch(batch.id);
      setNotice(t("import.batches.cancelDone", { cancelled: done.cancelled, kept: done.kept }));
      await client.invalidateQueries({ queryKey: IMPORT_BATCHES_KEY });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="import-batches">
      {error !== null && <ErrorAlert error={error} />}
      {notice !== null && <Alert type="success" showIcon data-testid="batch-cancel-done" message={notice} />}
      {batches.isError && <ErrorAlert error={batches.error} />}
      <Table<BatchInfo>
        size="small"
        rowKey="id"
        loading={batches.isPending}
        dataSource={batches.data ?? []}
        locale={{ emptyText: t("import.batches.empty") }}
        onRow={(b) => ({ "data-testid": `batch-row-${b.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("import.batches.id"), key: "id", width: 60, render: (_, b) => b.id },
          { title: t("import.batches.file"), key: "file_name", render: (_, b) => b.file_name },
          { title: t("import.batches.created"), key: "created_at", render: (_, b) => formatDateTime(b.created_at) },
          { title: t("import.batches.by"), key: "created_by", render: (_, b) => b.created_by },
          { title: t("import.batches.rows"), key: "rows_imported", render: (_, b) => b.rows_imported },
          { title: t("import.batches.payments"), key: "payments", render: (_, b) => b.payments },
          { title: t("import.batches.pending"), key: "payments_pending", render: (_, b) => b.payments_pending },
          { title: t("import.batches.paid"), key: "payments_paid", render: (_, b) => b.payments_paid },
          {
            key: "actions",
            render: (_, b) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setShown(b.id)} data-testid={`batch-show-${b.id}`}>
                  {t("import.batches.show")}
                </Button>
                {b.cancelled_at !== null ? (
                  <Tag>{t("import.batches.cancelled")}</Tag>
                ) : (
                  can(session, "import_batches", b.store_id) &&
                  b.payments_pending > 0 && (
                    <Popconfirm title={t("import.batches.cancelConfirm")} onConfirm={() => cancel(b)}>
                      <Button size="small" danger data-testid={`batch-cancel-${b.id}`}>
                        {t("import.batches.cancel")}
                      </Button>
                    </Popconfirm>
                  )
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
