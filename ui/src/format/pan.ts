const MASK = "*";

/**
 * Shows a card number masked and grouped in fours: `4355 09** **** 5232`.
 * The backend only ever sends masked numbers (`435509******5232`); should a full number reach
 * this function anyway, it is masked here too (first 6 and last 4 digits stay).
 */
export function displayMaskedPan(value: string): string {
  const compact = value.replace(/[\s-]/g, "");
  const masked = /^\d{12,19}$/.test(compact)
    ? compact.slice(0, 6) + MASK.repeat(compact.length - 10) + compact.slice(-4)
    : compact;
  return masked.replace(/(.{4})(?=.)/g, "$1 ");
}
