import { commands, type Language, type PermissionScope, type SessionInfo } from "../bindings";
import { call } from "./call";
import { toApiError } from "./errors";

export type { Language, PermissionScope, SessionInfo };

/** Permission codes as core names them. */
export type PermissionCode =
  | "create_collections"
  | "import_batches"
  | "submit_provisions"
  | "void"
  | "refund"
  | "replace_card"
  | "view_reports"
  | "export"
  | "manage_stores"
  | "manage_users"
  | "view_audit";

export function signIn(name: string, password: string): Promise<SessionInfo> {
  // Not through `call`: a wrong password must not open another sign-in dialog.
  return commands.signIn(name, password).catch((error: unknown) => {
    throw toApiError(error);
  });
}

export async function signOut(): Promise<void> {
  await call(() => commands.signOut());
}

export function fetchSessionInfo(): Promise<SessionInfo> {
  return call(() => commands.sessionInfo());
}

export async function setBackendLanguage(language: Language): Promise<void> {
  await commands.setLanguage(language);
}

/**
 * Whether the session's user holds `permission` on `storeId` (or, without a store, anywhere).
 * Only for hiding what cannot be done: the backend checks every call again.
 */
export function can(session: SessionInfo | undefined, permission: PermissionCode, storeId?: number): boolean {
  const scope = session?.permissions.find((p) => p.permission === permission);
  if (!scope) return false;
  if (scope.allStores || storeId === undefined) return true;
  return scope.storeIds.includes(storeId);
}
