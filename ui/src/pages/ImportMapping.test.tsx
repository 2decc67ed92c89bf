import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import type { ColumnMapping, DryRunResult } from "../api";
import { ImportMapping } from "./ImportMapping";
import { choicesFrom } from "./ImportSteps";

const COLUMNS: ColumnMapping[] = [
  { index: 0, letter: "A", header: "Abone No", field: "reference", source: "detected", duplicate_of: null },
  { index: 1, letter: "B", header: "Kart No", field: "pan", source: "detected", duplicate_of: null },
  { index: 2, letter: "C", header: "Not", field: null, source: "detected", duplicate_of: null },
];

const DRY_RUN: DryRunResult = {
  token: "1-ab",
  summary: {
    store_id: 1,
    file_name: "aidat.xlsx",
    sheet: "Aidatlar",
    rows: 0,
    ok: 0,
    warnings: 0,
    errors: 0,
    new_customers: 0,
    payments: 0,
    committable: 0,
    same_file_batch: null,
    file_problems: [],
    totals: [],
    columns: COLUMNS,
    fields: ["pan", "expiry", "amount", "reference"],
  },
};

function chosen(letter: string): { field: string | undefined; label: string | null } {
  const wrapper = screen.getByTestId(`mapping-${letter}`);
  const item = wrapper.querySelector(".ant-select-selection-item");
  return { field: wrapper.dataset.field, label: item?.getAttribute("title") ?? null };
}

describe("ImportMapping", () => {
  it("pre-fills each column with its detected field, shown by its label", () => {
    render(
      <ImportMapping
        dryRun={DRY_RUN}
        choices={choicesFrom(COLUMNS)}
        onChange={vi.fn()}
        onRerun={vi.fn()}
        onReport={vi.fn()}
        busy={false}
      />,
    );
    expect(chosen("A")).toEqual({ field: "reference", label: "Müşteri kodu" });
    expect(chosen("B")).toEqual({ field: "pan", label: "Kart numarası" });
    expect(chosen("C")).toEqual({ field: "", label: "(okunmaz)" });
  });
});
