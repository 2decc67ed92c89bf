/**
 * Turkish amount entry: `1.234,56` (also `1234,56`, `1234.56`, `1,234.56`, `1234`) read into
 * minor units with integer arithmetic only, the same rules as the backend.
 */

/** The largest amount of one payment: 1.000.000,00. */
export const MAX_AMOUNT_MINOR = 100_000_000;

export type AmountProblem = "empty" | "format" | "zero" | "too_large";

export type AmountResult = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

/** Reads an amount as typed; never goes through floating point. */
export function parseAmount(text: string): AmountResult {
  const t = text.replace(/[\s₺]/g, "");
  if (t === "") return { ok: false, problem: "empty" };
  if (!/^[0-9.,]+$/.test(t)) return { ok: false, problem: "format" };
  const last = Math.max(t.lastIndexOf("."), t.lastIndexOf(","));
  let whole = t;
  let fraction = "";
  if (last >= 0) {
    const after = t.length - last - 1;
    if (after >= 1 && after <= 2) {
      whole = t.slice(0, last);
      fraction = t.slice(last + 1);
    } else if (after !== 3) {
      return { ok: false, problem: "format" };
    }
  }
  const separator = last >= 0 && fraction !== "" ? t.charAt(last) : null;
  if (separator !== null && whole.includes(separator)) return { ok: false, problem: "format" };
  const groups = whole.split(/[.,]/);
  if (groups.length > 1) {
    const mixed = new Set(whole.replace(/[0-9]/g, "")).size > 1;
    if (mixed || !groups[0] || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) {
      return { ok: false, problem: "format" };
    }
  }
  const digits = groups.join("");
  if (digits === "" || digits.length > 12 || !/^[0-9]*$/.test(fraction)) return { ok: false, problem: "format" };
  const minor = Number(digits) * 100 + (fraction === "" ? 0 : Number(fraction.padEnd(2, "0")));
  if (minor === 0) return { ok: false, problem: "zero" };
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, problem: "too_large" };
  return { ok: true, minor };
}

/** Writes minor units back in the entry form, `1.234,56` (no currency symbol). */
export function amountText(minor: number): string {
  const whole = Math.trunc(minor / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${whole},${(minor % 100).toString().padStart(2, "0")}`;
}
