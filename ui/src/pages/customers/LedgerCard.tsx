import { Card, Empty, Flex, Table, Tag, Tooltip, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { useCustomerLedger, type LedgerLine, type LedgerTotals } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ExportButton } from "../../components/ExportButton";
import { displayMaskedPan, formatDate, formatMoney, pick } from "../../format";
import { declineCode } from "../reports/DeclinesTable";

/** The totals' columns, in order. */
const TOTALS: readonly (keyof Omit<LedgerTotals, "currency">)[] = [
  "due_minor",
  "paid_minor",
  "refunded_minor",
  "arrears_minor",
  "balance_minor",
];
const TOTAL_LABEL = {
  due_minor: "due",
  paid_minor: "paid",
  refunded_minor: "refunded",
  arrears_minor: "arrears",
  balance_minor: "balance",
} as const satisfies Record<(typeof TOTALS)[number], string>;

/**
 * A customer's ledger (hesap ekstresi) as of today: every due, charge, decline, void and refund
 * in date order with the running balance of its currency, the dues still owed highlighted, and
 * the totals per currency.
 */
export function LedgerCard({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const ledger = useCustomerLedger({ customer_id: customerId });
  const data = ledger.data;

  return (
    <Card
      size="small"
      title={t("reports.ledger.title")}
      extra={
        data && (
          <Flex gap={12} align="center">
            <span data-testid="ledger-as-of">{t("reports.ledger.asOf", { date: formatDate(data.as_of) })}</span>
            <ExportButton request={{ what: "ledger", query: { customer_id: customerId } }} testId="ledger-export" />
          </Flex>
        )
      }
      data-testid="customer-ledger"
    >
      <ErrorAlert error={ledger.error} testId="ledger-error" />
      {data && data.lines.length === 0 ? (
        <Empty description={t("reports.ledger.empty")} data-testid="ledger-empty" />
      ) : (
        <Flex vertical gap={12}>
          {data && (
            <Table<LedgerTotals>
              size="small"
              data-testid="ledger-totals"
              rowKey="currency"
              dataSource={data.totals}
              pagination={false}
              scroll={{ x: 760 }}
              onRow={(r) =>
                ({
                  "data-testid": `ledger-total-${r.currency}`,
                  "data-arrears": r.arrears_minor,
                  "data-balance": r.balance_minor,
                }) as object
              }
              columns={[
                { title: t("reports.currency"), key: "currency", width: 90, render: (_, r) => <strong>{r.currency}</strong> },
                ...TOTALS.map((field) => ({
                  title: t(`reports.ledger.totals.${TOTAL_LABEL[field]}`),
                  key: field,
                  align: "right" as const,
                  render: (_: unknown, r: LedgerTotals) => {
                    const text = formatMoney(r[field], r.currency);
                    if (field === "arrears_minor" && r.arrears_minor > 0) return <Typography.Text type="danger" strong>{text}</Typography.Text>;
                    if (field === "balance_minor") return <Typography.Text strong>{text}</Typography.Text>;
                    return text;
                  },
                })),
              ]}
            />
          )}
          <Table<LedgerLine>
            size="small"
            data-testid="ledger-lines"
            rowKey={(r) => `${r.payment_id}-${r.entry}-${r.date}-${r.at ?? ""}-${r.order_id ?? ""}`}
            loading={ledger.isPending && !ledger.error}
            dataSource={data?.lines ?? []}
            scroll={{ x: 860 }}
            tableLayout="fixed"
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(r, index) =>
              ({
                "data-testid": `ledger-line-${index ?? 0}`,
                "data-entry": r.entry,
                "data-owed": r.owed,
                "data-balance": r.balance_minor,
                style: r.owed ? { background: token.colorWarningBg } : undefined,
              }) as object
            }
            columns={[
              { title: t("reports.ledger.columns.date"), key: "date", width: 100, render: (_, r) => formatDate(r.date) },
              {
                title: t("reports.ledger.columns.entry"),
                key: "entry",
                width: 180,
                render: (_, r) => (
                  <Flex gap={6} align="center" wrap>
                    <span>{t(`reports.ledger.entry.${r.entry}`)}</span>
                    {r.owed && (
                      <Tooltip title={t("reports.ledger.owedHelp")}>
                        <Tag color="orange" data-testid="ledger-owed">
                          {t("reports.ledger.owed")}
                        </Tag>
                      </Tooltip>
                    )}
                  </Flex>
                ),
              },
              {
                title: t("reports.ledger.columns.amount"),
                key: "amount",
                width: 130,
                align: "right",
                // A decline changes nothing: it shows what was asked for, greyed.
                render: (_, r) => (
                  <Typography.Text type={r.entry === "decline" ? "secondary" : undefined} style={{ whiteSpace: "nowrap" }}>
                    {formatMoney(r.amount_minor, r.currency)}
                  </Typography.Text>
                ),
              },
              {
                title: t("reports.ledger.columns.balance"),
                key: "balance",
                width: 130,
                align: "right",
                render: (_, r) => (
                  <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
                    {formatMoney(r.balance_minor, r.currency)}
                  </Typography.Text>
                ),
              },
              {
                title: t("reports.ledger.columns.card"),
                key: "card",
                width: 170,
                render: (_, r) => (r.masked_pan ? displayMaskedPan(r.masked_pan) : "—"),
              },
              {
                title: t("reports.ledger.columns.reason"),
                key: "reason",
                ellipsis: { showTitle: true },
                render: (_, r) =>
                  r.entry === "decline" ? `${declineCode(r)}${r.reason ? ` · ${pick(r.reason, i18n.resolvedLanguage)}` : ""}` : "",
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
