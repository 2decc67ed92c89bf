import { useQuery } from "@tanstack/react-query";
import {
  commands,
  events,
  type BatchView_Serialize,
  type CancelView,
  type ChosenFile,
  type ColumnView_Serialize,
  type DryRunView_Serialize,
  type DueTotalView,
  type ProblemView_Serialize,
  type ReportPage_Serialize,
  type ReportRowView_Serialize,
  type ColumnChoice_Serialize,
  type ImportProgressEvent,
  type RowFilter,
} from "../bindings";
import { call } from "./call";

export type BatchView = BatchView_Serialize;
export type ColumnView = ColumnView_Serialize;
export type DryRunView = DryRunView_Serialize;
export type ProblemView = ProblemView_Serialize;
export type ReportPage = ReportPage_Serialize;
export type ReportRowView = ReportRowView_Serialize;
export type ColumnChoice = ColumnChoice_Serialize;
export type { CancelView, ChosenFile, DueTotalView, ImportProgressEvent, RowFilter };

export const IMPORT_BATCHES_KEY = ["import_batches"] as const;

/** Opens the native file dialog in the backend; `null` when the user closed it. */
export function chooseImportFile(storeId: number): Promise<ChosenFile | null> {
  return call(() => commands.chooseImportFile(storeId));
}

/** Reads and checks the chosen file; stores nothing. `mapping` re-runs with edited columns. */
export function importDryRun(token: string, storeId: number, mapping: ColumnChoice[] | null): Promise<DryRunView> {
  return call(() => commands.importDryRun(token, storeId, mapping));
}

export function importReportPage(token: string, filter: RowFilter, offset: number, limit: number): Promise<ReportPage> {
  return call(() => commands.importReportPage(token, filter, offset, limit));
}

export function commitImport(token: string): Promise<BatchView> {
  return call(() => commands.commitImport(token));
}

export async function discardImport(token: string): Promise<void> {
  await call(() => commands.discardImport(token));
}

export function saveImportTemplate(): Promise<string | null> {
  return call(() => commands.saveImportTemplate());
}

export function cancelImportBatch(batchId: number): Promise<CancelView> {
  return call(() => commands.cancelImportBatch(batchId));
}

export function useImportBatches() {
  return useQuery({
    queryKey: IMPORT_BATCHES_KEY,
    queryFn: () => call(() => commands.listImportBatches(null)),
    retry: false,
  });
}

export function useBatchPayments(batchId: number) {
  return useQuery({
    queryKey: ["batch_payments", batchId],
    queryFn: () => call(() => commands.listBatchPayments(batchId)),
    retry: false,
  });
}

/** Calls `handler` with the progress of imports; returns the function that stops listening. */
export function onImportProgress(handler: (progress: ImportProgressEvent) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void events.importProgressEvent
    .listen((event) => handler(event.payload))
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    })
    .catch(() => {
      // Outside the app there is nothing to listen to.
    });
  return () => {
    stopped = true;
    stop?.();
  };
}
