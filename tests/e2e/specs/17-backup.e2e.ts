/**
 * Settings → Backup: a customer is added and the vault backed up (the save dialog's folder is
 * the suite's), then another customer is added and the backup restored over the vault: the
 * window signs in again to the restored vault, which has the first customer and not the second.
 * (Its hold until the days since the backup are settled lifts at once here: the sandbox has
 * nothing to settle.) The automatic daily backup is turned on
 * and writes today's file into the chosen folder (the suite's folder dialog override).
 * Last, the app starts on a new, empty data folder (a new PC), whose first-run screen restores
 * the same backup as its administrator: the same customers are there.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { ADMIN, fill, freshDataDir, openScreen, restartApp, signIn, signInFresh } from "../support/app.ts";
import { addCustomer, todayInIstanbul } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const PASSPHRASE = "Yedek-parolasi-e2e-1";
const KEPT = { reference: "Y-1", name: "Yedekte Olan" };
const LATER = { reference: "Y-2", name: "Sonra Eklenen" };

function savedBackup(): string {
  return path.join(process.env.TAHSILDAR_E2E_SAVE_DIR!, `tahsildar-yedek-${todayInIstanbul()}.tahsildar`);
}

async function openBackupTab(): Promise<void> {
  await openScreen("settings");
  await $('[data-node-key="backup"]').click();
  await $('[data-testid="backup-tab"]').waitForDisplayed();
}

async function screenshots(name: string): Promise<void> {
  const size = await browser.getWindowSize();
  try {
    for (const [width, height] of [
      [1200, 800],
      [1024, 768],
    ]) {
      await browser.setWindowSize(width, height);
      await browser.pause(400);
      await browser.saveScreenshot(screenshotPath(`17-${name}-${width}`));
    }
  } finally {
    await browser.setWindowSize(size.width, size.height);
  }
}

describe("backup and restore", () => {
  before(async () => {
    rmSync(savedBackup(), { force: true });
    rmSync(process.env.TAHSILDAR_E2E_RESTORE_FILE!, { force: true });
    const auto = process.env.TAHSILDAR_E2E_BACKUP_DIR!;
    rmSync(auto, { recursive: true, force: true });
    mkdirSync(auto, { recursive: true });
    await signInFresh();
  });

  it("backs up the vault under a passphrase typed twice", async () => {
    await addCustomer(KEPT.reference, KEPT.name);
    await openBackupTab();
    await fill("backup-now-passphrase", PASSPHRASE);
    await fill("backup-now-passphrase-again", PASSPHRASE);
    await $('[data-testid="backup-now-save"]').click();
    await expect($('[data-testid="backup-now-saved"]')).toHaveText(expect.stringContaining(path.basename(savedBackup())));
    expect(existsSync(savedBackup())).toBe(true);
    await screenshots("backup-now");
  });

  it("turns on the automatic daily backup, which writes today's file to the chosen folder", async () => {
    await $('[data-testid="auto-backup-choose-folder"]').click();
    await expect($('[data-testid="auto-backup-folder"]')).toHaveText(process.env.TAHSILDAR_E2E_BACKUP_DIR!);
    await $('[data-testid="auto-backup-enabled"]').click();
    await fill("auto-backup-passphrase", PASSPHRASE);
    await fill("auto-backup-passphrase-again", PASSPHRASE);
    await $('[data-testid="auto-backup-apply"]').click();
    await $('[data-testid="auto-backup-applied"]').waitForDisplayed();
    const expected = `tahsildar-yedek-${todayInIstanbul()}.tahsildar`;
    await browser.waitUntil(() => readdirSync(process.env.TAHSILDAR_E2E_BACKUP_DIR!).includes(expected), {
      timeout: 60_000,
      timeoutMsg: "no automatic backup was written",
    });
    // The tab shows it once it looks again (it does every minute; opening the tab asks at once).
    await openScreen("customers");
    await openBackupTab();
    await expect($('[data-testid="auto-backup-last"]')).toHaveAttribute("data-ok", "true");
    await expect($('[data-testid="auto-backup-last"]')).toHaveText(expect.stringContaining(expected));
  });

  it("restores the backup over a vault that has changed since, after a preview and the typed words", async () => {
    await addCustomer(LATER.reference, LATER.name);
    copyFileSync(savedBackup(), process.env.TAHSILDAR_E2E_RESTORE_FILE!);
    await openBackupTab();
    await $('[data-testid="restore-choose-file"]').click();
    await $('[data-testid="restore-file"]').waitForDisplayed();
    await fill("restore-passphrase", "yanlis-parola-12345");
    await $('[data-testid="restore-preview"]').click();
    await expect($('[data-testid="restore-error"]')).toBeDisplayed();
    await fill("restore-passphrase", PASSPHRASE);
    await $('[data-testid="restore-preview"]').click();
    await expect($('[data-testid="restore-preview-customers"]')).toHaveText("1");
    await $('[data-testid="restore-confirmation"]').scrollIntoView();
    await screenshots("restore-preview");
    await fill("restore-confirmation", "GERİ YÜKLE");
    await $('[data-testid="restore-submit"]').click();
    await $('[data-testid="signin-page"]').waitForDisplayed({ timeout: 90_000 });

    await signIn(ADMIN.name, ADMIN.password);
    await openScreen("customers");
    await $(`[data-testid="customer-row-${KEPT.reference}"]`).waitForDisplayed();
    expect(await $(`[data-testid="customer-row-${LATER.reference}"]`).isExisting()).toBe(false);
    await screenshots("restored");
  });

  it("restores the backup on a new PC from the first-run screen, as the backup's administrator", async () => {
    await restartApp(undefined, freshDataDir());
    await $('[data-testid="setup-page"]').waitForDisplayed({ timeout: 60_000 });
    await $('[data-testid="setup-restore"]').click();
    await $('[data-testid="restore-first-choose"]').click();
    await expect($('[data-testid="restore-first-file"]')).toHaveText(
      expect.stringContaining(path.basename(process.env.TAHSILDAR_E2E_RESTORE_FILE!)),
    );
    await fill("restore-first-backup-passphrase", PASSPHRASE);
    await fill("restore-first-name", ADMIN.name);
    await fill("restore-first-password", "yanlis-parola-12345");
    await $('[data-testid="restore-first-submit"]').click();
    await expect($('[data-testid="restore-first-error"]')).toBeDisplayed();
    await screenshots("restore-first");
    await fill("restore-first-password", ADMIN.password);
    await $('[data-testid="restore-first-submit"]').click();
    await $('[data-testid="session-user"]').waitForDisplayed({ timeout: 90_000 });

    await openScreen("customers");
    await $(`[data-testid="customer-row-${KEPT.reference}"]`).waitForDisplayed();
    expect(await $(`[data-testid="customer-row-${LATER.reference}"]`).isExisting()).toBe(false);
    await screenshots("restored-first");
  });
});
