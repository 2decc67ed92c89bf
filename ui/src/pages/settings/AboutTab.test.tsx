import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { appInfoFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { SessionContext } from "../../session";
import type { Permission } from "../../api";
import i18n from "../../i18n";
import { AboutTab } from "./AboutTab";

/** The tab for a user holding `permissions` on every store (by default, running collections). */
function renderTab(permissions: Permission[] = ["submit_provisions"]) {
  return renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <AboutTab />
    </SessionContext.Provider>,
  );
}

type Refusal = { code: string; message: string; field: null };

/**
 * A backend whose save dialog returns `saved` (null: closed), or refuses with `refusal`; it
 * keeps starting with the computer as the system would, or refuses to change it with `autostartRefusal`.
 */
function backend(saved: string | null, refusal?: Refusal, autostartRefusal?: Refusal) {
  const calls: string[] = [];
  let autostart = false;
  mockIPC((cmd, args) => {
    calls.push(cmd);
    if (cmd === "app_info") return appInfoFixture("2.3.4");
    if (cmd === "autostart") return autostart;
    if (cmd === "set_autostart") {
      if (autostartRefusal) throw autostartRefusal;
      autostart = (args as { enabled: boolean }).enabled;
      return autostart;
    }
    if (cmd === "set_language") return null;
    if (cmd === "save_support_bundle") {
      if (refusal) throw refusal;
      return saved;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

describe("AboutTab", () => {
  it("shows the version and where the data and the logs are", async () => {
    backend(null);
    renderTab();
    expect((await screen.findByTestId("about-version")).textContent).toBe("2.3.4");
    expect(screen.getByTestId("about-data-dir").textContent).toContain("/tmp/x");
    expect(screen.getByTestId("about-log-dir").textContent).toContain("/tmp/x/logs");
  });

  it("saves the support bundle and names the file it was saved as", async () => {
    const calls = backend("tahsildar-destek.zip");
    renderTab();
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-saved")).textContent).toContain("tahsildar-destek.zip");
    expect(calls).toContain("save_support_bundle");
  });

  it("says nothing when the dialog was closed, and shows a refusal in words", async () => {
    backend(null);
    const { unmount } = renderTab();
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect(screen.queryByTestId("support-bundle-saved")).toBeNull();
    unmount();

    backend(null, { code: "session_expired", message: "Oturum süresi doldu.", field: null });
    renderTab();
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-error")).textContent).toContain("Oturum süresi doldu.");
  });

  it("sets the app's language as the header's switch does, and tells the backend", async () => {
    const calls = backend(null);
    renderTab();
    await userEvent.click(await screen.findByLabelText("English"));
    await vi.waitFor(() => expect(i18n.language).toBe("en"));
    expect(calls).toContain("set_language");
    expect(localStorage.getItem("tahsildar.language")).toBe("en");
    expect(await screen.findByText("Start with the computer")).toBeTruthy();
  });

  it("starting with the computer is off at first and turns on and off again", async () => {
    const calls = backend(null);
    renderTab();
    const toggle = await screen.findByTestId("autostart");
    await vi.waitFor(() => expect(toggle.hasAttribute("disabled")).toBe(false));
    expect(toggle.getAttribute("aria-checked")).toBe("false");
    await userEvent.click(toggle);
    await vi.waitFor(() => expect(toggle.getAttribute("aria-checked")).toBe("true"));
    await userEvent.click(toggle);
    await vi.waitFor(() => expect(toggle.getAttribute("aria-checked")).toBe("false"));
    expect(calls.filter((c) => c === "set_autostart")).toHaveLength(2);
  });

  it("starting with the computer is not offered to a user who may not run collections everywhere", async () => {
    const calls = backend(null);
    renderTab(["view_reports"]);
    expect((await screen.findByTestId("autostart-not-allowed")).textContent).toContain("tüm mağazalarda");
    const toggle = screen.getByTestId("autostart");
    expect(toggle.hasAttribute("disabled")).toBe(true);
    expect(calls).not.toContain("set_autostart");
  });

  it("a refused change of starting with the computer leaves the switch and says why", async () => {
    backend(null, undefined, {
      code: "autostart_failed",
      message: "Bilgisayarla birlikte başlama ayarı okunamadı ya da değiştirilemedi (izin yok).",
      field: null,
    });
    renderTab();
    const toggle = await screen.findByTestId("autostart");
    await vi.waitFor(() => expect(toggle.hasAttribute("disabled")).toBe(false));
    await userEvent.click(toggle);
    expect((await screen.findByTestId("autostart-error")).textContent).toContain("izin yok");
    expect(toggle.getAttribute("aria-checked")).toBe("false");
  });
});
