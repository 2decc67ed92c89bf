/**
 * The scan of a card's signed mail-order instruction: attached to the card from the customer's
 * page (the debug build takes the fixture instead of the native open dialog), opened in the
 * window from memory, and the opening found in the audit log with the masked card number.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh } from "../support/app.ts";
import { onlyAuditEntry, openFirstAuditEntry } from "../support/audit.ts";
import { addCustomer, CARDS, expiryIn, press } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const CUSTOMER = { reference: "T-2201", name: "Zeynep Talimat" };

describe("instruction scan", () => {
  before(async () => {
    await signInFresh();
    await addCustomer(CUSTOMER.reference, CUSTOMER.name);
    await press("card-add");
    await fill("card-number", CARDS.approve);
    await fill("card-expiry", expiryIn(4));
    await fill("card-instruction-date", "02.11.2026");
    await fill("card-instruction-ref", "TAL-2201");
    await press("card-save");
    await $('[data-testid="card-row-0"]').waitForDisplayed();
  });

  it("attaches the signed instruction's scan to the card", async () => {
    await expect($('[data-testid="card-instruction-0"]')).toHaveText("Talimat: 02.11.2026 TAL-2201");
    await expect($('[data-testid="scan-none-0"]')).toHaveText("Talimat formu eklenmemiş");
    await press("scan-attach-0");
    await expect($('[data-testid="scan-name-0"]')).toHaveText(expect.stringContaining("signed-instruction.png (1,4 KB)"));
    await expect($('[data-testid="scan-attach-0"]')).toHaveText("Yenisiyle değiştir");
    await browser.saveScreenshot(screenshotPath("22-scan-attached"));
  });

  it("opens it in the window from memory", async () => {
    await press("scan-open-0");
    const image = $('[data-testid="scan-image"]');
    await image.waitForDisplayed();
    const pdfInline = await browser.execute(() => (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled);
    console.log(`navigator.pdfViewerEnabled in the window: ${String(pdfInline)}`);
    // Drawn from a blob URL (nothing on disk), and actually decoded.
    await browser.waitUntil(
      () =>
        browser.execute(() => {
          const img = document.querySelector('[data-testid="scan-image"]') as HTMLImageElement | null;
          return !!img && img.complete && img.naturalWidth === 480 && img.src.startsWith("blob:");
        }),
      { timeoutMsg: "the scan is not shown" },
    );
    await expect($('[data-testid="scan-viewer"]')).toHaveText(expect.stringContaining("signed-instruction.png"));
    await browser.pause(400);
    await browser.saveScreenshot(screenshotPath("22-scan-open"));
    await press("scan-close");
    await image.waitForDisplayed({ reverse: true });
  });

  it("finds the opening in the audit log, with the masked card number", async () => {
    await openScreen("audit");
    await $('[data-testid="audit-total"]').waitForDisplayed();
    await onlyAuditEntry("Talimat formunu açma", "card.instruction_scan.view");
    const facts = await openFirstAuditEntry();
    await expect(facts).toHaveText(expect.stringContaining("435509******5232"));
    await expect(facts).toHaveText(expect.stringContaining("signed-instruction.png"));
    await expect(facts).not.toHaveText(expect.stringContaining(CARDS.approve));
    await browser.saveScreenshot(screenshotPath("22-scan-audit"));
    await press("audit-detail-close");
  });
});
