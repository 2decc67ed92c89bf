import { $, $$, browser } from "@wdio/globals";
import { choose } from "./app.ts";

/** On the audit screen: filters by an action's words and waits until its one entry (`code`) is listed alone. */
export async function onlyAuditEntry(actionText: string, code: string): Promise<void> {
  await choose("audit-filter-action", actionText);
  await browser.waitUntil(
    async () => {
      if ((await $$('[data-testid^="audit-row-"]').length) !== 1) return false;
      return (await $('[data-testid^="audit-row-"]').getAttribute("data-action")) === code;
    },
    { timeoutMsg: `the ${code} entry is not listed alone` },
  );
}

/** Opens the first listed audit entry from the keyboard; returns its details once shown. */
export async function openFirstAuditEntry(): Promise<ReturnType<typeof $>> {
  const row = await $('[data-testid^="audit-row-"]');
  await browser.execute((el) => (el as HTMLElement).focus(), row);
  await browser.keys("Enter");
  const facts = $('[data-testid="audit-detail-facts"]');
  await facts.waitForDisplayed();
  return facts;
}
