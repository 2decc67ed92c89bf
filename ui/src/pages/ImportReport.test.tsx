import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { DryRunResult, ReportPage } from "../api";
import { renderWithBackend } from "../test/render";
import { ImportReport } from "./ImportReport";

const DRY_RUN: DryRunResult = {
  token: "3-ab",
  summary: {
    store_id: 1,
    file_name: "aidat.xlsx",
    sheet: "Aidatlar",
    rows: 2,
    ok: 1,
    warnings: 0,
    errors: 1,
    new_customers: 1,
    payments: 1,
    committable: 1,
    same_file_batch: 4,
    file_problems: [],
    totals: [{ due_date: "2026-11-27", currency: "TRY", payments: 1, amount_minor: 125050 }],
    columns: [],
    fields: [],
  },
};

const PAGE: ReportPage = {
  total: 1,
  offset: 0,
  rows: [
    {
      row: 3,
      status: "error",
      reference: "D-104",
      name: "Ali Can",
      masked_pan: "435509******5233",
      amount_minor: 30000,
      currency: "TRY",
      due_date: null,
      kind: null,
      payments: 0,
      existing_customer: false,
    },
  ],
  problems: [
    {
      row: 3,
      column: "C",
      field: "pan",
      severity: "error",
      code: "pan_luhn",
      message_tr: "Kart numarası geçersiz.",
      message_en: "The card number is not valid.",
    },
  ],
};

describe("ImportReport", () => {
  it("asks for the error rows first and names the row's field and column", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return PAGE;
    });
    renderWithBackend(<ImportReport dryRun={DRY_RUN} onCommit={() => {}} onEditMapping={() => {}} busy={false} />);
    expect(await screen.findByText("alan: Kart numarası, sütun C: Kart numarası geçersiz.")).toBeTruthy();
    expect(calls).toEqual([
      { cmd: "import_report_page", args: { token: "3-ab", filter: "error", offset: 0, limit: 100 } },
    ]);
    expect(screen.getByTestId("report-same-file").textContent).toContain("yükleme #4");
    expect(screen.getByTestId("report-totals").textContent).toContain("1.250,50 ₺");
    expect(screen.getByTestId("report-totals").textContent).toContain("27.11.2026");
  });

  it("commits only when a row is ready", async () => {
    mockIPC(() => PAGE);
    const commit = vi.fn();
    const { unmount } = renderWithBackend(
      <ImportReport dryRun={DRY_RUN} onCommit={commit} onEditMapping={() => {}} busy={false} />,
    );
    await userEvent.click(screen.getByTestId("import-commit"));
    expect(commit).toHaveBeenCalledTimes(1);
    unmount();
    renderWithBackend(
      <ImportReport
        dryRun={{ ...DRY_RUN, summary: { ...DRY_RUN.summary, ok: 0, committable: 0, errors: 2 } }}
        onCommit={commit}
        onEditMapping={() => {}}
        busy={false}
      />,
    );
    await waitFor(() => expect((screen.getByTestId("import-commit") as HTMLButtonElement).disabled).toBe(true));
  });
});
