import type { Permission, SessionInfo } from "../api";

/** A signed-in user holding `permissions` on every store. */
export function sessionWith(permissions: Permission[]): SessionInfo {
  return {
    user_id: 1,
    user_name: "ayse",
    role: "custom",
    permissions: permissions.map((permission) => ({ permission, all_stores: true, store_ids: [] })),
    must_change_password: false,
  };
}
