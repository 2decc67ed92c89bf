import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { BackupPreview, BackupSchedule, Permission } from "../../api";
import { SessionContext } from "../../session";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { BackupTab } from "./BackupTab";

const ADMIN: Permission[] = ["export", "manage_users", "manage_stores"];

const SCHEDULE: BackupSchedule = {
  enabled: true,
  folder: "/home/ofis/yedekler",
  keep: 7,
  has_passphrase: true,
  last: {
    at: "2026-11-27T07:00:00Z",
    ok: false,
    file: null,
    error: { tr: "Klasöre yazılamadı.", en: "The folder could not be written." },
  },
};

const PREVIEW: BackupPreview = {
  created_at: "2026-11-26T09:30:00Z",
  source_vault_id: "v-1",
  same_vault: true,
  customers: 12,
  plans: 5,
  payments: 40,
};

function render(permissions: Permission[], answers: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (answers[cmd]) return answers[cmd](args as Record<string, unknown>);
    if (cmd === "backup_schedule") return SCHEDULE;
    throw new Error(`unexpected command ${cmd}`);
  });
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <BackupTab />
    </SessionContext.Provider>,
  );
  return calls;
}

describe("BackupTab", () => {
  it("backs up once the passphrase is typed twice alike and long enough, and names the file", async () => {
    const calls = render(["export"], {
      backup_now: () => ({ path: "/home/ofis/tahsildar-yedek-2026-11-27.tahsildar", bytes: 204_800, audit_entries: 9 }),
    });
    const save = await screen.findByTestId("backup-now-save");
    await userEvent.type(screen.getByTestId("backup-now-passphrase"), "kisa");
    await userEvent.type(screen.getByTestId("backup-now-passphrase-again"), "kisa");
    expect(save.hasAttribute("disabled")).toBe(true);
    await userEvent.clear(screen.getByTestId("backup-now-passphrase"));
    await userEvent.clear(screen.getByTestId("backup-now-passphrase-again"));
    await userEvent.type(screen.getByTestId("backup-now-passphrase"), "yedek parolasi 1");
    await userEvent.type(screen.getByTestId("backup-now-passphrase-again"), "yedek parolasi 2");
    expect(screen.getByText("İki parola aynı değil.")).toBeTruthy();
    expect(save.hasAttribute("disabled")).toBe(true);
    await userEvent.clear(screen.getByTestId("backup-now-passphrase-again"));
    await userEvent.type(screen.getByTestId("backup-now-passphrase-again"), "yedek parolasi 1");
    await userEvent.click(save);
    const saved = await screen.findByTestId("backup-now-saved");
    expect(saved.textContent).toContain("tahsildar-yedek-2026-11-27.tahsildar");
    expect(saved.textContent).toContain("200 KB");
    expect(calls.find((c) => c.cmd === "backup_now")?.args).toEqual({ passphrase: "yedek parolasi 1" });
  });

  it("shows the last automatic backup's failure to everyone, and settings and restore to administrators only", async () => {
    render(["export"]);
    const last = await screen.findByTestId("auto-backup-last");
    expect(last.dataset.ok).toBe("false");
    expect(last.textContent).toContain("Klasöre yazılamadı.");
    expect(screen.getByTestId("auto-backup-folder").textContent).toBe("/home/ofis/yedekler");
    expect(screen.queryByTestId("auto-backup-apply")).toBeNull();
    expect(screen.queryByTestId("restore-card")).toBeNull();
  });

  it("turns the automatic backups off keeping the stored passphrase", async () => {
    const calls = render(ADMIN, {
      set_backup_schedule: () => ({ ...SCHEDULE, enabled: false }),
    });
    await userEvent.click(await screen.findByTestId("auto-backup-enabled"));
    await userEvent.click(screen.getByTestId("auto-backup-apply"));
    await screen.findByTestId("auto-backup-applied");
    expect(calls.find((c) => c.cmd === "set_backup_schedule")?.args).toEqual({
      change: { enabled: false, keep: 7 },
      passphrase: null,
    });
  });

  it("previews the backup, then restores only with the words typed in full", async () => {
    const calls = render(ADMIN, {
      choose_restore_file: () => "tahsildar-yedek-2026-11-26.tahsildar",
      preview_backup: () => PREVIEW,
      restore_backup: () => null,
      setup_status: () => ({ state: "signed_out", last_user: null }),
    });
    await userEvent.click(await screen.findByTestId("restore-choose-file"));
    expect((await screen.findByTestId("restore-file")).textContent).toContain("tahsildar-yedek-2026-11-26.tahsildar");
    await userEvent.type(screen.getByTestId("restore-passphrase"), "yedek parolasi 1");
    await userEvent.click(screen.getByTestId("restore-preview"));
    expect((await screen.findByTestId("restore-preview-customers")).textContent).toBe("12");
    expect(screen.getByTestId("restore-preview-date").textContent).toBe("26.11.2026 12:30");
    const submit = screen.getByTestId("restore-submit");
    await userEvent.type(screen.getByTestId("restore-confirmation"), "GERİ");
    expect(submit.hasAttribute("disabled")).toBe(true);
    await userEvent.type(screen.getByTestId("restore-confirmation"), " YÜKLE");
    await userEvent.click(submit);
    await waitFor(() => expect(calls.some((c) => c.cmd === "restore_backup")).toBe(true));
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({
      passphrase: "yedek parolasi 1",
      confirmation: "GERİ YÜKLE",
      vaultPassphrase: null,
    });
  });

  it("asks for the restored vault's passphrase when the vault opens with one", async () => {
    render(ADMIN, {
      choose_restore_file: () => "y.tahsildar",
      preview_backup: () => PREVIEW,
      restore_backup: () => {
        throw { code: "passphrase_required", message: "Kasa parolası gerekli.", field: null };
      },
    });
    await userEvent.click(await screen.findByTestId("restore-choose-file"));
    await userEvent.type(await screen.findByTestId("restore-passphrase"), "yedek parolasi 1");
    await userEvent.click(screen.getByTestId("restore-preview"));
    await userEvent.type(await screen.findByTestId("restore-confirmation"), "GERİ YÜKLE");
    await userEvent.click(screen.getByTestId("restore-submit"));
    expect(await screen.findByTestId("restore-vault-passphrase")).toBeTruthy();
    expect((await screen.findByTestId("restore-error")).textContent).toContain("Kasa parolası gerekli.");
  });
});
