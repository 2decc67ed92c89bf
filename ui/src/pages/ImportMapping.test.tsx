import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import type { DryRunView } from "../api";
import { ImportMapping } from "./ImportMapping";
import { choicesFrom } from "./ImportSteps";

const COLUMNS: DryRunView["columns"] = [
  { index: 0, letter: "A", header: "Abone No", field: "reference", explicit: false, duplicateOf: null },
  { index: 1, letter: "B", header: "Kart No", field: "pan", explicit: false, duplicateOf: null },
  { index: 2, letter: "C", header: "Not", field: null, explicit: false, duplicateOf: null },
];

const DRY_RUN: DryRunView = {
  token: "1-ab",
  storeId: 1,
  fileName: "aidat.xlsx",
  sheet: "Aidatlar",
  rows: 0,
  ok: 0,
  warnings: 0,
  errors: 0,
  newCustomers: 0,
  payments: 0,
  committable: 0,
  sameFileBatch: null,
  fileProblems: [],
  totals: [],
  columns: COLUMNS,
  fields: ["pan", "expiry", "amount", "reference"],
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
