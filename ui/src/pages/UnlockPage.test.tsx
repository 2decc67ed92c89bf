import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { SetupStatus } from "../api";
import { renderWithBackend } from "../test/render";
import { UnlockPage } from "./UnlockPage";

const SIGNED_OUT: SetupStatus = { state: "signed_out", last_user: null };

describe("UnlockPage", () => {
  it("unlocks a passphrase vault and reports the new status", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return SIGNED_OUT;
    });
    const unlocked = vi.fn();
    renderWithBackend(<UnlockPage status={{ state: "locked", unlock: "passphrase", problem: null }} onUnlocked={unlocked} />);
    await userEvent.type(screen.getByTestId("unlock-secret"), "kasa-parolasi-uzun");
    await userEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(unlocked).toHaveBeenCalledWith(SIGNED_OUT));
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
    expect(calls).toEqual([
      {
        cmd: "unlock",
        args: { request: { method: "recovery_key", recovery_key: "ABCD-EFGH", rebind: { method: "keyring" } } },
      },
    ]);
  });

  it("re-binds to a new passphrase only once it is long enough", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return SIGNED_OUT;
    });
    const unlocked = vi.fn();
    renderWithBackend(<UnlockPage status={{ state: "locked", unlock: "passphrase", problem: null }} onUnlocked={unlocked} />);
    await userEvent.click(screen.getByTestId("unlock-use-recovery"));
    expect(screen.getByText("Kasa bundan sonra bu bilgisayarda nasıl açılsın?")).toBeTruthy();
    await userEvent.type(screen.getByTestId("unlock-secret"), "ABCD-EFGH");
    await userEvent.click(screen.getByTestId("unlock-rebind-passphrase"));
    await userEvent.type(screen.getByTestId("unlock-new-passphrase"), "kisa");
    expect(screen.getByTestId("unlock-submit").hasAttribute("disabled")).toBe(true);
    await userEvent.type(screen.getByTestId("unlock-new-passphrase"), "-ama-yeterli");
    await userEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(unlocked).toHaveBeenCalled());
    expect(calls).toEqual([
      {
        cmd: "unlock",
        args: {
          request: {
            method: "recovery_key",
            recovery_key: "ABCD-EFGH",
            rebind: { method: "passphrase", passphrase: "kisa-ama-yeterli" },
          },
        },
      },
    ]);
  });

  it("can leave the binding as it is", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return SIGNED_OUT;
    });
    renderWithBackend(<UnlockPage status={{ state: "locked", unlock: "keyring", problem: null }} onUnlocked={() => {}} />);
    await userEvent.click(screen.getByTestId("unlock-use-recovery"));
    await userEvent.type(screen.getByTestId("unlock-secret"), "ABCD-EFGH");
    await userEvent.click(screen.getByTestId("unlock-rebind-later"));
    await userEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({
      cmd: "unlock",
      args: { request: { method: "recovery_key", recovery_key: "ABCD-EFGH", rebind: null } },
    });
  });
});
