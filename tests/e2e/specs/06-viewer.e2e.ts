import { $, expect } from "@wdio/globals";
import { addUserThroughSettings, openScreen, signIn, signInFresh, signOut } from "../support/app.ts";
import { addCard, closeDrawer, addCustomer, CARDS, oneOffSale, openPaymentOf, runNow, waitForDetailStatus } from "../support/collect.ts";

const VIEWER = { name: "izleyici", password: "Izleyici-e2e-parola-1", role: "İzleyici" } as const;

describe("a viewer", () => {
  it("gets an approved payment to look at and a viewer account", async () => {
    await signInFresh();
    await addCustomer("D-606", "Ali Veli");
    await addCard(CARDS.approve);
    await oneOffSale("99,90");
    await runNow();
    await openPaymentOf("D-606");
    await waitForDetailStatus("paid");
    // The administrator may void and refund it.
    await expect($('[data-testid="action-void"]')).toBeDisplayed();
    await expect($('[data-testid="action-refund"]')).toBeDisplayed();
    await closeDrawer();
    await addUserThroughSettings(VIEWER);
    await signOut();
  });

  it("sees payments but no void, refund, import or settings", async () => {
    await signIn(VIEWER.name, VIEWER.password);
    await expect($('[data-testid="nav-import"]')).not.toBeExisting();
    await expect($('[data-testid="nav-settings"]')).not.toBeExisting();
    await expect($('[data-testid="scheduler-run-now"]')).not.toBeExisting();
    await openPaymentOf("D-606");
    await expect($('[data-testid="payment-detail-status"]')).toHaveText("Ödendi");
    await expect($('[data-testid="payment-timeline"]')).toBeDisplayed();
    await expect($('[data-testid="action-void"]')).not.toBeExisting();
    await expect($('[data-testid="action-refund"]')).not.toBeExisting();
    await expect($('[data-testid="action-retry"]')).not.toBeExisting();
    await expect($('[data-testid="action-cancel-plan"]')).not.toBeExisting();
    await closeDrawer();
    await openScreen("customers");
    await expect($('[data-testid="customer-add"]')).not.toBeExisting();
  });
});
