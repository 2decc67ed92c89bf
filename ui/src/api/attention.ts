import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type AttentionItemView,
  type AttentionProblem,
  type AttentionQueueView_Serialize,
  type ExpiringCardView,
} from "../bindings";
import { call } from "./call";
import { ATTENTION_KEY, useLivePayments } from "./payments";

export type { AttentionItemView, AttentionProblem, ExpiringCardView };
/** Everything that needs an operator, as the backend sends it. */
export type AttentionQueueView = AttentionQueueView_Serialize;

export function fetchAttentionQueue(storeId: number | null): Promise<AttentionQueueView> {
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
