import { commands, type PaymentEffect } from "../bindings";
import type * as B from "../bindings";
import { call } from "./call";

export type { PaymentEffect };
/** A change to a running plan, as entered. */
export type PlanChangeInput = B.PlanChangeInput_Deserialize;
/** What a change does: the plan's status and amount before and after, each payment it touches. */
export type PlanChangeSet = B.PlanChangeSet_Serialize;
/** One payment a change touches. */
export type PaymentChange = B.PaymentChange_Serialize;

/** What the change would do, refused exactly as saving would refuse it; nothing stored. */
export function previewPlanChange(planId: number, change: PlanChangeInput): Promise<PlanChangeSet> {
  return call(() => commands.previewPlanChange(planId, change));
}

/** Saves the change; answers with what it did (the same as its preview). */
export function changePlan(planId: number, change: PlanChangeInput): Promise<PlanChangeSet> {
  return call(() => commands.changePlan(planId, change));
}
