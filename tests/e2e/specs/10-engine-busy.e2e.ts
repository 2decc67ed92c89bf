/**
 * Another process holding the data folder's engine lock (another Tahsildar window, or the CLI
 * running the scheduler): this window still opens and signs in, and says plainly, under the
 * header, that no payment is sent from here. Once the other one is gone, a restart runs the
 * scheduler again and the warning is gone.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { currentGate, dataDir, restartApp, signIn, signInFresh } from "../support/app.ts";
import { screenshotPath } from "../support/paths.ts";

/** Holds `<data dir>/tahsildar.lock` the way a running engine does (an exclusive flock), and
 * returns once it does: the app that just exited may take a moment to let go of it. With
 * `--close` only the flock process holds it, so killing that process releases it. */
function holdEngineLock(dir: string): ChildProcess {
  const lock = path.join(dir, "tahsildar.lock");
  const holder = spawn("flock", ["--exclusive", "--wait", "30", "--close", lock, "sleep", "600"], {
    stdio: "ignore",
  });
  holder.on("exit", (code) => {
    if (code !== null && code !== 0) console.error(`the lock holder ended with ${code}`);
  });
  const held = () => {
    try {
      execFileSync("flock", ["--exclusive", "--nonblock", lock, "true"], { stdio: "ignore" });
      return false;
    } catch {
      return true;
    }
  };
  for (let i = 0; i < 300 && !held(); i++) execFileSync("sleep", ["0.1"]);
  if (!held()) throw new Error(`nothing holds ${lock} after 30 s`);
  return holder;
}

describe("a second Tahsildar on the same data folder", () => {
  let holder: ChildProcess | undefined;

  after(() => {
    holder?.kill();
  });

  it("runs the scheduler when it is the only one", async () => {
    await signInFresh();
    await expect($('[data-testid="scheduler"]')).toHaveAttribute("data-state", "running");
    expect(await $('[data-testid="engine-problem"]').isExisting()).toBe(false);
  });

  it("warns in Turkish under the header while another process holds the engine lock", async () => {
    await restartApp(() => {
      holder = holdEngineLock(dataDir());
    });
    expect(await currentGate()).toBe("signin");
    await signIn();
    const warning = $('[data-testid="engine-problem"]');
    await warning.waitForDisplayed();
    await expect(warning).toHaveAttribute("data-code", "engine_busy");
    await expect(warning).toHaveText(expect.stringContaining("Zamanlayıcı bu pencerede çalışmıyor"));
    await expect(warning).toHaveText(expect.stringContaining("başka bir Tahsildar"));
    await expect($('[data-testid="scheduler"]')).toHaveAttribute("data-state", "stopped");
    await browser.saveScreenshot(screenshotPath("10-engine-busy"));
  });

  it("runs the scheduler again after a restart once the other process is gone", async () => {
    await restartApp(() => {
      holder?.kill();
      holder = undefined;
    });
    await signIn();
    await expect($('[data-testid="scheduler"]')).toHaveAttribute("data-state", "running");
    expect(await $('[data-testid="engine-problem"]').isExisting()).toBe(false);
  });
});
