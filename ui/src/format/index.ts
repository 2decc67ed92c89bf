export { formatMoney } from "./money";
export { formatDate, formatDateTime, TIME_ZONE } from "./date";
export { displayMaskedPan } from "./pan";
export { pick } from "./text";
