/**
 * Performance marks of the window's start, read by the start-up benchmark
 * (`tests/e2e/bench/startup.bench.ts`): when the sign-in form can be used, and when the
 * dashboard first shows after a sign-in.
 */
export const STARTUP_MARKS = {
  signInReady: "tahsildar:sign-in-ready",
  dashboardShown: "tahsildar:dashboard-shown",
} as const;

/** Sets `name` the first time only: later visits to the same screen are not a start. */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}
