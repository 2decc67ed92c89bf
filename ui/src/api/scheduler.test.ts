import { describe, expect, it, vi } from "vitest";
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { IDLE } from "../test/fixtures";
import { AFTER_RUN_REFRESH_MS, onRunAndSettlement, type RunProgress } from "./scheduler";

const PROGRESS: RunProgress = { ...IDLE, queued: 1, done: 1, approved: 1 };

describe("onRunAndSettlement", () => {
  it("refreshes on every progress change and again after the run, once the day has been matched", async () => {
    vi.useFakeTimers();
    try {
      mockIPC(() => null, { shouldMockEvents: true });
      const refresh = vi.fn();
      const stop = onRunAndSettlement(refresh);
      await vi.advanceTimersByTimeAsync(0);
      await emit("run-progress-event", { ...PROGRESS, active: true });
      expect(refresh).toHaveBeenCalledTimes(1);
      // While the run goes on, nothing more than the events themselves.
      await vi.advanceTimersByTimeAsync(AFTER_RUN_REFRESH_MS.at(-1)! + 1);
      expect(refresh).toHaveBeenCalledTimes(1);
      await emit("run-progress-event", { ...PROGRESS, active: false });
      expect(refresh).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(AFTER_RUN_REFRESH_MS.at(-1)! + 1);
      expect(refresh).toHaveBeenCalledTimes(2 + AFTER_RUN_REFRESH_MS.length);
      stop();
      await emit("run-progress-event", { ...PROGRESS, active: false });
      await vi.advanceTimersByTimeAsync(AFTER_RUN_REFRESH_MS.at(-1)! + 1);
      expect(refresh).toHaveBeenCalledTimes(2 + AFTER_RUN_REFRESH_MS.length);
    } finally {
      vi.useRealTimers();
    }
  });
});
