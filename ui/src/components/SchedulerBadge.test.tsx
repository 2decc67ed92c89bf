import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { SchedulerStatus } from "../api";
import { SessionContext } from "../session";
import { IDLE } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { sessionWith } from "../test/session";
import { SchedulerBadge } from "./SchedulerBadge";

function backend(status: SchedulerStatus) {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === "scheduler_status") return status;
    return null;
  });
  return calls;
}

describe("SchedulerBadge", () => {
  it("shows the next run and lets a user who may submit run now", async () => {
    const calls = backend({ running: true, problem: null, progress: IDLE, next_run: "27.11.2026 10:00" });
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["submit_provisions"])}>
        <SchedulerBadge />
      </SessionContext.Provider>,
    );
    expect((await screen.findByTestId("scheduler-state")).textContent).toBe("Zamanlayıcı: Çalışıyor");
    expect(screen.getByTestId("scheduler-next").textContent).toBe("Sonraki çalışma: 27.11.2026 10:00");
    await userEvent.hover(screen.getByTestId("scheduler-state"));
    expect((await screen.findByRole("tooltip")).textContent).toBe("Sonraki çalışma: 27.11.2026 10:00");
    await userEvent.click(screen.getByTestId("scheduler-run-now"));
    await waitFor(() => expect(calls).toContain("run_now"));
  });

  it("shows a run's progress and hides the controls from a viewer", async () => {
    backend({ running: true, problem: null, progress: { ...IDLE, active: true, queued: 4, done: 1 }, next_run: null });
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["view_reports"])}>
        <SchedulerBadge />
      </SessionContext.Provider>,
    );
    expect((await screen.findByTestId("scheduler-progress")).textContent).toContain("1/4 ödeme");
    expect(screen.queryByTestId("scheduler-run-now")).toBeNull();
    expect(screen.queryByTestId("scheduler-pause")).toBeNull();
  });

  it("says when the engine is not running", async () => {
    backend({
      running: false,
      problem: { code: "engine_busy", message: "Bu veritabanında başka bir motor çalışıyor.", field: null },
      progress: IDLE,
      next_run: null,
    });
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["submit_provisions"])}>
        <SchedulerBadge />
      </SessionContext.Provider>,
    );
    const badge = await screen.findByTestId("scheduler");
    expect(badge.dataset.state).toBe("stopped");
    expect(screen.getByTestId("scheduler-state").textContent).toBe("Zamanlayıcı: Çalışmıyor");
    expect(screen.queryByTestId("scheduler-run-now")).toBeNull();
  });

  it("reads the status again while a run is shown, so a missed last event cannot leave it shown", async () => {
    let reads = 0;
    mockIPC((cmd) => {
      if (cmd !== "scheduler_status") return null;
      reads += 1;
      const active = reads === 1;
      return { running: true, problem: null, progress: { ...IDLE, active, queued: 1, done: active ? 0 : 1 }, next_run: null };
    });
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["view_reports"])}>
        <SchedulerBadge />
      </SessionContext.Provider>,
    );
    expect((await screen.findByTestId("scheduler-progress")).textContent).toContain("0/1 ödeme");
    await waitFor(() => expect(screen.queryByTestId("scheduler-progress")).toBeNull(), { timeout: 5_000 });
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
