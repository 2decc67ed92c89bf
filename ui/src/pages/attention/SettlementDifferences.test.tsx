import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AttentionQueue } from "../../api";
import i18n from "../../i18n";
import { NavigationContext } from "../../navigation";
import { SessionContext } from "../../session";
import { storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { AttentionPage } from "./AttentionPage";

const QUEUE: AttentionQueue = {
  payments: [],
  payments_total: 0,
  expiring_cards: [],
  settlement: [
    {
      id: 9,
      store_id: 1,
      day: "2026-11-26",
      kind: "missing_at_bank",
      meaning: {
        tr: "Burada onaylı görünen işlem banka raporunda yok. Sipariş numarasıyla bankaya sorun.",
        en: "A transaction approved here is not in the bank's report. Ask the bank by its order no.",
      },
      txn_code: "1000",
      order_id: "T1-7-4",
      attempt_id: 4,
      payment_id: 7,
      local_state: "approved",
      bank_status: null,
      local_amount_minor: 123456,
      bank_amount_minor: null,
      currency: "TRY",
      masked_pan: "435509******5232",
      found_at: "2026-11-27T08:00:00Z",
      resolved_at: null,
      resolution: null,
    },
  ],
};

function renderPage() {
  mockIPC((cmd) => {
    if (cmd === "attention_queue") return QUEUE;
    if (cmd === "list_stores") return [storeFixture({ id: 1, name: "Sandbox", environment: "sandbox" })];
    return null;
  });
  const open = vi.fn();
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(["view_reports"])}>
      <NavigationContext.Provider value={{ screen: "attention", target: {}, open }}>
        <AttentionPage />
      </NavigationContext.Provider>
    </SessionContext.Provider>,
  );
  return open;
}

describe("the attention queue's settlement differences", () => {
  it("lists each unresolved difference and opens its day on the settlement screen", async () => {
    const open = renderPage();
    const item = await screen.findByTestId("attention-difference-9");
    expect(item.textContent).toContain("Burada var, bankada yok");
    expect(item.textContent).toContain("26.11.2026 · Sandbox");
    expect(item.textContent).toContain("1.234,56 ₺");
    expect(item.textContent).toContain("4355 09** **** 5232");
    expect(item.textContent).toContain("banka raporunda yok");
    expect(screen.getByTestId("attention-settlement").textContent).toContain("Mutabakat farkları (1)");
    await userEvent.click(screen.getByTestId("attention-difference-open-9"));
    expect(open).toHaveBeenCalledWith("settlement", { storeId: 1, day: "2026-11-26" });
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    renderPage();
    const item = await screen.findByTestId("attention-difference-9");
    expect(item.textContent).toContain("Here, not at the bank");
    expect(item.textContent).toContain("not in the bank's report");
    expect(screen.getByTestId("attention-difference-open-9").textContent).toBe("Open in settlement");
  });
});
