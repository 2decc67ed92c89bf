/** Dates typed the Turkish way, `27.11.2026`, and today's date in Istanbul. */

/** `27.11.2026` (or `27/11/2026`, `2026-11-27`) -> `2026-11-27`; null when it is not a real date. */
export function parseDateInput(text: string): string | null {
  const t = text.trim();
  let day: number, month: number, year: number;
  const tr = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (tr) {
    [day, month, year] = [Number(tr[1]), Number(tr[2]), Number(tr[3])];
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return null;
  }
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year.toString().padStart(4, "0")}-${month.toString().padStart(2, "0")}-${day.toString().padStart(2, "0")}`;
}


/** `2026-11-27` -> `27.11.2026` for an input's starting value. */
export function dateInputText(iso: string): string {
  const [y = "", m = "", d = ""] = iso.split("-");
  return `${d}.${m}.${y}`;
}
