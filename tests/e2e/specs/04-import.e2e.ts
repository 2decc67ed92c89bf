import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { $, $$, browser, expect } from "@wdio/globals";
import { openScreen, signInFresh } from "../support/app.ts";
import { savedDir, screenshotPath } from "../support/paths.ts";

// The native open dialog cannot be driven: wdio.conf.ts points TAHSILDAR_E2E_IMPORT_FILE at
// fixtures/import-with-errors.xlsx, which the debug build's backend takes instead of the dialog.
// Three good rows (two approved cards, one declined for funds) and three bad ones.

async function paymentStatus(reference: string): Promise<string | null> {
  return $(`[data-testid="batch-payment-${reference}"]`).getAttribute("data-status");
}

describe("import", () => {
  before(async () => {
    await signInFresh();
  });

  it("reads the file with its detected columns", async () => {
    await openScreen("import");
    await $('[data-testid="import-choose-file"]').click();
    await $('[data-testid="import-mapping"]').waitForDisplayed({ timeout: 30_000 });
    await expect($('[data-testid="import-file-name"]')).toHaveText("import-with-errors.xlsx");
    // The detected mapping is pre-filled: the key on each column's wrapper, and the label
    // antd shows in the select's own selection element (read as its DOM text: WebKit's
    // WebDriver reports the rendered text of antd's selection as empty).
    const expected: [string, string, string][] = [
      ["A", "reference", "Müşteri kodu"],
      ["B", "name", "Ad soyad"],
      ["C", "pan", "Kart numarası"],
      ["D", "expiry", "Son kullanma"],
      ["E", "amount", "Tutar"],
      ["F", "description", "Açıklama"],
    ];
    for (const [letter, field, label] of expected) {
      const column = $(`[data-testid="mapping-${letter}"]`);
      await expect(column).toHaveAttribute("data-field", field);
      const chosen = column.$(".ant-select-selection-item");
      await expect(chosen).toHaveElementProperty("textContent", label);
      await expect(chosen).toHaveAttribute("title", label);
    }
  });

  it("shows the bad rows by row and field, and the totals", async () => {
    await $('[data-testid="mapping-to-report"]').click();
    await $('[data-testid="import-report"]').waitForDisplayed();
    await expect($('[data-testid="report-rows"]')).toHaveText("6");
    await expect($('[data-testid="report-errors"]')).toHaveText("3");
    await expect($('[data-testid="report-payments"]')).toHaveText("3");
    const table = $('[data-testid="report-table"]');
    await expect(table).toHaveText(expect.stringContaining("D-104"));
    await expect(table).toHaveText(expect.stringContaining("D-105"));
    await expect(table).toHaveText(expect.stringContaining("D-106"));
    await expect(table).toHaveText(expect.stringContaining("alan: Kart numarası"));
    expect(await $$('[data-testid="report-table"] tr[data-status="error"]').length).toBe(3);
    await expect($('[data-testid="report-totals"]')).toHaveText(expect.stringContaining("2.680,50 ₺"));
    await expect($('[data-testid="import-commit"]')).toHaveText(expect.stringContaining("3"));
  });

  it("stores the valid rows as a batch and charges them on run now", async () => {
    await $('[data-testid="import-commit"]').click();
    await $('[data-testid="import-done"]').waitForDisplayed({ timeout: 30_000 });
    await expect($('[data-testid="import-batch-title"]')).toHaveText(expect.stringContaining("#1"));
    await $('[data-testid="batch-payment-D-101"]').waitForDisplayed();
    expect(await paymentStatus("D-101")).toBe("scheduled");
    await $('[data-testid="batch-run-now"]').click();
    // The run sends the three payments side by side: wait until none is still on its way.
    const pending = ["scheduled", "processing"];
    await browser.waitUntil(
      async () => {
        for (const reference of ["D-101", "D-102", "D-103"]) {
          if (pending.includes((await paymentStatus(reference)) ?? "scheduled")) return false;
        }
        return true;
      },
      { timeout: 60_000, interval: 500, timeoutMsg: "the batch's payments were not run" },
    );
    expect(await paymentStatus("D-101")).toBe("paid");
    expect(await paymentStatus("D-102")).toBe("paid");
    expect(await paymentStatus("D-103")).not.toBe("paid");
    await expect($('[data-testid="batch-payment-D-103"]')).toHaveText(expect.stringContaining("51"));
    // The batch's receipts: the two approved sales, a page each.
    const file = path.join(savedDir(), "dekont-parti-1.pdf");
    rmSync(file, { force: true });
    await $('[data-testid="batch-receipts"]').click();
    await expect($('[data-testid="batch-receipts-saved"]')).toHaveText("dekont-parti-1.pdf kaydedildi (2 dekont).");
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    await browser.saveScreenshot(screenshotPath("04-import-results"));
  });

  it("lists the batch, whose run payments cannot be cancelled", async () => {
    await $('[data-testid="import-tab-batches"]').click();
    const row = $('[data-testid="batch-row-1"]');
    await row.waitForDisplayed();
    await expect(row).toHaveText(expect.stringContaining("import-with-errors.xlsx"));
    // Every payment has been attempted: nothing is left for a cancel to stop.
    expect(await $('[data-testid="batch-cancel-1"]').isExisting()).toBe(false);
  });
});
