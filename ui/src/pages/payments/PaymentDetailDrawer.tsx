import { useState } from "react";
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Popconfirm, Spin, Timeline, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  ATTENTION_KEY,
  cancelPlan,
  CUSTOMERS_KEY,
  PAYMENTS_KEY,
  REPORTS_KEY,
  saveReceipts,
  REVIEW_STATES,
  SETTLEMENT_KEY,
  toApiError,
  usePaymentDetail,
  voidPayment,
  type ReversalOutcome,
  type StepKind,
  type TimelineEntry,
} from "../../api";
import { BELOW_HEADER } from "../../components/AppHeader";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AttemptStateTag, PaymentStatusTag, timelineColour } from "../../components/StatusTag";
import { displayMaskedPan, formatDate, formatDateTime, formatMoney, pick } from "../../format";
import { PlanChangeButton } from "../plans/PlanChangeModal";
import { CaptureModal } from "./CaptureModal";
import { RefundModal } from "./RefundModal";
import { ReviewPanel } from "./ReviewPanel";
import { RetryWithCardModal } from "./RetryWithCardModal";

/** One payment: what it is, its history with the bank, and what the user may do to it. */
export function PaymentDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      rootStyle={BELOW_HEADER}
      open={id !== null}
      width={760}
      onClose={onClose}
      title={id !== null ? t("payments.detail.title", { id }) : ""}
      closeIcon={<span data-testid="drawer-close" aria-label={t("payments.detail.close")}>✕</span>}
      destroyOnHidden
    >
      {id !== null && <PaymentDetail id={id} />}
    </Drawer>
  );
}

function PaymentDetail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const detail = usePaymentDetail(id);
  const [refunding, setRefunding] = useState(false);
  const [capturing, setCapturing] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [outcome, setOutcome] = useState<{ type: "success" | "info" | "warning" | "error"; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: PAYMENTS_KEY });
    await client.invalidateQueries({ queryKey: ATTENTION_KEY });
    await client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
    await client.invalidateQueries({ queryKey: SETTLEMENT_KEY });
    await client.invalidateQueries({ queryKey: REPORTS_KEY });
  };
  const showReversal = (r: ReversalOutcome, currency: string) => {
    if (r.state === "approved") setOutcome({ type: "success", text: t("payments.actions.approved", { amount: formatMoney(r.amount_minor, currency) }) });
    else if (r.state === "declined") setOutcome({ type: "error", text: t("payments.actions.declined", { message: r.message ?? r.host_code ?? r.vps_code ?? "" }) });
    else setOutcome({ type: "warning", text: t("payments.actions.unknown") });
  };
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      await work();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  if (detail.isPending) return <Spin />;
  if (detail.error || !detail.data) return <ErrorAlert error={detail.error} testId="payment-detail-error" />;
  const d = detail.data;
  const p = d.payment;
  const actions = d.actions;
  const approved = actions.approved_attempt;
  const review = attemptInReview(d.timeline);
  // Held on the card, waiting to be captured or voided (whether or not this user may).
  const openPreAuth = actions.capturable_minor > 0;
  // A sale, capture, refund or void the bank approved has its receipt; a hold has none.
  const hasReceipt = d.timeline.some((e) => e.state === "approved" && e.kind !== "pre_auth");
  const saveReceipt = () =>
    act(async () => {
      const saved = await saveReceipts({ by: "payment", payment_id: p.id });
      if (saved) setOutcome({ type: "success", text: t("reports.receiptsSaved", { name: saved.file_name, count: saved.receipts }) });
    });

  return (
    <Flex vertical gap={16} data-testid="payment-detail" data-status={p.status}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t("payments.detail.customer")}>
          {p.customer_name} ({p.customer_ref})
        </Descriptions.Item>
        <Descriptions.Item label={t("payments.detail.plan")}>
          #{p.plan_id} · {t(`customers.planKind.${d.plan_kind}`)}
          {d.installments > 1 ? ` · ${t("customers.plan.installments", { n: d.installments })}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("payments.detail.due")}>{formatDate(p.due_date)}</Descriptions.Item>
        <Descriptions.Item label={t("payments.detail.amount")}>
          <span data-testid="payment-amount">{formatMoney(p.amount_minor, p.currency)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("payments.detail.status")}>
          <PaymentStatusTag status={p.status} testId="payment-detail-status" />
        </Descriptions.Item>
        <Descriptions.Item label={t("payments.detail.card")}>{p.masked_pan ? displayMaskedPan(p.masked_pan) : "—"}</Descriptions.Item>
        {/* An attempt in review is explained, in the user's language, by the review below. */}
        {p.attention && review === null && (
          <Descriptions.Item label={t("payments.detail.attention")} span={2}>
            {p.attention}
          </Descriptions.Item>
        )}
      </Descriptions>

      {review !== null && (
        <ReviewPanel
          key={review}
          attemptId={review}
          storeId={p.store_id}
          onOutcome={setOutcome}
          onVoided={(r) => showReversal(r, p.currency)}
        />
      )}

      <Flex gap={8} wrap data-testid="payment-actions">
        {hasReceipt && (
          <Button loading={busy} onClick={() => void saveReceipt()} data-testid="action-receipt">
            {t("payments.actions.receipt")}
          </Button>
        )}
        {actions.can_capture && approved !== null && (
          <Button type="primary" loading={busy} onClick={() => setCapturing(true)} data-testid="action-capture">
            {t("payments.actions.capture")}
          </Button>
        )}
        {actions.can_void && approved !== null && (
          <Popconfirm
            title={t(openPreAuth ? "payments.actions.voidPreAuthConfirm" : "payments.actions.voidConfirm")}
            okText={t("payments.actions.yes")}
            cancelText={t("payments.actions.no")}
            okButtonProps={{ "data-testid": "void-confirm" }}
            onConfirm={() =>
              act(async () => showReversal(await voidPayment(approved), p.currency))
            }
          >
            <Button danger loading={busy} data-testid="action-void">
              {t(openPreAuth ? "payments.actions.voidPreAuth" : "payments.actions.void")}
            </Button>
          </Popconfirm>
        )}
        {actions.can_refund && approved !== null && (
          <Button loading={busy} onClick={() => setRefunding(true)} data-testid="action-refund">
            {t("payments.actions.refund")}
          </Button>
        )}
        {actions.can_retry_with_card && (
          <Button type="primary" onClick={() => setRetrying(true)} data-testid="action-retry">
            {t("payments.actions.retry")}
          </Button>
        )}
        {actions.can_cancel_plan && (
          <PlanChangeButton
            plan={{ id: p.plan_id, status: d.plan_status, kind: d.plan_kind, currency: p.currency }}
            paymentId={p.status === "scheduled" || p.status === "retry_wait" ? p.id : undefined}
          />
        )}
        {actions.can_cancel_plan && (
          <Popconfirm
            title={t("payments.actions.cancelConfirm")}
            okText={t("payments.actions.yes")}
            cancelText={t("payments.actions.no")}
            okButtonProps={{ "data-testid": "cancel-plan-confirm" }}
            onConfirm={() =>
              act(async () => {
                await cancelPlan(p.plan_id);
                setOutcome({ type: "success", text: t("payments.actions.planCancelled") });
              })
            }
          >
            <Button loading={busy} data-testid="action-cancel-plan">
              {t("payments.actions.cancelPlan")}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {outcome && <Alert type={outcome.type} showIcon message={outcome.text} data-testid="action-outcome" data-type={outcome.type} />}
      <ErrorAlert error={error} testId="action-error" />

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("payments.detail.timeline")}
      </Typography.Title>
      {d.timeline.length === 0 ? (
        <Empty description={t("payments.detail.noAttempts")} />
      ) : (
        <Timeline
          data-testid="payment-timeline"
          items={d.timeline.map((e, i) => ({
            color: timelineColour(e.state),
            children: <TimelineItem entry={e} index={i} language={i18n.resolvedLanguage} />,
          }))}
        />
      )}
      <RefundModal
        open={refunding}
        attemptId={approved}
        refundableMinor={actions.refundable_minor}
        currency={p.currency}
        onClose={() => setRefunding(false)}
        onDone={async (r) => {
          setRefunding(false);
          showReversal(r, p.currency);
          await refresh();
        }}
      />
      {capturing && approved !== null && (
        <CaptureModal
          attemptId={approved}
          authorisedMinor={actions.capturable_minor}
          currency={p.currency}
          onClose={() => setCapturing(false)}
          onDone={async (r) => {
            setCapturing(false);
            showReversal(r, p.currency);
            await refresh();
          }}
        />
      )}
      <RetryWithCardModal
        open={retrying}
        paymentId={p.id}
        onClose={() => setRetrying(false)}
        onDone={async () => {
          setRetrying(false);
          setOutcome({ type: "success", text: t("payments.actions.retryScheduled") });
          await refresh();
        }}
      />
    </Flex>
  );
}

/** Which steps are attempts (a sale or a pre-authorisation), not a follow-up on one. */
const IS_ATTEMPT: Record<StepKind, boolean> = { sale: true, pre_auth: true, void: false, refund: false, capture: false };

/** The payment's latest attempt when an operator can take it up with the bank. */
function attemptInReview(timeline: TimelineEntry[]): number | null {
  const attempts = timeline.filter((e) => IS_ATTEMPT[e.kind]);
  const latest = attempts.reduce<TimelineEntry | null>((a, b) => (a && a.attempt_id > b.attempt_id ? a : b), null);
  return latest && REVIEW_STATES.includes(latest.state) ? latest.attempt_id : null;
}

function TimelineItem({ entry, index, language }: { entry: TimelineEntry; index: number; language: string | undefined }) {
  const { t } = useTranslation();
  const explanation = entry.explanation ? pick(entry.explanation, language) : null;
  return (
    <div data-testid={`timeline-${index}`} data-kind={entry.kind} data-state={entry.state}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t(`payments.detail.kind.${entry.kind}`)}</Typography.Text>
        <AttemptStateTag state={entry.state} testId={`timeline-state-${index}`} />
        <span>{formatMoney(entry.amount_minor, entry.currency)}</span>
        <Typography.Text type="secondary">{formatDateTime(entry.finished_at ?? entry.at)}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ display: "block" }}>
        {t("payments.detail.orderId")}: {entry.order_id ?? "—"}
        {entry.masked_pan ? ` · ${displayMaskedPan(entry.masked_pan)}` : ""}
        {entry.host_code || entry.vps_code ? ` · ${t("payments.detail.hostCode")}: ${[entry.vps_code, entry.host_code].filter(Boolean).join(" / ")}` : ""}
        {entry.auth_code ? ` · ${t("payments.detail.authCode")}: ${entry.auth_code}` : ""}
      </Typography.Text>
      {explanation && (
        <Typography.Text data-testid={`timeline-explanation-${index}`} style={{ display: "block" }}>
          {explanation}
        </Typography.Text>
      )}
      {!explanation && entry.message && (
        <Typography.Text type="secondary" style={{ display: "block" }}>
          {entry.message}
        </Typography.Text>
      )}
    </div>
  );
}
