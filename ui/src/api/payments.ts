import { useEffect } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  type NewCardInput,
  type PaymentActionsView,
  type PaymentDetailView,
  type PaymentPageView,
  type PaymentQueryInput,
  type PaymentRowView,
  type PaymentStatus,
  type ReversalView,
  type TimelineEntryView,
} from "../bindings";
import { call } from "./call";
import { onRunAndSettlement } from "./scheduler";

export type {
  PaymentActionsView,
  PaymentDetailView,
  PaymentPageView,
  PaymentQueryInput,
  PaymentRowView,
  PaymentStatus,
  ReversalView,
  TimelineEntryView,
};

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

export function emptyPaymentQuery(): PaymentQueryInput {
  return {
    storeId: null,
    statuses: [],
    dueFrom: null,
    dueTo: null,
    customerId: null,
    planId: null,
    batchId: null,
    search: null,
    sort: null,
    descending: false,
    offset: 0,
    limit: 100,
  };
}

export function listPayments(query: PaymentQueryInput): Promise<PaymentPageView> {
  return call(() => commands.listPayments(query));
}

/**
 * Refetches every payment list, detail and the attention queue while the scheduler reports
 * progress, so statuses change on screen as the run goes on, and once more after the run,
 * when the day's settlement (part of the attention queue) has been matched.
 */
export function useLivePayments(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onRunAndSettlement(() => {
        void client.invalidateQueries({ queryKey: PAYMENTS_KEY });
        void client.invalidateQueries({ queryKey: ATTENTION_KEY });
        void client.invalidateQueries({ queryKey: ["customers"] });
      }),
    [client],
  );
}

/** One page of payments; the previous page stays on screen while the next one loads. */
export function usePaymentPage(query: PaymentQueryInput) {
  useLivePayments();
  return useQuery({
    queryKey: [...PAYMENTS_KEY, "page", query],
    queryFn: () => listPayments(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function fetchPaymentDetail(id: number): Promise<PaymentDetailView> {
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

export function voidPayment(attemptId: number): Promise<ReversalView> {
  return call(() => commands.voidPayment(attemptId));
}

/** A full refund without an amount, a partial one with `1.234,56`. */
export function refundPayment(attemptId: number, amount: string | null): Promise<ReversalView> {
  return call(() => commands.refundPayment(attemptId, amount));
}

export function retryWithCard(paymentId: number, card: NewCardInput, keepOnFile: boolean): Promise<PaymentDetailView> {
  return call(() => commands.retryWithCard(paymentId, card, keepOnFile));
}

export async function cancelPlan(planId: number): Promise<void> {
  await call(() => commands.cancelPlan(planId));
}
