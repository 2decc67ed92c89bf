/**
 * The only module that talks to the backend. Components use these hooks and functions, never
 * the generated bindings or `invoke` directly. Every call goes through `call`, which turns
 * failures into `ApiError` and handles an expired session by asking for the password again.
 */
import { useQuery } from "@tanstack/react-query";
import { commands, type AppInfo, type Environment, type Text } from "../bindings";
import { call } from "./call";

export type { AppInfo, Environment, Text };
export { ApiError, errorText, toApiError } from "./errors";
export { call, onSessionExpired, type Reauthenticate } from "./call";
export * from "./setup";
export * from "./session";
export * from "./scheduler";
export * from "./desktop";
export * from "./stores";
export * from "./users";
export * from "./attention";
export * from "./payments";
export * from "./collections";
export * from "./customers";
export * from "./instructionScans";
export * from "./plans";

export function fetchAppInfo(): Promise<AppInfo> {
  return call(() => commands.appInfo());
}

/** Name, version, environment, data and log folders: fixed while the app runs. */
export function useAppInfo() {
  return useQuery({ queryKey: ["app_info"], queryFn: fetchAppInfo, staleTime: Infinity, retry: false });
}

/** Saves the support bundle where the user chooses; the file's name, or null when they closed the dialog. */
export function saveSupportBundle(): Promise<string | null> {
  return call(() => commands.saveSupportBundle());
}
export * from "./import";
export * from "./review";
export * from "./settlement";
export * from "./reports";
export * from "./audit";
export * from "./backup";
