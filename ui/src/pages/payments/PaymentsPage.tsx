import { useState } from "react";
import { Button, Flex, Grid, Input, Select, Table, Typography } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import {
  can,
  emptyPaymentQuery,
  PAYMENT_STATUSES,
  usePaymentPage,
  useStores,
  type PaymentQuery,
  type PaymentRow,
  type PaymentSort,
  type PaymentStatus,
} from "../../api";
import { AccentFreeCheckbox, useAccentFree } from "../../components/AccentFreeCheckbox";
import { ErrorAlert } from "../../components/ErrorAlert";
import { openableRow } from "../../components/openableRow";
import { ExportButton } from "../../components/ExportButton";
import { PaymentStatusTag, paymentStatusText } from "../../components/StatusTag";
import { displayMaskedPan, formatDate, formatMoney } from "../../format";
import { dateInputText, parseDateInput } from "../../forms/dateInput";
import { useNavigation, type ScreenTarget } from "../../navigation";
import { useSession } from "../../session";
import { PaymentDetailDrawer } from "./PaymentDetailDrawer";

/** The sorts the backend applies; a sortable column's `key` is its sort. */
const SORTS: readonly PaymentSort[] = ["due_date", "customer", "amount", "status"];

function sortOf(columnKey: unknown): PaymentSort | undefined {
  return SORTS.find((sort) => sort === columnKey);
}

/** The query sorted by `sort`, or without a sort (by due date, the backend's default). */
function sortedBy(query: PaymentQuery, sort: PaymentSort | undefined): PaymentQuery {
  const { sort: _previous, ...rest } = query;
  return sort ? { ...rest, sort } : rest;
}

/** The first page of what the screen was opened on (e.g. a figure of the dashboard), else everything. */
function queryFor(target: ScreenTarget): PaymentQuery {
  return {
    ...emptyPaymentQuery(),
    store_id: target.storeId ?? null,
    statuses: target.statuses ?? [],
    due_from: target.dueFrom ?? null,
    due_to: target.dueTo ?? null,
  };
}

/**
 * Payments: filters, sort and pages run in the database, so the list stays quick with 100,000
 * payments; the table renders only the rows in view. Statuses refresh while the scheduler runs.
 */
export function PaymentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const stores = useStores();
  // Only the stores whose payments the user may see (the list offers every store they work on).
  const storeOptions = (stores.data ?? [])
    .filter((s) => can(session, "view_reports", s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const { target } = useNavigation();
  const [query, setQuery] = useState<PaymentQuery>(() => queryFor(target));
  const [dueFrom, setDueFrom] = useState(target.dueFrom ? dateInputText(target.dueFrom) : "");
  const [dueTo, setDueTo] = useState(target.dueTo ? dateInputText(target.dueTo) : "");
  // Opened again on a filter while on screen: show that one (the menu's plain reopen keeps the filters).
  const [shownTarget, setShownTarget] = useState(target);
  if (shownTarget !== target) {
    setShownTarget(target);
    if (target.statuses || target.dueFrom || target.dueTo || target.storeId !== undefined) {
      setQuery(queryFor(target));
      setDueFrom(target.dueFrom ? dateInputText(target.dueFrom) : "");
      setDueTo(target.dueTo ? dateInputText(target.dueTo) : "");
    }
  }
  const [open, setOpen] = useState<number | null>(null);
  const [accentFree, setAccentFree] = useAccentFree();
  // The accent-free choice belongs to the user, not to the filters: clearing them keeps it.
  const asked: PaymentQuery = { ...query, accent_free: accentFree };
  const page = usePaymentPage(asked);
  const change = (patch: Partial<PaymentQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));
  const dateBad = (text: string) => text.trim() !== "" && parseDateInput(text) === null;
  const applyDate = (field: "due_from" | "due_to", text: string) => {
    if (!dateBad(text)) change({ [field]: text.trim() === "" ? null : parseDateInput(text) });
  };
  const limit = query.limit ?? 100;
  // Below 1200 px the last result and the store are left out (the payment's detail has them),
  // so the table still fits beside the menu.
  const wide = Grid.useBreakpoint().xl ?? true;

  return (
    <Flex vertical gap={16} data-testid="payments-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("payments.title")}
      </Typography.Title>
      <Flex gap={8} wrap align="flex-start">
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t("payments.filters.allStores")}
          aria-label={t("payments.filters.store")}
          data-testid="filter-store"
          value={query.store_id ?? undefined}
          onChange={(id?: number) => change({ store_id: id ?? null })}
          options={storeOptions}
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t("payments.filters.status")}
          aria-label={t("payments.filters.status")}
          data-testid="filter-status"
          value={query.statuses}
          onChange={(statuses: PaymentStatus[]) => change({ statuses })}
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: paymentStatusText(t, s) }))}
        />
        <Input
          style={{ width: 190 }}
          placeholder={t("payments.filters.dueFrom")}
          status={dateBad(dueFrom) ? "error" : undefined}
          title={dateBad(dueFrom) ? t("payments.filters.badDate") : undefined}
          aria-label={t("payments.filters.dueFrom")}
          data-testid="filter-due-from"
          value={dueFrom}
          onChange={(e) => {
            setDueFrom(e.target.value);
            applyDate("due_from", e.target.value);
          }}
        />
        <Input
          style={{ width: 190 }}
          placeholder={t("payments.filters.dueTo")}
          status={dateBad(dueTo) ? "error" : undefined}
          title={dateBad(dueTo) ? t("payments.filters.badDate") : undefined}
          aria-label={t("payments.filters.dueTo")}
          data-testid="filter-due-to"
          value={dueTo}
          onChange={(e) => {
            setDueTo(e.target.value);
            applyDate("due_to", e.target.value);
          }}
        />
        <Input.Search
          allowClear
          style={{ width: 300 }}
          placeholder={t("payments.filters.search")}
          aria-label={t("payments.filters.search")}
          data-testid="filter-search"
          onSearch={(text) => change({ search: text.trim() || null })}
          onChange={(e) => change({ search: e.target.value.trim() || null })}
        />
        <AccentFreeCheckbox
          value={accentFree}
          onChange={(on) => {
            setAccentFree(on);
            change({});
          }}
          testId="filter-search-accent-free"
        />
        <Button
          onClick={() => {
            setDueFrom("");
            setDueTo("");
            setQuery(emptyPaymentQuery());
          }}
          data-testid="filter-clear"
        >
          {t("payments.filters.clear")}
        </Button>
        <div style={{ marginInlineStart: "auto" }}>
          {/* Every payment the filters select, not only the page on screen. */}
          <ExportButton request={{ what: "payments", query: asked }} testId="payments-export" />
        </div>
      </Flex>
      <ErrorAlert error={page.error} testId="payments-error" />
      <Table<PaymentRow>
        virtual
        // Wide enough for the columns shown, narrow enough for the window beside the menu.
        scroll={{ x: wide ? 880 : 720, y: 560 }}
        rowKey="id"
        size="small"
        loading={page.isFetching && !page.data}
        dataSource={page.data?.rows ?? []}
        data-testid="payments-table"
        onRow={(row) => openableRow(`payment-row-${row.id}`, () => setOpen(row.id), { "data-customer": row.customer_ref })}
        onChange={(pagination, _filters, sorter) => {
          const s = sorter as SorterResult<PaymentRow>;
          const sort = s.order ? sortOf(s.columnKey) : undefined;
          setQuery((q) => ({
            ...sortedBy(q, sort),
            descending: s.order === "descend",
            limit: pagination.pageSize ?? limit,
            offset: ((pagination.current ?? 1) - 1) * (pagination.pageSize ?? limit),
          }));
        }}
        pagination={{
          current: Math.floor((query.offset ?? 0) / limit) + 1,
          pageSize: limit,
          total: page.data?.total ?? 0,
          pageSizeOptions: [100, 200, 500],
          showSizeChanger: true,
          showTotal: (total) => <span data-testid="payments-total">{t("payments.total", { count: total })}</span>,
        }}
        columns={[
          {
            title: t("payments.columns.due"),
            key: "due_date" satisfies PaymentSort,
            width: 100,
            sorter: true,
            render: (_, r) => formatDate(r.due_date),
          },
          {
            title: t("payments.columns.customer"),
            key: "customer" satisfies PaymentSort,
            sorter: true,
            render: (_, r) => (
              <span>
                {r.customer_name} <Typography.Text type="secondary">({r.customer_ref})</Typography.Text>
              </span>
            ),
          },
          {
            title: t("payments.columns.amount"),
            key: "amount" satisfies PaymentSort,
            width: 130,
            align: "right",
            sorter: true,
            render: (_, r) => formatMoney(r.amount_minor, r.currency),
          },
          {
            title: t("payments.columns.status"),
            key: "status" satisfies PaymentSort,
            width: 170,
            sorter: true,
            render: (_, r) => <PaymentStatusTag status={r.status} testId={`payment-status-${r.id}`} />,
          },
          {
            title: t("payments.columns.card"),
            width: 170,
            render: (_, r) => (r.masked_pan ? displayMaskedPan(r.masked_pan) : "—"),
          },
          {
            title: t("payments.columns.result"),
            responsive: ["xl"],
            render: (_, r) => r.message ?? (r.next_try_on && r.status === "retry_wait" ? t("payments.nextTry", { date: formatDate(r.next_try_on) }) : ""),
            ellipsis: true,
          },
          { title: t("payments.columns.store"), key: "store", width: 120, ellipsis: true, responsive: ["xl"], render: (_, r) => r.store },
        ]}
      />
      <PaymentDetailDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
