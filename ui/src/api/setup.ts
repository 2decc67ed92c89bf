import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type CreatedVault,
  type FirstRestore,
  type NewVault,
  type SetupStatus_Serialize,
  type SessionInfo,
  type UnlockChoice,
  type UnlockMethod,
  type UnlockRequest_Deserialize,
} from "../bindings";
import { call } from "./call";

export type { CreatedVault, FirstRestore, NewVault, UnlockChoice, UnlockMethod };
/** Where the app stands; the window shows the matching screen. */
export type SetupStatus = SetupStatus_Serialize;
/** What unlocks an existing vault: the keyring, the passphrase or the recovery key. */
export type UnlockRequest = UnlockRequest_Deserialize;

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

/** A new PC: the chosen backup restored into the empty data folder, its administrator signed in. */
export function restoreFirstBackup(request: FirstRestore): Promise<SessionInfo> {
  return call(() => commands.restoreFirstBackup(request));
}

export function unlockVault(request: UnlockRequest): Promise<SetupStatus> {
  return call(() => commands.unlock(request));
}
