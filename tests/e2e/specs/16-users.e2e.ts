import { $, $$, browser, expect } from "@wdio/globals";
import { ADMIN, choose, fill, openScreen, signIn, signInFresh, signOut, textOf } from "../support/app.ts";
import { screenshotPath } from "../support/paths.ts";

const AYSE = { name: "ayse", password: "Ayse-e2e-parola-1", changed: "Ayse-kendi-parolasi-2", reset: "Gecici-parola-123", own: "Ayse-yeni-secimi-3" };
const SIZES = [
  { width: 1200, height: 800 },
  { width: 1024, height: 768 },
] as const;

/** Clicks through the page: a button inside a table is not always clickable for WebKit's driver. */
async function press(testId: string): Promise<void> {
  const button = await $(`[data-testid="${testId}"]`);
  await button.waitForExist();
  await browser.execute((el) => (el as unknown as HTMLElement).click(), button);
}

async function shootAtEachSize(name: string): Promise<void> {
  const original = await browser.getWindowSize();
  for (const size of SIZES) {
    await browser.setWindowSize(size.width, size.height);
    await browser.pause(600);
    await browser.saveScreenshot(screenshotPath(`16-${name}-${size.width}x${size.height}`));
  }
  await browser.setWindowSize(original.width, original.height);
}

async function openUsers(): Promise<void> {
  await openScreen("settings");
  await $('[data-node-key="users"]').click();
  await $('[data-testid="users-tab"]').waitForDisplayed();
}

/** The names the payments screen's store filter offers. */
async function storesOffered(): Promise<string[]> {
  await openScreen("payments");
  await $('[data-testid="filter-store"]').click();
  const dropdown = $(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");
  await dropdown.waitForDisplayed();
  const names: string[] = [];
  for (const option of await $$(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")) {
    names.push(String(await option.getAttribute("title")));
  }
  await browser.keys("Escape");
  return names.sort();
}

describe("users, their stores and their passwords", () => {
  it("gives an operator of the sandbox store a second store through the permission grid", async () => {
    await signInFresh();
    await openScreen("settings");
    await $('[data-node-key="stores"]').click();
    await $('[data-testid="store-add"]').click();
    await fill("store-name", "Şube");
    await choose("store-environment", "Sandbox");
    await $('[data-testid="store-save"]').click();
    await $('[data-testid="store-row-Şube"]').waitForDisplayed();
    await $('[data-testid="store-form"]').waitForDisplayed({ reverse: true });
    await browser.pause(400);

    await $('[data-node-key="users"]').click();
    await fill("user-name", AYSE.name);
    await fill("user-password", AYSE.password);
    await choose("user-role", "Operatör");
    await choose("user-store", "Sandbox");
    await $('[data-testid="user-save"]').click();
    await $(`[data-testid="user-row-${AYSE.name}"]`).waitForDisplayed();

    await press(`user-access-${AYSE.name}`);
    await $('[data-testid="access-grid"]').waitForDisplayed();
    // The sandbox store is 1, the new one 2; a manager of users edits every column.
    await expect($('[data-testid="access-create_collections-1"]')).toBeSelected();
    await expect($('[data-testid="access-create_collections-2"]')).not.toBeSelected();
    await choose("access-preset-2", "Operatör");
    await expect($('[data-testid="access-create_collections-2"]')).toBeSelected();
    await expect($('[data-testid="access-refund-2"]')).not.toBeSelected();
    await shootAtEachSize("grid");
    await $('[data-testid="access-save"]').click();
    await $('[data-testid="access-grid"]').waitForDisplayed({ reverse: true });
    await expect($(`[data-testid="user-row-${AYSE.name}"]`)).toHaveText(expect.stringContaining("Operatör"));
    await signOut();
  });

  it("signs the operator in on both stores, and she changes her password", async () => {
    await signIn(AYSE.name, AYSE.password);
    expect(await storesOffered()).toEqual(["Sandbox", "Şube"]);

    await $('[data-testid="session-menu"]').click();
    await $('[data-testid="change-password"]').waitForDisplayed();
    await $('[data-testid="change-password"]').click();
    await fill("change-password-current", AYSE.password);
    await fill("change-password-new", AYSE.changed);
    await fill("change-password-again", AYSE.changed);
    await shootAtEachSize("change-password");
    await $('[data-testid="change-password-save"]').click();
    await $('[data-testid="change-password-done"]').waitForDisplayed();
    await $('[data-testid="change-password-save"]').click();
    await $('[data-testid="change-password-done"]').waitForDisplayed({ reverse: true });
    await signOut();

    await fill("signin-name", AYSE.name);
    await fill("signin-password", AYSE.password);
    await $('[data-testid="signin-submit"]').click();
    await expect($('[data-testid="signin-error"]')).toBeDisplayed();
    await signIn(AYSE.name, AYSE.changed);
    await signOut();
  });

  it("has the administrator reset her password; she chooses a new one before anything else", async () => {
    await signIn(ADMIN.name, ADMIN.password);
    await openUsers();
    await press(`user-reset-${AYSE.name}`);
    await fill("reset-password-new", AYSE.reset);
    await fill("reset-password-again", AYSE.reset);
    await $('[data-testid="reset-save"]').click();
    await $(`[data-testid="user-must-change-${AYSE.name}"]`).waitForDisplayed();
    await expect($(`[data-testid="user-reset-${ADMIN.name}"]`)).not.toBeExisting();
    await shootAtEachSize("users");
    await signOut();

    await signIn(AYSE.name, AYSE.reset);
    await $('[data-testid="choose-password-page"]').waitForDisplayed();
    await expect($('[data-testid="nav"]')).not.toBeExisting();
    await expect($('[data-testid="session-menu"]')).not.toBeExisting();
    await shootAtEachSize("choose-password");
    await fill("choose-password-new", AYSE.reset);
    await fill("choose-password-again", AYSE.reset);
    await $('[data-testid="choose-password-save"]').click();
    await expect($('[data-testid="choose-password-error"]')).toBeDisplayed();
    expect(await textOf($('[data-testid="choose-password-error"]'))).toContain("şu ankiyle aynı olamaz");
    await fill("choose-password-new", AYSE.own);
    await fill("choose-password-again", AYSE.own);
    await $('[data-testid="choose-password-save"]').click();
    await $('[data-testid="nav"]').waitForDisplayed();
    await expect($('[data-testid="choose-password-page"]')).not.toBeExisting();
    await signOut();

    await signIn(AYSE.name, AYSE.own);
    await $('[data-testid="nav"]').waitForDisplayed();
    await signOut();
  });
});
