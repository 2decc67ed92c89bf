import { useState } from "react";
import { Button, Card, Empty, Flex, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can, useAttentionQueue, type AttentionItem, type ExpiringCard, type AttentionProblem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { displayMaskedPan, formatDate, formatMoney } from "../../format";
import { useSession } from "../../session";
import { AddCardModal } from "../customers/AddCardModal";
import { PaymentDetailDrawer } from "../payments/PaymentDetailDrawer";
import { RetryWithCardModal } from "../payments/RetryWithCardModal";
import { SettlementDifferences } from "./SettlementDifferences";

const PROBLEM_COLOURS: Record<AttentionProblem, string> = {
  declined: "red",
  manual_review: "orange",
  configuration: "volcano",
  no_card: "gold",
};

/**
 * What needs an operator: payments that could not be collected, cards about to expire, and
 * settlement differences nobody has resolved. Each says what to do.
 */
export function AttentionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const queue = useAttentionQueue(null);
  const [open, setOpen] = useState<number | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);
  const [replacing, setReplacing] = useState<ExpiringCard | null>(null);
  const q = queue.data;

  return (
    <Flex vertical gap={16} data-testid="attention-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("attention.title")}
      </Typography.Title>
      <ErrorAlert error={queue.error} testId="attention-error" />
      <Card size="small" title={t("attention.payments", { count: q?.payments_total ?? 0 })} loading={queue.isPending}>
        {q && q.payments.length === 0 ? (
          <Empty description={t("attention.noPayments")} />
        ) : (
          <List<AttentionItem>
            dataSource={q?.payments ?? []}
            renderItem={({ problem, payment: p }) => (
              <List.Item
                data-testid={`attention-payment-${p.id}`}
                data-problem={problem}
                actions={[
                  (problem === "declined" || problem === "no_card") && can(session, "replace_card", p.store_id) ? (
                    <Button key="retry" type="primary" size="small" onClick={() => setRetrying(p.id)} data-testid={`attention-retry-${p.id}`}>
                      {t("payments.actions.retry")}
                    </Button>
                  ) : null,
                  problem === "manual_review" ? (
                    <Button key="review" type="primary" size="small" onClick={() => setOpen(p.id)} data-testid={`attention-review-${p.id}`}>
                      {t("attention.review")}
                    </Button>
                  ) : null,
                  <Button key="open" size="small" onClick={() => setOpen(p.id)} data-testid={`attention-open-${p.id}`}>
                    {t("attention.open")}
                  </Button>,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <Tag color={PROBLEM_COLOURS[problem]}>{t(`attention.problem.${problem}`)}</Tag>
                      <span>
                        {p.customer_name} ({p.customer_ref})
                      </span>
                      <span>{formatMoney(p.amount_minor, p.currency)}</span>
                      <Typography.Text type="secondary">{formatDate(p.due_date)}</Typography.Text>
                      {p.masked_pan && <Typography.Text type="secondary">{displayMaskedPan(p.masked_pan)}</Typography.Text>}
                    </Flex>
                  }
                  description={
                    <>
                      <Typography.Text strong style={{ display: "block" }} data-testid={`attention-todo-${p.id}`}>
                        {t(`attention.todo.${problem}`)}
                      </Typography.Text>
                      {p.attention && <Typography.Text type="secondary">{p.attention}</Typography.Text>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t("attention.expiring", { count: q?.expiring_cards.length ?? 0 })} loading={queue.isPending}>
        {q && q.expiring_cards.length === 0 ? (
          <Empty description={t("attention.noExpiring")} />
        ) : (
          <List<ExpiringCard>
            dataSource={q?.expiring_cards ?? []}
            renderItem={(c) => (
              <List.Item
                data-testid={`attention-card-${c.card_id}`}
                actions={
                  can(session, "replace_card", c.store_id)
                    ? [
                        <Button key="replace" size="small" type="primary" onClick={() => setReplacing(c)} data-testid={`attention-card-replace-${c.card_id}`}>
                          {t("attention.replaceCard")}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <Tag color={c.expired ? "red" : "orange"}>
                        {c.expired
                          ? t("attention.expiredOn", { date: formatDate(c.valid_through) })
                          : t("attention.expiresOn", { date: formatDate(c.valid_through) })}
                      </Tag>
                      <span>
                        {c.customer_name} ({c.customer_ref})
                      </span>
                      <span>
                        {displayMaskedPan(c.masked_pan)} · {c.brand} · {c.expiry}
                      </span>
                      {c.next_due_date && <Typography.Text type="secondary">{t("attention.nextDue", { date: formatDate(c.next_due_date) })}</Typography.Text>}
                    </Flex>
                  }
                  description={<Typography.Text strong>{t("attention.todo.expiring")}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <SettlementDifferences differences={q?.settlement} loading={queue.isPending} />
      <PaymentDetailDrawer id={open} onClose={() => setOpen(null)} />
      {replacing !== null && (
        <AddCardModal
          customerId={replacing.customer_id}
          replacing={{ id: replacing.card_id, masked_pan: replacing.masked_pan }}
          open
          onClose={() => setReplacing(null)}
        />
      )}
      {retrying !== null && (
        <RetryWithCardModal open paymentId={retrying} onClose={() => setRetrying(null)} onDone={() => setRetrying(null)} />
      )}
    </Flex>
  );
}
