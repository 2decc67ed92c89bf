const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone every date and time is shown in. */
export const TIME_ZONE = "Europe/Istanbul";

/**
 * Formats a calendar date (`2026-11-27`) or an instant (`2026-11-26T22:30:00Z`) as `27.11.2026`.
 * Instants are shown as the day in Istanbul.
 */
export function formatDate(value: string): string {
  const plain = PLAIN_DATE.exec(value);
  if (plain) {
    const [, year, month, day] = plain;
    return `${day}.${month}.${year}`;
  }
  return partsOf(value, false);
}

/** Formats an instant as `27.11.2026 01:30` in Istanbul time. */
export function formatDateTime(value: string): string {
  return partsOf(value, true);
}

function partsOf(value: string, withTime: boolean): string {
  // jiff writes zoned times with a bracketed zone name, which Date does not read.
  const instant = new Date(value.replace(/\[[^\]]*\]$/, ""));
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`not a date: ${value}`);
  }
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = `${get("day")}.${get("month")}.${get("year")}`;
  return withTime ? `${date} ${get("hour")}:${get("minute")}` : date;
}
