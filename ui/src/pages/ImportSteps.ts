import type { ColumnChoice, ColumnView, DryRunView, ImportProgressEvent, ProblemView } from "../api";

/** The wizard's steps, in order. */
export const IMPORT_STEPS = ["file", "mapping", "report", "done"] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** Rows per report page. */
export const REPORT_PAGE_SIZE = 100;

/** The mapping as the dry run read it, one choice per column (`null`: not read). */
export function choicesFrom(columns: ColumnView[]): ColumnChoice[] {
  return columns.map((c) => ({ index: c.index, field: c.duplicateOf === null ? c.field : null }));
}

/** `choices` with column `index` set to `field`. */
export function withChoice(choices: ColumnChoice[], index: number, field: string | null): ColumnChoice[] {
  return choices.map((c) => (c.index === index ? { ...c, field } : c));
}

/** Fields chosen for more than one column (each is read from its first column only). */
export function repeatedFields(choices: ColumnChoice[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { field } of choices) {
    if (field === null) continue;
    if (seen.has(field)) repeated.add(field);
    seen.add(field);
  }
  return [...repeated];
}

/** True when the choices differ from the mapping the dry run used. */
export function mappingEdited(columns: ColumnView[], choices: ColumnChoice[]): boolean {
  const used = choicesFrom(columns);
  return choices.some((c, i) => c.field !== used[i]?.field);
}

/** Percent for a progress bar; `undefined` while the total is not known. */
export function progressPercent(progress: Pick<ImportProgressEvent, "rowsDone" | "rowsTotal">): number | undefined {
  if (progress.rowsTotal <= 0) return undefined;
  return Math.min(100, Math.floor((progress.rowsDone * 100) / progress.rowsTotal));
}

/** A finding in the user's language. */
export function problemText(problem: ProblemView, language: string | undefined): string {
  return language === "en" ? problem.messageEn : problem.messageTr;
}

/** True when something about the whole file stops the commit. */
export function hasFileErrors(dryRun: DryRunView): boolean {
  return dryRun.fileProblems.some((p) => p.severity === "error");
}

/** True when the commit would store at least one row. */
export function canCommit(dryRun: DryRunView): boolean {
  return dryRun.committable > 0 && !hasFileErrors(dryRun);
}
