/**
 * A vault whose key is gone from the OS keyring (a new PC, a wiped keyring) opens with the
 * recovery key shown at the first run; choosing to keep the key in the keyring again makes the
 * next start open the vault by itself.
 */
import { $, browser, expect } from "@wdio/globals";
import {
  ADMIN,
  completeFirstRun,
  currentGate,
  dataDir,
  fill,
  restartApp,
  signIn,
} from "../support/app.ts";
import { forgetVaultKey, vaultKeyItems } from "../support/keyring.ts";
import { screenshotPath } from "../support/paths.ts";

/** A picture of the window for one step: target/e2e/09-recovery-key-<step>.png. */
async function snapshot(step: string): Promise<void> {
  await browser.saveScreenshot(screenshotPath(`09-recovery-key-${step}`));
}

/** The same key with its first character changed: a typo the checksum catches. */
function withTypo(key: string): string {
  return (key[0] === "A" ? "B" : "A") + key.slice(1);
}

describe("unlocking with the recovery key and keeping the key in the keyring again", () => {
  let recoveryKey = "";

  it("first run with keyring unlock shows the recovery key once", async () => {
    expect(await currentGate()).toBe("setup");
    recoveryKey = await completeFirstRun();
    // Checked without the key in the assertion, so a failure does not print it.
    expect(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){5,}$/.test(recoveryKey)).toBe(true);
    await expect($('[data-testid="session-user"]')).toHaveAttribute("data-user", ADMIN.name);
    expect(vaultKeyItems(dataDir())).toHaveLength(1);
    await snapshot("1-first-run");
  });

  it("with the keyring entry deleted, a restart asks for the key and says why in Turkish", async () => {
    forgetVaultKey(dataDir());
    await restartApp();
    expect(await currentGate()).toBe("unlock");
    const problem = $('[data-testid="unlock-error"]');
    await expect(problem).toHaveAttribute("data-code", "keyring_entry_missing");
    await expect(problem).toHaveText(expect.stringContaining("Anahtarlıkta bu kasanın anahtarı yok"));
    await expect($('[data-testid="unlock-page"]')).toHaveText(
      expect.stringContaining("Kasanın anahtarı işletim sisteminin anahtar zincirinden okunamadı."),
    );
    await snapshot("2-keyring-empty");
  });

  it("refuses a mistyped recovery key and writes nothing to the keyring", async () => {
    await $('[data-testid="unlock-use-recovery"]').click();
    await fill("unlock-secret", withTypo(recoveryKey));
    // Keeping the key in the keyring is the preselected choice.
    expect(await $('[data-testid="unlock-rebind-keyring"]').isSelected()).toBe(true);
    await $('[data-testid="unlock-submit"]').click();
    const error = $('[data-testid="unlock-error"]');
    await expect(error).toHaveAttribute("data-code", "recovery_key_invalid");
    await expect(error).toHaveText(expect.stringContaining("Kurtarma anahtarı geçersiz"));
    expect(await currentGate()).toBe("unlock");
    expect(vaultKeyItems(dataDir())).toHaveLength(0);
    await snapshot("3-typo-refused");
  });

  it("opens with the recovery key, keeps the key in the keyring again and signs in", async () => {
    await fill("unlock-secret", recoveryKey);
    // The radio's input carries the test id; its label takes the click.
    await $('label:has([data-testid="unlock-rebind-keyring"])').click();
    expect(await $('[data-testid="unlock-rebind-keyring"]').isSelected()).toBe(true);
    await $('[data-testid="unlock-submit"]').click();
    await $('[data-testid="signin-page"]').waitForDisplayed();
    expect(vaultKeyItems(dataDir())).toHaveLength(1);
    await snapshot("4-unlocked");
    await signIn();
    await expect($('[data-testid="session-user"]')).toHaveAttribute("data-user", ADMIN.name);
    await expect($('[data-testid="screen-dashboard"]')).toBeDisplayed();
    await snapshot("5-signed-in");
  });

  it("after another restart the keyring opens the vault by itself and asks only to sign in", async () => {
    await restartApp();
    expect(await currentGate()).toBe("signin");
    await snapshot("6-restarted");
    await signIn();
    await expect($('[data-testid="screen-dashboard"]')).toBeDisplayed();
  });
});
