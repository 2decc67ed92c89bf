import { useQuery } from "@tanstack/react-query";
import { commands, type CreatedVault, type NewVault, type SetupStatus, type UnlockChoice, type UnlockRequest } from "../bindings";
import { call } from "./call";

export type { CreatedVault, NewVault, SetupStatus, UnlockChoice, UnlockRequest };

export const SETUP_STATUS_KEY = ["setup_status"] as const;

/** Where the app stands: first run, locked, signed out or signed in. */
export function useSetupStatus() {
  return useQuery({ queryKey: SETUP_STATUS_KEY, queryFn: fetchSetupStatus, retry: false, staleTime: Infinity });
}

export function fetchSetupStatus(): Promise<SetupStatus> {
  return call(() => commands.setupStatus());
}

/** First run: the vault, its administrator (signed in) and the recovery key, shown once. */
export function createVault(request: NewVault): Promise<CreatedVault> {
  return call(() => commands.createVault(request));
}

export function unlockVault(request: UnlockRequest): Promise<SetupStatus> {
  return call(() => commands.unlock(request));
}
