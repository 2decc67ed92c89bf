import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { markOnce, STARTUP_MARKS } from "../startupMarks";
import {
  can,
  OWED_STATUSES,
  useAppInfo,
  useAttentionQueue,
  usePeriodSummary,
  useStores,
  useSchedulerStatus,
  useUpcomingDues,
  type ExpiringDue,
  type RunRecord,
} from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { riskiestEnvironment } from "../components/riskiestEnvironment";
import { addDays, formatCount, formatDate, formatDateTime, formatMoney, monthOf, todayIso } from "../format";
import { useNavigation } from "../navigation";
import { useSession } from "../session";
import { DeclinesTable } from "./reports/DeclinesTable";
import { DueCollectedChart } from "./reports/DueCollectedChart";
import { PeriodFigures } from "./reports/figures";
import { UpcomingDaysTable } from "./reports/UpcomingTables";

/** The days the dashboard's chart covers, today included. */
const CHART_DAYS = 30;
/** The coming days the dashboard lists, today included. */
const UPCOMING_DAYS = 7;

export function DashboardPage() {
  const { t } = useTranslation();
  useEffect(() => markOnce(STARTUP_MARKS.dashboardShown), []);
  const session = useSession();
  const info = useAppInfo();
  const stores = useStores();
  // The stores' own environments once they are known: a live store makes the notice live.
  const environment = riskiestEnvironment(stores.data ?? []) ?? info.data?.environment;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("dashboard.title")}
      </Typography.Title>
      {environment && (
        <Alert
          data-testid="env-notice"
          data-environment={environment}
          type={environment === "live" ? "warning" : "info"}
          showIcon
          message={t(`dashboard.${environment}Title`)}
          description={t(`dashboard.${environment}Text`)}
          style={{ marginBottom: 24 }}
        />
      )}
      {can(session, "view_reports") && <Accounts />}
      {info.data && (
        <Descriptions column={1} size="small" style={{ marginTop: 24 }}>
          <Descriptions.Item label={t("dashboard.dataDir")}>
            <Typography.Text code data-testid="data-dir">
              {info.data.about.data_dir}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}

/**
 * Today's and this month's figures (Istanbul days), the last 30 days' chart, the month's decline
 * reasons, the coming week's dues and what waits for an operator; every store the user may see.
 * A figure opens the payments it counts.
 */
function Accounts() {
  const { t } = useTranslation();
  const { open } = useNavigation();
  const today = todayIso();
  const month = monthOf(today);
  const chartFrom = addDays(today, -(CHART_DAYS - 1));
  const todaySummary = usePeriodSummary({ from: today, to: today });
  const monthSummary = usePeriodSummary({ from: month.from, to: month.to });
  const chartSummary = usePeriodSummary({ from: chartFrom, to: today });
  const upcoming = useUpcomingDues({ days: UPCOMING_DAYS });
  const attention = useAttentionQueue(null);
  const error = todaySummary.error ?? monthSummary.error ?? chartSummary.error ?? upcoming.error ?? attention.error;
  const chartRows = chartSummary.data?.by_day ?? [];
  const waiting = attention.data?.payments_total ?? 0;
  const expiring = upcoming.data?.expiring ?? [];

  return (
    <Flex vertical gap={16} data-testid="dash-accounts">
      <ErrorAlert error={error} testId="dash-error" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t("dashboard.today")}
            extra={formatDate(today)}
            loading={todaySummary.isPending && !todaySummary.error}
            data-testid="dash-today"
          >
            <PeriodFigures totals={todaySummary.data?.totals ?? []} from={today} to={today} testPrefix="dash-today" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t("dashboard.month")}
            extra={t("reports.range", { from: formatDate(month.from), to: formatDate(month.to) })}
            loading={monthSummary.isPending && !monthSummary.error}
            data-testid="dash-month"
          >
            <PeriodFigures totals={monthSummary.data?.totals ?? []} from={month.from} to={month.to} testPrefix="dash-month" />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t("dashboard.chartTitle")} loading={chartSummary.isPending && !chartSummary.error}>
            {chartRows.length === 0 ? (
              <Empty description={t("dashboard.chartEmpty")} data-testid="dash-chart-empty" />
            ) : (
              <DueCollectedChart rows={chartRows} from={chartFrom} to={today} testId="dash-chart" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("dashboard.declinesTitle")} extra={t("reports.range", { from: formatDate(month.from), to: formatDate(month.to) })}>
            <DeclinesTable
              declines={monthSummary.data?.declines ?? []}
              loading={monthSummary.isPending && !monthSummary.error}
              testId="dash-declines"
              pageSize={8}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={8}>
          <Card size="small" title={t("dashboard.upcomingTitle")}>
            <UpcomingDaysTable
              days={upcoming.data?.days ?? []}
              loading={upcoming.isPending && !upcoming.error}
              testId="dash-upcoming"
              emptyText={t("dashboard.upcomingNone")}
              onOpenDay={(day) => open("payments", { statuses: OWED_STATUSES, dueFrom: day, dueTo: day })}
            />
            {expiring.length > 0 && (
              <List<ExpiringDue>
                size="small"
                header={<Typography.Text type="danger">{t("dashboard.expiringTitle", { count: expiring.length })}</Typography.Text>}
                dataSource={expiring}
                data-testid="dash-expiring"
                pagination={expiring.length > 5 ? { pageSize: 5, size: "small" } : false}
                renderItem={(e) => (
                  <List.Item
                    key={e.payment_id}
                    data-testid={`dash-expiring-${e.payment_id}`}
                    actions={[
                      <Button key="open" size="small" type="link" onClick={() => open("customers", { customerId: e.customer_id })}>
                        {e.reference}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={<Typography.Text ellipsis>{e.name}</Typography.Text>}
                      description={`${formatDate(e.due_date)} · ${formatMoney(e.amount_minor, e.currency)} · ${t("reports.upcoming.columns.validThrough")} ${formatDate(e.valid_through)}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10} xl={6}>
          <Card size="small" title={t("dashboard.attentionTitle")} loading={attention.isPending && !attention.error}>
            <Flex vertical gap={12} align="flex-start" data-testid="dash-attention" data-count={waiting}>
              <Typography.Text strong style={{ fontSize: 28 }} type={waiting > 0 ? "danger" : undefined}>
                {formatCount(waiting)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {waiting > 0 ? t("dashboard.attentionCount", { count: waiting }) : t("dashboard.attentionNone")}
              </Typography.Text>
              <Button onClick={() => open("attention")} data-testid="dash-attention-open">
                {t("dashboard.attentionOpen")}
              </Button>
            </Flex>
          </Card>
          <LastRunCard lastRun={chartSummary.data?.runs.at(-1)} />
        </Col>
      </Row>
    </Flex>
  );
}

/**
 * The run under way, or the last one of the past 30 days as the vault recorded it (so it is
 * there after a restart), and when the next one is due.
 */
function LastRunCard({ lastRun }: { lastRun: RunRecord | undefined }) {
  const { t } = useTranslation();
  const status = useSchedulerStatus();
  const progress = status.data?.progress;
  const nextRun = status.data?.next_run;
  return (
    <Card size="small" title={t("dashboard.runTitle")} style={{ marginTop: 16 }}>
      <Flex vertical gap={4} data-testid="dash-run" data-approved={lastRun?.approved} data-attention={lastRun?.attention}>
        {progress?.active ? (
          <Typography.Text>{t("dashboard.runActive", { done: progress.done, queued: progress.queued })}</Typography.Text>
        ) : lastRun ? (
          <>
            <Typography.Text type="secondary">{formatDateTime(lastRun.started_at)}</Typography.Text>
            <Typography.Text>{t("dashboard.runCounts", lastRun)}</Typography.Text>
          </>
        ) : (
          <Typography.Text>{t("dashboard.runNone")}</Typography.Text>
        )}
        {nextRun && <Typography.Text type="secondary">{t("dashboard.runNext", { at: nextRun })}</Typography.Text>}
      </Flex>
    </Card>
  );
}
