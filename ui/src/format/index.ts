export { formatMoney, formatMoneyShort } from "./money";
export { addDays, daysFrom, formatDate, formatDateTime, formatShortDate, monthOf, monthsFrom, TIME_ZONE, todayIso } from "./date";
export { formatCount, formatFileSize, formatPercent } from "./number";
export { displayMaskedPan } from "./pan";
export { pick } from "./text";
