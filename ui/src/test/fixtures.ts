import type { AppInfo, PaymentRow, PeriodSummary, RunProgress, Store, Totals } from "../api";

/** What the backend says about the running app; the test gives what matters to it. */
export function appInfoFixture(version = "9.8.7"): AppInfo {
  return {
    name: "Tahsildar",
    environment: "sandbox",
    about: { version, system: "linux x86_64", data_dir: "/tmp/x", log_dir: "/tmp/x/logs" },
  };
}

/** A store as the backend lists it; the test gives what matters to it. */
export function storeFixture(patch: Partial<Store> & Pick<Store, "id" | "name">): Store {
  return {
    environment: "test",
    base_url: null,
    effective_base_url: null,
    merchant_safe_id: "M".repeat(32),
    terminal_safe_id: "T".repeat(32),
    has_secret_key: true,
    concurrency: 4,
    rate_per_sec: 10,
    run_time: "10:00",
    max_installments: 12,
    soft_retry_days: [1, 3, 7],
    enabled: true,
    created_at: "2026-11-01T08:00:00Z",
    updated_at: "2026-11-01T08:00:00Z",
    ...patch,
  };
}

/** A payment as the backend lists it, not yet attempted; the test gives what matters to it. */
export function paymentRowFixture(patch: Partial<PaymentRow> & Pick<PaymentRow, "id">): PaymentRow {
  return {
    plan_id: patch.id,
    store: "Sandbox",
    store_id: 1,
    customer_ref: "D-1",
    customer_name: "Ayşe Yılmaz",
    amount: "1234.56",
    amount_minor: 123456,
    currency: "TRY",
    due_date: "2026-11-27",
    status: "scheduled",
    next_try_on: null,
    masked_pan: "435509******5232",
    attempt_id: null,
    order_id: null,
    attempt_state: null,
    vps_code: null,
    host_code: null,
    message: null,
    attempts: 0,
    attention: null,
    ...patch,
  };
}

/** The scheduler between runs. */
export const IDLE: RunProgress = {
  queued: 0,
  running: 0,
  done: 0,
  approved: 0,
  declined: 0,
  attention: 0,
  unresolved: 0,
  last_outcome: null,
  active: false,
  paused: false,
};

/** A currency's totals of a period, all zero but what the test gives. */
export function totalsFixture(currency: string, patch: Partial<Totals> = {}): Totals {
  const zero = { count: 0, minor: 0 };
  return {
    currency,
    due: zero,
    collected: zero,
    declined: zero,
    pending: zero,
    voided: zero,
    cancelled: zero,
    refunded: zero,
    rate_amount: 0,
    rate_count: 0,
    ...patch,
  };
}

/** A period's summary with nothing in it but what the test gives. */
export function summaryFixture(from: string, to: string, patch: Partial<PeriodSummary> = {}): PeriodSummary {
  return { from, to, totals: [], by_day: [], by_month: [], declines: [], by_kind: [], by_batch: [], runs: [], ...patch };
}
