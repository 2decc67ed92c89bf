import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo } from "../api";
import { appInfoFixture } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { AppHeader } from "./AppHeader";
import { ENVIRONMENT_COLOURS } from "./EnvironmentBadge";

function backendWith(info: AppInfo) {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === "app_info") return info;
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

const SANDBOX: AppInfo = appInfoFixture("9.8.7");

describe("AppHeader", () => {
  it("shows a signed-in user's riskiest store environment instead of the build's", async () => {
    backendWith(SANDBOX);
    renderWithBackend(<AppHeader environment="live" />);
    const badge = await screen.findByTestId("env-badge");
    await screen.findByTestId("app-version");
    expect(badge.textContent).toBe("Canlı");
  });

  it("shows the name, version and environment the backend reports", async () => {
    const calls = backendWith(SANDBOX);
    renderWithBackend(<AppHeader />);
    expect(await screen.findByTestId("app-version")).toHaveProperty("textContent", "Sürüm 9.8.7");
    expect(screen.getByTestId("app-name").textContent).toBe("Tahsildar");
    expect(screen.getByTestId("env-badge").textContent).toBe("Sandbox");
    expect(calls).toEqual(["app_info"]);
  });

  it("marks live in Turkish and in a colour of its own", async () => {
    backendWith({ ...SANDBOX, environment: "live" });
    renderWithBackend(<AppHeader />);
    const badge = await screen.findByTestId("env-badge");
    expect(badge.textContent).toBe("Canlı");
    expect(badge.dataset.environment).toBe("live");
    expect(ENVIRONMENT_COLOURS.live).not.toBe(ENVIRONMENT_COLOURS.sandbox);
    expect(ENVIRONMENT_COLOURS.live).not.toBe(ENVIRONMENT_COLOURS.test);
  });

  it("switches to English", async () => {
    backendWith(SANDBOX);
    renderWithBackend(<AppHeader />);
    await screen.findByTestId("app-version");
    await userEvent.click(screen.getByText("EN"));
    await waitFor(() => expect(screen.getByTestId("app-version").textContent).toBe("Version 9.8.7"));
    expect(localStorage.getItem("tahsildar.language")).toBe("en");
  });

  it("shows a backend error in the message the backend translated", async () => {
    mockIPC(() => {
      throw {
        code: "data_dir_unavailable",
        message: "Veri klasörü oluşturulamadı ya da açılamadı: /x (izin yok).",
        field: null,
      };
    });
    renderWithBackend(<AppHeader />);
    const alert = await screen.findByTestId("app-error");
    expect(alert.textContent).toContain("Veri klasörü oluşturulamadı ya da açılamadı: /x (izin yok).");
    expect(screen.queryByTestId("app-version")).toBeNull();
  });
});
