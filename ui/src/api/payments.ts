import { useEffect } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  type AttemptState,
  type CodeClass,
  type FollowUpKind,
  type FollowUpState,
  type PaymentActions_Serialize,
  type PaymentDetail_Serialize,
  type PaymentPage_Serialize,
  type PaymentQuery_Deserialize,
  type PaymentRow_Serialize,
  type PaymentSort,
  type PaymentStatus,
  type ProvisionKind,
  type ReversalOutcome_Serialize,
  type StepKind,
  type StepState,
  type TimelineEntry_Serialize,
} from "../bindings";
import { call } from "./call";
import type { NewCardInput } from "./customers";
import { onRunProgress } from "./scheduler";

export type {
  AttemptState,
  CodeClass,
  FollowUpKind,
  FollowUpState,
  PaymentSort,
  PaymentStatus,
  ProvisionKind,
  StepKind,
  StepState,
};
/** One payment as listed: its latest attempt's codes, masked card only. */
export type PaymentRow = PaymentRow_Serialize;
/** One page and the number of payments that match the filters. */
export type PaymentPage = PaymentPage_Serialize;
/** A payment with its plan, history and the actions open to the user. */
export type PaymentDetail = PaymentDetail_Serialize;
/** What the user may do to the payment now. */
export type PaymentActions = PaymentActions_Serialize;
/** One step of a payment's history: an attempt (sale, pre-authorisation) or a follow-up on one. */
export type TimelineEntry = TimelineEntry_Serialize;
/** What the bank said to a void, refund or capture. */
export type ReversalOutcome = ReversalOutcome_Serialize;
/**
 * Which payments a page shows. What is left out (or `null`) is not filtered on; `sort` left out
 * sorts by due date. Dates are `YYYY-MM-DD`, never an empty string.
 */
export type PaymentQuery = PaymentQuery_Deserialize;

/** Every query about payments (lists, details, the attention queue) starts with one of these. */
export const PAYMENTS_KEY = ["payments"] as const;
export const ATTENTION_KEY = ["attention"] as const;

/** Every payment status, in the order the filter offers them; a status missing here fails tsc. */
const STATUS_ORDER: Record<PaymentStatus, true> = {
  scheduled: true,
  processing: true,
  paid: true,
  authorized: true,
  retry_wait: true,
  attention: true,
  cancelled: true,
  voided: true,
  refunded: true,
  partially_refunded: true,
};
export const PAYMENT_STATUSES = Object.keys(STATUS_ORDER) as PaymentStatus[];

/** No filter, sorted by due date (the backend's default sort), the first 100. */
export function emptyPaymentQuery(): PaymentQuery {
  return {
    store_id: null,
    statuses: [],
    due_from: null,
    due_to: null,
    customer_id: null,
    plan_id: null,
    batch_id: null,
    search: null,
    descending: false,
    offset: 0,
    limit: 100,
  };
}

export function listPayments(query: PaymentQuery): Promise<PaymentPage> {
  return call(() => commands.listPayments(query));
}

/**
 * Refetches every payment list, detail and the attention queue while the scheduler reports
 * progress, so statuses change on screen as the run goes on, and at its end, once the day's
 * settlement (part of the attention queue) has been matched.
 */
export function useLivePayments(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onRunProgress(() => {
        void client.invalidateQueries({ queryKey: PAYMENTS_KEY });
        void client.invalidateQueries({ queryKey: ATTENTION_KEY });
        void client.invalidateQueries({ queryKey: ["customers"] });
      }),
    [client],
  );
}

/** One page of payments; the previous page stays on screen while the next one loads. */
export function usePaymentPage(query: PaymentQuery) {
  useLivePayments();
  return useQuery({
    queryKey: [...PAYMENTS_KEY, "page", query],
    queryFn: () => listPayments(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function fetchPaymentDetail(id: number): Promise<PaymentDetail> {
  return call(() => commands.paymentDetail(id));
}

export function usePaymentDetail(id: number | null) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, "detail", id],
    queryFn: () => fetchPaymentDetail(id as number),
    enabled: id !== null,
    retry: false,
  });
}

export function voidPayment(attemptId: number): Promise<ReversalOutcome> {
  return call(() => commands.voidPayment(attemptId));
}

/** A full refund without an amount, a partial one with `1.234,56`. */
export function refundPayment(attemptId: number, amount: string | null): Promise<ReversalOutcome> {
  return call(() => commands.refundPayment(attemptId, amount));
}

/** Captures a pre-authorisation: all of it without an amount, a part with `1.234,56`. */
export function capturePayment(attemptId: number, amount: string | null): Promise<ReversalOutcome> {
  return call(() => commands.capturePayment(attemptId, amount));
}

export function retryWithCard(paymentId: number, card: NewCardInput, keepOnFile: boolean): Promise<PaymentDetail> {
  return call(() => commands.retryWithCard(paymentId, card, keepOnFile));
}

export async function cancelPlan(planId: number): Promise<void> {
  await call(() => commands.cancelPlan(planId));
}
