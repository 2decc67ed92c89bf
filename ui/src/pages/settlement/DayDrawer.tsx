import { useState } from "react";
import { Alert, Button, Descriptions, Drawer, Empty, Flex, List, Spin, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  ATTENTION_KEY,
  SETTLEMENT_KEY,
  can,
  rereadSettlementDay,
  toApiError,
  useDayDifferences,
  type Difference,
  type SettlementDay,
} from "../../api";
import { BELOW_HEADER } from "../../components/AppHeader";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatDateTime } from "../../format";
import { useSession } from "../../session";
import { DifferenceItem } from "./DifferenceItem";
import { DAY_STATE_COLOURS } from "./differenceTexts";
import { ResolveModal } from "./ResolveModal";

/** A store's day: how it stands, its differences, comparing it with the bank again. */
export function DayDrawer({ day, onClose }: { day: SettlementDay | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      rootStyle={BELOW_HEADER}
      open={day !== null}
      width="min(820px, 100vw)"
      onClose={onClose}
      title={day ? t("settlement.dayTitle", { day: formatDate(day.day), store: day.store_name }) : ""}
      closeIcon={<span data-testid="drawer-close" aria-label={t("settlement.close")}>✕</span>}
      destroyOnHidden
    >
      {day && <DayDetail day={day} />}
    </Drawer>
  );
}

function DayDetail({ day: d }: { day: SettlementDay }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const differences = useDayDifferences(d.store_id, d.day);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [resolving, setResolving] = useState<Difference | null>(null);
  const mayAct = can(session, "submit_provisions", d.store_id);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: SETTLEMENT_KEY });
    await client.invalidateQueries({ queryKey: ATTENTION_KEY });
  };
  const reread = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const after = await rereadSettlementDay(d.store_id, d.day);
      setOutcome(t("settlement.rereadDone", { state: t(`settlement.state.${after.state}`) }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const list = differences.data ?? [];

  return (
    <Flex vertical gap={16} data-testid="settlement-day" data-state={d.state} data-matched={d.matched} data-day={d.day}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("settlement.columns.state")}>
          <Flex gap={8} wrap>
            <Tag color={DAY_STATE_COLOURS[d.state]} data-testid="settlement-day-state">
              {t(`settlement.state.${d.state}`)}
            </Tag>
            {!d.complete && <Tag>{t("settlement.notOver")}</Tag>}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t("settlement.columns.bankRows")}>
          <span data-testid="settlement-day-counts">
            {t("settlement.counts", { bankRows: d.bank_rows, matched: d.matched, others: d.others })}
          </span>
          {d.open_here > 0 && (
            <Typography.Text type="warning" style={{ display: "block" }}>
              {t("settlement.openHere", { count: d.open_here })}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("settlement.checkedAt")}>{formatDateTime(d.checked_at)}</Descriptions.Item>
      </Descriptions>
      {!d.complete && <Typography.Text type="secondary">{t("settlement.notOverHelp")}</Typography.Text>}
      {mayAct ? (
        <Flex gap={8}>
          <Button type="primary" loading={busy} onClick={() => void reread()} data-testid="settlement-reread">
            {t("settlement.reread")}
          </Button>
        </Flex>
      ) : (
        <Alert type="info" showIcon message={t("settlement.noPermission")} data-testid="settlement-no-permission" />
      )}
      {outcome && <Alert type="success" showIcon message={outcome} data-testid="settlement-outcome" />}
      <ErrorAlert error={error} testId="settlement-error" />

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("settlement.differencesTitle", { count: list.length })}
      </Typography.Title>
      <ErrorAlert error={differences.error} testId="settlement-differences-error" />
      {differences.isPending ? (
        <Spin />
      ) : list.length === 0 ? (
        <Empty description={t("settlement.noDifferences")} data-testid="settlement-no-differences" />
      ) : (
        <List
          data-testid="settlement-differences"
          dataSource={list}
          renderItem={(item) => (
            <List.Item>
              <DifferenceItem difference={item} mayResolve={mayAct} onResolve={() => setResolving(item)} />
            </List.Item>
          )}
        />
      )}
      <ResolveModal
        difference={resolving}
        onClose={() => setResolving(null)}
        onResolved={async () => {
          setResolving(null);
          setOutcome(t("settlement.resolved"));
          await refresh();
        }}
      />
    </Flex>
  );
}
