import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, StoreView } from "../api";
import { renderWithBackend } from "../test/render";
import { DashboardPage } from "./DashboardPage";

const INFO: AppInfo = { name: "Tahsildar", version: "1.0.0", environment: "sandbox", dataDir: "/tmp/x" };

function store(id: number, environment: StoreView["environment"], enabled = true): StoreView {
  return {
    id,
    name: `Mağaza ${id}`,
    environment,
    baseUrl: null,
    effectiveBaseUrl: null,
    merchantSafeId: "M".repeat(32),
    terminalSafeId: "T".repeat(32),
    hasSecretKey: true,
    concurrency: 4,
    ratePerSec: 10,
    runTime: "10:00",
    maxInstallments: 12,
    enabled,
  };
}

function backend(stores: StoreView[]) {
  mockIPC((cmd) => {
    if (cmd === "app_info") return INFO;
    if (cmd === "list_stores") return stores;
    throw new Error(`unexpected command ${cmd}`);
  });
}

describe("DashboardPage", () => {
  it("says which environment the stores really use, not the built-in sandbox", async () => {
    backend([store(1, "sandbox"), store(2, "live"), store(3, "test")]);
    renderWithBackend(<DashboardPage />);
    await waitFor(() => expect(screen.getByTestId("env-notice").dataset.environment).toBe("live"));
    expect(screen.getByTestId("env-notice").textContent).toContain("Canlı ortam");
  });

  it("leaves a disabled live store out", async () => {
    backend([store(1, "sandbox"), store(2, "live", false)]);
    renderWithBackend(<DashboardPage />);
    await waitFor(() => expect(screen.getByTestId("env-notice").dataset.environment).toBe("sandbox"));
  });
});
