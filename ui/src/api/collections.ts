import { commands, type CollectionCreated, type CollectionInput, type CollectionKind, type CollectionPreview } from "../bindings";
import { call } from "./call";

export type { CollectionCreated, CollectionInput, CollectionKind, CollectionPreview };

/** The payments a collection would make, checked like saving, nothing stored. */
export function previewCollection(input: CollectionInput): Promise<CollectionPreview> {
  return call(() => commands.previewCollection(input));
}

export function createCollection(input: CollectionInput): Promise<CollectionCreated> {
  return call(() => commands.createCollection(input));
}
