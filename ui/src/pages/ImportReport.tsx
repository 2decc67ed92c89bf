import { useState, type HTMLAttributes } from "react";
import { Alert, Button, Descriptions, Flex, List, Segmented, Table, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  importReportPage,
  type DryRunResult,
  type DueTotal,
  type ImportProblem,
  type RowFilter,
  type RowStatus,
  type RowSummary,
  type Severity,
} from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate, formatMoney } from "../format";
import { REPORT_PAGE_SIZE, canCommit, problemText } from "./ImportSteps";

/** Colour per row status and per finding's severity. */
const STATUS_COLOR: Record<RowStatus | Severity, string> = { ok: "green", warning: "gold", error: "red", info: "blue" };

/** The dry run: counts, file findings, totals per due date, and the rows page by page. */
export function ImportReport({
  dryRun,
  onCommit,
  onEditMapping,
  busy,
}: {
  dryRun: DryRunResult;
  onCommit: () => void;
  onEditMapping: () => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const summary = dryRun.summary;
  const [filter, setFilter] = useState<RowFilter>(summary.errors > 0 ? "error" : "all");
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: ["import_report", dryRun.token, summary.rows, summary.errors, filter, page],
    queryFn: () => importReportPage(dryRun.token, filter, (page - 1) * REPORT_PAGE_SIZE, REPORT_PAGE_SIZE),
    retry: false,
  });
  const problemsOf = (row: number) => (rows.data?.problems ?? []).filter((p) => p.row === row);
  const problemLine = (p: ImportProblem) => {
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
          { key: "rows", label: t("import.report.rows"), children: <span data-testid="report-rows">{summary.rows}</span> },
          { key: "ok", label: t("import.report.ok"), children: <span data-testid="report-ok">{summary.ok}</span> },
          { key: "warnings", label: t("import.report.warnings"), children: <span data-testid="report-warnings">{summary.warnings}</span> },
          { key: "errors", label: t("import.report.errors"), children: <span data-testid="report-errors">{summary.errors}</span> },
          { key: "customers", label: t("import.report.newCustomers"), children: summary.new_customers },
          { key: "payments", label: t("import.report.payments"), children: <span data-testid="report-payments">{summary.payments}</span> },
        ]}
      />
      {summary.same_file_batch !== null && (
        <Alert type="warning" showIcon data-testid="report-same-file" message={t("import.report.sameFile", { batch: summary.same_file_batch })} />
      )}
      {summary.file_problems.length > 0 && (
        <List<ImportProblem>
          size="small"
          bordered
          header={t("import.report.fileProblems")}
          data-testid="report-file-problems"
          dataSource={summary.file_problems}
          renderItem={(p) => (
            <List.Item>
              <Tag color={STATUS_COLOR[p.severity]}>{t(`import.status.${p.severity === "info" ? "ok" : p.severity}`)}</Tag>
              {problemLine(p)}
            </List.Item>
          )}
        />
      )}
      {summary.totals.length > 0 && (
        <>
          <Typography.Title level={5}>{t("import.report.totals")}</Typography.Title>
          <Table<DueTotal>
            size="small"
            pagination={false}
            data-testid="report-totals"
            rowKey={(r) => `${r.due_date}-${r.currency}`}
            dataSource={summary.totals}
            columns={[
              { title: t("import.report.dueDate"), key: "due_date", render: (_, r) => formatDate(r.due_date) },
              { title: t("import.report.totalPayments"), key: "payments", render: (_, r) => r.payments },
              { title: t("import.report.totalAmount"), key: "amount", render: (_, r) => formatMoney(r.amount_minor, r.currency) },
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
      <Table<RowSummary>
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
          { title: t("import.report.row"), key: "row", width: 70, render: (_, r) => r.row },
          {
            title: t("import.report.status"),
            key: "status",
            width: 90,
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`import.status.${r.status}`)}</Tag>,
          },
          { title: t("import.report.reference"), key: "reference", render: (_, r) => r.reference },
          { title: t("import.report.name"), key: "name", render: (_, r) => r.name },
          { title: t("import.report.card"), key: "masked_pan", render: (_, r) => r.masked_pan },
          {
            title: t("import.report.amount"),
            key: "amount",
            render: (_, r) => (r.amount_minor === null ? "" : formatMoney(r.amount_minor, r.currency)),
          },
          { title: t("import.report.dueDate"), key: "due_date", render: (_, r) => (r.due_date ? formatDate(r.due_date) : "") },
          {
            title: t("import.report.problems"),
            key: "problems",
            render: (_, r) => (
              <Flex vertical>
                {problemsOf(r.row).map((p, i) => (
                  <Typography.Text key={i} type={p.severity === "error" ? "danger" : p.severity === "warning" ? "warning" : undefined}>
                    {problemLine(p)}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      {!canCommit(summary) && <Alert type="error" showIcon message={t("import.report.nothingToCommit")} />}
      <Flex gap={8}>
        <Button onClick={onEditMapping} disabled={busy} data-testid="report-edit-mapping">
          {t("import.report.editMapping")}
        </Button>
        <Button type="primary" onClick={onCommit} disabled={!canCommit(summary)} loading={busy} data-testid="import-commit">
          {t("import.report.commit", { count: summary.committable })}
        </Button>
      </Flex>
    </Flex>
  );
}
