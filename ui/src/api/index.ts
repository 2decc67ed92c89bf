/**
 * The only module that talks to the backend. Components use these hooks and functions, never
 * the generated bindings or `invoke` directly.
 */
import { useQuery } from "@tanstack/react-query";
import { commands, type AppInfo, type Environment } from "../bindings";
import { toApiError } from "./errors";

export type { AppInfo, Environment };
export { ApiError, errorText, toApiError } from "./errors";

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchAppInfo(): Promise<AppInfo> {
  return call(() => commands.appInfo());
}

/** Name, version, environment: fixed while the app runs. */
export function useAppInfo() {
  return useQuery({ queryKey: ["app_info"], queryFn: fetchAppInfo, staleTime: Infinity, retry: false });
}
