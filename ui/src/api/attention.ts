import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type AttentionItem_Serialize,
  type AttentionProblem,
  type AttentionQueue_Serialize,
  type ExpiringCard_Serialize,
} from "../bindings";
import { call } from "./call";
import { ATTENTION_KEY, useLivePayments } from "./payments";

export type { AttentionProblem };
/** Everything that needs an operator, as the backend sends it. */
export type AttentionQueue = AttentionQueue_Serialize;
/** One payment in the queue and why it waits. */
export type AttentionItem = AttentionItem_Serialize;
/** A card in use that expires soon (or has); `position` 0 is the customer's primary card. */
export type ExpiringCard = ExpiringCard_Serialize;

export function fetchAttentionQueue(storeId: number | null): Promise<AttentionQueue> {
  return call(() => commands.attentionQueue(storeId));
}

/** The attention queue, refreshed while the scheduler runs. */
export function useAttentionQueue(storeId: number | null) {
  useLivePayments();
  return useQuery({
    queryKey: [...ATTENTION_KEY, storeId],
    queryFn: () => fetchAttentionQueue(storeId),
    retry: false,
  });
}
