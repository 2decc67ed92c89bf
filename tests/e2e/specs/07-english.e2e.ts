import { $, expect } from "@wdio/globals";
import { ADMIN, completeFirstRun, currentGate, fill, navItem, openScreen, signIn, signOut, textOf } from "../support/app.ts";

async function switchTo(lang: "EN" | "TR") {
  await $('[data-testid="lang-switch"]').$(`label=${lang}`).click();
}

describe("the app in English", () => {
  it("shows the first run in English", async () => {
    expect(await currentGate()).toBe("setup");
    await switchTo("EN");
    await expect($('[data-testid="setup-page"] h2')).toHaveText("Welcome to Tahsildar");
    await expect($('[data-testid="rule-length"]')).toHaveText(expect.stringContaining("At least 12 characters"));
    await expect($('[data-testid="setup-submit"]')).toHaveText("Create the vault");
  });

  it("shows the recovery key step, the header and the menu in English", async () => {
    await completeFirstRun();
    await expect($('[data-testid="session-user"]')).toHaveText("yonetici (Administrator)");
    await expect($('[data-testid="sign-out"]')).toHaveText("Sign out");
    expect(await textOf(navItem("dashboard"))).toBe("Dashboard");
    await expect($('[data-testid="screen-dashboard"] h3')).toHaveText("Dashboard");
    await expect($('[data-testid="scheduler-state"]')).toHaveText("Scheduler: Running");
    await expect($('[data-testid="scheduler-run-now"]')).toHaveText("Run now");
    await expect($('[data-testid="env-notice"] .ant-alert-message')).toHaveText("Sandbox mode");
  });

  it("shows settings in English, with the backend's texts in English too", async () => {
    await openScreen("settings");
    await expect($('[data-node-key="stores"]')).toHaveText("Stores");
    await expect($('[data-node-key="users"]')).toHaveText("Users");
    await expect($('[data-testid="sandbox-cards"] h5')).toHaveText("Sandbox test cards");
    await expect($('[data-testid="sandbox-cards"]')).toHaveText(expect.stringContaining("Insufficient funds"));
    await openScreen("dashboard");
  });

  it("gets the backend's own messages in English", async () => {
    await signOut();
    await expect($('[data-testid="signin-page"] h2')).toHaveText("Sign in");
    await fill("signin-name", ADMIN.name);
    await fill("signin-password", "wrong-password-123");
    await $('[data-testid="signin-submit"]').click();
    const error = $('[data-testid="signin-error"]');
    await expect(error).toHaveAttribute("data-code", "auth_failed");
    await expect(error).toHaveText(expect.stringContaining("Wrong user name or password"));
    await signIn();
  });

  it("switches back to Turkish at any time", async () => {
    await switchTo("TR");
    await expect($('[data-testid="sign-out"]')).toHaveText("Çıkış");
    expect(await textOf(navItem("dashboard"))).toBe("Gösterge paneli");
  });
});
