import { useEffect, useState, type HTMLAttributes } from "react";
import { Alert, Button, Flex, Popconfirm, Table, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  IMPORT_BATCHES_KEY,
  can,
  cancelImportBatch,
  onRunProgress,
  runNow,
  useBatchPayments,
  useImportBatches,
  type BatchView,
  type PaymentStatus,
} from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { PaymentStatusTag } from "../components/PaymentStatusTag";
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
  return (
    <Flex vertical gap={8} data-testid={`batch-payments-${batchId}`}>
      <Flex gap={8} align="center">
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
      </Flex>
      {error !== null && <ErrorAlert error={error} />}
      {payments.isError && <ErrorAlert error={payments.error} />}
      <Table
        size="small"
        rowKey="id"
        loading={payments.isPending}
        dataSource={payments.data ?? []}
        onRow={(p) => ({ "data-testid": `batch-payment-${p.customerRef}`, "data-status": p.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("import.payment.customer"), key: "customer", render: (_, p) => `${p.customerRef} · ${p.customerName}` },
          { title: t("import.payment.card"), dataIndex: "maskedPan", render: (m: string | null) => (m ? displayMaskedPan(m) : "") },
          { title: t("import.payment.amount"), key: "amount", render: (_, p) => formatMoney(p.amountMinor, p.currency) },
          { title: t("import.payment.dueDate"), dataIndex: "dueDate", render: (d: string) => formatDate(d) },
          {
            title: t("import.payment.status"),
            dataIndex: "status",
            render: (s: PaymentStatus) => <PaymentStatusTag status={s} />,
          },
          {
            title: t("import.payment.answer"),
            key: "answer",
            render: (_, p) => [p.hostCode, p.message].filter(Boolean).join(" · "),
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

  const cancel = async (batch: BatchView) => {
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
      <Table<BatchView>
        size="small"
        rowKey="id"
        loading={batches.isPending}
        dataSource={batches.data ?? []}
        locale={{ emptyText: t("import.batches.empty") }}
        onRow={(b) => ({ "data-testid": `batch-row-${b.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("import.batches.id"), dataIndex: "id", width: 60 },
          { title: t("import.batches.file"), dataIndex: "fileName" },
          { title: t("import.batches.created"), dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
          { title: t("import.batches.by"), dataIndex: "createdBy" },
          { title: t("import.batches.rows"), dataIndex: "rowsImported" },
          { title: t("import.batches.payments"), dataIndex: "payments" },
          { title: t("import.batches.pending"), dataIndex: "paymentsPending" },
          { title: t("import.batches.paid"), dataIndex: "paymentsPaid" },
          {
            key: "actions",
            render: (_, b) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setShown(b.id)} data-testid={`batch-show-${b.id}`}>
                  {t("import.batches.show")}
                </Button>
                {b.cancelledAt !== null ? (
                  <Tag>{t("import.batches.cancelled")}</Tag>
                ) : (
                  can(session, "import_batches", b.storeId) &&
                  b.paymentsPending > 0 && (
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
