import { $, expect } from "@wdio/globals";
import { signInFresh } from "../support/app.ts";
import { addCard, closeDrawer, addCustomer, CARDS, oneOffSale, openPaymentOf, runNow, waitForDetailStatus } from "../support/collect.ts";

describe("a one-off sale in sandbox", () => {
  it("adds a customer and a card, shown masked only", async () => {
    await signInFresh();
    await addCustomer("D-101", "Ayşe Yılmaz");
    await addCard(CARDS.approve);
    await expect($('[data-testid="card-row-0"]')).toHaveText(expect.stringContaining("Birincil"));
  });

  it("shows the summary before saving and saves a one-off sale due today", async () => {
    await oneOffSale("1.234,56");
    await expect($('[data-testid="customer-detail"]')).toHaveText(expect.stringContaining("1.234,56 ₺"));
  });

  it("runs now and the payment is approved, in the list and in the detail", async () => {
    await runNow();
    await openPaymentOf("D-101");
    await waitForDetailStatus("paid");
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Ödendi");
    await expect($('[data-testid="payment-amount"]')).toHaveText("1.234,56 ₺");
    await expect($('[data-testid="timeline-0"]')).toHaveAttribute("data-state", "approved");
    await expect($('[data-testid="timeline-state-0"]')).toHaveText("Onaylandı");
    await expect($('[data-testid="payment-timeline"]')).toHaveText(expect.stringContaining("4355 09** **** 5232"));
    await closeDrawer();
    // The list behind the panel is still filtered to this customer and shows the new status.
    await expect($('[data-customer="D-101"] [data-status]')).toHaveAttribute("data-status", "paid");
    await expect($('[data-testid="payments-page"]')).toHaveText(expect.stringContaining("Ödendi"));
  });
});
