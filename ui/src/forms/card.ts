/**
 * Card entry checks as the user types: digits only, Luhn, brand by BIN, expiry in the future,
 * installment cap. The same rules as the backend, which checks everything again.
 */

export type Brand = "Visa" | "Mastercard" | "Troy" | "American Express";

/** Digits of a card number as typed (spaces and dashes dropped); null when other characters are present. */
export function cardDigits(text: string): string | null {
  const compact = text.replace(/[\s-]/g, "");
  return /^[0-9]*$/.test(compact) ? compact : null;
}

/** The Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The scheme from the first digits, or null when it is not one the bank accepts. */
export function brandOf(digits: string): Brand | null {
  if (digits.startsWith("9792")) return "Troy";
  if (digits.startsWith("4")) return "Visa";
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.length >= 2 && (two === 34 || two === 37)) return "American Express";
  if ((digits.length >= 2 && two >= 51 && two <= 55) || (digits.length >= 4 && four >= 2221 && four <= 2720)) {
    return "Mastercard";
  }
  return null;
}

export type CardNumberProblem = "empty" | "characters" | "length" | "luhn" | "brand";

/** What is wrong with a card number, or null when it can be submitted. */
export function cardNumberProblem(text: string): CardNumberProblem | null {
  const digits = cardDigits(text);
  if (digits === null) return "characters";
  if (digits === "") return "empty";
  if (digits.length < 12 || digits.length > 19) return "length";
  if (!luhnValid(digits)) return "luhn";
  if (brandOf(digits) === null) return "brand";
  return null;
}

/** Groups the digits in fours while typing: `4355 0930 0031 5232`. */
export function groupCardDigits(text: string): string {
  const digits = text.replace(/[^0-9]/g, "").slice(0, 19);
  return digits.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The masked form shown once a number is entered: first 6 and last 4 digits. */
export function maskCardNumber(digits: string): string {
  if (digits.length < 12) return "*".repeat(digits.length);
  return digits.slice(0, 6) + "*".repeat(digits.length - 10) + digits.slice(-4);
}

export type ExpiryProblem = "empty" | "format" | "month" | "past";

/** Reads `MM/YY`, `MMYY` or `MM/YYYY`; the card is valid through the last day of that month. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const t = text.trim();
  const m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [, mm = "", yy = ""] = m;
  const month = Number(mm);
  const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  if (month < 1 || month > 12 || year < 2000 || year > 2099) return null;
  return { month, year };
}

/** Today's year and month in Istanbul. */
export function istanbulYearMonth(now: Date = new Date()): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit" })
    .formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month") };
}

/** What is wrong with an expiry, or null. `now` is the current instant. */
export function expiryProblem(text: string, now: Date = new Date()): ExpiryProblem | null {
  if (text.trim() === "") return "empty";
  const t = text.trim();
  const shaped = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!shaped) return "format";
  const expiry = parseExpiry(t);
  if (!expiry) return "month";
  const today = istanbulYearMonth(now);
  if (expiry.year < today.year || (expiry.year === today.year && expiry.month < today.month)) return "past";
  return null;
}

/** Inserts the slash while typing: `1229` -> `12/29`. */
export function shapeExpiry(text: string): string {
  const digits = text.replace(/[^0-9]/g, "").slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

export type InstallmentProblem = "range" | "above_cap";

/** A bank installment sale has 2..cap installments (the store's maximum). */
export function installmentProblem(count: number, cap: number): InstallmentProblem | null {
  if (!Number.isInteger(count) || count < 2) return "range";
  if (count > cap) return "above_cap";
  return null;
}
