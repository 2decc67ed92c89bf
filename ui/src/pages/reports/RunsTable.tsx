import { Table } from "antd";
import { useTranslation } from "react-i18next";
import type { RunRecord } from "../../api";
import { formatCount, formatDateTime } from "../../format";

const COUNTS = ["payments", "approved", "declined", "attention", "unresolved"] as const satisfies readonly (keyof RunRecord)[];

/** The collection runs of a period, newest first, with what became of their payments. */
export function RunsTable({ runs, loading }: { runs: RunRecord[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<RunRecord>
      size="small"
      data-testid="summary-runs"
      rowKey={(r) => r.started_at}
      loading={loading}
      dataSource={[...runs].reverse()}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 760 }}
      locale={{ emptyText: t("reports.summary.noRuns") }}
      onRow={(r) => ({ "data-testid": `summary-run-${r.started_at}`, "data-approved": r.approved }) as object}
      columns={[
        { title: t("reports.summary.runColumns.started"), key: "started", width: 140, render: (_, r) => formatDateTime(r.started_at) },
        { title: t("reports.summary.runColumns.finished"), key: "finished", width: 140, render: (_, r) => formatDateTime(r.finished_at) },
        { title: t("reports.summary.runColumns.store"), key: "store", ellipsis: true, render: (_, r) => r.store ?? t("reports.allStores") },
        ...COUNTS.map((field) => ({
          title: t(`reports.summary.runColumns.${field}`),
          key: field,
          width: 90,
          align: "right" as const,
          render: (_: unknown, r: RunRecord) => formatCount(r[field]),
        })),
      ]}
    />
  );
}
