import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Permission } from "../api";
import i18n from "../i18n";
import { NavigationContext } from "../navigation";
import { SessionContext } from "../session";
import { renderWithBackend } from "../test/render";
import { sessionWith } from "../test/session";
import { RestoreHoldAlert } from "./RestoreHoldAlert";

function renderAlert(hold: string | null, permissions: Permission[] = ["view_reports"]) {
  mockIPC((cmd) => {
    if (cmd === "restore_hold") return hold;
    return null;
  });
  const open = vi.fn();
  const view = renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <NavigationContext.Provider value={{ screen: "dashboard", target: {}, open }}>
        <RestoreHoldAlert />
      </NavigationContext.Provider>
    </SessionContext.Provider>,
  );
  return { open, view };
}

describe("RestoreHoldAlert", () => {
  it("warns in Turkish that the restored vault sends nothing until its days are settled, and opens the settlement screen", async () => {
    const { open } = renderAlert("2026-11-20");
    const alert = await screen.findByTestId("restore-hold");
    expect(alert.dataset.since).toBe("2026-11-20");
    expect(alert.textContent).toContain("hiçbir şey gönderilmiyor");
    expect(alert.textContent).toContain("20.11.2026 gününden bu yana");
    expect(alert.textContent).toContain("hiçbir tahsilat bankaya gönderilmez");
    await userEvent.click(screen.getByTestId("restore-hold-open"));
    expect(open).toHaveBeenCalledWith("settlement");
  });

  it("says the same in English", async () => {
    await i18n.changeLanguage("en");
    renderAlert("2026-11-20");
    const alert = await screen.findByTestId("restore-hold");
    expect(alert.textContent).toContain("nothing is sent from it");
    expect(alert.textContent).toContain("every day since 20.11.2026 is settled");
    expect(screen.getByTestId("restore-hold-open").textContent).toBe("Open the settlement screen");
  });

  it("offers no link to a user who may not open the settlement screen", async () => {
    renderAlert("2026-11-20", ["create_collections"]);
    await screen.findByTestId("restore-hold");
    expect(screen.queryByTestId("restore-hold-open")).toBeNull();
  });

  it("stays hidden when the vault is not held", async () => {
    const { view } = renderAlert(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.container.textContent).toBe("");
  });
});
