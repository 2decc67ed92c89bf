import { useQuery } from "@tanstack/react-query";
import {
  commands,
  events,
  type BatchInfo_Serialize,
  type CancelSummary,
  type ChosenFile,
  type ColumnChoice_Serialize,
  type ColumnMapping_Serialize,
  type DryRunResult_Serialize,
  type DueTotal,
  type Field,
  type ImportPhase,
  type ImportProgress,
  type ImportProgressEvent,
  type ImportSummary_Serialize,
  type MappingSource,
  type Problem_Serialize,
  type ReportPage_Serialize,
  type RowFilter,
  type RowStatus,
  type RowSummary_Serialize,
  type Severity,
} from "../bindings";
import { call } from "./call";
import { listenTo } from "./listen";

export type {
  CancelSummary,
  ChosenFile,
  DueTotal,
  Field,
  ImportPhase,
  ImportProgress,
  ImportProgressEvent,
  MappingSource,
  RowFilter,
  RowStatus,
  Severity,
};
/** A committed batch and where its payments stand. */
export type BatchInfo = BatchInfo_Serialize;
/** One column of the file and the field it carries. */
export type ColumnMapping = ColumnMapping_Serialize;
/** A dry run: the file's token and what it found. */
export type DryRunResult = DryRunResult_Serialize;
/** The dry run at a glance: counts, totals, findings about the whole file, the mapping. */
export type ImportSummary = ImportSummary_Serialize;
/** A finding about a row or the whole file, in both languages (`message_tr`, `message_en`). */
export type ImportProblem = Problem_Serialize;
/** One page of report rows and the findings about them. */
export type ReportPage = ReportPage_Serialize;
/** One data row as the report shows it. */
export type RowSummary = RowSummary_Serialize;
/** The operator's choice for one column (`field` null: left to detection). */
export type ColumnChoice = ColumnChoice_Serialize;

export const IMPORT_BATCHES_KEY = ["import_batches"] as const;

/** Opens the native file dialog in the backend; `null` when the user closed it. */
export function chooseImportFile(storeId: number): Promise<ChosenFile | null> {
  return call(() => commands.chooseImportFile(storeId));
}

/** Reads and checks the chosen file; stores nothing. `mapping` re-runs with edited columns. */
export function importDryRun(token: string, storeId: number, mapping: ColumnChoice[] | null): Promise<DryRunResult> {
  return call(() => commands.importDryRun(token, storeId, mapping));
}

export function importReportPage(token: string, filter: RowFilter, offset: number, limit: number): Promise<ReportPage> {
  return call(() => commands.importReportPage(token, filter, offset, limit));
}

export function commitImport(token: string): Promise<BatchInfo> {
  return call(() => commands.commitImport(token));
}

export async function discardImport(token: string): Promise<void> {
  await call(() => commands.discardImport(token));
}

export function saveImportTemplate(): Promise<string | null> {
  return call(() => commands.saveImportTemplate());
}

export function cancelImportBatch(batchId: number): Promise<CancelSummary> {
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
export function onImportProgress(handler: (progress: ImportProgress) => void): () => void {
  return listenTo(events.importProgressEvent, (payload) => handler(payload.progress));
}
