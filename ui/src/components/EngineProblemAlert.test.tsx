import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { SchedulerStatus } from "../api";
import i18n from "../i18n";
import { IDLE } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { EngineProblemAlert } from "./EngineProblemAlert";

function backend(status: SchedulerStatus) {
  mockIPC((cmd) => (cmd === "scheduler_status" ? status : null));
}

const BUSY: SchedulerStatus = {
  running: false,
  problem: { code: "engine_busy", message: "A collection engine already runs on this database.", field: null },
  progress: IDLE,
  next_run: null,
};

describe("EngineProblemAlert", () => {
  it("says in Turkish that another Tahsildar holds the data folder", async () => {
    backend(BUSY);
    renderWithBackend(<EngineProblemAlert />);
    const alert = await screen.findByTestId("engine-problem");
    expect(alert.dataset.code).toBe("engine_busy");
    expect(alert.textContent).toContain("Zamanlayıcı bu pencerede çalışmıyor");
    expect(alert.textContent).toContain("başka bir Tahsildar");
  });

  it("says the same in English", async () => {
    await i18n.changeLanguage("en");
    backend(BUSY);
    renderWithBackend(<EngineProblemAlert />);
    const alert = await screen.findByTestId("engine-problem");
    expect(alert.textContent).toContain("The scheduler is not running in this window");
    expect(alert.textContent).toContain("Another Tahsildar");
  });

  it("shows the backend's message for any other reason", async () => {
    backend({ ...BUSY, problem: { code: "bank_unavailable", message: "Banka yanıt vermiyor.", field: null } });
    renderWithBackend(<EngineProblemAlert />);
    expect((await screen.findByTestId("engine-problem")).textContent).toContain("Banka yanıt vermiyor.");
  });

  it("stays hidden while the engine runs", async () => {
    backend({ ...BUSY, running: true, problem: null });
    const view = renderWithBackend(<EngineProblemAlert />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.container.textContent).toBe("");
    expect(screen.queryByTestId("engine-problem")).toBeNull();
  });
});
