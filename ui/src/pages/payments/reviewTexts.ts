import type { TFunction } from "i18next";
import type { ReviewState } from "../../api";
import { formatDateTime } from "../../format";

/** Why the attempt is in review and whether the bank has confirmed it has no such order. */
export function reviewReasons(t: TFunction, r: ReviewState): string[] {
  const out: string[] = [];
  if (r.suspicious) out.push(t("review.why.suspicious"));
  else if (r.not_found_confirmed) out.push(t("review.why.confirmed"));
  else if (r.not_found_at) out.push(t("review.why.notFoundOnce", { at: formatDateTime(r.not_found_at) }));
  else if (r.state === "not_found") out.push(t("review.why.notFound"));
  else if (r.state === "unknown") out.push(t("review.why.unknown"));
  else out.push(t("review.why.noAnswer"));
  if (r.lost_replies > 0) out.push(t("review.why.lostReplies", { count: r.lost_replies }));
  return out;
}

/** When the engine asks the bank again by itself; nothing once the bank has confirmed. */
export function nextCheckText(t: TFunction, r: ReviewState): string | null {
  if (r.not_found_confirmed || r.suspicious) return null;
  return r.next_check_at ? t("review.nextCheck", { at: formatDateTime(r.next_check_at) }) : t("review.nextRun");
}

export type ReviewOutcome = { type: "success" | "info" | "warning"; text: string };

/** What an operator's action led to, from the state the backend returned. */
export function reviewOutcome(t: TFunction, r: ReviewState): ReviewOutcome {
  if (r.state === "approved") return { type: "success", text: t("review.outcome.approved") };
  if (r.state === "declined") return { type: "info", text: t("review.outcome.declined") };
  if (r.state === "withdrawn") return { type: "success", text: t("review.outcome.withdrawn") };
  if (r.not_found_confirmed) return { type: "info", text: t("review.outcome.confirmed") };
  if (r.state === "not_found" || r.not_found_at) return { type: "info", text: t("review.outcome.notFound") };
  return { type: "warning", text: t("review.outcome.still") };
}
