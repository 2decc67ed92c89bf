import type { AppInfo, PaymentRow, RunProgress, Store } from "../api";

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
  unresolved: 0,
  last_outcome: null,
  active: false,
  paused: false,
};
