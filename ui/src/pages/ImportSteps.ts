import type { ColumnChoice, ColumnMapping, Field, ImportProblem, ImportProgress, ImportSummary } from "../api";
import { pick } from "../format";

/** The wizard's steps, in order. */
export const IMPORT_STEPS = ["file", "mapping", "report", "done"] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** Rows per report page. */
export const REPORT_PAGE_SIZE = 100;

/** The mapping as the dry run read it, one choice per column (`null`: not read). */
export function choicesFrom(columns: ColumnMapping[]): ColumnChoice[] {
  return columns.map((c) => ({ index: c.index, field: c.duplicate_of === null ? c.field : null }));
}

/** `choices` with column `index` set to `field`. */
export function withChoice(choices: ColumnChoice[], index: number, field: Field | null): ColumnChoice[] {
  return choices.map((c) => (c.index === index ? { ...c, field } : c));
}

/** Fields chosen for more than one column (each is read from its first column only). */
export function repeatedFields(choices: ColumnChoice[]): Field[] {
  const seen = new Set<Field>();
  const repeated = new Set<Field>();
  for (const { field } of choices) {
    if (field === null) continue;
    if (seen.has(field)) repeated.add(field);
    seen.add(field);
  }
  return [...repeated];
}

/** True when the choices differ from the mapping the dry run used. */
export function mappingEdited(columns: ColumnMapping[], choices: ColumnChoice[]): boolean {
  const used = choicesFrom(columns);
  return choices.some((c, i) => c.field !== used[i]?.field);
}

/** Percent for a progress bar; `undefined` while the total is not known. */
export function progressPercent(progress: Pick<ImportProgress, "rows_done" | "rows_total">): number | undefined {
  if (progress.rows_total <= 0) return undefined;
  return Math.min(100, Math.floor((progress.rows_done * 100) / progress.rows_total));
}

/** A finding in the user's language. */
export function problemText(problem: ImportProblem, language: string | undefined): string {
  return pick({ tr: problem.message_tr, en: problem.message_en }, language);
}

/** True when something about the whole file stops the commit. */
export function hasFileErrors(summary: ImportSummary): boolean {
  return summary.file_problems.some((p) => p.severity === "error");
}

/** True when the commit would store at least one row. */
export function canCommit(summary: ImportSummary): boolean {
  return summary.committable > 0 && !hasFileErrors(summary);
}
