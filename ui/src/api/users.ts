import { useQuery } from "@tanstack/react-query";
import { commands, type Grant, type NewUserInput_Deserialize, type Scope, type UserInfo_Serialize } from "../bindings";
import { call } from "./call";

export type { Grant, Scope };
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
