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

/** Today in Istanbul as `2026-11-27`: the day the backend's reports and runs go by. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The calendar date `days` after (or before, when negative) `2026-11-27`, as `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const plain = PLAIN_DATE.exec(day);
  if (!plain) throw new RangeError(`not a date: ${day}`);
  const [, year, month, date] = plain;
  const shifted = new Date(Date.UTC(Number(year), Number(month) - 1, Number(date) + days));
  return shifted.toISOString().slice(0, 10);
}

/** The first and the last day of the month `day` is in. */
export function monthOf(day: string): { from: string; to: string } {
  const plain = PLAIN_DATE.exec(day);
  if (!plain) throw new RangeError(`not a date: ${day}`);
  const [, year, month] = plain;
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return { from: `${year}-${month}-01`, to: `${year}-${month}-${String(last).padStart(2, "0")}` };
}

/** Every day from `from` to `to`, both included (none when `from` is after `to`). */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** `2026-11-27` as `27.11`, `2026-11` (a month) as `11.2026`: short labels for a chart's axis. */
export function formatShortDate(value: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return `${month[2]}.${month[1]}`;
  return formatDate(value).slice(0, 5);
}

/** Every month from the one of `from` to the one of `to`, as `YYYY-MM`. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
