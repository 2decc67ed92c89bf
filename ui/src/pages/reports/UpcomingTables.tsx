import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ExpiringDue, UpcomingDay } from "../../api";
import { openableRow } from "../../components/openableRow";
import { displayMaskedPan, formatCount, formatDate, formatMoney } from "../../format";

interface DaysProps {
  days: UpcomingDay[];
  loading?: boolean;
  testId: string;
  emptyText: string;
  /** Opens the payments of a day; rows are not clickable without it. */
  onOpenDay?: (day: string) => void;
  pageSize?: number;
}

/** What falls due each coming day, one row per day and currency. */
export function UpcomingDaysTable({ days, loading, testId, emptyText, onOpenDay, pageSize = 31 }: DaysProps) {
  const { t } = useTranslation();
  return (
    <Table<UpcomingDay>
      size="small"
      data-testid={testId}
      loading={loading}
      rowKey={(r) => `${r.day}-${r.currency}`}
      dataSource={days}
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText }}
      onRow={(r) => {
        const extra = { "data-day": r.day, "data-currency": r.currency, "data-count": r.due.count, "data-minor": r.due.minor };
        const id = `${testId}-${r.day}-${r.currency}`;
        return onOpenDay ? openableRow(id, () => onOpenDay(r.day), extra) : ({ "data-testid": id, ...extra } as object);
      }}
      columns={[
        { title: t("reports.upcoming.day"), key: "day", render: (_, r) => formatDate(r.day) },
        { title: t("reports.upcoming.count"), key: "count", width: 90, align: "right", render: (_, r) => formatCount(r.due.count) },
        {
          title: t("reports.upcoming.amount"),
          key: "amount",
          align: "right",
          render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{formatMoney(r.due.minor, r.currency)}</span>,
        },
      ]}
    />
  );
}

interface ExpiringProps {
  expiring: ExpiringDue[];
  loading?: boolean;
  testId: string;
  /** Opens the customer; rows are not clickable without it. */
  onOpenCustomer?: (customerId: number) => void;
  pageSize?: number;
  /** Fewer columns for a narrow card. */
  compact?: boolean;
}

/** The payments whose card will have expired by their due date: call the customer first. */
export function ExpiringDuesTable({ expiring, loading, testId, onOpenCustomer, pageSize = 20, compact }: ExpiringProps) {
  const { t } = useTranslation();
  return (
    <Table<ExpiringDue>
      size="small"
      data-testid={testId}
      loading={loading}
      rowKey="payment_id"
      dataSource={expiring}
      tableLayout="fixed"
      scroll={compact ? undefined : { x: 720 }}
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t("reports.upcoming.noExpiring") }}
      onRow={(r) => {
        const id = `${testId}-${r.payment_id}`;
        const extra = { "data-customer": r.reference };
        return onOpenCustomer ? openableRow(id, () => onOpenCustomer(r.customer_id), extra) : ({ "data-testid": id, ...extra } as object);
      }}
      columns={[
        { title: t("reports.upcoming.columns.due"), key: "due", width: 100, render: (_, r) => formatDate(r.due_date) },
        {
          title: t("reports.upcoming.columns.customer"),
          key: "customer",
          ellipsis: true,
          render: (_, r) => (
            <span>
              {r.name} <Typography.Text type="secondary">({r.reference})</Typography.Text>
            </span>
          ),
        },
        {
          title: t("reports.upcoming.columns.amount"),
          key: "amount",
          width: 130,
          align: "right",
          render: (_, r) => formatMoney(r.amount_minor, r.currency),
        },
        ...(compact
          ? []
          : [
              {
                title: t("reports.upcoming.columns.card"),
                key: "card",
                width: 180,
                render: (_: unknown, r: ExpiringDue) => displayMaskedPan(r.masked_pan),
              },
            ]),
        {
          title: t("reports.upcoming.columns.validThrough"),
          key: "valid_through",
          width: 120,
          render: (_, r) => <Typography.Text type="danger">{formatDate(r.valid_through)}</Typography.Text>,
        },
      ]}
    />
  );
}
