import { useState } from "react";
import { Button, Flex, Input, Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  can,
  emptyAuditQuery,
  useAuditChoices,
  useAuditPage,
  useStores,
  type AuditAction,
  type AuditQuery,
  type AuditRow,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { openableRow } from "../../components/openableRow";
import { ExportButton } from "../../components/ExportButton";
import { formatDateTime, pick } from "../../format";
import { parseDateInput } from "../../forms/dateInput";
import { useSession } from "../../session";
import { AuditDetailModal } from "./AuditDetailModal";
import { AuditVerify } from "./AuditVerify";

const RESULT_COLOURS: Record<string, string> = { ok: "green", failed: "orange", denied: "red" };

/**
 * The audit log: who did what and when, filtered by user, action, store and days, newest first
 * and a page at a time from the backend; a row opens its details; the chain is verified on demand.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const stores = useStores();
  const choices = useAuditChoices();
  const [query, setQuery] = useState<AuditQuery>(emptyAuditQuery);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [open, setOpen] = useState<AuditRow | null>(null);
  const page = useAuditPage(query);
  const change = (patch: Partial<AuditQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));
  const dateBad = (text: string) => text.trim() !== "" && parseDateInput(text) === null;
  const applyDate = (field: "from" | "to", text: string) => {
    if (!dateBad(text)) change({ [field]: text.trim() === "" ? null : parseDateInput(text) });
  };
  const limit = query.limit ?? 50;
  const storeOptions = (stores.data ?? [])
    .filter((s) => can(session, "view_audit", s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const userOptions = (choices.data?.users ?? []).map((u) => ({ value: u.user_id, label: u.user_name }));
  const actionOptions = (choices.data?.actions ?? []).map((a) => ({
    value: a.action,
    label: pick(a.text, i18n.language),
  }));

  return (
    <Flex vertical gap={12} data-testid="audit-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("audit.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("audit.intro")}</Typography.Text>
      <AuditVerify />
      <Flex gap={8} wrap align="flex-start">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 170 }}
          placeholder={t("audit.filters.allUsers")}
          aria-label={t("audit.filters.user")}
          data-testid="audit-filter-user"
          value={query.user_id ?? undefined}
          onChange={(id?: number) => change({ user_id: id ?? null })}
          options={userOptions}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 230 }}
          popupMatchSelectWidth={false}
          virtual={false}
          placeholder={t("audit.filters.allActions")}
          aria-label={t("audit.filters.action")}
          data-testid="audit-filter-action"
          value={query.action ?? undefined}
          onChange={(action?: AuditAction) => change({ action: action ?? null })}
          options={actionOptions}
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t("audit.filters.allStores")}
          aria-label={t("audit.filters.store")}
          data-testid="audit-filter-store"
          value={query.store_id ?? undefined}
          onChange={(id?: number) => change({ store_id: id ?? null })}
          options={storeOptions}
        />
        <Input
          style={{ width: 180 }}
          placeholder={t("audit.filters.from")}
          status={dateBad(from) ? "error" : undefined}
          aria-label={t("audit.filters.from")}
          data-testid="audit-filter-from"
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            applyDate("from", e.target.value);
          }}
        />
        <Input
          style={{ width: 180 }}
          placeholder={t("audit.filters.to")}
          status={dateBad(to) ? "error" : undefined}
          aria-label={t("audit.filters.to")}
          data-testid="audit-filter-to"
          value={to}
          onChange={(e) => {
            setTo(e.target.value);
            applyDate("to", e.target.value);
          }}
        />
        <Button
          onClick={() => {
            setFrom("");
            setTo("");
            setQuery(emptyAuditQuery());
          }}
          data-testid="audit-filter-clear"
        >
          {t("audit.filters.clear")}
        </Button>
        <div style={{ marginInlineStart: "auto" }}>
          {/* Every entry the filters select, not only the page on screen. */}
          <ExportButton request={{ what: "audit", query: { ...query, offset: 0, limit: null } }} testId="audit-export" />
        </div>
      </Flex>
      <ErrorAlert error={choices.error ?? page.error} testId="audit-error" />
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        tableLayout="fixed"
        scroll={{ x: 980 }}
        loading={page.isFetching && !page.data}
        dataSource={page.data?.rows ?? []}
        data-testid="audit-table"
        locale={{ emptyText: t("audit.empty") }}
        onRow={(row) => openableRow(`audit-row-${row.seq}`, () => setOpen(row), { "data-action": row.action })}
        onChange={(pagination) => {
          const size = pagination.pageSize ?? limit;
          setQuery((q) => ({ ...q, limit: size, offset: ((pagination.current ?? 1) - 1) * size }));
        }}
        pagination={{
          current: Math.floor((query.offset ?? 0) / limit) + 1,
          pageSize: limit,
          total: page.data?.total ?? 0,
          pageSizeOptions: [50, 100, 200, 500],
          showSizeChanger: true,
          showTotal: (total) => <span data-testid="audit-total">{t("audit.total", { count: total })}</span>,
        }}
        columns={[
          { title: t("audit.columns.seq"), key: "seq", width: 70, render: (_, r) => r.seq },
          { title: t("audit.columns.at"), key: "at", width: 140, render: (_, r) => formatDateTime(r.at) },
          {
            title: t("audit.columns.user"),
            key: "user",
            width: 120,
            ellipsis: true,
            render: (_, r) => r.user_name ?? t("audit.nobody"),
          },
          {
            title: t("audit.columns.action"),
            key: "action",
            width: 210,
            ellipsis: true,
            render: (_, r) => pick(r.action_text, i18n.language),
          },
          {
            title: t("audit.columns.store"),
            key: "store",
            width: 120,
            ellipsis: true,
            render: (_, r) => r.store ?? t("audit.nobody"),
          },
          { title: t("audit.columns.object"), key: "object", ellipsis: true, render: (_, r) => r.object },
          {
            title: t("audit.columns.result"),
            key: "result",
            width: 110,
            render: (_, r) => <Tag color={RESULT_COLOURS[r.result]}>{pick(r.result_text, i18n.language)}</Tag>,
          },
          {
            title: t("audit.columns.origin"),
            key: "origin",
            width: 120,
            render: (_, r) => pick(r.origin_text, i18n.language),
          },
        ]}
      />
      <AuditDetailModal row={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
