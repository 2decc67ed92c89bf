/**
 * Helpers for specs: each spec file runs against its own app with its own fresh data folder
 * (wdio.conf.ts passes `--data-dir` per session), and `signInFresh()` brings that app to a
 * signed-in administrator on a set-up sandbox, doing the first run through the UI if needed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";

/** The administrator every spec's first run creates. */
export const ADMIN = { name: "yonetici", password: "Tahsildar-e2e-parola-1" } as const;

/** A new, empty data folder under the run's scratch folder (removed by run.sh afterwards). */
export function freshDataDir(): string {
  const base = process.env.TAHSILDAR_E2E_SCRATCH ?? os.tmpdir();
  return mkdtempSync(path.join(base, "data-"));
}

/** Ends the app's session, waits until its process is gone, runs `whileStopped` (if given)
 * and starts the app again, on the same data folder (the running app of a folder refuses a
 * second start) or on the folder `on` (a new PC: `freshDataDir()`). */
export async function restartApp(whileStopped?: () => void, on?: string): Promise<void> {
  const dir = dataDir();
  await browser.deleteSession();
  const running = () => {
    try {
      execFileSync("pgrep", ["-f", "--", `--data-dir ${dir}`], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  // Shutting down waits for the engine to stop, which takes longer on a busy machine.
  for (let i = 0; i < 300 && running(); i++) await new Promise((r) => setTimeout(r, 100));
  if (running()) throw new Error(`the app on ${dir} did not exit within 30 s of its session's end`);
  whileStopped?.();
  if (on === undefined || on === dir) {
    await browser.reloadSession();
    return;
  }
  process.env.TAHSILDAR_DATA_DIR = on;
  const requested = browser.requestedCapabilities as WebdriverIO.Capabilities & {
    "tauri:options": { application: string };
  };
  await browser.reloadSession({
    ...requested,
    "tauri:options": { application: requested["tauri:options"].application, args: ["--data-dir", on] },
  } as WebdriverIO.Capabilities);
}

/** The data folder of the app this spec drives. */
export function dataDir(): string {
  const dir = process.env.TAHSILDAR_DATA_DIR;
  if (!dir) throw new Error("no data folder: run the specs through wdio.conf.ts");
  return dir;
}

/** Which screen the app shows once its status is known. */
export async function currentGate(): Promise<"setup" | "signin" | "unlock" | "signed_in"> {
  const gates = {
    setup: '[data-testid="setup-page"]',
    signin: '[data-testid="signin-page"]',
    unlock: '[data-testid="unlock-page"]',
    signed_in: '[data-testid="session-user"]',
  } as const;
  let found: keyof typeof gates | undefined;
  await browser.waitUntil(
    async () => {
      for (const [gate, selector] of Object.entries(gates) as [keyof typeof gates, string][]) {
        if (await $(selector).isExisting()) {
          found = gate;
          return true;
        }
      }
      return false;
    },
    { timeout: 30_000, timeoutMsg: "the app showed neither setup, sign-in, unlock nor the workspace" },
  );
  return found!;
}

/**
 * Types into an input found by its test id, first deleting what is there with the keyboard:
 * WebDriver's "clear" empties the field behind React's back, so the next keystroke would bring
 * the old text back.
 */
export async function fill(testId: string, text: string): Promise<void> {
  const input = $(`[data-testid="${testId}"]`);
  await input.waitForDisplayed();
  const current = String(await input.getValue());
  if (current.length > 0) {
    await input.addValue(Key.End + Key.Backspace.repeat(current.length));
  }
  await input.addValue(text);
}

/** The text of an element as the DOM holds it (menu entries report no rendered text). */
export async function textOf(selector: ReturnType<typeof $>): Promise<string> {
  return String(await selector.getProperty("textContent"));
}

/** First run through the UI with keyring unlock; returns the recovery key that was shown. */
export async function completeFirstRun(): Promise<string> {
  await fill("setup-name", ADMIN.name);
  await fill("setup-password", ADMIN.password);
  await fill("setup-password-again", ADMIN.password);
  return finishFirstRun();
}

/**
 * Submits the filled first-run form, confirms the recovery key and waits to be signed in;
 * `onRecoveryStep` runs while the recovery key is shown, before it is confirmed.
 */
export async function finishFirstRun(onRecoveryStep?: () => Promise<void>): Promise<string> {
  await expect($('[data-testid="setup-submit"]')).toBeEnabled();
  await $('[data-testid="setup-submit"]').click();
  const key = $('[data-testid="recovery-key"]');
  await key.waitForDisplayed({ timeout: 30_000 });
  await onRecoveryStep?.();
  const recoveryKey = (await key.getText()).trim();
  await $('[data-testid="recovery-saved"] label').click();
  await $('[data-testid="recovery-continue"]').click();
  await $('[data-testid="session-user"]').waitForDisplayed({ timeout: 20_000 });
  return recoveryKey;
}

/** Signs in through the sign-in page. */
export async function signIn(name: string = ADMIN.name, password: string = ADMIN.password): Promise<void> {
  await fill("signin-name", name);
  await fill("signin-password", password);
  await $('[data-testid="signin-submit"]').click();
  await $('[data-testid="session-user"]').waitForDisplayed({ timeout: 20_000 });
}

/** Brings the app to a signed-in administrator, setting up the vault first when needed. */
export async function signInFresh(): Promise<void> {
  const gate = await currentGate();
  if (gate === "setup") await completeFirstRun();
  else if (gate === "signin") await signIn();
  else if (gate === "unlock") throw new Error("the vault is locked: the keyring did not open it");
  await expect($('[data-testid="session-user"]')).toHaveAttribute("data-user", ADMIN.name);
}

/**
 * The side menu's entry for a screen. The menu also keeps a hidden copy of its items for
 * measuring, so the selector stays inside the visible root list.
 */
export function navItem(key: string) {
  return $(`.ant-menu-root [data-testid="nav-${key}"]`);
}

/**
 * Opens a screen from the side menu, from the top of the page (scrolled down, a menu entry can
 * sit under the header, which then takes the click).
 */
export async function openScreen(key: string): Promise<void> {
  await browser.execute(() => window.scrollTo(0, 0));
  await navItem(key).click();
  await $(`[data-testid="screen-${key}"]`).waitForDisplayed();
}

/** Signs out with the header button and waits for the sign-in page. */
export async function signOut(): Promise<void> {
  await $('[data-testid="sign-out"]').click();
  await $('[data-testid="signin-page"]').waitForDisplayed();
}

/** Picks an option of an Ant Design select found by its test id. */
export async function choose(testId: string, optionText: string): Promise<void> {
  await $(`[data-testid="${testId}"]`).click();
  const option = $(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${optionText}"]`);
  await option.waitForDisplayed();
  await option.click();
}

/**
 * Adds a user through Settings → Users while signed in as an administrator. `role` is the
 * Turkish label of the preset as the form shows it: "Operatör", "İzleyici" or "Yönetici".
 */
export async function addUserThroughSettings(user: { name: string; password: string; role: string }): Promise<void> {
  await openScreen("settings");
  await $('[data-node-key="users"]').click();
  await fill("user-name", user.name);
  await fill("user-password", user.password);
  await choose("user-role", user.role);
  await $('[data-testid="user-save"]').click();
  await $(`[data-testid="user-row-${user.name}"]`).waitForDisplayed();
}
