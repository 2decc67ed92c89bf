import type { SessionInfo } from "../../api";
import { MIN_PASSWORD_LENGTH } from "../setup/passwordRules";

/** Whether the user holds `permission` on every store (backups cover the whole vault). */
export function canEverywhere(session: SessionInfo | undefined, permission: string): boolean {
  return session?.permissions.some((p) => p.permission === permission && p.all_stores) ?? false;
}

/** A new backup passphrase typed twice is ready when both agree and meet the length rule. */
export function passphraseReady(first: string, second: string): boolean {
  return first.length >= MIN_PASSWORD_LENGTH && first === second;
}

/** The file's name from the path the backend wrote. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
