/** Turkish number formats for counts and rates, the same in both languages like money and dates. */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** A whole number with dot thousands: `12.345`. */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  return `${rounded < 0 ? "-" : ""}${group(String(Math.abs(rounded)))}`;
}

/**
 * A rate between 0 and 1 as a Turkish percentage with one decimal: `0.755` → `%75,5`.
 * `null` (nothing was due) is a dash.
 */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  const tenths = Math.round(rate * 1000);
  const whole = Math.trunc(Math.abs(tenths) / 10);
  return `${tenths < 0 ? "-" : ""}%${group(String(whole))},${Math.abs(tenths) % 10}`;
}

/** A file's size with one decimal in KB below a megabyte, else MB: `1.430` → `1,4 KB`. */
export function formatFileSize(bytes: number): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / (1024 * 1024), "MB"];
  const tenths = Math.round(value * 10);
  return `${group(String(Math.trunc(tenths / 10)))},${tenths % 10} ${unit}`;
}
