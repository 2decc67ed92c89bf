/**
 * Customers as an office keeps them: a customer's name and contact edited and found again by a
 * Turkish search (with and without the Turkish letters), the alternate card made primary and a
 * card removed.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, expiryIn, press, retype } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const CUSTOMER = { reference: "C-1801", name: "Ayşe Yılmaz" };
const masked = (number: string) => `${number.slice(0, 4)} ${number.slice(4, 6)}** **** ${number.slice(-4)}`;
const row = () => $(`[data-testid="customer-row-${CUSTOMER.reference}"]`);

/** Waits until the customer's cards in use are these, primary first. */
async function cardsAre(numbers: string[]): Promise<void> {
  // Read in the page in one go: the table is re-rendered while the change lands.
  const shown = () =>
    browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="customer-detail"] [data-testid="card-masked"]')).map(
        (cell) => cell.textContent ?? "",
      ),
    );
  await browser.waitUntil(async () => JSON.stringify(await shown()) === JSON.stringify(numbers.map(masked)), {
    timeoutMsg: `the cards are ${JSON.stringify(numbers.map(masked))}`,
  });
}

describe("customers", () => {
  before(async () => {
    await signInFresh();
    await addCustomer(CUSTOMER.reference, CUSTOMER.name);
    await addCard(CARDS.approve);
    // The card added last becomes the primary one.
    await press("card-add");
    await fill("card-number", CARDS.approveMastercard);
    await fill("card-expiry", expiryIn(3));
    await press("card-save");
    await cardsAre([CARDS.approveMastercard, CARDS.approve]);
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
    await retype("customer-search", CUSTOMER.reference);
    await row().waitForDisplayed();
  });

  it("makes the alternate card primary, then removes the other card", async () => {
    // From the keyboard: Enter opens a focused row.
    await browser.execute((element: HTMLElement) => element.focus(), (await row()) as unknown as HTMLElement);
    await browser.keys("Enter");
    await $('[data-testid="customer-detail"]').waitForDisplayed();
    await cardsAre([CARDS.approveMastercard, CARDS.approve]);
    await press("card-primary-1");
    await cardsAre([CARDS.approve, CARDS.approveMastercard]);
    await press("card-remove-1");
    await press("card-remove-ok");
    await cardsAre([CARDS.approve]);
    await browser.saveScreenshot(screenshotPath("18-card-removed"));
  });
});
