import { useState } from "react";
import { Card, Flex, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCustomerSearch } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { NewCollectionForm, type CollectionCustomer } from "./NewCollectionForm";

/** New collection: pick the customer, then the collection form with its summary. */
export function NewCollectionPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [customer, setCustomer] = useState<CollectionCustomer | null>(null);
  const found = useCustomerSearch({ store_id: null, search: search.trim() || null, offset: 0, limit: 50 });
  const rows = found.data?.rows ?? [];
  return (
    <Flex vertical gap={16} data-testid="collections-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("collection.title")}
      </Typography.Title>
      <ErrorAlert error={found.error} testId="collection-customers-error" />
      <Select
        showSearch
        autoFocus
        filterOption={false}
        placeholder={t("collection.customerSearch")}
        onSearch={setSearch}
        loading={found.isFetching}
        style={{ maxWidth: 480 }}
        aria-label={t("collection.customerSearch")}
        data-testid="collection-customer-select"
        value={customer?.id}
        options={rows.map((c) => ({ value: c.id, label: `${c.reference} — ${c.name}` }))}
        onChange={(id: number) => {
          const row = rows.find((c) => c.id === id);
          if (row) setCustomer({ id: row.id, label: `${row.reference} — ${row.name}`, storeId: row.store_id, hasCard: row.cards > 0 });
        }}
      />
      {customer && (
        <Card>
          <NewCollectionForm key={customer.id} customer={customer} />
        </Card>
      )}
    </Flex>
  );
}
