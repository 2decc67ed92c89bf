/**
 * Customers as an office keeps them: a customer's name and contact edited and found again by a
 * Turkish search (with and without the Turkish letters), the alternate card made primary, a
 * card removed, an expiring card replaced from its warning in one step, and the customer
 * archived (its plan cancelled, nothing more to add) and taken out of the archive.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, closeDrawer, expiryIn, pick, press, retype } from "../support/collect.ts";
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

  it("replaces a card that runs out this month from its warning, in one step", async () => {
    // Expires at the end of this month: the attention screen warns about it.
    await press("card-add");
    await fill("card-number", CARDS.hardDecline54);
    await fill("card-expiry", expiryIn(0));
    await press("card-save");
    await cardsAre([CARDS.hardDecline54, CARDS.approve]);
    await $('[data-testid="card-form"]').waitForDisplayed({ reverse: true });
    await openScreen("attention");
    const replace = $('[data-testid^="attention-card-replace-"]');
    await replace.waitForDisplayed();
    await browser.saveScreenshot(screenshotPath("18-expiring-warning"));
    await replace.click();
    await fill("card-number", CARDS.approveMastercard);
    await fill("card-expiry", expiryIn(5));
    await press("card-save");
    await replace.waitForDisplayed({ reverse: true });

    await openScreen("customers");
    await fill("customer-search", CUSTOMER.reference);
    await row().waitForDisplayed();
    await browser.execute((element: HTMLElement) => element.focus(), (await row()) as unknown as HTMLElement);
    await browser.keys("Enter");
    // The renewal took the expiring card's place: primary, before the alternate.
    await cardsAre([CARDS.approveMastercard, CARDS.approve]);
  });

  it("archives the customer, cancelling its plan, and takes it out of the archive", async () => {
    await press("collection-new");
    await pick("kind-recurring");
    await fill("collection-amount", "250,00");
    await fill("collection-count", "3");
    // Saved once its summary is there.
    await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "3");
    await press("collection-save");
    await $('[data-testid="collection-saved-text"]').waitForDisplayed();
    await closeDrawer();

    await press("customer-archive");
    await expect($('[data-testid="customer-archive-confirm-text"]')).toHaveText(expect.stringContaining("1"));
    await press("customer-archive-confirm-ok");
    await $('[data-testid="customer-archived"]').waitForDisplayed();
    await expect($('[data-testid="customer-archived"]')).toHaveText(expect.stringContaining("3"));
    await expect($('[data-testid="customer-detail"] [data-testid^="plan-status-"]')).toHaveText(
      expect.stringMatching(/İptal/),
    );
    // Nothing can be added while archived.
    await expect($('[data-testid="collection-new"]')).not.toBeExisting();
    await expect($('[data-testid="card-add"]')).not.toBeExisting();
    await browser.saveScreenshot(screenshotPath("18-customer-archived"));

    // The list leaves it out unless asked.
    await openScreen("customers");
    await fill("customer-search", CUSTOMER.reference);
    await row().waitForDisplayed({ reverse: true });
    await press("customer-show-archived");
    await $(`[data-testid="customer-archived-${CUSTOMER.reference}"]`).waitForDisplayed();
    await browser.execute((element: HTMLElement) => element.focus(), (await row()) as unknown as HTMLElement);
    await browser.keys("Enter");
    await press("customer-unarchive");
    await $('[data-testid="customer-archived"]').waitForDisplayed({ reverse: true });
    await $('[data-testid="collection-new"]').waitForDisplayed();
  });
});
