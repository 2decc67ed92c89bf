import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Ledger, LedgerLine, LedgerQuery } from "../../api";
import { renderWithBackend } from "../../test/render";
import { LedgerCard } from "./LedgerCard";

function line(patch: Partial<LedgerLine> & Pick<LedgerLine, "date" | "entry" | "amount_minor" | "balance_minor">): LedgerLine {
  return {
    at: null,
    payment_id: 1,
    plan_id: 1,
    currency: "TRY",
    owed: false,
    masked_pan: null,
    order_id: null,
    vps_code: null,
    host_code: null,
    reason: null,
    ...patch,
  };
}

const LEDGER: Ledger = {
  customer: { id: 5, store_id: 1, store: "Site A", reference: "D-5", name: "Mehmet Kaya", email: null, phone: null, cards: 1, primary_masked_pan: null, open_payments: 1, status: "active" },
  as_of: "2026-11-27",
  lines: [
    line({ date: "2026-10-01", entry: "due", payment_id: 1, amount_minor: 100000, balance_minor: 100000 }),
    line({ date: "2026-10-01", entry: "charge", payment_id: 1, at: "2026-10-01T07:00:00Z", amount_minor: 100000, balance_minor: 0, masked_pan: "435509******5232" }),
    line({ date: "2026-11-01", entry: "due", payment_id: 2, amount_minor: 100000, balance_minor: 100000, owed: true }),
    line({
      date: "2026-11-01",
      entry: "decline",
      payment_id: 2,
      at: "2026-11-01T07:00:00Z",
      amount_minor: 100000,
      balance_minor: 100000,
      masked_pan: "435509******5232",
      vps_code: "05",
      host_code: "51",
      reason: { tr: "Yetersiz bakiye.", en: "Insufficient funds." },
    }),
    line({ date: "2026-11-05", entry: "refund", payment_id: 1, amount_minor: 2500, balance_minor: 100000 }),
    line({ date: "2026-11-10", entry: "due", payment_id: 3, currency: "EUR", amount_minor: 5000, balance_minor: 5000, owed: true }),
  ],
  totals: [
    { currency: "EUR", due_minor: 5000, paid_minor: 0, refunded_minor: 0, arrears_minor: 5000, balance_minor: 5000 },
    { currency: "TRY", due_minor: 200000, paid_minor: 100000, refunded_minor: 2500, arrears_minor: 100000, balance_minor: 100000 },
  ],
};

function renderLedger(ledger: Ledger) {
  const queries: LedgerQuery[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "customer_ledger") {
      queries.push((args as { query: LedgerQuery }).query);
      return ledger;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  renderWithBackend(<LedgerCard customerId={5} />);
  return queries;
}

describe("LedgerCard", () => {
  it("lists the lines with the running balance, the owed dues highlighted", async () => {
    const queries = renderLedger(LEDGER);
    const owed = await screen.findByTestId("ledger-line-2");
    expect(queries[0]).toEqual({ customer_id: 5 });
    expect(screen.getByTestId("ledger-as-of").textContent).toBe("27.11.2026 itibarıyla");

    expect(owed.dataset.owed).toBe("true");
    expect(owed.style.background).not.toBe("");
    expect(within(owed).getByTestId("ledger-owed").textContent).toBe("Ödenmedi");
    expect(owed.textContent).toContain("Vadesi geldi");

    const paid = screen.getByTestId("ledger-line-0");
    expect(paid.dataset.owed).toBe("false");
    expect(paid.style.background).toBe("");
    expect(within(paid).queryByTestId("ledger-owed")).toBeNull();

    const charge = screen.getByTestId("ledger-line-1");
    expect(charge.textContent).toContain("Tahsil edildi");
    expect(charge.textContent).toContain("0,00 ₺");
    expect(charge.textContent).toContain("4355 09** **** 5232");

    const decline = screen.getByTestId("ledger-line-3");
    expect(decline.textContent).toContain("Reddedildi");
    expect(decline.textContent).toContain("05 / 51 · Yetersiz bakiye.");
    expect(decline.dataset.balance).toBe("100000");

    expect(screen.getByTestId("ledger-line-4").textContent).toContain("İade");
    // Each line's balance is of its own currency.
    expect(screen.getByTestId("ledger-line-5").textContent).toContain("50,00 €");
  });

  it("shows the totals per currency", async () => {
    renderLedger(LEDGER);
    const tr = await screen.findByTestId("ledger-total-TRY");
    expect(tr.textContent).toContain("2.000,00 ₺");
    expect(tr.textContent).toContain("25,00 ₺");
    expect(tr.dataset.arrears).toBe("100000");
    expect(tr.dataset.balance).toBe("100000");
    expect(screen.getByTestId("ledger-total-EUR").textContent).toContain("50,00 €");
  });

  it("says so when the account has no entries", async () => {
    renderLedger({ ...LEDGER, lines: [], totals: [] });
    expect(await screen.findByTestId("ledger-empty")).toBeTruthy();
    expect(screen.queryByTestId("ledger-lines")).toBeNull();
  });
});
