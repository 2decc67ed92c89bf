import { $, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh } from "../support/app.ts";
import { addCard, closeDrawer, addCustomer, CARDS, expiryIn, oneOffSale, openPaymentOf, runNow, waitForDetailStatus } from "../support/collect.ts";

describe("a declined card, then another card", () => {
  it("is declined with the Turkish reason and waits in the attention queue", async () => {
    await signInFresh();
    await addCustomer("D-202", "Mehmet Kaya");
    await addCard(CARDS.hardDecline54);
    await oneOffSale("750,00");
    await runNow();
    await openPaymentOf("D-202");
    await waitForDetailStatus("attention");
    await expect($('[data-testid="timeline-0"]')).toHaveAttribute("data-state", "declined");
    await expect($('[data-testid="timeline-state-0"]')).toHaveText("Reddedildi");
    // The catalogue's Turkish explanation of host code 54.
    await expect($('[data-testid="timeline-explanation-0"]')).toHaveText(expect.stringContaining("son kullanma tarihi geçmiş"));
    await closeDrawer();
    await openScreen("attention");
    const item = $('[data-testid="attention-page"] [data-problem="declined"]');
    await expect(item).toBeDisplayed();
    await expect(item).toHaveText(expect.stringContaining("başka bir kart"));
  });

  it("takes another card for the same payment and the next run approves it", async () => {
    await $('[data-testid="attention-page"] [data-problem="declined"] button.ant-btn-primary').click();
    await fill("card-number", CARDS.approveMastercard);
    await fill("card-expiry", expiryIn(3));
    await $('[data-testid="retry-submit"]').click();
    await $('[data-testid="retry-form"]').waitForDisplayed({ reverse: true });
    await expect($('[data-testid="attention-page"]')).toHaveText(expect.stringContaining("Müdahale bekleyen ödeme yok."));
    await runNow();
    await openPaymentOf("D-202");
    await waitForDetailStatus("paid");
    await expect($('[data-testid="timeline-1"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="payment-timeline"]')).toHaveText(expect.stringContaining("5218 07** **** 2834"));
  });
});
