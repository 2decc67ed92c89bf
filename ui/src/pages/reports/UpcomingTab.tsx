import { useState } from "react";
import { Card, Col, Flex, Row, Segmented, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { OWED_STATUSES, useUpcomingDues, type Figure, type UpcomingDay } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatMoney } from "../../format";
import { useNavigation } from "../../navigation";
import { Labelled } from "./DateField";
import { ExpiringDuesTable, UpcomingDaysTable } from "./UpcomingTables";

/** The windows offered, in days (today included). */
const WINDOWS = [7, 30] as const;
type Window = (typeof WINDOWS)[number];

/** The window's dues added up per currency (amounts of one currency only). */
function totalsOf(days: UpcomingDay[]): { currency: string; due: Figure }[] {
  const totals = new Map<string, Figure>();
  for (const day of days) {
    const sum = totals.get(day.currency) ?? { count: 0, minor: 0 };
    totals.set(day.currency, { count: sum.count + day.due.count, minor: sum.minor + day.due.minor });
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, due]) => ({ currency, due }));
}

interface Props {
  storeId: number | null;
  onOpenCustomer: (customerId: number) => void;
}

/**
 * What falls due in the next 7 or 30 days, per day (a day opens its payments), and the payments
 * whose card will have expired by then (a row opens the customer, to ask for a new card).
 */
export function UpcomingTab({ storeId, onOpenCustomer }: Props) {
  const { t } = useTranslation();
  const { open } = useNavigation();
  const [days, setDays] = useState<Window>(7);
  const upcoming = useUpcomingDues({ store_id: storeId, days });
  const data = upcoming.data;
  const loading = upcoming.isFetching && !data;
  const totals = totalsOf(data?.days ?? []);

  return (
    <Flex vertical gap={16} data-testid="upcoming-tab">
      <Flex gap={16} wrap align="flex-end">
        <Labelled label={t("reports.upcoming.window")}>
          <Segmented<Window>
            data-testid="upcoming-window"
            value={days}
            onChange={setDays}
            options={WINDOWS.map((n) => ({ value: n, label: t("reports.upcoming.days", { count: n }) }))}
          />
        </Labelled>
        {data && (
          <Typography.Text type="secondary" data-testid="upcoming-range">
            {t("reports.range", { from: formatDate(data.from), to: formatDate(data.to) })}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={upcoming.error} testId="upcoming-error" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t("reports.upcoming.perDay")}
            extra={
              <Flex gap={12} wrap data-testid="upcoming-totals">
                {totals.map(({ currency, due }) => (
                  <Typography.Text key={currency} strong data-currency={currency} data-count={due.count} data-minor={due.minor}>
                    {t("reports.summary.total")}: {formatMoney(due.minor, currency)} · {t("reports.payments", { count: due.count })}
                  </Typography.Text>
                ))}
              </Flex>
            }
          >
            <UpcomingDaysTable
              days={data?.days ?? []}
              loading={loading}
              testId="upcoming-days"
              emptyText={t("reports.upcoming.none")}
              onOpenDay={(day) =>
                open("payments", { statuses: OWED_STATUSES, dueFrom: day, dueTo: day, ...(storeId !== null ? { storeId } : {}) })
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t("reports.upcoming.expiring")}>
            <Typography.Paragraph type="secondary">{t("reports.upcoming.expiringHelp")}</Typography.Paragraph>
            <ExpiringDuesTable expiring={data?.expiring ?? []} loading={loading} testId="upcoming-expiring" onOpenCustomer={onOpenCustomer} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
