import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import i18n from "../../i18n";
import { NavigationContext } from "../../navigation";
import { SessionContext } from "../../session";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { AttentionPage } from "./AttentionPage";

const QUEUE = {
  payments: [],
  paymentsTotal: 0,
  expiringCards: [],
  settlement: [
    {
      id: 9,
      storeId: 1,
      day: "2026-11-26",
      kind: "missing_at_bank",
      kindTextTr: "Burada onaylı görünen işlem banka raporunda yok. Sipariş numarasıyla bankaya sorun.",
      kindTextEn: "A transaction approved here is not in the bank's report. Ask the bank by its order no.",
      txnCode: "1000",
      orderId: "T1-7-4",
      attemptId: 4,
      paymentId: 7,
      localState: "approved",
      bankStatus: null,
      localAmountMinor: 123456,
      bankAmountMinor: null,
      currency: "TRY",
      maskedPan: "435509******5232",
      foundAt: "2026-11-27T08:00:00Z",
      resolvedAt: null,
      resolution: null,
    },
  ],
};

function renderPage() {
  mockIPC((cmd) => {
    if (cmd === "attention_queue") return QUEUE;
    if (cmd === "list_stores") return [{ id: 1, name: "Sandbox", environment: "sandbox" }];
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
