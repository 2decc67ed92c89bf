import { useState, type ReactNode } from "react";
import { Card, Flex, Table, Typography, theme } from "antd";
import type { ColumnType, SorterResult, SortOrder } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { ARREARS_PAGE_SIZE, useArrears, type Ageing, type ArrearsRow, type ArrearsSort, type ArrearsTotal } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ExportButton } from "../../components/ExportButton";
import { formatCount, formatDate, formatMoney, todayIso } from "../../format";
import { DateField } from "./DateField";
import { openableRow } from "../../components/openableRow";

/** The sorts the backend applies, each in its one direction; a sortable column's `key` is its sort. */
const SORT_ORDER: Record<ArrearsSort, SortOrder> = {
  amount: "descend",
  oldest: "ascend",
  name: "ascend",
  reference: "ascend",
};
const DEFAULT_SORT: ArrearsSort = "amount";

function sortOf(columnKey: unknown): ArrearsSort | undefined {
  return (Object.keys(SORT_ORDER) as ArrearsSort[]).find((sort) => sort === columnKey);
}

/** The age buckets, youngest first; older ones are drawn stronger. */
const BUCKETS: readonly (keyof Ageing)[] = ["days_0_30", "days_31_60", "days_61_90", "days_over_90"];

/** One bucket's amount, the stronger the older; nothing owed there is a dash. */
function BucketAmount({ bucket, minor, currency }: { bucket: keyof Ageing; minor: number; currency: string }) {
  const { token } = theme.useToken();
  if (minor === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const style = {
    days_0_30: { color: token.colorTextSecondary },
    days_31_60: { color: token.colorText },
    days_61_90: { color: token.colorWarningText, fontWeight: 600 },
    days_over_90: { color: token.colorErrorText, fontWeight: 700 },
  }[bucket];
  return <span style={{ ...style, whiteSpace: "nowrap" }}>{formatMoney(minor, currency)}</span>;
}

/** The bucket columns of both tables (rows and totals). */
function bucketColumns<T extends { currency: string; ageing: Ageing }>(title: (bucket: keyof Ageing) => ReactNode): ColumnType<T>[] {
  return BUCKETS.map((bucket) => ({
    title: title(bucket),
    key: bucket,
    width: 120,
    align: "right" as const,
    render: (_: unknown, row: T) => <BucketAmount bucket={bucket} minor={row.ageing[bucket]} currency={row.currency} />,
  }));
}

interface Props {
  storeId: number | null;
  onOpenCustomer: (customerId: number) => void;
}

/**
 * Who owes, as of a day: one row per customer and currency with the arrears by age, sorted and
 * paged on the server, and the totals of all pages per currency above. A row opens the customer.
 */
export function ArrearsTab({ storeId, onOpenCustomer }: Props) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(() => todayIso());
  const [sort, setSort] = useState<ArrearsSort>(DEFAULT_SORT);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(ARREARS_PAGE_SIZE);
  // Another store: back to the first page.
  const [shownStore, setShownStore] = useState(storeId);
  if (shownStore !== storeId) {
    setShownStore(storeId);
    setPage(1);
  }
  const arrears = useArrears({ store_id: storeId, as_of: asOf, sort, offset: (page - 1) * pageSize, limit: pageSize });
  const data = arrears.data;
  const sortable = (key: ArrearsSort): Pick<ColumnType<ArrearsRow>, "key" | "sorter" | "sortOrder" | "sortDirections"> => ({
    key,
    sorter: true,
    sortOrder: sort === key ? SORT_ORDER[key] : null,
    sortDirections: [SORT_ORDER[key]],
  });
  const bucketTitle = (bucket: keyof Ageing) => t(`reports.arrears.columns.${bucket}`);

  return (
    <Flex vertical gap={16} data-testid="arrears-tab">
      <Typography.Text type="secondary">{t("reports.arrears.intro")}</Typography.Text>
      <Flex gap={8} wrap align="flex-start">
        <DateField
          label={t("reports.arrears.asOf")}
          value={asOf}
          testId="arrears-as-of"
          onChange={(day) => {
            setAsOf(day);
            setPage(1);
          }}
        />
        <div style={{ marginInlineStart: "auto" }}>
          <ExportButton request={{ what: "arrears", query: { store_id: storeId, as_of: asOf, sort } }} testId="arrears-export" />
        </div>
      </Flex>
      <ErrorAlert error={arrears.error} testId="arrears-error" />
      {data && data.totals.length > 0 && (
        <Card size="small">
          <Table<ArrearsTotal>
            size="small"
            data-testid="arrears-totals"
            rowKey="currency"
            dataSource={data.totals}
            pagination={false}
            scroll={{ x: 800 }}
            onRow={(r) =>
              ({ "data-testid": `arrears-total-${r.currency}`, "data-minor": r.arrears_minor, "data-customers": r.customers }) as object
            }
            columns={[
              { title: t("reports.currency"), key: "currency", width: 90, render: (_, r) => <strong>{r.currency}</strong> },
              {
                title: t("reports.arrears.columns.arrears"),
                key: "arrears",
                align: "right",
                render: (_, r) => (
                  <Flex vertical align="flex-end">
                    <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
                      {formatMoney(r.arrears_minor, r.currency)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("reports.arrears.totalsLine", { customers: formatCount(r.customers), payments: formatCount(r.payments) })}
                    </Typography.Text>
                  </Flex>
                ),
              },
              ...bucketColumns<ArrearsTotal>(bucketTitle),
            ]}
          />
        </Card>
      )}
      <Table<ArrearsRow>
        size="small"
        data-testid="arrears-table"
        rowKey={(r) => `${r.customer_id}-${r.currency}`}
        loading={arrears.isFetching && !data}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1200 }}
        tableLayout="fixed"
        locale={{ emptyText: t("reports.arrears.empty") }}
        onRow={(r) =>
          openableRow(`arrears-row-${r.reference}-${r.currency}`, () => onOpenCustomer(r.customer_id), {
            "data-minor": r.arrears_minor,
            "data-oldest": r.oldest_due,
          })
        }
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === "sort") {
            const s = sorter as SorterResult<ArrearsRow>;
            setSort((s.order ? sortOf(s.columnKey) : undefined) ?? DEFAULT_SORT);
            setPage(1);
            return;
          }
          const size = pagination.pageSize ?? pageSize;
          setPage(size !== pageSize ? 1 : (pagination.current ?? 1));
          setPageSize(size);
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: [50, 100, 200, 500],
          showSizeChanger: true,
          showTotal: (total) => <span data-testid="arrears-total">{t("reports.arrears.total", { count: total })}</span>,
        }}
        columns={[
          { title: t("reports.arrears.columns.reference"), ...sortable("reference"), width: 120, fixed: "left", ellipsis: true, render: (_, r) => r.reference },
          { title: t("reports.arrears.columns.name"), ...sortable("name"), width: 200, ellipsis: true, render: (_, r) => r.name },
          { title: t("reports.arrears.columns.store"), key: "store", width: 130, ellipsis: true, render: (_, r) => r.store },
          {
            title: t("reports.arrears.columns.arrears"),
            ...sortable("amount"),
            width: 150,
            align: "right",
            render: (_, r) => (
              <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
                {formatMoney(r.arrears_minor, r.currency)}
              </Typography.Text>
            ),
          },
          { title: t("reports.arrears.columns.payments"), key: "payments", width: 80, align: "right", render: (_, r) => formatCount(r.payments) },
          { title: t("reports.arrears.columns.oldest"), ...sortable("oldest"), width: 130, render: (_, r) => formatDate(r.oldest_due) },
          ...bucketColumns<ArrearsRow>(bucketTitle),
        ]}
      />
    </Flex>
  );
}
