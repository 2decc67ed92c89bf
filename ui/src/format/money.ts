/** Symbols shown after the amount; other currencies show their ISO code. */
const SYMBOLS: Record<string, string> = { TRY: "₺", USD: "$", EUR: "€", GBP: "£" };

/**
 * Formats an amount in minor units (kuruş, cent) the Turkish way: `1.234,56 ₺`.
 * Works on integers only, so no amount is ever rounded through floating point.
 */
export function formatMoney(minor: number | bigint, currency: string): string {
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    throw new RangeError(`amount must be an integer number of minor units, got ${minor}`);
  }
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const fraction = (abs % 100n).toString().padStart(2, "0");
  const symbol = SYMBOLS[currency] ?? currency;
  return `${negative ? "-" : ""}${whole},${fraction} ${symbol}`;
}

/**
 * An amount rounded to whole lira (euro...) for a chart's axis: `1.235 ₺`, or `1.235` without a
 * currency (an axis shared by several currencies).
 */
export function formatMoneyShort(minor: number, currency?: string): string {
  const whole = Math.round(minor / 100);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = whole < 0 ? "-" : "";
  return currency ? `${sign}${digits} ${SYMBOLS[currency] ?? currency}` : `${sign}${digits}`;
}
