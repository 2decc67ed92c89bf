/**
 * Plans changed in the window: a monthly plan's amount raised from a date (the later payments
 * change, the earlier ones stay), paused and resumed, and one payment skipped from the
 * payment's detail. Each change shows the payments it touches before it is saved. Screenshots
 * of the change form at 1200×800 and 1024×768 go to target/e2e/15-*.png.
 */
import { $, $$, browser, expect } from "@wdio/globals";
import { fill, signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, closeDrawer, openPaymentOf, pick, press, todayInIstanbul } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

/** `days` after today in Istanbul, as the form takes it: `DD.MM.YYYY`. */
function daysFromToday(days: number): string {
  const [y, m, d] = todayInIstanbul().split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d! + days));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

/** The statuses of the customer's payments, in the order the page lists them (by due date). */
async function paymentStatuses(): Promise<string[]> {
  const tags = await $$('[data-testid^="customer-payment-status-"]');
  const statuses: string[] = [];
  for (const tag of tags) statuses.push(String(await tag.getAttribute("data-status")));
  return statuses;
}

/** Opens the change form of the customer's only plan. */
async function openPlanChange(): Promise<void> {
  const button = $('[data-testid^="plan-change-open-"]');
  await button.waitForDisplayed();
  await button.click();
  await $('[data-testid="plan-change-modal"]').waitForDisplayed();
}

/** Waits for the preview listing `count` payments, saves, and closes the form. */
async function previewAndSave(count: number): Promise<void> {
  await expect($('[data-testid="plan-change-preview"]')).toHaveAttribute("data-count", String(count));
  await expect($('[data-testid="plan-change-save"]')).toBeEnabled();
  await press("plan-change-save");
  await $('[data-testid="plan-change-saved"]').waitForDisplayed();
  await press("plan-change-close");
  await $('[data-testid="plan-change-modal"]').waitForDisplayed({ reverse: true });
}

describe("plans changed in the window", () => {
  it("sets up a monthly plan of four payments", async () => {
    await browser.setWindowSize(1200, 800);
    await signInFresh();
    await addCustomer("P-15", "Site Yönetimi");
    await addCard(CARDS.approve);
    await press("collection-new");
    await pick("kind-recurring");
    await fill("collection-amount", "500,00");
    await fill("collection-count", "4");
    await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "4");
    await press("collection-save");
    await $('[data-testid="collection-saved-text"]').waitForDisplayed();
    await closeDrawer();
    await browser.waitUntil(async () => (await paymentStatuses()).length === 4, { timeoutMsg: "four payments" });
  });

  it("raises the amount from a date: the preview lists the later payments, and they change", async () => {
    await openPlanChange();
    await pick("plan-change-kind-amount");
    await fill("plan-change-amount", "600,00");
    // Forty days on: the third and fourth payments (two and three months on) fall after it.
    await fill("plan-change-from", daysFromToday(40));
    await expect($('[data-testid="plan-change-preview"]')).toHaveAttribute("data-count", "2");
    await expect($('[data-testid="plan-change-row-0"]')).toHaveAttribute("data-effect", "amount");
    await expect($('[data-testid="plan-change-row-0"]')).toHaveText(expect.stringContaining("500,00 ₺"));
    await expect($('[data-testid="plan-change-row-0"]')).toHaveText(expect.stringContaining("600,00 ₺"));
    await browser.saveScreenshot(screenshotPath("15-amount-preview-1200"));
    await browser.setWindowSize(1024, 768);
    await browser.pause(500);
    await browser.saveScreenshot(screenshotPath("15-amount-preview-1024"));
    await browser.setWindowSize(1200, 800);
    await previewAndSave(2);
    // The customer's payments: the first two keep 500,00, the two after the date show 600,00.
    const amounts = async () => {
      const found: string[] = [];
      for (const row of await $$('tr[data-testid^="customer-payment-"]')) {
        const text = await row.getText();
        found.push(/600,00/.test(text) ? "600" : /500,00/.test(text) ? "500" : "?");
      }
      return found.sort().join(" ");
    };
    await browser.waitUntil(async () => (await amounts()) === "500 500 600 600", {
      timeoutMsg: "two payments at 500,00 and two at 600,00",
    });
    await browser.saveScreenshot(screenshotPath("15-customer-after-amount-1200"));
  });

  it("pauses and resumes the plan", async () => {
    await openPlanChange();
    await expect($('[data-testid="plan-change-kind-pause"]')).toExist();
    await expect($('[data-testid="plan-change-status"]')).toHaveText(expect.stringContaining("Duraklatıldı"));
    await previewAndSave(0);
    await expect($('[data-testid^="plan-status-"]')).toHaveAttribute("data-status", "paused");
    await openPlanChange();
    await expect($('[data-testid="plan-change-kind-resume"]')).toExist();
    await previewAndSave(0);
    await expect($('[data-testid^="plan-status-"]')).toHaveAttribute("data-status", "active");
  });

  it("skips one payment from its detail; the rest of the plan stays", async () => {
    await openPaymentOf("P-15");
    const button = $('[data-testid^="plan-change-open-"]');
    await button.waitForDisplayed();
    await button.click();
    await $('[data-testid="plan-change-modal"]').waitForDisplayed();
    await pick("plan-change-kind-skip");
    await expect($('[data-testid="plan-change-row-0"]')).toHaveAttribute("data-effect", "cancelled");
    await browser.setWindowSize(1024, 768);
    await browser.pause(500);
    await browser.saveScreenshot(screenshotPath("15-skip-preview-1024"));
    await browser.setWindowSize(1200, 800);
    await previewAndSave(1);
    await closeDrawer();
    // The payments list behind the panel: one of the plan's four payments is cancelled.
    await browser.waitUntil(
      async () => {
        const statuses: string[] = [];
        for (const tag of await $$('[data-customer="P-15"] [data-status]')) statuses.push(String(await tag.getAttribute("data-status")));
        return statuses.length === 4 && statuses.filter((s) => s === "cancelled").length === 1;
      },
      { timeoutMsg: "one payment cancelled, three still scheduled" },
    );
  });
});
