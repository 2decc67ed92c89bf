import { useState } from "react";
import { Flex, Select, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, useStores } from "../../api";
import { useSession } from "../../session";
import { CustomerDetail } from "../customers/CustomerDetail";
import { ArrearsTab } from "./ArrearsTab";
import { Labelled } from "./DateField";
import { SummaryTab } from "./SummaryTab";
import { UpcomingTab } from "./UpcomingTab";

const TABS = ["summary", "arrears", "upcoming"] as const;
type ReportTab = (typeof TABS)[number];

/**
 * The accounts: a period's summary, who owes (the arrears) and what falls due next, for one store
 * or every store the user may see. A customer opens over the screen; back returns to the same
 * tab, page and filters.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const stores = useStores();
  const storeOptions = (stores.data ?? [])
    .filter((s) => can(session, "view_reports", s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const [storeId, setStoreId] = useState<number | null>(null);
  const [tab, setTab] = useState<ReportTab>("summary");
  const [customer, setCustomer] = useState<number | null>(null);

  return (
    <>
      {customer !== null && <CustomerDetail id={customer} onBack={() => setCustomer(null)} />}
      <Flex vertical gap={16} data-testid="reports-page" style={customer !== null ? { display: "none" } : undefined}>
        <Flex justify="space-between" align="flex-end" wrap gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("reports.title")}
          </Typography.Title>
          <Labelled label={t("reports.store")}>
            <Select
              allowClear
              style={{ width: 220 }}
              placeholder={t("reports.allStores")}
              aria-label={t("reports.store")}
              data-testid="reports-store"
              value={storeId ?? undefined}
              onChange={(id?: number) => setStoreId(id ?? null)}
              options={storeOptions}
            />
          </Labelled>
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(TABS.find((k) => k === key) ?? "summary")}
          items={[
            {
              key: "summary",
              label: <span data-testid="reports-tab-summary">{t("reports.tabs.summary")}</span>,
              children: <SummaryTab storeId={storeId} />,
            },
            {
              key: "arrears",
              label: <span data-testid="reports-tab-arrears">{t("reports.tabs.arrears")}</span>,
              children: <ArrearsTab storeId={storeId} onOpenCustomer={setCustomer} />,
            },
            {
              key: "upcoming",
              label: <span data-testid="reports-tab-upcoming">{t("reports.tabs.upcoming")}</span>,
              children: <UpcomingTab storeId={storeId} onOpenCustomer={setCustomer} />,
            },
          ]}
        />
      </Flex>
    </>
  );
}
