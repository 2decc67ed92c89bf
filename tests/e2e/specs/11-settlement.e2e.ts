/**
 * Daily settlement: a one-off sale collected in the sandbox makes today's day, which the
 * settlement screen lists and which, read again from the bank's report, is settled with its
 * one sale matched. Nothing here depends on the date the suite runs: the day is today in
 * Istanbul.
 */
import { $, browser, expect } from "@wdio/globals";
import { openScreen, signInFresh, textOf } from "../support/app.ts";
import {
  addCard,
  addCustomer,
  CARDS,
  closeDrawer,
  oneOffSale,
  openPaymentOf,
  press,
  runNow,
  todayInIstanbul,
  waitForDetailStatus,
} from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

/** Today's row of the settlement table (whatever the sandbox store's id). */
function todayRow() {
  return $(`[data-testid^="settlement-row-"][data-testid$="-${todayInIstanbul()}"]`);
}

describe("daily settlement", () => {
  it("collects a one-off sale in the sandbox", async () => {
    await signInFresh();
    await addCustomer("D-111", "Ayşe Yılmaz");
    await addCard(CARDS.approve);
    await oneOffSale("250,00");
    await runNow();
    await openPaymentOf("D-111");
    await waitForDetailStatus("paid");
    await closeDrawer();
  });

  it("lists today on the settlement screen once the run has matched it", async () => {
    await openScreen("settlement");
    await expect($('[data-testid="settlement-page"] h3')).toHaveText("Mutabakat");
    // The engine matches the day after the run; the screen reads it again by itself.
    const row = todayRow();
    await row.waitForDisplayed({ timeout: 30_000 });
    expect(await textOf(row)).toContain("Sandbox");
    expect(await textOf(row)).toContain("gün bitmedi");
  });

  it("reads today again from the bank and sees it settled with its one sale matched", async () => {
    await todayRow().$("td").click();
    const day = $('[data-testid="settlement-day"]');
    await day.waitForDisplayed();
    await press("settlement-reread");
    await expect($('[data-testid="settlement-outcome"]')).toHaveText(
      "Gün bankanın raporuyla yeniden karşılaştırıldı: Mutabık.",
    );
    await expect(day).toHaveAttribute("data-state", "settled");
    await expect(day).toHaveAttribute("data-matched", "1");
    await expect($('[data-testid="settlement-day-state"]')).toHaveText("Mutabık");
    await expect($('[data-testid="settlement-day-counts"]')).toHaveText("Bankada 1 satır: 1 eşleşti, 0 başka işlem.");
    await expect($('[data-testid="settlement-no-differences"]')).toBeDisplayed();
    await browser.saveScreenshot(screenshotPath("11-settlement-day"));
    await closeDrawer();
    await expect(todayRow()).toHaveAttribute("data-state", "settled");
    await expect(todayRow()).toHaveAttribute("data-matched", "1");
    await browser.saveScreenshot(screenshotPath("11-settlement-days"));
  });

  it("fits a small window", async () => {
    const size = await browser.getWindowSize();
    try {
      await browser.setWindowSize(900, 600);
      await browser.pause(500);
      await browser.saveScreenshot(screenshotPath("11-settlement-days-small"));
      await todayRow().$("td").click();
      await $('[data-testid="settlement-day"]').waitForDisplayed();
      await browser.pause(500);
      await browser.saveScreenshot(screenshotPath("11-settlement-day-small"));
      await closeDrawer();
    } finally {
      await browser.setWindowSize(size.width, size.height);
    }
  });

  it("shows an empty settlement section on the attention page", async () => {
    await openScreen("attention");
    const title = $('[data-testid="attention-settlement-title"]');
    await title.waitForDisplayed();
    expect(await textOf(title)).toBe("Mutabakat farkları (0)");
    await browser.saveScreenshot(screenshotPath("11-attention"));
  });
});
