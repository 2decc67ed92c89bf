import { Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PaymentStatus, PlanStatus, StepState } from "../api";

/*
 * The one place a status gets its words and its colour: a payment's (lists, the payment's
 * detail, an import batch, a customer's page), an attempt's or follow-up's (the timeline, the
 * review) and a plan's. Every screen shows a status through these tags or words, so one status
 * reads and looks the same everywhere.
 */

/**
 * Colour per payment status: green collected, cyan held on the card, red needs a person, orange
 * waiting, grey closed.
 */
export const STATUS_COLOURS: Record<PaymentStatus, string> = {
  scheduled: "blue",
  processing: "geekblue",
  paid: "green",
  retry_wait: "orange",
  attention: "red",
  cancelled: "default",
  voided: "purple",
  refunded: "purple",
  partially_refunded: "magenta",
  authorized: "cyan",
};

/** A payment status in words (e.g. for a filter's options). */
export function paymentStatusText(t: TFunction, status: PaymentStatus): string {
  return t(`payments.status.${status}`);
}

/** A payment's status in colour and words. */
export function PaymentStatusTag({ status, testId }: { status: PaymentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={testId} data-status={status}>
      {paymentStatusText(t, status)}
    </Tag>
  );
}

/**
 * Colour per attempt (or void, refund, capture) state: green approved, red declined, orange
 * while the bank's answer is not known, blue on its way, grey for what never reached the bank
 * (not sent yet, withdrawn for good) and for a follow-up still waiting or closed with nothing
 * to do.
 */
export const ATTEMPT_STATE_COLOURS: Record<StepState, string> = {
  approved: "green",
  declined: "red",
  unknown: "orange",
  manual_review: "orange",
  not_found: "orange",
  not_sent: "gray",
  withdrawn: "default",
  in_flight: "blue",
  planned: "blue",
  requested: "default",
  closed: "default",
};

/** An attempt's (or a follow-up's) state in words. */
export function attemptStateText(t: TFunction, state: StepState): string {
  return t(`payments.detail.state.${state}`, { defaultValue: state });
}

/** The colour of a state's dot on a timeline (which has no neutral "default"). */
export function timelineColour(state: StepState): string {
  const colour = ATTEMPT_STATE_COLOURS[state];
  return colour === "default" ? "gray" : colour;
}

/** An attempt's (or a void's, a refund's, a capture's) state in colour and words. */
export function AttemptStateTag({ state, testId }: { state: StepState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ATTEMPT_STATE_COLOURS[state]} data-testid={testId} data-state={state}>
      {attemptStateText(t, state)}
    </Tag>
  );
}

/** Colour per plan status: blue collecting, orange paused, green done, grey cancelled. */
export const PLAN_STATUS_COLOURS: Record<PlanStatus, string> = {
  active: "blue",
  paused: "orange",
  completed: "green",
  cancelled: "default",
};

/** A plan's status in colour and words. */
export function PlanStatusTag({ status, testId }: { status: PlanStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_STATUS_COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`customers.planStatus.${status}`)}
    </Tag>
  );
}
