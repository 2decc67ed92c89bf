import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, AttentionQueue, PeriodSummary, SchedulerStatus, Store, SummaryQuery, Upcoming } from "../api";
import i18n from "../i18n";
import type { ChartOption } from "../components/Chart";
import { NavigationContext } from "../navigation";
import { SessionContext } from "../session";
import { appInfoFixture, IDLE, storeFixture, summaryFixture, totalsFixture } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { sessionWith } from "../test/session";
import { DashboardPage } from "./DashboardPage";

// jsdom has no canvas: the chart is checked on what it gives ECharts.
const chart = vi.hoisted(() => ({ setOption: vi.fn<(option: ChartOption) => void>(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock("echarts/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("echarts/core")>()),
  init: vi.fn(() => chart),
}));

const INFO: AppInfo = appInfoFixture("1.0.0");

function store(id: number, environment: Store["environment"], enabled = true): Store {
  return storeFixture({ id, name: `Mağaza ${id}`, environment, enabled });
}

function backend(stores: Store[]) {
  mockIPC((cmd) => {
    if (cmd === "app_info") return INFO;
    if (cmd === "list_stores") return stores;
    throw new Error(`unexpected command ${cmd}`);
  });
}

describe("DashboardPage", () => {
  it("says which environment the stores really use, not the built-in sandbox", async () => {
    backend([store(1, "sandbox"), store(2, "live"), store(3, "test")]);
    renderWithBackend(<DashboardPage />);
    await waitFor(() => expect(screen.getByTestId("env-notice").dataset.environment).toBe("live"));
    expect(screen.getByTestId("env-notice").textContent).toContain("Canlı ortam");
  });

  it("leaves a disabled live store out", async () => {
    backend([store(1, "sandbox"), store(2, "live", false)]);
    renderWithBackend(<DashboardPage />);
    await waitFor(() => expect(screen.getByTestId("env-notice").dataset.environment).toBe("sandbox"));
  });

  it("shows no figures to a user who may not see reports", async () => {
    backend([store(1, "sandbox")]);
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["create_collections"])}>
        <DashboardPage />
      </SessionContext.Provider>,
    );
    expect(await screen.findByTestId("data-dir")).toBeTruthy();
    expect(screen.queryByTestId("dash-accounts")).toBeNull();
  });
});

// Friday 27 November 2026, 01:30 in Istanbul (still the 26th in UTC).
const NOW = new Date("2026-11-26T22:30:00Z");

const TODAY: PeriodSummary = summaryFixture("2026-11-27", "2026-11-27", {
  totals: [
    totalsFixture("TRY", {
      due: { count: 5, minor: 500000 },
      collected: { count: 3, minor: 377550 },
      declined: { count: 1, minor: 100000 },
      pending: { count: 1, minor: 22450 },
      rate_amount: 0.755,
      rate_count: 0.6,
    }),
  ],
});

const MONTH: PeriodSummary = summaryFixture("2026-11-01", "2026-11-30", {
  totals: [
    totalsFixture("EUR", { due: { count: 2, minor: 20000 }, collected: { count: 2, minor: 20000 }, rate_amount: 1, rate_count: 1 }),
    totalsFixture("TRY", { due: { count: 40, minor: 4000000 }, collected: { count: 30, minor: 3000000 }, rate_amount: 0.75, rate_count: 0.75 }),
  ],
  declines: [
    {
      vps_code: "05",
      host_code: "51",
      text: { tr: "Yetersiz bakiye.", en: "Insufficient funds." },
      attempts: 7,
      payments: 4,
    },
  ],
});

const CHART: PeriodSummary = summaryFixture("2026-10-29", "2026-11-27", {
  by_day: [
    { day: "2026-11-02", currency: "TRY", due: { count: 2, minor: 200000 }, collected: { count: 1, minor: 100000 } },
    { day: "2026-11-27", currency: "TRY", due: { count: 5, minor: 500000 }, collected: { count: 3, minor: 377550 } },
  ],
  runs: [
    {
      started_at: "2026-11-26T07:00:03Z",
      finished_at: "2026-11-26T07:00:40Z",
      store: null,
      payments: 9,
      approved: 9,
      declined: 0,
      attention: 0,
      unresolved: 0,
      follow_ups: 0,
      held: false,
    },
    {
      started_at: "2026-11-27T07:00:05Z",
      finished_at: "2026-11-27T07:01:10Z",
      store: null,
      payments: 5,
      approved: 2,
      declined: 1,
      attention: 1,
      unresolved: 1,
      follow_ups: 0,
      held: false,
    },
  ],
});

const UPCOMING: Upcoming = {
  from: "2026-11-27",
  to: "2026-12-03",
  days: [{ day: "2026-11-30", currency: "TRY", due: { count: 12, minor: 1200000 } }],
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

const QUEUE: AttentionQueue = { payments: [], payments_total: 3, expiring_cards: [], settlement: [] };

const STATUS: SchedulerStatus = {
  running: true,
  problem: null,
  progress: IDLE,
  next_run: "28.11.2026 10:00",
};

describe("DashboardPage's accounts", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    chart.setOption.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function renderAccounts() {
    const summaries: SummaryQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "app_info") return INFO;
      if (cmd === "list_stores") return [store(1, "sandbox")];
      if (cmd === "report_summary") {
        const query = (args as { query: SummaryQuery }).query;
        summaries.push(query);
        if (query.from === "2026-11-27" && query.to === "2026-11-27") return TODAY;
        if (query.from === "2026-11-01" && query.to === "2026-11-30") return MONTH;
        if (query.from === "2026-10-29" && query.to === "2026-11-27") return CHART;
        throw new Error(`unexpected period ${query.from}..${query.to}`);
      }
      if (cmd === "upcoming_dues") return UPCOMING;
      if (cmd === "attention_queue") return QUEUE;
      if (cmd === "scheduler_status") return STATUS;
      throw new Error(`unexpected command ${cmd}`);
    });
    const open = vi.fn();
    renderWithBackend(
      <SessionContext.Provider value={sessionWith(["view_reports"])}>
        <NavigationContext.Provider value={{ screen: "dashboard", target: {}, open }}>
          <DashboardPage />
        </NavigationContext.Provider>
      </SessionContext.Provider>,
    );
    return { open, summaries };
  }

  it("shows today's and this month's figures per currency, with the rate by amount", async () => {
    const { summaries } = renderAccounts();
    await waitFor(() => expect(screen.getByTestId("dash-today-collected").textContent).toContain("3.775,50 ₺"));
    const collected = screen.getByTestId("dash-today-collected");
    expect(collected.textContent).toContain("3 ödeme");
    const line = collected.querySelector("[data-currency='TRY']");
    expect(line?.getAttribute("data-minor")).toBe("377550");
    expect(line?.getAttribute("data-count")).toBe("3");
    expect(screen.getByTestId("dash-today-due").textContent).toContain("5.000,00 ₺");
    expect(screen.getByTestId("dash-today-declined").textContent).toContain("1.000,00 ₺");
    expect(screen.getByTestId("dash-today-pending").textContent).toContain("224,50 ₺");
    expect(screen.getByTestId("dash-today-rate").textContent).toContain("%75,5");

    await waitFor(() => expect(screen.getByTestId("dash-month-due").textContent).toContain("40.000,00 ₺"));
    // Two currencies: two lines, never one sum.
    const monthDue = screen.getByTestId("dash-month-due");
    expect(monthDue.querySelectorAll("[data-currency]")).toHaveLength(2);
    expect(monthDue.textContent).toContain("200,00 €");
    expect(screen.getByTestId("dash-month-rate").textContent).toContain("%100,0");
    expect(screen.getByTestId("dash-month-rate").textContent).toContain("%75,0");
    // Istanbul's day and month, not UTC's.
    expect(summaries).toEqual(
      expect.arrayContaining([
        { from: "2026-11-27", to: "2026-11-27" },
        { from: "2026-11-01", to: "2026-11-30" },
        { from: "2026-10-29", to: "2026-11-27" },
      ]),
    );
  });

  it("opens the payments list filtered on the figure clicked", async () => {
    const { open } = renderAccounts();
    await waitFor(() => expect(screen.getByTestId("dash-today-collected").textContent).toContain("3.775,50 ₺"));
    await userEvent.click(screen.getByTestId("dash-today-collected"));
    expect(open).toHaveBeenLastCalledWith("payments", {
      statuses: ["paid", "refunded", "partially_refunded"],
      dueFrom: "2026-11-27",
      dueTo: "2026-11-27",
    });
    await userEvent.click(screen.getByTestId("dash-month-declined"));
    expect(open).toHaveBeenLastCalledWith("payments", {
      statuses: ["retry_wait", "attention"],
      dueFrom: "2026-11-01",
      dueTo: "2026-11-30",
    });
    // The keyboard too.
    screen.getByTestId("dash-month-pending").focus();
    await userEvent.keyboard("{Enter}");
    expect(open).toHaveBeenLastCalledWith("payments", {
      statuses: ["scheduled", "processing", "authorized"],
      dueFrom: "2026-11-01",
      dueTo: "2026-11-30",
    });
  });

  it("says what the last run recorded in the vault did and when the next one is", async () => {
    renderAccounts();
    await waitFor(() => expect(screen.getByTestId("dash-run").textContent).toContain("5 ödeme: 2 onay, 1 ret, 1 müdahale bekliyor, 1 sonraya kaldı"));
    expect(screen.getByTestId("dash-run").textContent).toContain("27.11.2026 10:00");
    expect(screen.getByTestId("dash-run").textContent).toContain("Sonraki çalıştırma: 28.11.2026 10:00");
  });

  it("charts the last 30 days, every day on the axis", async () => {
    renderAccounts();
    expect(await screen.findByTestId("dash-chart", {}, { timeout: 5_000 })).toBeTruthy();
    await waitFor(() => expect(chart.setOption).toHaveBeenCalled());
    const option = chart.setOption.mock.lastCall?.[0];
    const xAxis = Array.isArray(option?.xAxis) ? option.xAxis[0] : option?.xAxis;
    const days = xAxis && "data" in xAxis ? (xAxis.data ?? []) : [];
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2026-10-29");
    expect(days.at(-1)).toBe("2026-11-27");
    const series = Array.isArray(option?.series) ? option.series : [];
    expect(series.map((s) => s.name)).toEqual(["Vadesi gelen", "Tahsil edilen"]);
    expect(series[0]?.data?.at(-1)).toBe(500000);
    expect(series[1]?.data?.at(-1)).toBe(377550);
  });

  it("lists the month's declines in the window's language, the coming week and the attention count", async () => {
    const { open } = renderAccounts();
    const declines = await screen.findByTestId("dash-declines");
    await waitFor(() => expect(declines.textContent).toContain("Yetersiz bakiye."));
    const row = within(declines).getByTestId("dash-declines-05 / 51");
    expect(row.getAttribute("data-attempts")).toBe("7");
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByTestId("dash-declines").textContent).toContain("Insufficient funds.");
    await act(() => i18n.changeLanguage("tr"));

    const day = await screen.findByTestId("dash-upcoming-2026-11-30-TRY");
    expect(day.textContent).toContain("30.11.2026");
    expect(day.textContent).toContain("12.000,00 ₺");
    await userEvent.click(day);
    expect(open).toHaveBeenLastCalledWith("payments", {
      statuses: ["scheduled", "processing", "authorized", "retry_wait", "attention"],
      dueFrom: "2026-11-30",
      dueTo: "2026-11-30",
    });
    expect(screen.getByTestId("dash-expiring-77").textContent).toContain("Mehmet Kaya");

    await waitFor(() => expect(screen.getByTestId("dash-attention").dataset.count).toBe("3"));
    await userEvent.click(screen.getByTestId("dash-attention-open"));
    expect(open).toHaveBeenLastCalledWith("attention");
  });
});
