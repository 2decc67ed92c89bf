/**
 * Every screen of the window passes an axe-core check with no serious or critical violation:
 * the first run, then, with a customer whose card runs out this month, a collected recurring
 * plan and an imported batch, each screen of the side menu with its tabs, side panels, forms and
 * dialogs, in Turkish and the main ones in English, and the sign-in page in both. Each screen's
 * full result lands in target/e2e/axe/.
 */
import { $, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";
import { ADMIN, addUserThroughSettings, fill, finishFirstRun, openScreen, signOut } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import {
  CARDS,
  closeDrawer,
  expiryIn,
  openPaymentOf,
  panelSettled,
  pick,
  press,
  runNow,
  waitForDetailStatus,
} from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const CUSTOMER = { reference: "A-2101", name: "Ayşe Yılmaz" };
const OPERATOR = { name: "operator1", password: "Operator-parola-12", role: "Operatör" };

/** A test that reaches a screen, then checks it and leaves a picture of it as checked. */
function screen(name: string, reach: () => Promise<void>): void {
  it(name, async () => {
    await reach();
    try {
      await expectAccessible(name);
    } finally {
      await browser.saveScreenshot(screenshotPath(`21-${name}`));
    }
  });
}

/** Opens a tab of the current screen by its key. */
async function tab(key: string): Promise<void> {
  await $(`[data-node-key="${key}"]`).click();
  await $(`[data-node-key="${key}"].ant-tabs-tab-active`).waitForDisplayed();
}

async function switchTo(lang: "EN" | "TR"): Promise<void> {
  await $('[data-testid="lang-switch"]').$(`label=${lang}`).click();
}

/** Opens a table row from the keyboard (the WebKit driver cannot click antd's rows). */
async function openRow(selector: string): Promise<void> {
  const row = $(selector);
  await row.waitForDisplayed({ timeout: 30_000 });
  await browser.execute((element: HTMLElement) => element.focus(), (await row) as unknown as HTMLElement);
  await browser.keys(Key.Enter);
}

/** How many dialog or drawer masks the window shows, fading ones included. */
function masksShown(): Promise<number> {
  return browser.execute(
    () => Array.from(document.querySelectorAll(".ant-modal-mask, .ant-drawer-mask")).filter((m) => m.getClientRects().length > 0).length,
  );
}

/**
 * Closes the dialog or drawer opened last with its close button (clicked in the page: the
 * driver reports the button of one still fading in as covered) and waits until its mask has
 * faded away, so that it takes no later click.
 */
async function closeTop(): Promise<void> {
  const before = await masksShown();
  if (before === 0) throw new Error("no dialog or drawer is open");
  await browser.execute(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>(".ant-modal-close, .ant-drawer-close")).filter(
      (b) => b.getClientRects().length > 0,
    );
    shown.at(-1)?.click();
  });
  await browser.waitUntil(async () => (await masksShown()) < before, { timeoutMsg: "the dialog or drawer did not close" });
}

/** Clicks until `opened` is shown (a panel or dialog may still be sliding over the button). */
async function openWith(button: string, opened: string): Promise<void> {
  await browser.waitUntil(async () => {
    await $(button).click().catch(() => undefined);
    return $(opened).isDisplayed();
  });
}

describe("accessibility of every screen", () => {
  screen("restore-first", async () => {
    await $('[data-testid="setup-page"]').waitForDisplayed({ timeout: 30_000 });
    await $('[data-testid="setup-restore"]').click();
    await $('[data-testid="restore-first-page"]').waitForDisplayed();
  });

  screen("setup", async () => {
    await $('[data-testid="restore-first-back"]').click();
    await $('[data-testid="setup-page"]').waitForDisplayed({ timeout: 30_000 });
    await fill("setup-name", ADMIN.name);
    await fill("setup-password", ADMIN.password);
    await fill("setup-password-again", ADMIN.password);
  });

  it("recovery-key, then signed in", async () => {
    let failure: unknown;
    await finishFirstRun(() => expectAccessible("recovery-key").catch((error: unknown) => void (failure = error)));
    if (failure) throw failure;
  });

  screen("dashboard", async () => {
    await $('[data-testid="screen-dashboard"]').waitForDisplayed();
  });

  screen("change-password", async () => {
    await press("session-menu");
    await $('[data-testid="change-password"]').waitForDisplayed();
    await $('[data-testid="change-password"]').click();
    await $('[data-testid="change-password-current"]').waitForDisplayed();
  });

  screen("customers", async () => {
    await closeTop();
    await openScreen("customers");
  });

  screen("customer-add", async () => {
    await press("customer-add");
    await $('[data-testid="customer-reference"]').waitForDisplayed();
  });

  screen("customer-detail", async () => {
    await fill("customer-reference", CUSTOMER.reference);
    await fill("customer-name", CUSTOMER.name);
    await press("customer-save");
    await expect($('[data-testid="customer-detail"]')).toHaveAttribute("data-customer", CUSTOMER.reference);
  });

  screen("card-add", async () => {
    await press("card-add");
    await $('[data-testid="card-number"]').waitForDisplayed();
  });

  screen("collection-one-off", async () => {
    // Runs out at the end of this month: the dashboard and the attention queue warn about it.
    await fill("card-number", CARDS.approve);
    await fill("card-expiry", expiryIn(0));
    await fill("card-holder", CUSTOMER.name);
    await press("card-save");
    await $('[data-testid="card-row-0"]').waitForDisplayed();
    await press("collection-new");
    await fill("collection-amount", "250,00");
    await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "1");
  });

  for (const kind of ["installment", "merchant", "recurring"]) {
    screen(`collection-${kind}`, () => pick(`kind-${kind}`));
  }

  screen("payment-drawer", async () => {
    await fill("collection-count", "3");
    await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "3");
    await press("collection-save");
    await $('[data-testid="collection-saved-text"]').waitForDisplayed();
    await closeDrawer();
    await runNow();
    await openPaymentOf(CUSTOMER.reference);
    await waitForDetailStatus("paid");
  });

  screen("refund", async () => {
    await openWith('[data-testid="action-refund"]', '[data-testid="refund-amount"]');
  });

  screen("plan-change", async () => {
    await closeTop();
    await openWith('[data-testid^="plan-change-open-"]', '[data-testid="plan-change-modal"]');
    await pick("plan-change-kind-amount");
  });

  screen("payments", async () => {
    await closeTop();
    await closeDrawer();
  });

  screen("customer-detail-with-plan", async () => {
    await openScreen("customers");
    await openRow(`[data-testid="customer-row-${CUSTOMER.reference}"]`);
    await $('[data-testid^="plan-change-open-"]').waitForDisplayed();
  });

  screen("collections", () => openScreen("collections"));
  screen("import", () => openScreen("import"));

  screen("import-mapping", async () => {
    await press("import-choose-file");
    await $('[data-testid="import-mapping"]').waitForDisplayed({ timeout: 30_000 });
  });

  screen("import-report", async () => {
    await press("mapping-to-report");
    await $('[data-testid="import-report"]').waitForDisplayed();
  });

  screen("import-batch", async () => {
    await press("import-commit");
    await $('[data-testid="import-done"]').waitForDisplayed({ timeout: 30_000 });
    await $('[data-testid="batch-payment-D-101"]').waitForDisplayed();
  });

  screen("import-batches", async () => {
    await press("import-tab-batches");
    await $('[data-testid="import-batches"]').waitForDisplayed();
  });

  screen("attention", async () => {
    await openScreen("attention");
    await $('[data-testid^="attention-card-replace-"]').waitForDisplayed();
  });

  screen("reports-summary", () => openScreen("reports"));
  screen("reports-arrears", () => tab("arrears"));
  screen("reports-upcoming", () => tab("upcoming"));
  screen("settlement", () => openScreen("settlement"));

  screen("settlement-day", async () => {
    // The engine matches the day shortly after the run.
    await openRow('[data-testid^="settlement-row-"]');
    await panelSettled('[data-testid="settlement-day"]');
  });

  screen("audit", async () => {
    await closeDrawer();
    await openScreen("audit");
  });

  screen("audit-detail", async () => {
    await openRow('[data-testid^="audit-row-"]');
    await $('[data-testid="audit-detail-facts"]').waitForDisplayed();
  });

  screen("settings-stores", async () => {
    await press("audit-detail-close");
    await openScreen("settings");
    await $('[data-testid="stores-tab"]').waitForDisplayed();
  });

  screen("store-form", async () => {
    await press("store-add");
    await panelSettled(".ant-drawer-open .ant-drawer-content");
  });

  screen("settings-users", async () => {
    await closeTop();
    await addUserThroughSettings(OPERATOR);
  });

  screen("user-access", async () => {
    await press(`user-access-${OPERATOR.name}`);
    await $('[data-testid="access-grid"]').waitForDisplayed();
  });

  screen("settings-backup", async () => {
    await closeTop();
    await tab("backup");
  });

  screen("settings-about", () => tab("about"));

  describe("in English, then signed out", () => {
    screen("en-dashboard", async () => {
      await switchTo("EN");
      await openScreen("dashboard");
    });
    screen("en-customers", () => openScreen("customers"));

    screen("en-customer-detail", async () => {
      await openRow(`[data-testid="customer-row-${CUSTOMER.reference}"]`);
      await $('[data-testid="customer-detail"]').waitForDisplayed();
    });

    screen("en-collections", () => openScreen("collections"));
    screen("en-payment-drawer", () => openPaymentOf(CUSTOMER.reference));
    screen("en-payments", () => closeDrawer());
    screen("en-attention", () => openScreen("attention"));
    screen("en-import", () => openScreen("import"));
    screen("en-reports", () => openScreen("reports"));
    screen("en-settlement", () => openScreen("settlement"));
    screen("en-audit", () => openScreen("audit"));
    screen("en-settings", () => openScreen("settings"));
    screen("en-signin", () => signOut());
    screen("signin", () => switchTo("TR"));
  });
});
