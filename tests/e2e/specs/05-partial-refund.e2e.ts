import { $, browser, expect } from "@wdio/globals";
import { signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, retype, oneOffSale, openPaymentOf, runNow, waitForDetailStatus } from "../support/collect.ts";

describe("a partial refund", () => {
  it("refunds part of an approved payment and shows it in the timeline", async () => {
    await signInFresh();
    await addCustomer("D-505", "Zeynep Demir");
    await addCard(CARDS.approve);
    await oneOffSale("1.000,00");
    await runNow();
    await openPaymentOf("D-505");
    await waitForDetailStatus("paid");
    // The panel may still be sliding in: click until the refund dialog is open.
    await browser.waitUntil(async () => {
      await $('[data-testid="action-refund"]').click().catch(() => undefined);
      return $('[data-testid="refund-amount"]').isDisplayed();
    });
    // More than was captured is refused before anything is sent.
    await retype("refund-amount", "1.500,00");
    await expect($('[data-testid="refund-submit"]')).toBeDisabled();
    await retype("refund-amount", "250,00");
    await $('[data-testid="refund-submit"]').click();
    await expect($('[data-testid="action-outcome"]')).toHaveAttribute("data-type", "success");
    await expect($('[data-testid="action-outcome"]')).toHaveText(expect.stringContaining("250,00 ₺"));
    await waitForDetailStatus("partially_refunded");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-kind", "refund");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="timeline-1"]')).toHaveText(expect.stringContaining("250,00 ₺"));
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Kısmen iade edildi");
    // A partly refunded sale can be refunded further, not voided.
    await expect($('[data-testid="action-void"]')).not.toBeExisting();
    await expect($('[data-testid="action-refund"]')).toBeDisplayed();
  });
});
