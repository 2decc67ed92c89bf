/**
 * Pre-authorisations from the window: a one-off collection entered as a pre-authorisation,
 * held on the card by a run, then captured in part from the payment's detail (never more than
 * was authorised); a second one voided, which releases the hold. Screenshots at 1200×800 go to
 * target/e2e/19-*.png.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, signInFresh } from "../support/app.ts";
import {
  addCard,
  addCustomer,
  CARDS,
  closeDrawer,
  openPaymentOf,
  pick,
  press,
  retype,
  runNow,
  waitForDetailStatus,
} from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const CAPTURED = { reference: "PA-1901", name: "Deniz Aksoy" };
const VOIDED = { reference: "PA-1902", name: "Murat Çelik" };

/** Saves a screenshot once the window has painted what the checks just saw (animations end). */
async function snap(name: string): Promise<void> {
  await browser.pause(600);
  await browser.saveScreenshot(screenshotPath(name));
}

/** A one-off pre-authorisation due today from the open customer's page. */
async function preAuth(amount: string, screenshot?: string): Promise<void> {
  await press("collection-new");
  await pick("provision-pre_auth");
  await fill("collection-amount", amount);
  await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "1");
  await expect($('[data-testid="collection-save"]')).toBeEnabled();
  await expect($('[data-testid="summary-pre-auth"]')).toBeDisplayed();
  if (screenshot) await snap(screenshot);
  await press("collection-save");
  await $('[data-testid="collection-saved-text"]').waitForDisplayed();
  await closeDrawer();
}

/** Clicks a button of the payment's detail until `shown` appears (the panel may still slide). */
async function open(button: string, shown: string): Promise<void> {
  await browser.waitUntil(async () => {
    await $(`[data-testid="${button}"]`).click().catch(() => undefined);
    return $(`[data-testid="${shown}"]`).isDisplayed();
  });
}

describe("pre-authorisations", () => {
  before(async () => {
    await browser.setWindowSize(1200, 800);
    await signInFresh();
  });

  it("enters two one-off collections as pre-authorisations; a run holds them on the cards", async () => {
    await addCustomer(CAPTURED.reference, CAPTURED.name);
    await addCard(CARDS.approve);
    await preAuth("1.000,00", "19-new-pre-auth");
    await addCustomer(VOIDED.reference, VOIDED.name);
    await addCard(CARDS.approveMastercard);
    await preAuth("400,00");
    await runNow();
    await openPaymentOf(CAPTURED.reference);
    await waitForDetailStatus("authorized");
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Ön provizyon alındı");
    await expect($('[data-testid="timeline-0"]')).toHaveAttribute("data-kind", "pre_auth");
    await expect($('[data-testid="timeline-0"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="action-capture"]')).toHaveText("Provizyonu kapat");
    await expect($('[data-testid="action-void"]')).toHaveText("Provizyonu iptal et");
    // A hold is not refunded and has no receipt until it is captured.
    await expect($('[data-testid="action-refund"]')).not.toBeExisting();
    await expect($('[data-testid="action-receipt"]')).not.toBeExisting();
    await snap("19-authorized");
  });

  it("captures part of it, never more than was authorised; the payment is paid", async () => {
    await open("action-capture", "capture-amount");
    await expect($('[data-testid="capture-amount"]')).toHaveValue("1.000,00");
    await retype("capture-amount", "1.000,01");
    await expect($('[data-testid="capture-submit"]')).toBeDisabled();
    await expect($('[data-testid="capture-form"]')).toHaveText(expect.stringContaining("En çok onaylanan 1.000,00 ₺ tahsil edilebilir."));
    await retype("capture-amount", "600,00");
    await expect($('[data-testid="capture-note"]')).toHaveText("Karttan 600,00 ₺ tahsil edilecek; kalan 400,00 ₺ blokesi kalkar.");
    await snap("19-capture-dialog");
    await press("capture-submit");
    await expect($('[data-testid="action-outcome"]')).toHaveAttribute("data-type", "success");
    await expect($('[data-testid="action-outcome"]')).toHaveText(expect.stringContaining("600,00 ₺"));
    await waitForDetailStatus("paid");
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Ödendi");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-kind", "capture");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="timeline-1"]')).toHaveText(expect.stringContaining("Provizyon kapama"));
    await expect($('[data-testid="timeline-1"]')).toHaveText(expect.stringContaining("600,00 ₺"));
    await expect($('[data-testid="action-capture"]')).not.toBeExisting();
    // Captured, it is a sale: refunded up to what was captured, with its receipt.
    await expect($('[data-testid="action-refund"]')).toBeDisplayed();
    await expect($('[data-testid="action-receipt"]')).toBeDisplayed();
    await snap("19-captured");
    await closeDrawer();
    await expect($(`[data-customer="${CAPTURED.reference}"] [data-status]`)).toHaveAttribute("data-status", "paid");
  });

  it("voids the second pre-authorisation, releasing the hold", async () => {
    await openPaymentOf(VOIDED.reference);
    await waitForDetailStatus("authorized");
    // One click: a second one would close the confirmation again.
    await press("action-void");
    await $('[data-testid="void-confirm"]').waitForClickable();
    const popup = $('[data-testid="void-confirm"]').$('./ancestor::div[contains(@class, "ant-popover-inner")]');
    await expect(popup).toHaveText(expect.stringContaining("Karttaki bloke kalkar"));
    await press("void-confirm");
    await expect($('[data-testid="action-outcome"]')).toHaveAttribute("data-type", "success");
    await waitForDetailStatus("voided");
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Bankada iptal edildi");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-kind", "void");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="action-capture"]')).not.toBeExisting();
    await expect($('[data-testid="action-void"]')).not.toBeExisting();
    await snap("19-voided");
  });
});
