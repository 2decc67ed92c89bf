import { commands, type Lang, type Permission, type PermissionScope, type Role, type SessionInfo } from "../bindings";
import { call } from "./call";
import { toApiError } from "./errors";

export type { Lang, Permission, PermissionScope, Role, SessionInfo };

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

/** Changes the signed-in user's password (the current one, then the new one). */
export async function changeMyPassword(current: string, next: string): Promise<void> {
  await call(() => commands.changeMyPassword(current, next));
}

/** Sets the new password of a user whose password was reset; answers with the session. */
export function chooseNewPassword(next: string): Promise<SessionInfo> {
  return call(() => commands.chooseNewPassword(next));
}

export async function setBackendLanguage(language: Lang): Promise<void> {
  await commands.setLanguage(language);
}

/**
 * Whether the session's user holds `permission` on `storeId` (or, without a store, anywhere).
 * Only for hiding what cannot be done: the backend checks every call again.
 */
export function can(session: SessionInfo | undefined, permission: Permission, storeId?: number): boolean {
  const scope = session?.permissions.find((p) => p.permission === permission);
  if (!scope) return false;
  if (scope.all_stores || storeId === undefined) return true;
  return scope.store_ids.includes(storeId);
}
