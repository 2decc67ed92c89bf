import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { choose, openScreen, signInFresh } from "../support/app.ts";
import {
  addCard,
  addCustomer,
  CARDS,
  closeDrawer,
  oneOffSale,
  openPaymentOf,
  press,
  retype,
  runNow,
  waitForDetailStatus,
} from "../support/collect.ts";
import { savedDir, screenshotPath } from "../support/paths.ts";

const PAID = { reference: "A-1201", name: "Ayşe Çelik" };
const DECLINED = { reference: "A-1202", name: "Şükrü Öztürk" };

/** The amount in kuruş that a figure of the dashboard or a report shows for Turkish lira. */
async function liraOf(testId: string): Promise<number> {
  const line = $(`[data-testid="${testId}"] [data-currency="TRY"]`);
  await line.waitForExist();
  return Number(await line.getAttribute("data-minor"));
}

/** Exports with the button `testId` in the format labelled `format` (else Excel); returns the file's bytes. */
async function exportFile(testId: string, fileName: string, format?: string): Promise<Buffer> {
  const file = path.join(savedDir(), fileName);
  rmSync(file, { force: true });
  if (format) await choose(`${testId}-format`, format);
  await press(testId);
  await expect($(`[data-testid="${testId}-saved"]`)).toHaveText(expect.stringContaining(fileName));
  return readFileSync(file);
}

describe("accounts", () => {
  before(async () => {
    await signInFresh();
    // Due today: one approved and then partly refunded, one declined for good.
    await addCustomer(PAID.reference, PAID.name);
    await addCard(CARDS.approve);
    await oneOffSale("1.234,50");
    await addCustomer(DECLINED.reference, DECLINED.name);
    await addCard(CARDS.hardDecline54);
    await oneOffSale("100,00");
    await runNow();
    await openPaymentOf(DECLINED.reference);
    await waitForDetailStatus("attention");
    await closeDrawer();
    await openPaymentOf(PAID.reference);
    await waitForDetailStatus("paid");
    await browser.waitUntil(async () => {
      await $('[data-testid="action-refund"]').click().catch(() => undefined);
      return $('[data-testid="refund-amount"]').isDisplayed();
    });
    await retype("refund-amount", "234,50");
    await $('[data-testid="refund-submit"]').click();
    await waitForDetailStatus("partially_refunded");
    await closeDrawer();
  });

  it("shows today's figures, the chart and the last run on the dashboard", async () => {
    await openScreen("dashboard");
    await browser.waitUntil(async () => (await liraOf("dash-today-due")) === 133450, {
      timeoutMsg: "today's due is not 1.334,50 ₺",
    });
    expect(await liraOf("dash-today-collected")).toBe(123450);
    expect(await liraOf("dash-today-declined")).toBe(10000);
    expect(await liraOf("dash-month-collected")).toBeGreaterThanOrEqual(123450);
    await expect($('[data-testid="dash-today-collected"]')).toHaveText(expect.stringContaining("1.234,50 ₺"));
    await expect($('[data-testid="dash-today-rate"]')).toHaveText(expect.stringContaining("%92,5"));
    await expect($('[data-testid="dash-chart"] svg')).toBeExisting();
    await expect($('[data-testid="dash-run"]')).toHaveAttribute("data-approved", "1");
    // Declined for good: the payment waits for an operator.
    await expect($('[data-testid="dash-run"]')).toHaveAttribute("data-attention", "1");
    await expect($('[data-testid="dash-attention"]')).toHaveAttribute("data-count", "1");
    await browser.saveScreenshot(screenshotPath("12-dashboard"));
    const size = await browser.getWindowSize();
    try {
      await browser.setWindowSize(900, 600);
      await browser.pause(500);
      await browser.saveScreenshot(screenshotPath("12-dashboard-small"));
    } finally {
      await browser.setWindowSize(size.width, size.height);
    }
    // A figure opens the payments it counts.
    await $('[data-testid="dash-today-declined"]').click();
    await $('[data-testid="screen-payments"]').waitForDisplayed();
    await expect($(`[data-customer="${DECLINED.reference}"]`)).toBeDisplayed();
    await expect($(`[data-customer="${PAID.reference}"]`)).not.toBeExisting();
  });

  it("lists who owes on the reports screen and exports it to Excel", async () => {
    await openScreen("reports");
    await press("reports-tab-arrears");
    const row = $(`[data-testid="arrears-row-${DECLINED.reference}-TRY"]`);
    await row.waitForDisplayed();
    await expect(row).toHaveAttribute("data-minor", "10000");
    expect(await row.getHTML()).toContain(DECLINED.name);
    await expect($(`[data-testid="arrears-row-${PAID.reference}-TRY"]`)).not.toBeExisting();
    await browser.saveScreenshot(screenshotPath("12-arrears"));
    const xlsx = await exportFile("arrears-export", "borclular.xlsx");
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    await press("reports-tab-summary");
    await expect($('[data-testid="summary-TRY-due"]')).toHaveAttribute("data-minor", "133450");
    await expect($('[data-testid="summary-TRY-refunded"]')).toHaveAttribute("data-minor", "23450");
    await expect($('[data-testid="summary-chart"] svg')).toBeExisting();
    // Today's run, as the vault recorded it.
    await expect($('[data-testid="summary-runs"] [data-approved="1"]')).toBeExisting();
    // The month's receipts: the sale and its refund.
    await press("summary-receipts");
    const saved = $('[data-testid="summary-receipts-saved"]');
    await expect(saved).toHaveText(expect.stringContaining("(2 dekont)"));
    const name = (await saved.getText()).split(" ")[0];
    expect(name).toMatch(/^dekont-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync(path.join(savedDir(), name)).subarray(0, 5).toString()).toBe("%PDF-");
    await browser.saveScreenshot(screenshotPath("12-summary"));
  });

  it("opens a debtor's ledger from the arrears, with what is owed highlighted", async () => {
    await openScreen("reports");
    await press("reports-tab-arrears");
    // From the keyboard (WebKit's driver finds the cells of a scrolling table not clickable).
    const row = await $(`[data-testid="arrears-row-${DECLINED.reference}-TRY"]`);
    await row.waitForDisplayed();
    await browser.execute((element: HTMLElement) => element.focus(), row as unknown as HTMLElement);
    await browser.keys("Enter");
    await expect($('[data-testid="customer-detail"]')).toHaveAttribute("data-customer", DECLINED.reference);
    const total = $('[data-testid="ledger-total-TRY"]');
    await total.waitForDisplayed();
    await expect(total).toHaveAttribute("data-arrears", "10000");
    await expect($('[data-testid="ledger-lines"] [data-owed="true"]')).toBeExisting();
    await $('[data-testid="customer-ledger"]').scrollIntoView();
    await browser.saveScreenshot(screenshotPath("12-ledger"));
  });

  it("exports the filtered payments list as CSV with masked card numbers only", async () => {
    await openScreen("payments");
    await retype("filter-search", PAID.reference);
    await $(`[data-customer="${PAID.reference}"]`).waitForDisplayed();
    const csv = (await exportFile("payments-export", "odemeler.csv", "CSV (UTF-8, Excel için)")).toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(PAID.name);
    expect(csv).toContain("435509******5232");
    expect(csv).not.toContain(CARDS.approve);
    expect(csv).not.toContain(DECLINED.name);
  });

  it("saves the receipts of a collected payment as a PDF", async () => {
    await openPaymentOf(PAID.reference);
    const id = (await $(`[data-customer="${PAID.reference}"]`).getAttribute("data-testid"))?.replace("payment-row-", "");
    const file = path.join(savedDir(), `dekont-odeme-${id}.pdf`);
    rmSync(file, { force: true });
    await press("action-receipt");
    // The sale and its partial refund: a page each.
    await expect($('[data-testid="action-outcome"]')).toHaveText(`dekont-odeme-${id}.pdf kaydedildi (2 dekont).`);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.includes(Buffer.from(CARDS.approve))).toBe(false);
    await closeDrawer();
  });
});
