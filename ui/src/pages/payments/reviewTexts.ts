import type { TFunction } from "i18next";
import type { ReviewStateView } from "../../api";
import { formatDateTime } from "../../format";

/** Why the attempt is in review and whether the bank has confirmed it has no such order. */
export function reviewReasons(t: TFunction, r: ReviewStateView): string[] {
  const out: string[] = [];
  if (r.suspicious) out.push(t("review.why.suspicious"));
  else if (r.notFoundConfirmed) out.push(t("review.why.confirmed"));
  else if (r.notFoundAt) out.push(t("review.why.notFoundOnce", { at: formatDateTime(r.notFoundAt) }));
  else if (r.state === "not_found") out.push(t("review.why.notFound"));
  else if (r.state === "unknown") out.push(t("review.why.unknown"));
  else out.push(t("review.why.noAnswer"));
  if (r.lostReplies > 0) out.push(t("review.why.lostReplies", { count: r.lostReplies }));
  return out;
}

/** When the engine asks the bank again by itself; nothing once the bank has confirmed. */
export function nextCheckText(t: TFunction, r: ReviewStateView): string | null {
  if (r.notFoundConfirmed || r.suspicious) return null;
  return r.nextCheckAt ? t("review.nextCheck", { at: formatDateTime(r.nextCheckAt) }) : t("review.nextRun");
}

export type ReviewOutcome = { type: "success" | "info" | "warning"; text: string };

/** What an operator's action led to, from the state the backend returned. */
export function reviewOutcome(t: TFunction, r: ReviewStateView): ReviewOutcome {
  if (r.state === "approved") return { type: "success", text: t("review.outcome.approved") };
  if (r.state === "declined") return { type: "info", text: t("review.outcome.declined") };
  if (r.state === "withdrawn") return { type: "success", text: t("review.outcome.withdrawn") };
  if (r.notFoundConfirmed) return { type: "info", text: t("review.outcome.confirmed") };
  if (r.state === "not_found" || r.notFoundAt) return { type: "info", text: t("review.outcome.notFound") };
  return { type: "warning", text: t("review.outcome.still") };
}
