import { describe, expect, it } from "vitest";
import type { ColumnChoice, ColumnMapping, Field, ImportProblem, ImportSummary, Severity } from "../api";
import {
  canCommit,
  choicesFrom,
  hasFileErrors,
  mappingEdited,
  problemText,
  progressPercent,
  repeatedFields,
  withChoice,
} from "./ImportSteps";

function column(index: number, field: Field | null, duplicateOf: number | null = null): ColumnMapping {
  return {
    index,
    letter: String.fromCharCode(65 + index),
    header: `H${index}`,
    field,
    source: "detected",
    duplicate_of: duplicateOf,
  };
}

const problem = (severity: Severity): ImportProblem => ({
  row: null,
  column: null,
  field: null,
  severity,
  code: "x",
  message_tr: "Türkçe",
  message_en: "English",
});

function summary(committable: number, fileProblems: ImportProblem[] = []): ImportSummary {
  return {
    store_id: 1,
    file_name: "a.xlsx",
    sheet: "Sayfa1",
    rows: 3,
    ok: committable,
    warnings: 0,
    errors: 3 - committable,
    new_customers: committable,
    payments: committable,
    committable,
    same_file_batch: null,
    file_problems: fileProblems,
    totals: [],
    columns: [],
    fields: [],
  };
}

describe("import wizard logic", () => {
  it("takes the detected mapping, a duplicate column as not read", () => {
    const choices = choicesFrom([column(0, "reference"), column(1, "pan"), column(2, "pan", 1)]);
    expect(choices).toEqual([
      { index: 0, field: "reference" },
      { index: 1, field: "pan" },
      { index: 2, field: null },
    ]);
  });

  it("edits one column and notices the edit", () => {
    const columns = [column(0, "reference"), column(1, null)];
    const choices = withChoice(choicesFrom(columns), 1, "amount");
    expect(choices[1]).toEqual({ index: 1, field: "amount" });
    expect(choices[0]).toEqual({ index: 0, field: "reference" });
    expect(mappingEdited(columns, choices)).toBe(true);
    expect(mappingEdited(columns, choicesFrom(columns))).toBe(false);
  });

  it("names fields chosen twice", () => {
    const choices: ColumnChoice[] = [
      { index: 0, field: "pan" },
      { index: 1, field: "pan" },
      { index: 2, field: null },
      { index: 3, field: "amount" },
    ];
    expect(repeatedFields(choices)).toEqual(["pan"]);
  });

  it("gives no percent while the total is unknown and never more than 100", () => {
    expect(progressPercent({ rows_done: 10, rows_total: 0 })).toBeUndefined();
    expect(progressPercent({ rows_done: 5_000, rows_total: 100_000 })).toBe(5);
    expect(progressPercent({ rows_done: 120, rows_total: 100 })).toBe(100);
  });

  it("shows a finding in the user's language", () => {
    expect(problemText(problem("error"), "en")).toBe("English");
    expect(problemText(problem("error"), "tr")).toBe("Türkçe");
  });

  it("commits only when some row is ready and the file itself is sound", () => {
    expect(canCommit(summary(2))).toBe(true);
    expect(canCommit(summary(0))).toBe(false);
    expect(canCommit(summary(2, [problem("warning")]))).toBe(true);
    expect(hasFileErrors(summary(2, [problem("error")]))).toBe(true);
    expect(canCommit(summary(2, [problem("error")]))).toBe(false);
  });
});
