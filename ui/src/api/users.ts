import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type Grant,
  type NewUserInput_Deserialize,
  type RolePreset,
  type Scope,
  type UserInfo_Serialize,
} from "../bindings";
import { call } from "./call";

export type { Grant, RolePreset, Scope };
/** A user as shown in settings (never the password hash). */
export type UserInfo = UserInfo_Serialize;
/** The add-user form: a role preset on every store (`store_id` null) or on one. */
export type NewUserInput = NewUserInput_Deserialize;

export const USERS_KEY = ["users"] as const;

export function fetchUsers(): Promise<UserInfo[]> {
  return call(() => commands.listUsers());
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers, retry: false, enabled });
}

/** Adds a user; answers with the new list. */
export function addUser(input: NewUserInput): Promise<UserInfo[]> {
  return call(() => commands.addUser(input));
}

export async function unlockUser(name: string): Promise<void> {
  await call(() => commands.unlockUser(name));
}

export async function setUserDisabled(name: string, disabled: boolean): Promise<void> {
  await call(() => commands.setUserDisabled(name, disabled));
}

/** Replaces a user's permissions (per store or on every store); answers with the new list. */
export function setUserGrants(name: string, grants: Grant[]): Promise<UserInfo[]> {
  return call(() => commands.setUserGrants(name, grants));
}

/** Sets another user's password; they choose their own at the next sign-in. */
export function resetUserPassword(name: string, password: string): Promise<UserInfo[]> {
  return call(() => commands.resetUserPassword(name, password));
}

/** The role presets the permission grid can be filled from. */
export function useRolePresets() {
  return useQuery({ queryKey: ["role_presets"], queryFn: () => commands.rolePresets(), staleTime: Infinity });
}
