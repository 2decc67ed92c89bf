/**
 * Customers as an office keeps them: a customer's name and contact edited and found again by a
 * Turkish search (with and without the Turkish letters), the alternate card made primary and a
 * card removed.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, press, retype } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const CUSTOMER = { reference: "C-1801", name: "Ayşe Yılmaz" };
const masked = (number: string) => `${number.slice(0, 4)} ${number.slice(4, 6)}** **** ${number.slice(-4)}`;
const row = () => $(`[data-testid="customer-row-${CUSTOMER.reference}"]`);

describe("customers", () => {
  before(async () => {
    await signInFresh();
    await addCustomer(CUSTOMER.reference, CUSTOMER.name);
    await addCard(CARDS.approve);
    await addCard(CARDS.approveMastercard);
  });

  it("edits a customer, who is then found by the new name in Turkish", async () => {
    await press("customer-edit");
    await retype("customer-name", "AYŞE KAYA");
    await fill("customer-phone", "0532 123 45 67");
    await press("customer-save");
    await expect($('[data-testid="customer-title"]')).toHaveText(expect.stringContaining("AYŞE KAYA"));
    await expect($('[data-testid="customer-detail"]')).toHaveText(expect.stringContaining("0532 123 45 67"));
    await browser.saveScreenshot(screenshotPath("18-customer-edited"));

    await openScreen("customers");
    await fill("customer-search", "ayşe kaya");
    await row().waitForDisplayed();
    await retype("customer-search", "ayse kaya");
    await row().waitForDisplayed({ reverse: true });
    await press("customer-search-accent-free");
    await row().waitForDisplayed();
    await browser.saveScreenshot(screenshotPath("18-customer-search"));
    await press("customer-search-accent-free");
  });

  it("makes the alternate card primary, then removes the other card", async () => {
    await row().click();
    await $('[data-testid="customer-detail"]').waitForDisplayed();
    await expect($('[data-testid="card-row-0"] [data-testid="card-masked"]')).toHaveText(masked(CARDS.approveMastercard));
    await press("card-primary-1");
    await expect($('[data-testid="card-row-0"] [data-testid="card-masked"]')).toHaveText(masked(CARDS.approve));
    await press("card-remove-1");
    await press("card-remove-ok");
    await $('[data-testid="card-row-1"]').waitForExist({ reverse: true });
    await expect($('[data-testid="card-row-0"] [data-testid="card-masked"]')).toHaveText(masked(CARDS.approve));
    await browser.saveScreenshot(screenshotPath("18-card-removed"));
  });
});
