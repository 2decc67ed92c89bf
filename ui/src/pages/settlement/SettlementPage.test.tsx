import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Difference, Permission, SettlementDay } from "../../api";
import i18n from "../../i18n";
import { NavigationContext } from "../../navigation";
import { SessionContext } from "../../session";
import { storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { SettlementPage } from "./SettlementPage";

function day(storeId: number, date: string, patch: Partial<SettlementDay> = {}): SettlementDay {
  return {
    store_id: storeId,
    store_name: storeId === 1 ? "Sandbox" : "Site B",
    day: date,
    state: "settled",
    complete: true,
    bank_rows: 3,
    matched: 3,
    others: 0,
    differences: 0,
    open_here: 0,
    checked_at: "2026-11-27T07:00:00Z",
    ...patch,
  };
}

const DIFFERENCE: Difference = {
  id: 9,
  store_id: 1,
  day: "2026-11-27",
  kind: "amount_differs",
  meaning: {
    tr: "Tutar burada ve bankada farklı. Bankayla kontrol edin.",
    en: "The amount differs here and at the bank. Check it with the bank.",
  },
  txn_code: "1000",
  order_id: "T1-7-4",
  attempt_id: 4,
  payment_id: 7,
  local_state: "approved",
  bank_status: "Başarılı",
  local_amount_minor: 123456,
  bank_amount_minor: 120000,
  currency: "TRY",
  masked_pan: "435509******5232",
  found_at: "2026-11-27T08:00:00Z",
  resolved_at: null,
  resolution: null,
};

const DAYS = [
  day(1, "2026-11-27", { state: "differences", complete: false, matched: 2, differences: 1 }),
  day(2, "2026-11-27", { state: "pending", open_here: 1 }),
  day(1, "2026-11-26"),
];

type Call = { cmd: string; args: Record<string, unknown> };

function backend(answers: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = raw as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = answers[cmd];
    if (answer) return answer(args);
    if (cmd === "list_stores") return [];
    if (cmd === "settlement_days") return DAYS;
    if (cmd === "settlement_differences") return args.day === "2026-11-27" && args.storeId === 1 ? [DIFFERENCE] : [];
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

function renderPage(permissions: Permission[] = ["view_reports", "submit_provisions"]) {
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <SettlementPage />
    </SessionContext.Provider>,
  );
}

describe("SettlementPage", () => {
  it("lists each store's days newest first with their state, counts and a day not over", async () => {
    backend();
    renderPage();
    const today = await screen.findByTestId("settlement-row-1-2026-11-27");
    expect(within(today).getByText("27.11.2026")).toBeTruthy();
    expect(screen.getByTestId("settlement-state-1-2026-11-27").textContent).toBe("Fark var");
    expect(screen.getByTestId("settlement-state-1-2026-11-27").className).toContain("ant-tag-red");
    expect(screen.getByTestId("settlement-not-over-1-2026-11-27").textContent).toBe("gün bitmedi");
    expect(screen.getByTestId("settlement-state-2-2026-11-27").textContent).toBe("Cevap bekleniyor");
    expect(screen.getByTestId("settlement-state-1-2026-11-26").textContent).toBe("Mutabık");
    expect(screen.queryByTestId("settlement-not-over-1-2026-11-26")).toBeNull();
    const rows = screen.getAllByTestId(/^settlement-row-/).map((r) => r.dataset.testid);
    expect(rows).toEqual(["settlement-row-1-2026-11-27", "settlement-row-2-2026-11-27", "settlement-row-1-2026-11-26"]);
  });

  it("filters by store on the backend", async () => {
    const calls = backend({
      list_stores: () => [
        storeFixture({ id: 1, name: "Sandbox", environment: "sandbox" }),
        storeFixture({ id: 2, name: "Site B", environment: "test" }),
      ],
    });
    renderPage();
    await screen.findByTestId("settlement-row-1-2026-11-27");
    const filter = screen.getByTestId("settlement-store");
    await userEvent.click(filter.querySelector(".ant-select-selector") ?? filter);
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-item-option[title="Site B"]');
      if (!found) throw new Error("no option for Site B");
      return found;
    });
    await userEvent.click(option);
    await waitFor(() => expect(calls.filter((c) => c.cmd === "settlement_days").at(-1)?.args).toMatchObject({ storeId: 2 }));
  });

  it("opens a day from the keyboard with its differences: this vault against the bank, in Turkish money", async () => {
    backend();
    renderPage();
    const row = await screen.findByTestId("settlement-row-1-2026-11-27");
    row.focus();
    await userEvent.keyboard("{Enter}");
    const item = await screen.findByTestId("difference-9");
    expect(item.textContent).toContain("Tutar farklı");
    expect(item.textContent).toContain("Satış");
    expect(item.textContent).toContain("T1-7-4");
    expect(item.textContent).toContain("4355 09** **** 5232");
    expect(screen.getByTestId("difference-text-9").textContent).toBe("Tutar burada ve bankada farklı. Bankayla kontrol edin.");
    expect(screen.getByTestId("difference-here-9").textContent).toBe("Onaylandı · 1.234,56 ₺");
    expect(screen.getByTestId("difference-bank-9").textContent).toBe("Başarılı · 1.200,00 ₺");
    expect(item.textContent).toContain("Bulundu: 27.11.2026 11:00");
    expect(screen.getByTestId("settlement-day-counts").textContent).toBe("Bankada 3 satır: 2 eşleşti, 0 başka işlem.");
  });

  it("compares the day with the bank again", async () => {
    const calls = backend({ reread_settlement_day: () => day(1, "2026-11-27", { complete: false }) });
    renderPage();
    await userEvent.click(await screen.findByTestId("settlement-row-1-2026-11-27"));
    await userEvent.click(await screen.findByTestId("settlement-reread"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "reread_settlement_day")?.args).toMatchObject({ storeId: 1, day: "2026-11-27" }),
    );
    expect((await screen.findByTestId("settlement-outcome")).textContent).toBe(
      "Gün bankanın raporuyla yeniden karşılaştırıldı: Mutabık.",
    );
  });

  it("marks a difference resolved only with a note", async () => {
    const note = "Banka tutarın 1.200,00 ₺ olduğunu doğruladı; fark iade edildi.";
    const calls = backend({
      resolve_difference: (args): Difference => ({ ...DIFFERENCE, resolved_at: "2026-11-27T09:00:00Z", resolution: String(args.note) }),
    });
    renderPage();
    await userEvent.click(await screen.findByTestId("settlement-row-1-2026-11-27"));
    await userEvent.click(await screen.findByTestId("difference-resolve-9"));
    await userEvent.click(await screen.findByTestId("resolve-submit"));
    expect(await screen.findByText("Bir açıklama yazın (en çok 500 karakter).")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "resolve_difference")).toBe(false);
    await userEvent.type(screen.getByTestId("resolve-note"), note);
    await userEvent.click(screen.getByTestId("resolve-submit"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "resolve_difference")?.args).toEqual({ differenceId: 9, note }));
    expect((await screen.findByTestId("settlement-outcome")).textContent).toBe("Fark çözüldü olarak işaretlendi.");
  });

  it("shows the backend's refusal of a note at the note", async () => {
    backend({
      resolve_difference: () => {
        throw { code: "invalid_input", message: "Açıklama 1 ile 500 karakter olmalı.", field: "note" };
      },
    });
    renderPage();
    await userEvent.click(await screen.findByTestId("settlement-row-1-2026-11-27"));
    await userEvent.click(await screen.findByTestId("difference-resolve-9"));
    await userEvent.type(await screen.findByTestId("resolve-note"), "x");
    await userEvent.click(screen.getByTestId("resolve-submit"));
    expect(await screen.findByText("Açıklama 1 ile 500 karakter olmalı.")).toBeTruthy();
  });

  it("lets a viewer look but not resolve or compare again", async () => {
    backend();
    renderPage(["view_reports"]);
    await userEvent.click(await screen.findByTestId("settlement-row-1-2026-11-27"));
    await screen.findByTestId("difference-9");
    expect(screen.queryByTestId("difference-resolve-9")).toBeNull();
    expect(screen.queryByTestId("settlement-reread")).toBeNull();
    expect(screen.getByTestId("settlement-no-permission")).toBeTruthy();
  });

  it("opens on the day another screen asked for", async () => {
    backend();
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["view_reports"])}>
        <NavigationContext.Provider value={{ screen: "settlement", target: { storeId: 1, day: "2026-11-27" }, open: () => {} }}>
          <SettlementPage />
        </NavigationContext.Provider>
      </SessionContext.Provider>,
    );
    expect(await screen.findByTestId("difference-9")).toBeTruthy();
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    backend();
    renderPage();
    expect((await screen.findByTestId("settlement-state-1-2026-11-27")).textContent).toBe("Differences");
    expect(screen.getByTestId("settlement-not-over-1-2026-11-27").textContent).toBe("day not over");
    await userEvent.click(screen.getByTestId("settlement-row-1-2026-11-27"));
    expect((await screen.findByTestId("difference-text-9")).textContent).toBe(
      "The amount differs here and at the bank. Check it with the bank.",
    );
    expect(screen.getByTestId("difference-9").textContent).toContain("Amounts differ");
    expect(screen.getByTestId("settlement-reread").textContent).toBe("Compare with the bank again");
  });
});
