import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  ArrearsPage,
  ArrearsQuery,
  ArrearsRow,
  CustomerDetail,
  Ledger,
  PeriodSummary,
  SummaryQuery,
  Upcoming,
  UpcomingQuery,
} from "../../api";
import type { ChartOption } from "../../components/Chart";
import { NavigationContext } from "../../navigation";
import { SessionContext } from "../../session";
import { storeFixture, summaryFixture, totalsFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { ReportsPage } from "./ReportsPage";

const chart = vi.hoisted(() => ({ setOption: vi.fn<(option: ChartOption) => void>(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock("echarts/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("echarts/core")>()),
  init: vi.fn(() => chart),
}));

// 27 November 2026 in Istanbul.
const NOW = new Date("2026-11-27T09:00:00Z");

const SUMMARY: PeriodSummary = summaryFixture("2026-11-01", "2026-11-30", {
  totals: [
    totalsFixture("EUR", { due: { count: 2, minor: 20000 }, collected: { count: 1, minor: 10000 }, rate_amount: 0.5, rate_count: 0.5 }),
    totalsFixture("TRY", {
      due: { count: 40, minor: 4000000 },
      collected: { count: 30, minor: 3020000 },
      declined: { count: 6, minor: 600000 },
      pending: { count: 4, minor: 380000 },
      refunded: { count: 1, minor: 5000 },
      voided: { count: 1, minor: 100000 },
      cancelled: { count: 2, minor: 200000 },
      rate_amount: 0.755,
      rate_count: 0.75,
    }),
  ],
  by_day: [{ day: "2026-11-02", currency: "TRY", due: { count: 2, minor: 200000 }, collected: { count: 1, minor: 100000 } }],
  declines: [{ vps_code: "05", host_code: "51", text: { tr: "Yetersiz bakiye.", en: "Insufficient funds." }, attempts: 9, payments: 6 }],
  by_kind: [{ kind: "recurring", currency: "TRY", due: { count: 40, minor: 4000000 }, collected: { count: 30, minor: 3020000 } }],
  by_batch: [{ batch_id: 3, file_name: "aidat-kasim.xlsx", currency: "TRY", due: { count: 10, minor: 1000000 }, collected: { count: 8, minor: 800000 } }],
});

function arrearsRow(n: number): ArrearsRow {
  return {
    customer_id: n,
    reference: `D-${n}`,
    name: `Müşteri ${n}`,
    store_id: 1,
    store: "Site A",
    currency: "TRY",
    arrears_minor: n * 10000,
    payments: 1,
    oldest_due: "2026-08-01",
    ageing: { days_0_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: n * 10000 },
  };
}

const UPCOMING: Upcoming = {
  from: "2026-11-27",
  to: "2026-12-03",
  days: [
    { day: "2026-11-30", currency: "TRY", due: { count: 3, minor: 300000 } },
    { day: "2026-12-01", currency: "TRY", due: { count: 2, minor: 150050 } },
  ],
  expiring: [
    {
      payment_id: 77,
      customer_id: 5,
      reference: "D-5",
      name: "Mehmet Kaya",
      due_date: "2026-12-01",
      currency: "TRY",
      amount_minor: 150000,
      masked_pan: "435509******5232",
      valid_through: "2026-11-30",
    },
  ],
};

const CUSTOMER: CustomerDetail = {
  id: 5,
  store_id: 1,
  store: "Site A",
  reference: "D-5",
  name: "Mehmet Kaya",
  email: null,
  phone: null,
  notes: null, status: "active",
  cards: [],
  plans: [],
  payments: { total: 0, offset: 0, rows: [] },
};

const LEDGER: Ledger = {
  customer: { id: 5, store_id: 1, store: "Site A", reference: "D-5", name: "Mehmet Kaya", email: null, phone: null, cards: 0, primary_masked_pan: null, open_payments: 0, status: "active" },
  as_of: "2026-11-27",
  lines: [],
  totals: [],
};

interface Backend {
  summary?: (query: SummaryQuery) => PeriodSummary;
  arrears?: (query: ArrearsQuery) => ArrearsPage;
  upcoming?: (query: UpcomingQuery) => Upcoming;
}

function renderPage(backend: Backend = {}) {
  const calls = { summary: [] as SummaryQuery[], arrears: [] as ArrearsQuery[], upcoming: [] as UpcomingQuery[] };
  mockIPC((cmd, args) => {
    if (cmd === "list_stores") return [storeFixture({ id: 1, name: "Site A" })];
    if (cmd === "report_summary") {
      const query = (args as { query: SummaryQuery }).query;
      calls.summary.push(query);
      return (backend.summary ?? (() => SUMMARY))(query);
    }
    if (cmd === "arrears_list") {
      const query = (args as { query: ArrearsQuery }).query;
      calls.arrears.push(query);
      const page = backend.arrears ?? defaultArrears;
      return page(query);
    }
    if (cmd === "upcoming_dues") {
      const query = (args as { query: UpcomingQuery }).query;
      calls.upcoming.push(query);
      return (backend.upcoming ?? (() => UPCOMING))(query);
    }
    if (cmd === "customer_detail") return CUSTOMER;
    if (cmd === "customer_ledger") return LEDGER;
    throw new Error(`unexpected command ${cmd}`);
  });
  const open = vi.fn();
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(["view_reports"])}>
      <NavigationContext.Provider value={{ screen: "reports", target: {}, open }}>
        <ReportsPage />
      </NavigationContext.Provider>
    </SessionContext.Provider>,
  );
  return { calls, open };
}

function defaultArrears(query: ArrearsQuery): ArrearsPage {
  const offset = query.offset ?? 0;
  return {
    as_of: query.as_of ?? "2026-11-27",
    total: 250,
    offset,
    rows: [arrearsRow(offset + 1), arrearsRow(offset + 2)],
    totals: [
      { currency: "EUR", arrears_minor: 5000, customers: 1, payments: 1, ageing: { days_0_30: 5000, days_31_60: 0, days_61_90: 0, days_over_90: 0 } },
      { currency: "TRY", arrears_minor: 12345678, customers: 249, payments: 400, ageing: { days_0_30: 1000, days_31_60: 2000, days_61_90: 3000, days_over_90: 12339678 } },
    ],
  };
}

describe("ReportsPage", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("period summary", () => {
    it("summarises this month by default, one totals row per currency", async () => {
      const { calls } = renderPage();
      const tryRow = await screen.findByTestId("summary-total-TRY");
      expect(calls.summary[0]).toEqual({ store_id: null, from: "2026-11-01", to: "2026-11-30" });
      expect(screen.getByTestId("summary-from")).toHaveProperty("value", "01.11.2026");
      expect(screen.getByTestId("summary-to")).toHaveProperty("value", "30.11.2026");
      expect(within(tryRow).getByTestId("summary-TRY-collected").textContent).toContain("30.200,00 ₺");
      expect(within(tryRow).getByTestId("summary-TRY-collected").dataset.minor).toBe("3020000");
      expect(within(tryRow).getByTestId("summary-TRY-refunded").textContent).toContain("50,00 ₺");
      expect(within(tryRow).getByTestId("summary-TRY-cancelled").textContent).toContain("2 ödeme");
      expect(within(tryRow).getByTestId("summary-TRY-rate").textContent).toContain("%75,5");
      const eurRow = screen.getByTestId("summary-total-EUR");
      expect(within(eurRow).getByTestId("summary-EUR-due").textContent).toContain("200,00 €");
      expect(within(eurRow).getByTestId("summary-EUR-rate").textContent).toContain("%50,0");
      expect(await screen.findByTestId("summary-chart")).toBeTruthy();
      expect(screen.getByTestId("summary-declines").textContent).toContain("Yetersiz bakiye.");
      expect(screen.getByTestId("summary-kind-recurring-TRY").textContent).toContain("Düzenli tahsilat");
      expect(screen.getByTestId("summary-batch-3-TRY").textContent).toContain("aidat-kasim.xlsx");
      expect(screen.getByTestId("summary-batch-3-TRY").textContent).toContain("%80,0");
    });

    it("asks again for the dates typed, and opens a figure's payments", async () => {
      const { calls, open } = renderPage();
      await screen.findByTestId("summary-total-TRY");
      await userEvent.clear(screen.getByTestId("summary-from"));
      await userEvent.type(screen.getByTestId("summary-from"), "15.10.2026");
      await waitFor(() => expect(calls.summary.at(-1)).toEqual({ store_id: null, from: "2026-10-15", to: "2026-11-30" }));
      await userEvent.click(await screen.findByTestId("summary-TRY-declined"));
      expect(open).toHaveBeenLastCalledWith("payments", { statuses: ["retry_wait", "attention"], dueFrom: "2026-10-15", dueTo: "2026-11-30" });
    });

    it("says so when nothing fell due", async () => {
      renderPage({ summary: (q) => summaryFixture(q.from, q.to) });
      expect(await screen.findByTestId("summary-empty")).toBeTruthy();
      expect(screen.queryByTestId("summary-chart")).toBeNull();
      expect(screen.getByTestId("summary-declines").textContent).toContain("Bu dönemde ret yok.");
    });
  });

  describe("arrears", () => {
    it("lists the largest arrears first with the totals per currency above", async () => {
      const { calls } = renderPage();
      await userEvent.click(screen.getByTestId("reports-tab-arrears"));
      const row = await screen.findByTestId("arrears-row-D-1-TRY");
      expect(calls.arrears[0]).toEqual({ store_id: null, as_of: "2026-11-27", sort: "amount", offset: 0, limit: 100 });
      expect(row.textContent).toContain("Müşteri 1");
      expect(row.textContent).toContain("01.08.2026");
      expect(screen.getByTestId("arrears-total").textContent).toBe("250 satır");
      const totals = screen.getByTestId("arrears-totals");
      expect(within(totals).getByTestId("arrears-total-TRY").textContent).toContain("123.456,78 ₺");
      expect(within(totals).getByTestId("arrears-total-TRY").textContent).toContain("249 müşteri · 400 ödeme");
      expect(within(totals).getByTestId("arrears-total-EUR").textContent).toContain("50,00 €");
    });

    it("sorts and pages on the server", async () => {
      const { calls } = renderPage();
      await userEvent.click(screen.getByTestId("reports-tab-arrears"));
      await screen.findByTestId("arrears-row-D-1-TRY");
      // A sortable column's title is also in the sorter's tooltip: click the header's.
      const header = (title: string) => screen.getAllByText(title)[0] ?? screen.getByText(title);
      await userEvent.click(screen.getByTitle("2"));
      await waitFor(() => expect(calls.arrears.at(-1)).toMatchObject({ sort: "amount", offset: 100, limit: 100 }));
      expect(await screen.findByTestId("arrears-row-D-101-TRY")).toBeTruthy();
      await userEvent.click(header("Ad soyad"));
      await waitFor(() => expect(calls.arrears.at(-1)).toMatchObject({ sort: "name", offset: 0 }));
      await userEvent.click(header("En eski vade"));
      await waitFor(() => expect(calls.arrears.at(-1)).toMatchObject({ sort: "oldest", offset: 0 }));
      // The one direction of a sort clicked again: back to the largest arrears first.
      await userEvent.click(header("En eski vade"));
      await waitFor(() => expect(calls.arrears.at(-1)).toMatchObject({ sort: "amount", offset: 0 }));
      await userEvent.clear(screen.getByTestId("arrears-as-of"));
      await userEvent.type(screen.getByTestId("arrears-as-of"), "31.10.2026");
      await waitFor(() => expect(calls.arrears.at(-1)).toMatchObject({ as_of: "2026-10-31", offset: 0 }));
    });

    it("says so when nobody owes", async () => {
      renderPage({ arrears: (q) => ({ as_of: q.as_of ?? "", total: 0, offset: 0, rows: [], totals: [] }) });
      await userEvent.click(screen.getByTestId("reports-tab-arrears"));
      expect(await screen.findByText("Bu tarih itibarıyla gecikmiş borç yok.")).toBeTruthy();
      expect(screen.queryByTestId("arrears-totals")).toBeNull();
    });

    it("opens the customer of a row and comes back to the same page", async () => {
      renderPage();
      await userEvent.click(screen.getByTestId("reports-tab-arrears"));
      await userEvent.click(await screen.findByTestId("arrears-row-D-2-TRY"));
      expect(await screen.findByTestId("customer-detail")).toBeTruthy();
      expect(screen.getByTestId("reports-page").style.display).toBe("none");
      await userEvent.click(screen.getByTestId("customer-back"));
      expect(screen.queryByTestId("customer-detail")).toBeNull();
      expect(screen.getByTestId("arrears-row-D-2-TRY")).toBeTruthy();
    });
  });

  describe("upcoming", () => {
    it("shows the next 7 days, or 30, per day with the expiring-card payments", async () => {
      const { calls } = renderPage();
      await userEvent.click(screen.getByTestId("reports-tab-upcoming"));
      const day = await screen.findByTestId("upcoming-days-2026-12-01-TRY");
      expect(calls.upcoming[0]).toEqual({ store_id: null, days: 7 });
      expect(day.textContent).toContain("01.12.2026");
      expect(day.textContent).toContain("1.500,50 ₺");
      expect(screen.getByTestId("upcoming-totals").textContent).toContain("4.500,50 ₺");
      expect(screen.getByTestId("upcoming-totals").textContent).toContain("5 ödeme");
      const expiring = screen.getByTestId("upcoming-expiring-77");
      expect(expiring.textContent).toContain("Mehmet Kaya");
      expect(expiring.textContent).toContain("4355 09** **** 5232");
      expect(expiring.textContent).toContain("30.11.2026");
      await userEvent.click(screen.getByText("30 gün"));
      await waitFor(() => expect(calls.upcoming.at(-1)).toEqual({ store_id: null, days: 30 }));
    });

    it("says so when nothing falls due", async () => {
      renderPage({ upcoming: () => ({ from: "2026-11-27", to: "2026-12-03", days: [], expiring: [] }) });
      await userEvent.click(screen.getByTestId("reports-tab-upcoming"));
      expect(await screen.findByText("Bu günlerde vadesi gelecek ödeme yok.")).toBeTruthy();
      expect(screen.getByText("Süresi dolmuş kartla çekilecek ödeme yok.")).toBeTruthy();
    });
  });
});
