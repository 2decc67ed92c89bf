import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { addUserThroughSettings, dataDir, navItem, openScreen, signIn, signInFresh, signOut } from "../support/app.ts";
import { savedDir, screenshotPath } from "../support/paths.ts";

const VIEWER = { name: "izleyici", password: "Izleyici-parola-1", role: "İzleyici" };

describe("settings", () => {
  before(async () => {
    await signInFresh();
  });

  it("lists the sandbox store with its test cards and a working connection", async () => {
    await openScreen("settings");
    const row = $('[data-testid="store-row-Sandbox"]');
    await expect(row).toBeDisplayed();
    await expect(row.$('[data-testid="env-badge"]')).toHaveText("Sandbox");
    await expect($('[data-testid="sandbox-cards"]')).toHaveText(expect.stringContaining("4000 0000 0000 9995"));
    await $('[data-testid="store-check-Sandbox"]').click();
    const result = $('[data-testid="connection-result"]');
    await expect(result).toHaveAttribute("data-verdict", "ok");
    await expect(result).toHaveText(expect.stringContaining("VPS-1123"));
  });

  it("tells on About where the data and the logs are, at any window size", async () => {
    await $('[data-testid="settings-tabs"]').$("div=Hakkında").click();
    await expect($('[data-testid="about-data-dir"]')).toHaveText(dataDir());
    await expect($('[data-testid="about-log-dir"]')).toHaveText(`${dataDir()}/logs`);
    // The support bundle: saved where the suite's save folder is, with the logs in it.
    const bundle = path.join(savedDir(), "tahsildar-destek.zip");
    rmSync(bundle, { force: true });
    await $('[data-testid="support-bundle-save"]').click();
    await expect($('[data-testid="support-bundle-saved"]')).toHaveText(expect.stringContaining("tahsildar-destek.zip"));
    const zip = readFileSync(bundle);
    expect(zip.subarray(0, 2).toString()).toBe("PK");
    expect(zip.includes(Buffer.from("about.txt"))).toBe(true);
    await browser.saveScreenshot(screenshotPath("08-about"));
    const size = await browser.getWindowSize();
    try {
      await browser.setWindowSize(900, 600);
      await browser.pause(500);
      await browser.saveScreenshot(screenshotPath("08-about-small"));
    } finally {
      await browser.setWindowSize(size.width, size.height);
    }
    await $('[data-testid="settings-tabs"]').$("div=Mağazalar").click();
  });

  it("adds a viewer, who sees neither settings nor import", async () => {
    await addUserThroughSettings(VIEWER);
    await expect($(`[data-testid="user-row-${VIEWER.name}"]`)).toHaveText(expect.stringContaining("İzleyici"));
    await signOut();
    await signIn(VIEWER.name, VIEWER.password);
    await expect($('[data-testid="session-user"]')).toHaveText("izleyici (İzleyici)");
    expect(await navItem("settings").isExisting()).toBe(false);
    expect(await navItem("import").isExisting()).toBe(false);
    expect(await $('[data-testid="scheduler-run-now"]').isExisting()).toBe(false);
  });
});
