import type { SessionInfo } from "../api";

/** A signed-in user holding `permissions` on every store. */
export function sessionWith(permissions: string[]): SessionInfo {
  return {
    userId: 1,
    userName: "ayse",
    role: "custom",
    permissions: permissions.map((permission) => ({ permission, allStores: true, storeIds: [] })),
  };
}
