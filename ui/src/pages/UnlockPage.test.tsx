import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithBackend } from "../test/render";
import { UnlockPage } from "./UnlockPage";

describe("UnlockPage", () => {
  it("unlocks a passphrase vault and reports the new status", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return { state: "signed_out", lastUser: null };
    });
    const unlocked = vi.fn();
    renderWithBackend(<UnlockPage status={{ state: "locked", unlock: "passphrase", problem: null }} onUnlocked={unlocked} />);
    await userEvent.type(screen.getByTestId("unlock-secret"), "kasa-parolasi-uzun");
    await userEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(unlocked).toHaveBeenCalledWith({ state: "signed_out", lastUser: null }));
    expect(calls).toEqual([
      { cmd: "unlock", args: { request: { method: "passphrase", passphrase: "kasa-parolasi-uzun" } } },
    ]);
  });

  it("shows why the keyring failed and offers the recovery key", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      throw { code: "recovery_key_invalid", message: "Kurtarma anahtarı geçersiz.", field: "recovery_key" };
    });
    renderWithBackend(
      <UnlockPage
        status={{
          state: "locked",
          unlock: "keyring",
          problem: { code: "keyring_timeout", message: "Anahtar zinciri 30 sn içinde yanıt vermedi.", field: null },
        }}
        onUnlocked={() => {}}
      />,
    );
    expect(screen.getByTestId("unlock-error").textContent).toContain("Anahtar zinciri 30 sn içinde yanıt vermedi.");
    await userEvent.click(screen.getByTestId("unlock-use-recovery"));
    await userEvent.type(screen.getByTestId("unlock-secret"), "ABCD-EFGH");
    await userEvent.click(screen.getByTestId("unlock-submit"));
    expect((await screen.findByTestId("unlock-error")).textContent).toContain("Kurtarma anahtarı geçersiz.");
    expect(calls).toEqual([{ cmd: "unlock", args: { request: { method: "recovery_key", recoveryKey: "ABCD-EFGH" } } }]);
  });
});
