import { useState, type HTMLAttributes } from "react";
import { Alert, Button, Descriptions, Flex, List, Segmented, Table, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { importReportPage, type DryRunView, type ProblemView, type ReportRowView, type RowFilter } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate, formatMoney } from "../format";
import { REPORT_PAGE_SIZE, canCommit, problemText } from "./ImportSteps";

const STATUS_COLOR: Record<string, string> = { ok: "green", warning: "gold", error: "red", info: "blue" };

/** The dry run: counts, file findings, totals per due date, and the rows page by page. */
export function ImportReport({
  dryRun,
  onCommit,
  onEditMapping,
  busy,
}: {
  dryRun: DryRunView;
  onCommit: () => void;
  onEditMapping: () => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<RowFilter>(dryRun.errors > 0 ? "error" : "all");
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: ["import_report", dryRun.token, dryRun.rows, dryRun.errors, filter, page],
    queryFn: () => importReportPage(dryRun.token, filter, (page - 1) * REPORT_PAGE_SIZE, REPORT_PAGE_SIZE),
    retry: false,
  });
  const problemLine = (p: ProblemView) => {
    const where = [
      p.field ? t("import.report.field", { field: t(`import.fields.${p.field}`) }) : null,
      p.column ? t("import.report.column", { column: p.column }) : null,
    ].filter(Boolean);
    return `${where.length ? `${where.join(", ")}: ` : ""}${problemText(p, i18n.resolvedLanguage)}`;
  };
  return (
    <Flex vertical gap={16} data-testid="import-report">
      <Descriptions
        size="small"
        bordered
        column={6}
        items={[
          { key: "rows", label: t("import.report.rows"), children: <span data-testid="report-rows">{dryRun.rows}</span> },
          { key: "ok", label: t("import.report.ok"), children: <span data-testid="report-ok">{dryRun.ok}</span> },
          { key: "warnings", label: t("import.report.warnings"), children: <span data-testid="report-warnings">{dryRun.warnings}</span> },
          { key: "errors", label: t("import.report.errors"), children: <span data-testid="report-errors">{dryRun.errors}</span> },
          { key: "customers", label: t("import.report.newCustomers"), children: dryRun.newCustomers },
          { key: "payments", label: t("import.report.payments"), children: <span data-testid="report-payments">{dryRun.payments}</span> },
        ]}
      />
      {dryRun.sameFileBatch !== null && (
        <Alert type="warning" showIcon data-testid="report-same-file" message={t("import.report.sameFile", { batch: dryRun.sameFileBatch })} />
      )}
      {dryRun.fileProblems.length > 0 && (
        <List
          size="small"
          bordered
          header={t("import.report.fileProblems")}
          data-testid="report-file-problems"
          dataSource={dryRun.fileProblems}
          renderItem={(p) => (
            <List.Item>
              <Tag color={STATUS_COLOR[p.severity]}>{t(`import.status.${p.severity === "info" ? "ok" : p.severity}`)}</Tag>
              {problemLine(p)}
            </List.Item>
          )}
        />
      )}
      {dryRun.totals.length > 0 && (
        <>
          <Typography.Title level={5}>{t("import.report.totals")}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            data-testid="report-totals"
            rowKey={(r) => `${r.dueDate}-${r.currency}`}
            dataSource={dryRun.totals}
            columns={[
              { title: t("import.report.dueDate"), dataIndex: "dueDate", render: (d: string) => formatDate(d) },
              { title: t("import.report.totalPayments"), dataIndex: "payments" },
              { title: t("import.report.totalAmount"), key: "amount", render: (_, r) => formatMoney(r.amountMinor, r.currency) },
            ]}
          />
        </>
      )}
      <Segmented<RowFilter>
        value={filter}
        data-testid="report-filter"
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        options={(["all", "ok", "warning", "error"] as const).map((value) => ({
          value,
          label: <span data-testid={`report-filter-${value}`}>{t(`import.report.filter.${value}`)}</span>,
        }))}
      />
      {rows.isError && <ErrorAlert error={rows.error} />}
      <Table<ReportRowView>
        size="small"
        data-testid="report-table"
        loading={rows.isPending}
        rowKey="row"
        dataSource={rows.data?.rows ?? []}
        onRow={(r) => ({ "data-testid": `report-row-${r.row}`, "data-status": r.status }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: REPORT_PAGE_SIZE,
          total: rows.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t("import.report.row"), dataIndex: "row", width: 70 },
          {
            title: t("import.report.status"),
            dataIndex: "status",
            width: 90,
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`import.status.${s}`)}</Tag>,
          },
          { title: t("import.report.reference"), dataIndex: "reference" },
          { title: t("import.report.name"), dataIndex: "name" },
          { title: t("import.report.card"), dataIndex: "maskedPan" },
          {
            title: t("import.report.amount"),
            key: "amount",
            render: (_, r) => (r.amountMinor === null ? "" : formatMoney(r.amountMinor, r.currency)),
          },
          { title: t("import.report.dueDate"), dataIndex: "dueDate", render: (d: string | null) => (d ? formatDate(d) : "") },
          {
            title: t("import.report.problems"),
            key: "problems",
            render: (_, r) => (
              <Flex vertical>
                {r.problems.map((p, i) => (
                  <Typography.Text key={i} type={p.severity === "error" ? "danger" : p.severity === "warning" ? "warning" : undefined}>
                    {problemLine(p)}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      {!canCommit(dryRun) && <Alert type="error" showIcon message={t("import.report.nothingToCommit")} />}
      <Flex gap={8}>
        <Button onClick={onEditMapping} disabled={busy} data-testid="report-edit-mapping">
          {t("import.report.editMapping")}
        </Button>
        <Button type="primary" onClick={onCommit} disabled={!canCommit(dryRun)} loading={busy} data-testid="import-commit">
          {t("import.report.commit", { count: dryRun.committable })}
        </Button>
      </Flex>
    </Flex>
  );
}
