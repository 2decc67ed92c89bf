import { useState } from "react";
import { Button, Checkbox, Flex, Input, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, useCustomerSearch, type CustomerSort, type CustomerSummary } from "../../api";
import { AccentFreeCheckbox, useAccentFree } from "../../components/AccentFreeCheckbox";
import { ErrorAlert } from "../../components/ErrorAlert";
import { openableRow } from "../../components/openableRow";
import { displayMaskedPan } from "../../format";
import { useNavigation } from "../../navigation";
import { useSession } from "../../session";
import { AddCustomerModal } from "./AddCustomerModal";
import { CustomerDetail } from "./CustomerDetail";

const PAGE_SIZE = 50;

/**
 * Customers: a searchable, paged list (by reference, or by name in Turkish order); a click opens
 * the customer's detail.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [search, setSearch] = useState("");
  const [accentFree, setAccentFree] = useAccentFree();
  const [sort, setSort] = useState<CustomerSort>("reference");
  const [withArchived, setWithArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { target } = useNavigation();
  const [open, setOpen] = useState<number | null>(target.customerId ?? null);
  // Opened on a customer from elsewhere (the dashboard, the reports): show that customer; opened
  // again from the menu: back to the list.
  const [shownTarget, setShownTarget] = useState(target);
  if (shownTarget !== target) {
    setShownTarget(target);
    setOpen(target.customerId ?? null);
  }
  const result = useCustomerSearch({
    store_id: null,
    search: search.trim() || null,
    accent_free: accentFree,
    include_archived: withArchived,
    sort,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });

  if (open !== null) return <CustomerDetail id={open} onBack={() => setOpen(null)} />;

  return (
    <Flex vertical gap={16} data-testid="customers-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("customers.title")}
        </Typography.Title>
        {can(session, "create_collections") && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="customer-add">
            {t("customers.add")}
          </Button>
        )}
      </Flex>
      <Flex gap={16} align="center">
        <Input.Search
          allowClear
          autoFocus
          placeholder={t("customers.search")}
          aria-label={t("customers.search")}
          data-testid="customer-search"
          onSearch={(value) => {
            setSearch(value);
            setPage(1);
          }}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <AccentFreeCheckbox
          value={accentFree}
          onChange={(on) => {
            setAccentFree(on);
            setPage(1);
          }}
          testId="customer-search-accent-free"
        />
        <Checkbox
          checked={withArchived}
          onChange={(e) => {
            setWithArchived(e.target.checked);
            setPage(1);
          }}
          data-testid="customer-show-archived"
          style={{ whiteSpace: "nowrap" }}
        >
          {t("customers.archive.showArchived")}
        </Checkbox>
      </Flex>
      <ErrorAlert error={result.error} testId="customers-error" />
      <Table<CustomerSummary>
        rowKey="id"
        size="middle"
        loading={result.isFetching}
        dataSource={result.data?.rows ?? []}
        onRow={(row) => openableRow(`customer-row-${row.reference}`, () => setOpen(row.id))}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t("customers.total", { count: total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const by = Array.isArray(sorter) ? sorter[0] : sorter;
          const next: CustomerSort = by?.order && by.columnKey === "name" ? "name" : "reference";
          if (next !== sort) {
            setSort(next);
            setPage(1);
          } else {
            setPage(pagination.current ?? 1);
          }
        }}
        columns={[
          { title: t("customers.columns.reference"), key: "reference", width: 110, render: (_, row) => row.reference },
          {
            title: t("customers.columns.name"),
            key: "name",
            sorter: true,
            sortDirections: ["ascend"],
            sortOrder: sort === "name" ? "ascend" : null,
            render: (_, row) => (
              <>
                {row.name}
                {row.status === "archived" && (
                  <Tag style={{ marginInlineStart: 8 }} data-testid={`customer-archived-${row.reference}`}>
                    {t("customers.archive.tag")}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t("customers.columns.store"), key: "store", width: 120, render: (_, row) => row.store },
          {
            title: t("customers.columns.primaryCard"),
            key: "primary_masked_pan",
            width: 170,
            render: (_, row) => (
              <span style={{ whiteSpace: "nowrap" }}>{row.primary_masked_pan ? displayMaskedPan(row.primary_masked_pan) : "—"}</span>
            ),
          },
          { title: t("customers.columns.cards"), key: "cards", width: 70, align: "right", render: (_, row) => row.cards },
          {
            title: t("customers.columns.openPayments"),
            key: "open_payments",
            width: 110,
            align: "right",
            render: (_, row) => row.open_payments,
          },
          {
            title: t("customers.columns.contact"),
            key: "contact",
            render: (_, row) => [row.phone, row.email].filter(Boolean).join(" · ") || "—",
          },
        ]}
      />
      <AddCustomerModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(customer) => {
          setAdding(false);
          setOpen(customer.id);
        }}
      />
    </Flex>
  );
}
