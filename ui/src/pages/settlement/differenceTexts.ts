import type { TFunction } from "i18next";
import type { DayState, StepState } from "../../api";
import { attemptStateText } from "../../components/StatusTag";

/** Colour per day state: green settled, red with differences, orange while answers are awaited. */
export const DAY_STATE_COLOURS: Record<DayState, string> = {
  settled: "green",
  differences: "red",
  pending: "orange",
};

const KNOWN_TXN = ["1000", "1002", "1004", "1005"];

/** The bank's transaction code in words: sale, refund, pre-authorisation, capture. */
export function txnLabel(t: TFunction, code: string): string {
  return KNOWN_TXN.includes(code) ? t(`settlement.txn.${code}`) : t("settlement.txn.other", { code });
}

/** What this vault says of the transaction, in words. */
export function localStateLabel(t: TFunction, state: string): string {
  if (state === "voided") return t("settlement.localState.voided");
  // An attempt's state in the words the payment's detail gives it (an unknown one as it is).
  return attemptStateText(t, state as StepState);
}
