import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, type DayState, type DifferenceKind, type Difference_Serialize, type SettlementDay } from "../bindings";
import { call } from "./call";
import { onRunProgress } from "./scheduler";

export type { DayState, DifferenceKind, SettlementDay };
/** One difference between the bank's report and this vault (masked card only). */
export type Difference = Difference_Serialize;

/** Every query about settlement starts with this. */
export const SETTLEMENT_KEY = ["settlement"] as const;
/** Under the settlement key: settling a day (or resolving its last difference) may lift it. */
export const RESTORE_HOLD_KEY = [...SETTLEMENT_KEY, "restore_hold"] as const;

/** Reads settlement again while runs go on and at the end of each, once its days are matched. */
export function useLiveSettlement(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onRunProgress(() => {
        void client.invalidateQueries({ queryKey: SETTLEMENT_KEY });
      }),
    [client],
  );
}

export function fetchSettlementDays(storeId: number | null): Promise<SettlementDay[]> {
  return call(() => commands.settlementDays(storeId, null));
}

/** The matched days of one store or every store the user may see, newest first. */
export function useSettlementDays(storeId: number | null) {
  useLiveSettlement();
  return useQuery({
    queryKey: [...SETTLEMENT_KEY, "days", storeId],
    queryFn: () => fetchSettlementDays(storeId),
    retry: false,
  });
}

export function fetchDayDifferences(storeId: number, day: string): Promise<Difference[]> {
  return call(() => commands.settlementDifferences(storeId, day));
}

/** A store's day's differences, resolved ones too. */
export function useDayDifferences(storeId: number | null, day: string | null) {
  return useQuery({
    queryKey: [...SETTLEMENT_KEY, "differences", storeId, day],
    queryFn: () => fetchDayDifferences(storeId as number, day as string),
    enabled: storeId !== null && day !== null,
    retry: false,
  });
}

/** Marks a difference resolved with a note (1 to 500 characters) saying what was found or done. */
export function resolveDifference(differenceId: number, note: string): Promise<Difference> {
  return call(() => commands.resolveDifference(differenceId, note));
}

/** Reads a store's day again from the bank's report and matches it. */
export function rereadSettlementDay(storeId: number, day: string): Promise<SettlementDay> {
  return call(() => commands.rereadSettlementDay(storeId, day));
}

export function fetchRestoreHold(): Promise<string | null> {
  return call(() => commands.restoreHold());
}

/** The day since which a restored vault must be settled before it sends anything (`null`: it may). */
export function useRestoreHold() {
  useLiveSettlement();
  return useQuery({ queryKey: RESTORE_HOLD_KEY, queryFn: fetchRestoreHold, retry: false });
}
