import { useEffect } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  events,
  type Ageing,
  type ArrearsPage,
  type ArrearsQuery_Deserialize,
  type ArrearsRow,
  type ArrearsSort,
  type ArrearsTotal,
  type BatchTotals,
  type DayTotals,
  type DeclineReason_Serialize,
  type ExportFormat,
  type ExportProgress,
  type ExportRequest_Deserialize,
  type ExpiringDue,
  type Figure,
  type KindTotals,
  type LedgerEntry,
  type LedgerLine_Serialize,
  type LedgerQuery_Deserialize,
  type LedgerTotals,
  type Ledger_Serialize,
  type PeriodSummary_Serialize,
  type ReceiptSelection_Deserialize,
  type RunRecord,
  type SavedReceipts,
  type SavedExport,
  type SummaryQuery_Deserialize,
  type Totals,
  type Upcoming,
  type UpcomingDay,
  type UpcomingQuery_Deserialize,
} from "../bindings";
import { call } from "./call";
import { listenTo } from "./listen";
import type { PaymentStatus } from "./payments";
import { onRunProgress } from "./scheduler";

export type {
  Ageing,
  ExportProgress,
  ArrearsPage,
  ArrearsRow,
  ArrearsSort,
  ArrearsTotal,
  BatchTotals,
  DayTotals,
  ExpiringDue,
  ExportFormat,
  Figure,
  KindTotals,
  LedgerEntry,
  LedgerTotals,
  SavedExport,
  RunRecord,
  SavedReceipts,
  Totals,
  Upcoming,
  UpcomingDay,
};
/** The payments due in a period (both dates included), for one store or every store the user may see. */
export type SummaryQuery = SummaryQuery_Deserialize;
/** What was due, collected, declined, pending... in a period, per currency, by day, month, kind and batch. */
export type PeriodSummary = PeriodSummary_Serialize;
/** One reason the bank gave for declines, with its text in both languages. */
export type DeclineReason = DeclineReason_Serialize;
/** Whose ledger, as of which day (today when left out). */
export type LedgerQuery = LedgerQuery_Deserialize;
/** A customer's ledger: lines with the running balance per currency, and the totals. */
export type Ledger = Ledger_Serialize;
/** One line of a ledger; `owed` marks a due line not collected by the ledger's day. */
export type LedgerLine = LedgerLine_Serialize;
/** One page of the arrears list: which store, as of which day, sorted how. */
export type ArrearsQuery = ArrearsQuery_Deserialize;
/** Which store, how many days ahead (today included). */
export type UpcomingQuery = UpcomingQuery_Deserialize;

/** The figures of a period's totals that stand for a set of payments. */
export type FigureKey = "due" | "collected" | "declined" | "pending" | "refunded" | "voided" | "cancelled";

/**
 * The payment statuses behind each figure, as core counts them: due unless cancelled or voided;
 * collected once the bank approved the charge (also when refunded later); declined while waiting
 * for a retry or an operator; pending until tried, while being sent or held by a pre-authorisation.
 * The payments list filtered on these shows the payments a figure counts.
 */
export const FIGURE_STATUSES: Record<FigureKey, PaymentStatus[]> = {
  due: ["scheduled", "processing", "authorized", "retry_wait", "attention", "paid", "refunded", "partially_refunded"],
  collected: ["paid", "refunded", "partially_refunded"],
  declined: ["retry_wait", "attention"],
  pending: ["scheduled", "processing", "authorized"],
  refunded: ["refunded", "partially_refunded"],
  voided: ["voided"],
  cancelled: ["cancelled"],
};

/** The payments still to be collected: not tried, declined, or on their way (what upcoming dues count). */
export const OWED_STATUSES: PaymentStatus[] = [...FIGURE_STATUSES.pending, ...FIGURE_STATUSES.declined];

/** Every query about the accounts (summaries, ledgers, arrears, coming dues) starts with this key. */
export const REPORTS_KEY = ["reports"] as const;

/** The rows of an arrears page when the query leaves the limit out. */
export const ARREARS_PAGE_SIZE = 100;

/**
 * Refetches every report while the scheduler reports progress, the last time at a run's end,
 * once the day's settlement has been matched: the figures change as payments are collected.
 */
export function useLiveReports(): void {
  const client = useQueryClient();
  // Every report on screen listens; a refetch already under way is not started again.
  useEffect(
    () => onRunProgress(() => void client.invalidateQueries({ queryKey: REPORTS_KEY }, { cancelRefetch: false })),
    [client],
  );
}

export function fetchPeriodSummary(query: SummaryQuery): Promise<PeriodSummary> {
  return call(() => commands.reportSummary(query));
}

/** A period's summary; `enabled` false waits (e.g. while a date is being typed). */
export function usePeriodSummary(query: SummaryQuery, enabled = true) {
  useLiveReports();
  return useQuery({
    queryKey: [...REPORTS_KEY, "summary", query],
    queryFn: () => fetchPeriodSummary(query),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export function fetchCustomerLedger(query: LedgerQuery): Promise<Ledger> {
  return call(() => commands.customerLedger(query));
}

/** A customer's ledger as of a day (today when the query leaves it out). */
export function useCustomerLedger(query: LedgerQuery, enabled = true) {
  useLiveReports();
  return useQuery({
    queryKey: [...REPORTS_KEY, "ledger", query],
    queryFn: () => fetchCustomerLedger(query),
    enabled,
    retry: false,
  });
}

export function fetchArrears(query: ArrearsQuery): Promise<ArrearsPage> {
  return call(() => commands.arrearsList(query));
}

/** One page of the customers who owe; the previous page stays on screen while the next one loads. */
export function useArrears(query: ArrearsQuery, enabled = true) {
  useLiveReports();
  return useQuery({
    queryKey: [...REPORTS_KEY, "arrears", query],
    queryFn: () => fetchArrears(query),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export function fetchUpcomingDues(query: UpcomingQuery): Promise<Upcoming> {
  return call(() => commands.upcomingDues(query));
}

/** What falls due in the coming days, and the payments whose card will have expired by then. */
export function useUpcomingDues(query: UpcomingQuery, enabled = true) {
  useLiveReports();
  return useQuery({
    queryKey: [...REPORTS_KEY, "upcoming", query],
    queryFn: () => fetchUpcomingDues(query),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

/** What to export: the payments list with its filters, a ledger, the arrears or a period's summary. */
export type ExportRequest = ExportRequest_Deserialize;

/**
 * Asks where to save (the native dialog) and writes the export there; `null` when the dialog
 * was closed without a choice.
 */
export function saveExport(request: ExportRequest, format: ExportFormat): Promise<SavedExport | null> {
  return call(() => commands.exportReport(request, format));
}

/** Calls `handler` with how far the export being saved has come; returns the function that stops listening. */
export function onExportProgress(handler: (progress: ExportProgress) => void): () => void {
  return listenTo(events.exportProgressEvent, (payload) => handler(payload.progress));
}

/** Which receipts a PDF holds: an attempt's, a payment's, an import batch's or a range of days'. */
export type ReceiptSelection = ReceiptSelection_Deserialize;

/** Asks where to save (the native dialog) and writes the receipts there, a page each; `null` when closed. */
export function saveReceipts(selection: ReceiptSelection): Promise<SavedReceipts | null> {
  return call(() => commands.saveReceipt(selection));
}
