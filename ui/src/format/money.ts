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
