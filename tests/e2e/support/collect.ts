/**
 * Helpers for the collection specs: a customer with a card entered through the Customers
 * screen, a one-off sale from the customer's page, a run started from the header, and waits
 * on a payment's status.
 */
import { $, $$, browser, expect } from "@wdio/globals";
import { fill, openScreen } from "./app.ts";

/** Clicks once nothing covers the element (a drawer or a message may still be sliding away). */
export async function press(testId: string): Promise<void> {
  const element = $(`[data-testid="${testId}"]`);
  await browser.waitUntil(
    async () => {
      try {
        await element.click();
        return true;
      } catch (error) {
        if (String(error).includes("click intercepted")) return false;
        throw error;
      }
    },
    { timeout: 15_000, interval: 300 },
  );
}

/** Picks an option of an Ant Design radio group: its label takes the click, not the hidden input. */
export async function pick(testId: string): Promise<void> {
  const label = $(`[data-testid="${testId}"]`).$("./ancestor::label");
  await label.waitForDisplayed();
  await label.click();
}

/** The sandbox bank's test cards (README, "Sandbox mode"). */
export const CARDS = {
  approve: "4355093000315232",
  approveMastercard: "5218076007402834",
  hardDecline54: "4000000000000069",
} as const;

/** Adds a customer on the Customers screen; the customer's page opens afterwards. */
export async function addCustomer(reference: string, name: string): Promise<void> {
  await openScreen("customers");
  await press("customer-add");
  await fill("customer-reference", reference);
  await fill("customer-name", name);
  await press("customer-save");
  await expect($('[data-testid="customer-detail"]')).toHaveAttribute("data-customer", reference);
}

/** A card expiry `years` after this month in Istanbul, `MM/YY`: valid whatever day the suite runs. */
export function expiryIn(years: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit" })
    .formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${String(part("month")).padStart(2, "0")}/${String((part("year") + years) % 100).padStart(2, "0")}`;
}

/** Today in Istanbul as the app stores days, `YYYY-MM-DD`: the day the sandbox's sales fall on. */
export function todayInIstanbul(): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Adds a card on the open customer's page and checks that only its masked form is shown. */
export async function addCard(number: string, expiry = expiryIn(4)): Promise<void> {
  await press("card-add");
  await fill("card-number", number);
  await fill("card-expiry", expiry);
  await fill("card-holder", "Ayşe Yılmaz");
  await press("card-save");
  const masked = `${number.slice(0, 4)} ${number.slice(4, 6)}** **** ${number.slice(-4)}`;
  await expect($('[data-testid="card-row-0"] [data-testid="card-masked"]')).toHaveText(masked);
  expect(await $("body").getText()).not.toContain(number);
}

/** A one-off sale due today from the open customer's page; waits for the summary and saves. */
export async function oneOffSale(amount: string): Promise<void> {
  await press("collection-new");
  await fill("collection-amount", amount);
  await expect($('[data-testid="summary-count"]')).toHaveAttribute("data-count", "1");
  await press("collection-save");
  await $('[data-testid="collection-saved-text"]').waitForDisplayed();
  await closeDrawer();
}

/**
 * Replaces the text of a controlled input by typing (select all, delete, type), so the page
 * sees every change; WebDriver's clear does not reach React's state.
 */
export async function retype(testId: string, text: string): Promise<void> {
  const input = $(`[data-testid="${testId}"]`);
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await input.addValue(text);
}

/** Closes the open side panel (a payment's detail, a new collection). */
export async function closeDrawer(): Promise<void> {
  const shown = async () => {
    const found = [];
    for (const close of await $$('[data-testid="drawer-close"]')) {
      if (await close.isDisplayed()) found.push(close);
    }
    return found;
  };
  if ((await shown()).length === 0) throw new Error("no side panel is open");
  // A click while the panel still slides in can miss; click again until it is gone. A panel
  // that is sliding out no longer carries the open class.
  const closed = async () => (await shown()).length === 0 || (await $$(".ant-drawer-open").length) === 0;
  await browser.waitUntil(
    async () => {
      const [close] = await shown();
      if (!close || (await closed())) return true;
      await close.click().catch(() => undefined);
      await browser.pause(400);
      return closed();
    },
    { timeout: 15_000, interval: 200, timeoutMsg: "the side panel did not close" },
  );
}

/** Starts a run from the header. */
export async function runNow(): Promise<void> {
  await press("scheduler-run-now");
}

/** Opens the Payments screen, then the payment of `reference` (its newest row). */
export async function openPaymentOf(reference: string): Promise<void> {
  await openScreen("payments");
  await fill("filter-search", reference);
  const row = $(`[data-customer="${reference}"]`);
  await row.waitForDisplayed();
  await row.click();
  await panelSettled('[data-testid="payment-detail"]');
}

/** Waits until the element is shown and has stopped moving (a side panel slides in). */
export async function panelSettled(selector: string): Promise<void> {
  const panel = $(selector);
  await panel.waitForDisplayed();
  let last = "";
  await browser.waitUntil(
    async () => {
      const at = JSON.stringify(await panel.getLocation());
      const still = at === last;
      last = at;
      return still;
    },
    { interval: 250, timeoutMsg: `${selector} kept moving` },
  );
}

/** Waits until the open payment's detail shows `status` (it refreshes while the run goes on). */
export async function waitForDetailStatus(status: string, timeout = 30_000): Promise<void> {
  await browser.waitUntil(
    async () => (await $('[data-testid="payment-detail"]').getAttribute("data-status")) === status,
    { timeout, timeoutMsg: `the payment did not become ${status}` },
  );
}
