import { useState } from "react";
import { Button, Card, Col, Empty, Flex, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { usePeriodSummary, type BatchTotals, type Figure, type FigureKey, type KindTotals, type Totals } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ExportButton } from "../../components/ExportButton";
import { ReceiptsButton } from "../../components/ReceiptsButton";
import { RunsTable } from "./RunsTable";
import { daysFrom, formatMoney, formatPercent, monthOf, todayIso } from "../../format";
import { DateField } from "./DateField";
import { DeclinesTable } from "./DeclinesTable";
import { DueCollectedChart } from "./DueCollectedChart";
import { useOpenFigure } from "./figures";

/** The figures of the totals table, in order; the rate follows them. */
const TABLE_FIGURES: readonly FigureKey[] = ["due", "collected", "declined", "pending", "refunded", "voided", "cancelled"];

/** Longer periods are charted by month. */
const MAX_CHART_DAYS = 62;

/** Collected ÷ due by amount, as core rounds it (four decimals); null when nothing was due. */
function rateOf(due: Figure, collected: Figure): number | null {
  return due.minor > 0 ? Math.round((collected.minor / due.minor) * 10_000) / 10_000 : null;
}

/** An amount over its count, as every figure cell shows it. */
function AmountCount({ figure, currency }: { figure: Figure; currency: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="flex-end">
      <span style={{ whiteSpace: "nowrap" }}>{formatMoney(figure.minor, currency)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("reports.payments", { count: figure.count })}
      </Typography.Text>
    </Flex>
  );
}

/**
 * A period's summary for one store or all: the totals per currency (each figure opens its
 * payments), a chart by day (by month for long periods), the declines, by plan kind and by import.
 */
export function SummaryTab({ storeId }: { storeId: number | null }) {
  const { t } = useTranslation();
  const openFigure = useOpenFigure();
  const [range, setRange] = useState(() => monthOf(todayIso()));
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const ordered = from <= to;
  // The summary follows the dates only while the start is not after the end.
  const changeFrom = (day: string) => {
    setFrom(day);
    if (day <= to) setRange({ from: day, to });
  };
  const changeTo = (day: string) => {
    setTo(day);
    if (from <= day) setRange({ from, to: day });
  };
  const summary = usePeriodSummary({ store_id: storeId, from: range.from, to: range.to });
  const data = summary.data;
  const byMonth = daysFrom(range.from, range.to).length > MAX_CHART_DAYS;
  const chartRows = (byMonth ? data?.by_month : data?.by_day) ?? [];
  const loading = summary.isFetching && !data;

  return (
    <Flex vertical gap={16} data-testid="summary-tab">
      <Flex gap={8} wrap align="flex-start">
        <DateField label={t("reports.summary.from")} value={from} onChange={changeFrom} testId="summary-from" problem={ordered ? undefined : t("reports.summary.order")} />
        <DateField label={t("reports.summary.to")} value={to} onChange={changeTo} testId="summary-to" />
        <div style={{ marginInlineStart: "auto" }}>
          <Flex gap={8} align="flex-start" wrap>
            <ReceiptsButton
              selection={{ by: "period", store_id: storeId, from: range.from, to: range.to }}
              label={t("reports.summary.receipts")}
              testId="summary-receipts"
            />
            <ExportButton request={{ what: "summary", query: { store_id: storeId, from: range.from, to: range.to } }} testId="summary-export" />
          </Flex>
        </div>
      </Flex>
      <ErrorAlert error={summary.error} testId="summary-error" />
      <Card size="small" title={t("reports.summary.totals")}>
        <Table<Totals>
          size="small"
          data-testid="summary-totals"
          rowKey="currency"
          loading={loading}
          dataSource={data?.totals ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t("reports.summary.empty")} data-testid="summary-empty" /> }}
          onRow={(row) => ({ "data-testid": `summary-total-${row.currency}` }) as object}
          columns={[
            { title: t("reports.currency"), key: "currency", width: 90, fixed: "left", render: (_, row) => <strong>{row.currency}</strong> },
            ...TABLE_FIGURES.map((figure) => ({
              title: t(`reports.figure.${figure}`),
              key: figure,
              align: "right" as const,
              render: (_: unknown, row: Totals) => (
                <Button
                  type="link"
                  size="small"
                  style={{ height: "auto", padding: 0 }}
                  title={t("reports.openList")}
                  data-testid={`summary-${row.currency}-${figure}`}
                  data-count={row[figure].count}
                  data-minor={row[figure].minor}
                  onClick={() => openFigure(figure, range.from, range.to, storeId)}
                >
                  <AmountCount figure={row[figure]} currency={row.currency} />
                </Button>
              ),
            })),
            {
              title: t("reports.rate"),
              key: "rate",
              align: "right",
              width: 110,
              render: (_, row) => (
                <Flex vertical align="flex-end" data-testid={`summary-${row.currency}-rate`} data-rate={row.rate_amount ?? ""}>
                  <strong>{row.due.minor > 0 ? formatPercent(row.rate_amount) : "—"}</strong>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("reports.rateCount", { rate: row.due.count > 0 ? formatPercent(row.rate_count) : "—" })}
                  </Typography.Text>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      {chartRows.length > 0 && (
        <Card size="small" title={t(byMonth ? "reports.summary.byMonth" : "reports.summary.byDay")}>
          <DueCollectedChart rows={chartRows} from={range.from} to={range.to} byMonth={byMonth} testId="summary-chart" />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t("reports.summary.declines")}>
            <DeclinesTable declines={data?.declines ?? []} loading={loading} testId="summary-declines" />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t("reports.summary.byKind")}>
            <Table<KindTotals>
              size="small"
              data-testid="summary-kinds"
              rowKey={(r) => `${r.kind}-${r.currency}`}
              loading={loading}
              dataSource={data?.by_kind ?? []}
              pagination={false}
              scroll={{ x: 520 }}
              locale={{ emptyText: t("reports.summary.empty") }}
              onRow={(r) => ({ "data-testid": `summary-kind-${r.kind}-${r.currency}` }) as object}
              columns={[
                { title: t("reports.summary.kind"), key: "kind", ellipsis: true, render: (_, r) => t(`customers.planKind.${r.kind}`) },
                { title: t("reports.currency"), key: "currency", width: 90, render: (_, r) => r.currency },
                { title: t("reports.figure.due"), key: "due", align: "right", render: (_, r) => <AmountCount figure={r.due} currency={r.currency} /> },
                {
                  title: t("reports.figure.collected"),
                  key: "collected",
                  align: "right",
                  render: (_, r) => <AmountCount figure={r.collected} currency={r.currency} />,
                },
                { title: t("reports.rate"), key: "rate", width: 90, align: "right", render: (_, r) => formatPercent(rateOf(r.due, r.collected)) },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t("reports.summary.runs")}>
            <RunsTable runs={data?.runs ?? []} loading={loading} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t("reports.summary.byBatch")}>
            <Table<BatchTotals>
              size="small"
              data-testid="summary-batches"
              rowKey={(r) => `${r.batch_id}-${r.currency}`}
              loading={loading}
              dataSource={data?.by_batch ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 640 }}
              tableLayout="fixed"
              locale={{ emptyText: t("reports.summary.noBatches") }}
              onRow={(r) => ({ "data-testid": `summary-batch-${r.batch_id}-${r.currency}` }) as object}
              columns={[
                { title: t("reports.summary.batch"), key: "file", ellipsis: { showTitle: true }, render: (_, r) => r.file_name },
                { title: t("reports.currency"), key: "currency", width: 90, render: (_, r) => r.currency },
                { title: t("reports.figure.due"), key: "due", width: 170, align: "right", render: (_, r) => <AmountCount figure={r.due} currency={r.currency} /> },
                {
                  title: t("reports.figure.collected"),
                  key: "collected",
                  width: 170,
                  align: "right",
                  render: (_, r) => <AmountCount figure={r.collected} currency={r.currency} />,
                },
                { title: t("reports.rate"), key: "rate", width: 90, align: "right", render: (_, r) => formatPercent(rateOf(r.due, r.collected)) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
