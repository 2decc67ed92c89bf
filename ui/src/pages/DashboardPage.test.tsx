import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, Store } from "../api";
import { appInfoFixture, storeFixture } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { DashboardPage } from "./DashboardPage";

const INFO: AppInfo = appInfoFixture("1.0.0");

function store(id: number, environment: Store["environment"], enabled = true): Store {
  return storeFixture({ id, name: `Mağaza ${id}`, environment, enabled });
}

function backend(stores: Store[]) {
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
