import { commands, type InstructionScan, type InstructionScanFile_Serialize, type ScanType } from "../bindings";
import { call } from "./call";

/** A card's scan of its signed instruction as listed (name, type, size, never its bytes), and its type. */
export type { InstructionScan, ScanType };
/** A scan opened for the window: its bytes as base64, kept in memory only. */
export type InstructionScanFile = InstructionScanFile_Serialize;

/** Attaches (or replaces) the scan chosen in the native open dialog; null when the dialog was closed. */
export function attachInstructionScan(cardId: number): Promise<InstructionScan | null> {
  return call(() => commands.attachInstructionScan(cardId));
}

/** Opens the card's scan (audited each time) to be shown in the window. */
export function openInstructionScan(cardId: number): Promise<InstructionScanFile> {
  return call(() => commands.openInstructionScan(cardId));
}

/** Saves a copy of the card's scan where the user chooses (audited); the name, or null when the dialog was closed. */
export function saveInstructionScan(cardId: number): Promise<string | null> {
  return call(() => commands.saveInstructionScan(cardId));
}

/** Removes the card's scan (audited). */
export function removeInstructionScan(cardId: number): Promise<null> {
  return call(() => commands.removeInstructionScan(cardId));
}

/** The opened scan's bytes as a Blob of its type, for an object URL that never touches the disk. */
export function scanBlob(file: InstructionScanFile): Blob {
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.scan.media_type });
}
