import { useEffect, useState } from "react";
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Typography } from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  ATTENTION_KEY,
  changePlan,
  CUSTOMERS_KEY,
  emptyPaymentQuery,
  listPayments,
  PAYMENTS_KEY,
  previewPlanChange,
  REPORTS_KEY,
  toApiError,
  type CollectionKind,
  type PaymentChange,
  type PaymentEffect,
  type PlanChangeSet,
  type PlanStatus,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AmountInput } from "../../forms/AmountInput";
import { dateInputText } from "../../forms/dateInput";
import { formatDate, formatMoney, todayIso } from "../../format";
import { changeInput, changeKinds, changeProblem, type ChangeKind, type ChangeValues } from "./planChangeInput";

/** The plan a change is for. */
export interface PlanRef {
  id: number;
  status: PlanStatus;
  kind: CollectionKind;
  currency: string;
}

const EFFECT_COLOURS: Record<PaymentEffect, string> = {
  amount: "blue",
  cancelled: "red",
  added: "green",
  withdrawn: "orange",
};

/** A button that opens the change form of a plan; nothing when the plan can no longer change. */
export function PlanChangeButton({ plan, paymentId, size }: { plan: PlanRef; paymentId?: number; size?: "small" | "middle" }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (changeKinds(plan.status, plan.kind).length === 0) return null;
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)} data-testid={`plan-change-open-${plan.id}`}>
        {t("plans.change")}
      </Button>
      {open && <PlanChangeModal plan={plan} paymentId={paymentId} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Pause, resume, a new amount from a date, a new end, one payment skipped, cancel. Once the
 * fields are complete the backend's change set (computed as saving computes it) is listed, and
 * only then can the change be saved.
 */
export function PlanChangeModal({ plan, paymentId, onClose }: { plan: PlanRef; paymentId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const kinds = changeKinds(plan.status, plan.kind);
  const [form] = Form.useForm<ChangeValues>();
  const values = Form.useWatch([], form) as ChangeValues | undefined;
  const [answer, setAnswer] = useState<{ key: string; set: PlanChangeSet | null; error: unknown } | null>(null);
  const [saved, setSaved] = useState<PlanChangeSet | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind: ChangeKind = values?.kind ?? kinds[0] ?? "cancel";
  const scheduled = useQuery({
    queryKey: [...PAYMENTS_KEY, "plan-scheduled", plan.id],
    queryFn: () => listPayments({ ...emptyPaymentQuery(), plan_id: plan.id, statuses: ["scheduled", "retry_wait"] }),
    enabled: kind === "skip",
    retry: false,
  });
  const problem = values?.kind ? changeProblem(values) : null;
  const key = values?.kind && !problem ? JSON.stringify(changeInput(values)) : null;
  const current = answer !== null && answer.key === key ? answer : null;
  const preview = current?.set ?? null;

  useEffect(() => {
    if (!key) return;
    let wanted = true;
    const timer = setTimeout(() => {
      previewPlanChange(plan.id, JSON.parse(key))
        .then((set) => wanted && setAnswer({ key, set, error: null }))
        .catch((e: unknown) => wanted && setAnswer({ key, set: null, error: toApiError(e) }));
    }, 250);
    return () => {
      wanted = false;
      clearTimeout(timer);
    };
  }, [key, plan.id]);

  const save = async () => {
    if (!key) return;
    setBusy(true);
    setSaveError(null);
    try {
      setSaved(await changePlan(plan.id, JSON.parse(key)));
      for (const queryKey of [PAYMENTS_KEY, ATTENTION_KEY, CUSTOMERS_KEY, REPORTS_KEY]) await client.invalidateQueries({ queryKey });
    } catch (e) {
      setSaveError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: keyof ChangeValues) =>
    problem && problem.field === field && values && values[field] !== undefined
      ? { validateStatus: "error" as const, help: t(problem.key) }
      : {};

  return (
    <Modal
      open
      width={720}
      title={t("plans.title", { id: plan.id })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        saved ? (
          <Button onClick={onClose} data-testid="plan-change-close">
            {t("payments.detail.close")}
          </Button>
        ) : (
          <Button
            type="primary"
            danger={kind === "cancel"}
            disabled={!preview || busy}
            loading={busy}
            onClick={() => void save()}
            data-testid="plan-change-save"
          >
            {t("plans.save")}
          </Button>
        )
      }
    >
      <div data-testid="plan-change-modal">
        {saved ? (
          <Flex vertical gap={12}>
            <Alert type="success" showIcon data-testid="plan-change-saved" message={t("plans.saved", { count: saved.payments.length })} />
            <ChangeList set={saved} />
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ kind: kinds[0], from: dateInputText(todayIso()), endMode: "count", paymentId }}
            >
              <Form.Item name="kind" label={t("plans.kind")}>
                <Radio.Group optionType="button" data-testid="plan-change-kind">
                  {kinds.map((k) => (
                    <Radio.Button key={k} value={k} data-testid={`plan-change-kind-${k}`}>
                      {t(`plans.kinds.${k}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Typography.Paragraph type="secondary" data-testid="plan-change-explain">
                {t(`plans.explain.${kind}`)}
              </Typography.Paragraph>
              <ChangeFields kind={kind} currency={plan.currency} endMode={values?.endMode} fieldError={fieldError} scheduled={scheduled.data?.rows ?? []} />
            </Form>
            <ErrorAlert error={current?.error ?? null} testId="plan-change-preview-error" />
            {preview && <ChangeList set={preview} />}
            <ErrorAlert error={saveError} testId="plan-change-error" />
          </Flex>
        )}
      </div>
    </Modal>
  );
}

type FieldError = (field: keyof ChangeValues) => { validateStatus?: "error"; help?: string };

function ChangeFields({
  kind,
  currency,
  endMode,
  fieldError,
  scheduled,
}: {
  kind: ChangeKind;
  currency: string;
  endMode: ChangeValues["endMode"];
  fieldError: FieldError;
  scheduled: { id: number; due_date: string; amount_minor: number; currency: string }[];
}) {
  const { t } = useTranslation();
  if (kind === "amount")
    return (
      <Flex gap={16} wrap>
        <Form.Item name="amount" label={t("plans.amount")} {...fieldError("amount")} style={{ flex: 1 }}>
          <AmountInput data-testid="plan-change-amount" currency={currency} />
        </Form.Item>
        <Form.Item name="from" label={t("plans.from")} {...fieldError("from")}>
          <Input data-testid="plan-change-from" style={{ width: 160 }} />
        </Form.Item>
      </Flex>
    );
  if (kind === "end")
    return (
      <Flex gap={16} wrap>
        <Form.Item name="endMode" label={t("plans.endMode")}>
          <Radio.Group>
            <Radio value="count" data-testid="plan-change-end-count">
              {t("plans.endCount")}
            </Radio>
            <Radio value="until" data-testid="plan-change-end-until">
              {t("plans.endUntil")}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {endMode === "until" ? (
          <Form.Item name="until" label={t("plans.until")} {...fieldError("until")}>
            <Input data-testid="plan-change-until" style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <Form.Item name="count" label={t("plans.count")} {...fieldError("count")}>
            <InputNumber min={1} max={520} data-testid="plan-change-count" />
          </Form.Item>
        )}
      </Flex>
    );
  if (kind === "skip")
    return scheduled.length === 0 ? (
      <Alert type="info" showIcon message={t("plans.noScheduled")} />
    ) : (
      <Form.Item name="paymentId" label={t("plans.payment")}>
        <Select
          data-testid="plan-change-payment"
          style={{ maxWidth: 360 }}
          options={scheduled.map((p) => ({
            value: p.id,
            label: `${formatDate(p.due_date)} · ${formatMoney(p.amount_minor, p.currency)}`,
          }))}
        />
      </Form.Item>
    );
  return null;
}

/** The change set: the plan's status and amount, and each payment it touches. */
function ChangeList({ set }: { set: PlanChangeSet }) {
  const { t } = useTranslation();
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, set.currency));
  return (
    <Flex vertical gap={8} data-testid="plan-change-preview" data-count={set.payments.length}>
      <Typography.Text strong>{t("plans.previewTitle")}</Typography.Text>
      {set.status_before !== set.status_after && (
        <Typography.Text data-testid="plan-change-status">
          {t("plans.status", {
            from: t(`customers.planStatus.${set.status_before}`),
            to: t(`customers.planStatus.${set.status_after}`),
          })}
        </Typography.Text>
      )}
      {set.amount_before !== set.amount_after && (
        <Typography.Text data-testid="plan-change-plan-amount">
          {t("plans.planAmount", { from: money(set.amount_before), to: money(set.amount_after) })}
        </Typography.Text>
      )}
      {set.payments.length === 0 ? (
        <Typography.Text type="secondary" data-testid="plan-change-nothing">
          {t("plans.nothingChanges")}
        </Typography.Text>
      ) : (
        <Table<PaymentChange>
          size="small"
          rowKey={(p) => p.occurrence}
          pagination={false}
          scroll={{ y: 280 }}
          dataSource={set.payments}
          onRow={(p, i) => ({ "data-testid": `plan-change-row-${i}`, "data-effect": p.effect }) as object}
          columns={[
            { title: t("plans.due"), key: "due", render: (_, p) => formatDate(p.due_date) },
            {
              title: t("plans.effect"),
              key: "effect",
              render: (_, p) => <Tag color={EFFECT_COLOURS[p.effect]}>{t(`plans.effects.${p.effect}`)}</Tag>,
            },
            { title: t("plans.before"), key: "before", align: "right", render: (_, p) => money(p.amount_before) },
            {
              title: t("plans.after"),
              key: "after",
              align: "right",
              render: (_, p) => <span data-testid="plan-change-after">{p.effect === "cancelled" ? "—" : money(p.amount_after)}</span>,
            },
          ]}
        />
      )}
    </Flex>
  );
}
