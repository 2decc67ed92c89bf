import { useState } from "react";
import { Flex, Select, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, useSettlementDays, useStores, type SettlementDay } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { openableRow } from "../../components/openableRow";
import { formatDate } from "../../format";
import { useNavigation } from "../../navigation";
import { useSession } from "../../session";
import { DayDrawer } from "./DayDrawer";
import { DAY_STATE_COLOURS } from "./differenceTexts";

type DayKey = Pick<SettlementDay, "store_id" | "day">;

const keyOf = (d: DayKey) => `${d.store_id}-${d.day}`;

/**
 * Daily settlement: each store's days as matched against the bank's report, newest first, with
 * their state and counts; a day opens (click or Enter) with its differences. Refreshed after
 * every run, when the engine has matched the day.
 */
export function SettlementPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { target } = useNavigation();
  const stores = useStores();
  const storeOptions = (stores.data ?? [])
    .filter((s) => can(session, "view_reports", s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const [storeId, setStoreId] = useState<number | null>(target.storeId ?? null);
  const [selected, setSelected] = useState<DayKey | null>(null);
  const days = useSettlementDays(storeId);

  // Opened on a day from elsewhere (the attention queue): show that day.
  const [shownTarget, setShownTarget] = useState<typeof target | null>(null);
  if (shownTarget !== target) {
    setShownTarget(target);
    if (target.storeId !== undefined && target.day !== undefined) setSelected({ store_id: target.storeId, day: target.day });
  }

  const rows = days.data ?? [];
  const open = selected ? rows.find((d) => keyOf(d) === keyOf(selected)) ?? null : null;

  return (
    <Flex vertical gap={16} data-testid="settlement-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("settlement.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("settlement.intro")}</Typography.Text>
      <Flex gap={8} wrap>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t("settlement.allStores")}
          aria-label={t("settlement.columns.store")}
          data-testid="settlement-store"
          value={storeId ?? undefined}
          onChange={(id?: number) => setStoreId(id ?? null)}
          options={storeOptions}
        />
      </Flex>
      <ErrorAlert error={days.error} testId="settlement-days-error" />
      <Table<SettlementDay>
        rowKey={keyOf}
        size="small"
        loading={days.isPending}
        dataSource={rows}
        data-testid="settlement-days"
        scroll={{ x: 860 }}
        tableLayout="fixed"
        locale={{ emptyText: t("settlement.noDays") }}
        pagination={{ pageSize: 31, hideOnSinglePage: true, showTotal: (n) => t("settlement.total", { count: n }) }}
        rowClassName={(d) => (selected && keyOf(d) === keyOf(selected) ? "ant-table-row-selected" : "")}
        onRow={(d) =>
          openableRow(`settlement-row-${keyOf(d)}`, () => setSelected(d), {
            "data-state": d.state,
            "data-matched": d.matched,
          })
        }
        columns={[
          {
            title: t("settlement.columns.day"),
            key: "day",
            width: 180,
            render: (_, d) => (
              <Flex gap={6} align="center" wrap>
                <span>{formatDate(d.day)}</span>
                {!d.complete && (
                  <Tooltip title={t("settlement.notOverHelp")}>
                    <Tag data-testid={`settlement-not-over-${keyOf(d)}`}>{t("settlement.notOver")}</Tag>
                  </Tooltip>
                )}
              </Flex>
            ),
          },
          { title: t("settlement.columns.store"), key: "store", width: 160, ellipsis: true, render: (_, d) => d.store_name },
          {
            title: t("settlement.columns.state"),
            key: "state",
            width: 140,
            render: (_, d) => (
              <Tag color={DAY_STATE_COLOURS[d.state]} data-testid={`settlement-state-${keyOf(d)}`}>
                {t(`settlement.state.${d.state}`)}
              </Tag>
            ),
          },
          { title: t("settlement.columns.bankRows"), key: "bank_rows", width: 80, align: "right", render: (_, d) => d.bank_rows },
          { title: t("settlement.columns.matched"), key: "matched", width: 80, align: "right", render: (_, d) => d.matched },
          { title: t("settlement.columns.others"), key: "others", width: 70, align: "right", render: (_, d) => d.others },
          {
            title: t("settlement.columns.differences"),
            key: "differences",
            width: 60,
            align: "right",
            render: (_, d) =>
              d.differences > 0 ? <Typography.Text type="danger" strong>{d.differences}</Typography.Text> : d.differences,
          },
          { title: t("settlement.columns.openHere"), key: "open_here", width: 90, align: "right", render: (_, d) => d.open_here },
        ]}
      />
      <DayDrawer day={open} onClose={() => setSelected(null)} />
    </Flex>
  );
}
