import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CreatedVault, SessionInfo } from "../../api";
import { renderWithBackend } from "../../test/render";
import { SetupPage } from "./SetupPage";

const SESSION: SessionInfo = { user_id: 1, user_name: "yonetici", role: "admin", permissions: [], must_change_password: false };

function backend(reply: (cmd: string, args: unknown) => unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return reply(cmd, args);
  });
  return calls;
}

async function fillAdmin(password = "dogru-parola-123", again = password) {
  await userEvent.type(screen.getByTestId("setup-name"), "yonetici");
  await userEvent.type(screen.getByTestId("setup-password"), password);
  await userEvent.type(screen.getByTestId("setup-password-again"), again);
}

describe("SetupPage", () => {
  it("checks the password rules as you type and enables create only when they hold", async () => {
    backend(() => undefined);
    renderWithBackend(<SetupPage keyringAvailable onFinished={() => {}} />);
    expect(screen.getByTestId("rule-length").dataset.ok).toBe("false");
    await userEvent.type(screen.getByTestId("setup-password"), "kisa");
    expect(screen.getByTestId("rule-length").dataset.ok).toBe("false");
    await userEvent.type(screen.getByTestId("setup-password"), "-ama-yeterli");
    expect(screen.getByTestId("rule-length").dataset.ok).toBe("true");
    expect(screen.getByTestId("rule-match").dataset.ok).toBe("false");
    expect(screen.getByTestId("setup-submit")).toHaveProperty("disabled", true);
    await userEvent.type(screen.getByTestId("setup-password-again"), "kisa-ama-yeterli");
    await userEvent.type(screen.getByTestId("setup-name"), "yonetici");
    expect(screen.getByTestId("rule-match").dataset.ok).toBe("true");
    expect(screen.getByTestId("setup-submit")).toHaveProperty("disabled", false);
  });

  it("sends the admin with keyring unlock and shows the recovery key until it is confirmed", async () => {
    const calls = backend((cmd) => {
      if (cmd === "create_vault") return { recovery_key: "ABCD-EFGH-JKMN", session: SESSION } satisfies CreatedVault;
      throw new Error(`unexpected ${cmd}`);
    });
    const finished = vi.fn();
    renderWithBackend(<SetupPage keyringAvailable onFinished={finished} />);
    await fillAdmin();
    await userEvent.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("recovery-key")).toHaveProperty("textContent", expect.stringContaining("ABCD-EFGH-JKMN"));
    expect(calls).toEqual([
      {
        cmd: "create_vault",
        args: {
          request: { admin_name: "yonetici", admin_password: "dogru-parola-123", unlock: { method: "keyring" } },
        },
      },
    ]);
    expect(screen.getByTestId("recovery-continue")).toHaveProperty("disabled", true);
    await userEvent.click(screen.getByText("Kurtarma anahtarını kaydettim"));
    await userEvent.click(screen.getByTestId("recovery-continue"));
    expect(finished).toHaveBeenCalledOnce();
  });

  it("without a keyring offers the passphrase, which must meet the length rule", async () => {
    const calls = backend((): CreatedVault => ({ recovery_key: "K", session: SESSION }));
    renderWithBackend(<SetupPage keyringAvailable={false} onFinished={() => {}} />);
    expect(screen.getByText("Bu bilgisayarda anahtar zinciri bulunamadı; bir kasa parolası seçin.")).toBeTruthy();
    await fillAdmin();
    await userEvent.type(screen.getByTestId("setup-passphrase"), "kisa");
    expect(screen.getByTestId("setup-submit")).toHaveProperty("disabled", true);
    await userEvent.type(screen.getByTestId("setup-passphrase"), "-kasa-parolasi");
    await userEvent.click(screen.getByTestId("setup-submit"));
    await screen.findByTestId("recovery-key");
    expect(calls[0]!.args).toMatchObject({
      request: { unlock: { method: "passphrase", passphrase: "kisa-kasa-parolasi" } },
    });
  });

  it("shows the backend's translated error and keeps what was typed", async () => {
    backend(() => {
      throw { code: "keyring_unavailable", message: "İşletim sisteminin anahtar zinciri kullanılamıyor.", field: null };
    });
    renderWithBackend(<SetupPage keyringAvailable onFinished={() => {}} />);
    await fillAdmin();
    await userEvent.click(screen.getByTestId("setup-submit"));
    const alert = await screen.findByTestId("setup-error");
    expect(alert.textContent).toContain("İşletim sisteminin anahtar zinciri kullanılamıyor.");
    expect(alert.dataset.code).toBe("keyring_unavailable");
    await waitFor(() => expect(screen.getByTestId("setup-name")).toHaveProperty("value", "yonetici"));
  });

  it("restores a backup on a new PC as the backup's administrator, and shows a refusal in words", async () => {
    let refuse = true;
    const calls = backend((cmd) => {
      if (cmd === "choose_restore_file") return "ofis.tahsildar";
      if (cmd === "restore_first_backup") {
        if (refuse) throw { code: "auth_failed", message: "Kullanıcı adı ya da parola yanlış.", field: null };
        return SESSION;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const finished = vi.fn();
    renderWithBackend(<SetupPage keyringAvailable onFinished={finished} />);
    await userEvent.click(screen.getByTestId("setup-restore"));
    expect(screen.getByTestId("restore-first-submit")).toHaveProperty("disabled", true);
    await userEvent.click(screen.getByTestId("restore-first-choose"));
    expect((await screen.findByTestId("restore-first-file")).textContent).toContain("ofis.tahsildar");
    await userEvent.type(screen.getByTestId("restore-first-backup-passphrase"), "yedek-parolasi");
    await userEvent.type(screen.getByTestId("restore-first-name"), "yonetici");
    await userEvent.type(screen.getByTestId("restore-first-password"), "yanlis");
    await userEvent.click(screen.getByTestId("restore-first-submit"));
    expect((await screen.findByTestId("restore-first-error")).textContent).toContain("parola yanlış");
    expect(finished).not.toHaveBeenCalled();

    refuse = false;
    await userEvent.click(screen.getByTestId("restore-first-submit"));
    await waitFor(() => expect(finished).toHaveBeenCalled());
    expect(calls.filter((c) => c.cmd === "restore_first_backup").at(-1)?.args).toEqual({
      request: {
        passphrase: "yedek-parolasi",
        admin_name: "yonetici",
        admin_password: "yanlis",
        unlock: { method: "keyring" },
      },
    });
  });

  it("goes back from the restore to creating a new vault", async () => {
    backend(() => undefined);
    renderWithBackend(<SetupPage keyringAvailable onFinished={() => {}} />);
    await userEvent.click(screen.getByTestId("setup-restore"));
    await userEvent.click(screen.getByTestId("restore-first-back"));
    expect(screen.getByTestId("setup-page")).toBeTruthy();
  });
});
