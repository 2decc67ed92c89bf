import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { choose, openScreen, signInFresh } from "../support/app.ts";
import { addCard, addCustomer, CARDS, press } from "../support/collect.ts";
import { onlyAuditEntry, openFirstAuditEntry } from "../support/audit.ts";
import { savedDir, screenshotPath } from "../support/paths.ts";

const CUSTOMER = { reference: "D-1301", name: "Gülşen Kaya" };

async function screenshotAt(name: string, width: number, height: number): Promise<void> {
  const size = await browser.getWindowSize();
  try {
    await browser.setWindowSize(width, height);
    await browser.pause(500);
    await browser.saveScreenshot(screenshotPath(name));
  } finally {
    await browser.setWindowSize(size.width, size.height);
  }
}

describe("audit log", () => {
  before(async () => {
    await signInFresh();
    // Audited: the customer and their card (its number is kept masked in the entry).
    await addCustomer(CUSTOMER.reference, CUSTOMER.name);
    await addCard(CARDS.approve);
  });

  it("lists the entries newest first and filters them by action", async () => {
    await openScreen("audit");
    await $('[data-testid="audit-total"]').waitForDisplayed();
    await expect($('[data-testid="audit-verify-result"]')).toHaveAttribute("data-state", "unchecked");
    await onlyAuditEntry("Kart ekleme", "card.add");
    await expect($('[data-testid="audit-total"]')).toHaveText("1 kayıt");
    await screenshotAt("13-audit-1200", 1200, 800);
    await screenshotAt("13-audit-1024", 1024, 768);
  });

  it("opens an entry's details, the card number masked", async () => {
    const facts = await openFirstAuditEntry();
    await expect(facts).toHaveText(expect.stringContaining("435509******5232"));
    await expect(facts).not.toHaveText(expect.stringContaining(CARDS.approve));
    await browser.saveScreenshot(screenshotPath("13-audit-detail"));
    await press("audit-detail-close");
    await facts.waitForDisplayed({ reverse: true });
  });

  it("verifies the chain", async () => {
    await press("audit-verify");
    await expect($('[data-testid="audit-verify-result"]')).toHaveAttribute("data-state", "holds");
    await expect($('[data-testid="audit-verify-result"]')).toHaveText(expect.stringContaining("Zincir sağlam"));
  });

  it("exports the filtered entries as CSV, masked, and the export is audited", async () => {
    const file = path.join(savedDir(), "denetim-kaydi.csv");
    rmSync(file, { force: true });
    await choose("audit-export-format", "CSV (UTF-8, Excel için)");
    await press("audit-export");
    await expect($('[data-testid="audit-export-saved"]')).toHaveText(expect.stringContaining("denetim-kaydi.csv"));
    const csv = readFileSync(file).toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("No;Zaman;Kullanıcı;İşlem;Mağaza;Nesne;Sonuç;Kaynak;Ayrıntı");
    expect(csv).toContain("Kart ekleme;Sandbox;card:");
    expect(csv).toContain("435509******5232");
    expect(csv).not.toContain(CARDS.approve);
    expect(csv).not.toContain("Oturum açma");

    await onlyAuditEntry("Dışa aktarma", "export");
  });
});
