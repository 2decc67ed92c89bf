import { Button, Card, Empty, Flex, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useStores, type Difference } from "../../api";
import { displayMaskedPan, formatDate, formatMoney, pick } from "../../format";
import { useNavigation } from "../../navigation";
import { txnLabel } from "../settlement/differenceTexts";

/** The attention queue's unresolved settlement differences, each opening its day on the settlement screen. */
export function SettlementDifferences({ differences, loading }: { differences: Difference[] | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const { open } = useNavigation();
  const stores = useStores();
  const storeName = (id: number) => stores.data?.find((s) => s.id === id)?.name ?? `#${id}`;
  const list = differences ?? [];
  return (
    <Card
      size="small"
      title={<span data-testid="attention-settlement-title">{t("attention.settlement", { count: list.length })}</span>}
      loading={loading}
      data-testid="attention-settlement"
    >
      {differences && list.length === 0 ? (
        <Empty description={t("attention.noSettlement")} />
      ) : (
        <List<Difference>
          dataSource={list}
          renderItem={(d) => {
            const amount = d.local_amount_minor ?? d.bank_amount_minor;
            return (
              <List.Item
                data-testid={`attention-difference-${d.id}`}
                actions={[
                  <Button
                    key="open"
                    size="small"
                    type="primary"
                    onClick={() => open("settlement", { storeId: d.store_id, day: d.day })}
                    data-testid={`attention-difference-open-${d.id}`}
                  >
                    {t("attention.openSettlement")}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <Tag color="red">{t(`settlement.kind.${d.kind}`)}</Tag>
                      <span>
                        {formatDate(d.day)} · {storeName(d.store_id)}
                      </span>
                      <span>
                        {txnLabel(t, d.txn_code)} · {t("settlement.orderId")}: {d.order_id}
                      </span>
                      {amount !== null && <span>{formatMoney(amount, d.currency ?? "TRY")}</span>}
                      {d.masked_pan && <Typography.Text type="secondary">{displayMaskedPan(d.masked_pan)}</Typography.Text>}
                    </Flex>
                  }
                  description={
                    <>
                      <Typography.Text strong style={{ display: "block" }}>
                        {t("attention.todo.settlement")}
                      </Typography.Text>
                      <Typography.Text type="secondary">{pick(d.meaning, i18n.resolvedLanguage)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
