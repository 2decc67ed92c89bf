import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ExportFormat, ExportRequest } from "../api";
import { SessionContext } from "../session";
import { renderWithBackend } from "../test/render";
import { sessionWith } from "../test/session";
import { ExportButton } from "./ExportButton";

const REQUEST: ExportRequest = { what: "arrears", query: { store_id: 2, as_of: "2026-11-30", sort: "amount" } };

function render(permissions: Parameters<typeof sessionWith>[0]) {
  const calls: { request: ExportRequest; format: ExportFormat }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "export_report") {
      calls.push(args as { request: ExportRequest; format: ExportFormat });
      return { file_name: "borclular.xlsx", rows: 12 };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <ExportButton request={REQUEST} testId="x-export" />
    </SessionContext.Provider>,
  );
  return calls;
}

describe("ExportButton", () => {
  it("is not offered to a user who may not export", () => {
    render(["view_reports"]);
    expect(screen.queryByTestId("x-export")).toBeNull();
  });

  it("exports what the screen shows in the chosen format and says what was saved", async () => {
    const calls = render(["view_reports", "export"]);
    await userEvent.click(screen.getByRole("combobox"));
    await userEvent.click(await screen.findByText("CSV (Windows-1254, eski programlar için)"));
    await userEvent.click(screen.getByTestId("x-export"));
    await waitFor(() => expect(screen.getByTestId("x-export-saved").textContent).toBe("borclular.xlsx kaydedildi (12 satır)."));
    expect(calls).toEqual([{ request: REQUEST, format: "csv_windows1254" }]);
  });

  it("shows how far a large export has come while it is saved, then what was saved", async () => {
    let finish: (saved: { file_name: string; rows: number }) => void = () => {};
    mockIPC(
      (cmd) => {
        if (cmd === "export_report") return new Promise((resolve) => (finish = resolve));
        throw new Error(`unexpected command ${cmd}`);
      },
      { shouldMockEvents: true },
    );
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["view_reports", "export"])}>
        <ExportButton request={REQUEST} testId="x-export" />
      </SessionContext.Provider>,
    );
    await userEvent.click(screen.getByTestId("x-export"));
    await emit("export-progress-event", { progress: { phase: "reading" } });
    await waitFor(() => expect(screen.getByTestId("x-export-progress").textContent).toBe("Kayıtlar okunuyor…"));
    await emit("export-progress-event", { progress: { phase: "writing", rows_done: 40000, rows_total: 100000 } });
    await waitFor(() =>
      expect(screen.getByTestId("x-export-progress").textContent).toBe("40.000 / 100.000 satır yazıldı"),
    );
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("40");
    finish({ file_name: "borclular.xlsx", rows: 100000 });
    await waitFor(() => expect(screen.getByTestId("x-export-saved").textContent).toBe("borclular.xlsx kaydedildi (100000 satır)."));
    expect(screen.queryByTestId("x-export-progress")).toBeNull();
  });
});
