import {
  commands,
  type CollectionInput_Deserialize,
  type CollectionKind,
  type PlanInfo,
  type PlannedPayment,
  type PlanPreview,
  type PreviewPayment,
} from "../bindings";
import { call } from "./call";

export type { CollectionKind, PlanInfo, PlannedPayment, PlanPreview, PreviewPayment };
/** A collection as entered. */
export type CollectionInput = CollectionInput_Deserialize;

/** The payments a collection would make, checked like saving, nothing stored. */
export function previewCollection(input: CollectionInput): Promise<PlanPreview> {
  return call(() => commands.previewCollection(input));
}

/** Saves the collection; answers with the stored plan and its payments. */
export function createCollection(input: CollectionInput): Promise<PlanInfo> {
  return call(() => commands.createCollection(input));
}
