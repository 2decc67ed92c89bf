import { useQuery } from "@tanstack/react-query";
import { commands, type NewUserInput, type RolePreset, type UserView } from "../bindings";
import { call } from "./call";

export type { NewUserInput, RolePreset, UserView };

export const USERS_KEY = ["users"] as const;

export function fetchUsers(): Promise<UserView[]> {
  return call(() => commands.listUsers());
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers, retry: false, enabled });
}

/** Adds a user; answers with the new list. */
export function addUser(input: NewUserInput): Promise<UserView[]> {
  return call(() => commands.addUser(input));
}

export async function unlockUser(name: string): Promise<void> {
  await call(() => commands.unlockUser(name));
}

export async function setUserDisabled(name: string, disabled: boolean): Promise<void> {
  await call(() => commands.setUserDisabled(name, disabled));
}
