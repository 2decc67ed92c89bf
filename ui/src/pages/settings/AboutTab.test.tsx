import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { appInfoFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { AboutTab } from "./AboutTab";

/** A backend whose save dialog returns `saved` (null: closed), or refuses with `refusal`. */
function backend(saved: string | null, refusal?: { code: string; message: string; field: null }) {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === "app_info") return appInfoFixture("2.3.4");
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
    renderWithBackend(<AboutTab />);
    expect((await screen.findByTestId("about-version")).textContent).toBe("2.3.4");
    expect(screen.getByTestId("about-data-dir").textContent).toContain("/tmp/x");
    expect(screen.getByTestId("about-log-dir").textContent).toContain("/tmp/x/logs");
  });

  it("saves the support bundle and names the file it was saved as", async () => {
    const calls = backend("tahsildar-destek.zip");
    renderWithBackend(<AboutTab />);
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-saved")).textContent).toContain("tahsildar-destek.zip");
    expect(calls).toContain("save_support_bundle");
  });

  it("says nothing when the dialog was closed, and shows a refusal in words", async () => {
    backend(null);
    const { unmount } = renderWithBackend(<AboutTab />);
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect(screen.queryByTestId("support-bundle-saved")).toBeNull();
    unmount();

    backend(null, { code: "session_expired", message: "Oturum süresi doldu.", field: null });
    renderWithBackend(<AboutTab />);
    await userEvent.click(await screen.findByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-error")).textContent).toContain("Oturum süresi doldu.");
  });
});
