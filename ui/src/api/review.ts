import { useQuery } from "@tanstack/react-query";
import { commands, type AttemptState, type ReviewState_Serialize } from "../bindings";
import { call } from "./call";
import { PAYMENTS_KEY } from "./payments";

/** Where an attempt in review stands, and which ways out are open. */
export type ReviewState = ReviewState_Serialize;

/** Attempt states an operator can take up with the bank (the engine works on `in_flight` itself). */
export const REVIEW_STATES: readonly string[] = ["manual_review", "not_found", "unknown"] satisfies AttemptState[];

/** Attempt states in which asking the bank now gets an answer (`not_found` waits for the engine). */
export const ASKABLE_STATES: readonly string[] = ["manual_review", "unknown"] satisfies AttemptState[];

export function fetchReviewState(attemptId: number): Promise<ReviewState> {
  return call(() => commands.reviewState(attemptId));
}

/** Under the payments key, so it refreshes with the payment it belongs to. */
export function useReviewState(attemptId: number | null) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, "review", attemptId],
    queryFn: () => fetchReviewState(attemptId as number),
    enabled: attemptId !== null,
    retry: false,
  });
}

/** Asks the bank now what became of the attempt. */
export function askBank(attemptId: number): Promise<ReviewState> {
  return call(() => commands.reviewAskBank(attemptId));
}

/** Sends the same order id again, once the bank has confirmed twice it has no such order. */
export function sendAgain(attemptId: number): Promise<ReviewState> {
  return call(() => commands.reviewSendAgain(attemptId));
}

/** Closes the attempt as not charged; the payment goes on with a new attempt at the next run. */
export function closeNotCharged(attemptId: number): Promise<ReviewState> {
  return call(() => commands.reviewCloseNotCharged(attemptId));
}
