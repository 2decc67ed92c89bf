import { useState } from "react";
import { Alert, Button, Card, Descriptions, Drawer, Empty, Flex, Popconfirm, Spin, Table, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  archiveCustomer,
  ATTENTION_KEY,
  can,
  CUSTOMERS_KEY,
  PAYMENTS_KEY,
  removeCard,
  setPrimaryCard,
  toApiError,
  unarchiveCustomer,
  useCustomerDetail,
  type ArchiveOutcome,
  type CardDetail,
  type PaymentRow,
  type PlanSummary,
} from "../../api";
import { BELOW_HEADER } from "../../components/AppHeader";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PaymentStatusTag, PlanStatusTag } from "../../components/StatusTag";
import { displayMaskedPan, formatDate, formatMoney } from "../../format";
import { useSession } from "../../session";
import { NewCollectionForm } from "../collections/NewCollectionForm";
import { PaymentDetailDrawer } from "../payments/PaymentDetailDrawer";
import { PlanChangeButton } from "../plans/PlanChangeModal";
import { AddCardModal, type ReplacedCard } from "./AddCardModal";
import { AddCustomerModal } from "./AddCustomerModal";
import { InstructionScanCell } from "./InstructionScanCell";
import { LedgerCard } from "./LedgerCard";

/**
 * One customer: contact (editable), cards (masked; the primary one chosen, one replaced or
 * removed; the scan of each one's signed instruction attached, opened and removed), plans, the latest payments and the ledger; archived (never charged again) and taken
 * out of the archive.
 */
export function CustomerDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const detail = useCustomerDetail(id);
  const [addingCard, setAddingCard] = useState(false);
  const [collecting, setCollecting] = useState(false);
  const [payment, setPayment] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [cardError, setCardError] = useState<unknown>(null);
  const [replacing, setReplacing] = useState<ReplacedCard | null>(null);
  const [archiving, setArchiving] = useState(false);
  const [archiveBusy, setArchiveBusy] = useState(false);
  const [archivedNow, setArchivedNow] = useState<ArchiveOutcome | null>(null);
  const client = useQueryClient();
  const d = detail.data;
  const archived = d?.status === "archived";
  const mayCreate = d !== undefined && can(session, "create_collections", d.store_id);
  const mayChangeCards = d !== undefined && !archived && can(session, "replace_card", d.store_id);
  const refresh = () =>
    Promise.all([CUSTOMERS_KEY, PAYMENTS_KEY, ATTENTION_KEY].map((queryKey) => client.invalidateQueries({ queryKey })));
  const changeCards = async (change: () => Promise<unknown>) => {
    setCardError(null);
    try {
      await change();
      await refresh();
    } catch (e) {
      setCardError(toApiError(e));
    }
  };
  const runningPlans = d?.plans.filter((p) => p.status === "active" || p.status === "paused").length ?? 0;
  const archive = async () => {
    if (!d) return;
    setArchiveBusy(true);
    setCardError(null);
    try {
      const done = await archiveCustomer(d.id);
      setArchivedNow(done);
      await refresh();
    } catch (e) {
      setCardError(toApiError(e));
    } finally {
      setArchiveBusy(false);
      setArchiving(false);
    }
  };
  const unarchive = () =>
    changeCards(async () => {
      if (d) await unarchiveCustomer(d.id);
      setArchivedNow(null);
    });

  return (
    <Flex vertical gap={16} data-testid="customer-detail" data-customer={d?.reference}>
      <Flex justify="space-between" align="center">
        <Button onClick={onBack} data-testid="customer-back">
          ← {t("customers.detail.back")}
        </Button>
        {mayCreate && (
          <Flex gap={8} wrap justify="end">
            <Button onClick={() => setEditing(true)} data-testid="customer-edit">
              {t("customers.detail.edit")}
            </Button>
            {archived ? (
              <Button onClick={() => void unarchive()} data-testid="customer-unarchive">
                {t("customers.archive.undo")}
              </Button>
            ) : (
              <>
                <Button danger onClick={() => setArchiving(true)} data-testid="customer-archive">
                  {t("customers.archive.action")}
                </Button>
                <Button onClick={() => setAddingCard(true)} data-testid="card-add">
                  {t("customers.detail.addCard")}
                </Button>
                <Button type="primary" onClick={() => setCollecting(true)} data-testid="collection-new">
                  {t("customers.detail.newCollection")}
                </Button>
              </>
            )}
          </Flex>
        )}
      </Flex>
      <ErrorAlert error={detail.error} testId="customer-detail-error" />
      {detail.isPending && <Spin />}
      {d && (
        <>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-title">
            {d.name} <Typography.Text type="secondary">({d.reference})</Typography.Text>{" "}
            {archived && (
              <Tag color="default" data-testid="customer-archived-tag">
                {t("customers.archive.tag")}
              </Tag>
            )}
          </Typography.Title>
          {archived && (
            <Alert
              type="info"
              showIcon
              message={t("customers.archive.banner")}
              description={
                archivedNow && t("customers.archive.done", { plans: archivedNow.plans_cancelled, payments: archivedNow.payments_cancelled })
              }
              data-testid="customer-archived"
            />
          )}
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t("customers.form.store")}>{d.store}</Descriptions.Item>
            <Descriptions.Item label={t("customers.form.phone")}>{d.phone ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("customers.form.email")}>{d.email ?? "—"}</Descriptions.Item>
          </Descriptions>
          <ErrorAlert error={cardError} testId="card-change-error" />
          <Card title={t("customers.detail.cards")} size="small">
            {d.cards.length === 0 ? (
              <Alert type="warning" showIcon message={t("customers.detail.noCards")} data-testid="customer-no-cards" />
            ) : (
              <Table<CardDetail>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.cards}
                onRow={(card) => ({ "data-testid": `card-row-${card.position}` }) as object}
                columns={[
                  {
                    title: t("customers.card.number"),
                    key: "masked_pan",
                    render: (_, card) => (
                      <span data-testid="card-masked" style={{ whiteSpace: "nowrap" }}>
                        {displayMaskedPan(card.masked_pan)}
                      </span>
                    ),
                  },
                  { title: "", key: "brand", width: 140, render: (_, card) => card.brand },
                  {
                    title: "",
                    key: "position",
                    render: (_, card) =>
                      card.position === 0 ? (
                        <Tag color="green">{t("customers.detail.primary")}</Tag>
                      ) : (
                        <Tag>{t("customers.detail.alternate", { n: card.position })}</Tag>
                      ),
                  },
                  {
                    title: t("customers.card.expiry"),
                    key: "expiry",
                    render: (_, card) => (
                      <span>
                        {card.expiry}{" "}
                        {card.expired ? (
                          <Tag color="red">{t("customers.detail.expired")}</Tag>
                        ) : (
                          <Typography.Text type="secondary">
                            {t("customers.detail.validThrough", { date: formatDate(card.valid_through) })}
                          </Typography.Text>
                        )}
                      </span>
                    ),
                  },
                  { title: t("customers.card.holder"), key: "holder", render: (_, card) => card.holder ?? "—" },
                  {
                    title: t("customers.card.instructionDate"),
                    key: "instruction_date",
                    render: (_, card) => (
                      <Flex vertical gap={4}>
                        <span data-testid={`card-instruction-${card.position}`}>
                          {card.instruction_date
                            ? t("customers.detail.instruction", {
                                date: formatDate(card.instruction_date),
                                ref: card.instruction_ref ?? "",
                              })
                            : t("customers.detail.noInstruction")}
                        </span>
                        <InstructionScanCell
                          card={card}
                          mayChange={mayCreate}
                          change={changeCards}
                          onError={(e) => setCardError(toApiError(e))}
                        />
                      </Flex>
                    ),
                  },
                  ...(mayChangeCards
                    ? [
                        {
                          title: t("customers.detail.actions"),
                          key: "actions",
                          render: (_: unknown, card: CardDetail) => (
                            <Flex gap={4} wrap>
                              <Button
                                size="small"
                                type={card.expired ? "primary" : "default"}
                                onClick={() => setReplacing({ id: card.id, masked_pan: card.masked_pan })}
                                data-testid={`card-replace-${card.position}`}
                              >
                                {t("customers.detail.replace")}
                              </Button>
                              {card.position > 0 && (
                                <Button
                                  size="small"
                                  onClick={() => void changeCards(() => setPrimaryCard(card.id))}
                                  data-testid={`card-primary-${card.position}`}
                                >
                                  {t("customers.detail.makePrimary")}
                                </Button>
                              )}
                              <Popconfirm
                                title={t("customers.detail.removeConfirm", { pan: displayMaskedPan(card.masked_pan) })}
                                okText={t("customers.detail.removeOk")}
                                cancelText={t("customers.detail.cancel")}
                                okButtonProps={{ danger: true, "data-testid": "card-remove-ok" }}
                                onConfirm={() => changeCards(() => removeCard(d.id, card.id))}
                              >
                                <Button size="small" danger data-testid={`card-remove-${card.position}`}>
                                  {t("customers.detail.remove")}
                                </Button>
                              </Popconfirm>
                            </Flex>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
          <Card title={t("customers.detail.plans")} size="small">
            {d.plans.length === 0 ? (
              <Empty description={t("customers.detail.noPlans")} />
            ) : (
              <Table<PlanSummary>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.plans}
                columns={[
                  { title: "#", key: "id", width: 60, render: (_, p) => p.id },
                  { title: t("collection.kind"), key: "kind", render: (_, p) => t(`customers.planKind.${p.kind}`) },
                  {
                    title: t("customers.plan.amount"),
                    key: "amount",
                    render: (_, p) => formatMoney(p.amount_minor, p.currency),
                  },
                  {
                    title: t("customers.plan.schedule"),
                    key: "schedule",
                    render: (_, p) => <PlanSchedule plan={p} />,
                  },
                  {
                    title: t("payments.columns.status"),
                    key: "status",
                    render: (_, p) => (
                      <span>
                        <PlanStatusTag status={p.status} testId={`plan-status-${p.id}`} />
                        {t("customers.plan.progress", { paid: p.paid, total: p.payments })}
                      </span>
                    ),
                  },
                  ...(mayCreate && !archived
                    ? [
                        {
                          title: "",
                          key: "actions",
                          width: 150,
                          render: (_: unknown, p: PlanSummary) => (
                            <PlanChangeButton size="small" plan={{ id: p.id, status: p.status, kind: p.kind, currency: p.currency }} />
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
          <Card title={t("customers.detail.payments")} size="small">
            {d.payments.total > d.payments.rows.length && (
              <Typography.Paragraph type="secondary">
                {t("customers.detail.paymentsShown", { shown: d.payments.rows.length, total: d.payments.total })}
              </Typography.Paragraph>
            )}
            <Table<PaymentRow>
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={d.payments.rows}
              onRow={(row) => ({
                onClick: () => setPayment(row.id),
                style: { cursor: "pointer" },
                "data-testid": `customer-payment-${row.id}`,
              })}
              columns={[
                { title: t("payments.columns.due"), key: "due_date", render: (_, r) => formatDate(r.due_date) },
                {
                  title: t("payments.columns.amount"),
                  key: "amount",
                  align: "right",
                  render: (_, r) => formatMoney(r.amount_minor, r.currency),
                },
                {
                  title: t("payments.columns.status"),
                  key: "status",
                  render: (_, r) => <PaymentStatusTag status={r.status} testId={`customer-payment-status-${r.id}`} />,
                },
                {
                  title: t("payments.columns.card"),
                  key: "masked_pan",
                  render: (_, r) => (r.masked_pan ? displayMaskedPan(r.masked_pan) : "—"),
                },
              ]}
            />
          </Card>
          {can(session, "view_reports", d.store_id) && <LedgerCard customerId={d.id} />}
          <AddCardModal customerId={d.id} open={addingCard} onClose={() => setAddingCard(false)} />
          {replacing && <AddCardModal customerId={d.id} replacing={replacing} open onClose={() => setReplacing(null)} />}
          <ConfirmModal
            open={archiving}
            title={t("customers.archive.title", { name: d.name })}
            text={t("customers.archive.confirm", { count: runningPlans })}
            okText={t("customers.archive.action")}
            cancelText={t("customers.detail.cancel")}
            danger
            busy={archiveBusy}
            testId="customer-archive-confirm"
            onOk={() => void archive()}
            onCancel={() => setArchiving(false)}
          />
          {editing && (
            <AddCustomerModal open editing={d} onClose={() => setEditing(false)} onAdded={() => setEditing(false)} />
          )}
          <Drawer
            rootStyle={BELOW_HEADER}
            open={collecting}
            width={720}
            title={`${t("collection.title")}: ${d.name}`}
            onClose={() => setCollecting(false)}
            closeIcon={<span data-testid="drawer-close" aria-label={t("payments.detail.close")}>✕</span>}
            destroyOnHidden
          >
            <NewCollectionForm customer={{ id: d.id, label: `${d.reference} — ${d.name}`, storeId: d.store_id, hasCard: d.cards.length > 0 }} />
          </Drawer>
          <PaymentDetailDrawer id={payment} onClose={() => setPayment(null)} />
        </>
      )}
    </Flex>
  );
}

function PlanSchedule({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation();
  if (plan.kind === "installment") return <>{t("customers.plan.installments", { n: plan.installments })}</>;
  if (plan.kind !== "recurring" || !plan.cadence) return <>{formatDate(plan.start_date)}</>;
  const unit = plan.cadence.slice(-1);
  const every = t("customers.plan.every", { n: plan.cadence.slice(0, -1), unit: t(`customers.plan.unit.${unit}`) });
  const end = plan.end_count !== null ? `× ${plan.end_count}` : plan.end_date ? `→ ${formatDate(plan.end_date)}` : "";
  return (
    <>
      {formatDate(plan.start_date)} · {every} {end}
    </>
  );
}
