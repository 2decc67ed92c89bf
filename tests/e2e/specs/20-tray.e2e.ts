/**
 * The app in the background. WebDriver cannot open the tray's menu nor see a desktop
 * notification, and its "close window" ends the session instead of asking the app to close
 * (so the first close to the tray never reaches the app). This drives what the window shows:
 * the scheduler's state as pause and resume change it, their audit entries (the tray's orders
 * take the same path), and Settings → About's "start with the computer" switch against the
 * system's own autostart entry. The tray menu's items, its orders and the first-close notice
 * are covered by the shell's tests (`tray::labels`, `tray::tests`, `tray::notice`), which call
 * the same functions as the menu and the window's close.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { choose, dataDir, openScreen, signInFresh } from "../support/app.ts";
import { screenshotPath } from "../support/paths.ts";

/** The autostart entry the system keeps for the app on Linux (XDG autostart). */
const ENTRY = path.join(os.homedir(), ".config", "autostart", "Tahsildar.desktop");

async function autostartSwitch() {
  const toggle = $('[data-testid="autostart"]');
  await toggle.waitForDisplayed();
  await browser.waitUntil(async () => (await toggle.getAttribute("disabled")) === null, {
    timeoutMsg: "the switch never read the system's setting",
  });
  return toggle;
}

async function openAbout(): Promise<void> {
  await openScreen("settings");
  await $('[data-testid="settings-tabs"]').$("div=Hakkında").click();
}

describe("tray and background", () => {
  // Whatever this computer had before, it has again afterwards.
  let entryBefore: string | null = null;

  before(async () => {
    entryBefore = existsSync(ENTRY) ? readFileSync(ENTRY, "utf8") : null;
    rmSync(ENTRY, { force: true });
    await signInFresh();
  });

  after(() => {
    rmSync(ENTRY, { force: true });
    if (entryBefore !== null) execFileSync("sh", ["-c", 'cat > "$0"', ENTRY], { input: entryBefore });
  });

  it("shows the scheduler's state as it is paused and resumed", async () => {
    const scheduler = $('[data-testid="scheduler"]');
    await expect(scheduler).toHaveAttribute("data-state", "running");
    await $('[data-testid="scheduler-pause"]').click();
    await expect(scheduler).toHaveAttribute("data-state", "paused");
    await expect($('[data-testid="scheduler-state"]')).toHaveText(expect.stringContaining("Duraklatıldı"));
    await browser.saveScreenshot(screenshotPath("20-tray-paused"));
    await $('[data-testid="scheduler-resume"]').click();
    await expect(scheduler).toHaveAttribute("data-state", "running");
  });

  it("starts with the computer only once turned on, and stops when turned off", async () => {
    await openAbout();
    const toggle = await autostartSwitch();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    expect(existsSync(ENTRY)).toBe(false);

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    const entry = readFileSync(ENTRY, "utf8");
    // The automatic start opens this data folder, in the tray.
    expect(entry).toContain("--in-tray");
    expect(entry).toContain(dataDir());
    await browser.saveScreenshot(screenshotPath("20-tray-autostart"));

    // Read back from the system after the window forgot it.
    await browser.refresh();
    await $('[data-testid="scheduler"]').waitForDisplayed();
    await openAbout();
    await expect(await autostartSwitch()).toHaveAttribute("aria-checked", "true");

    await (await autostartSwitch()).click();
    await expect(await autostartSwitch()).toHaveAttribute("aria-checked", "false");
    expect(existsSync(ENTRY)).toBe(false);
  });

  it("records pause and resume in the audit log, as the tray's orders are", async () => {
    await openScreen("audit");
    await $('[data-testid="audit-total"]').waitForDisplayed();
    for (const [label, code] of [
      ["Zamanlayıcıyı duraklatma", "scheduler.pause"],
      ["Zamanlayıcıyı sürdürme", "scheduler.resume"],
    ]) {
      await choose("audit-filter-action", label);
      await browser.waitUntil(
        async () => {
          const rows = await browser.execute(() =>
            [...document.querySelectorAll('[data-testid^="audit-row-"]')].map((r) => r.getAttribute("data-action")),
          );
          return rows.length === 1 && rows[0] === code;
        },
        { timeoutMsg: `the ${code} entry alone is not listed` },
      );
    }
    await browser.keys("Escape");
    await browser.saveScreenshot(screenshotPath("20-tray-audit"));
  });
});
