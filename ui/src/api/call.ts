import { toApiError } from "./errors";

/**
 * Asks the signed-out user to sign in again and resolves when they did (rejects when they
 * gave up). The App registers the re-authentication dialog here.
 */
export type Reauthenticate = () => Promise<void>;

let reauthenticate: Reauthenticate | undefined;

export function onSessionExpired(handler: Reauthenticate | undefined): void {
  reauthenticate = handler;
}

/**
 * Runs one backend call. When the session expired (15 idle minutes) it asks for the password
 * in a dialog over the current screen, which keeps its unsaved input, and then runs the same
 * call again.
 */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === "session_expired" && reauthenticate) {
      try {
        await reauthenticate();
      } catch {
        throw apiError;
      }
      try {
        return await run();
      } catch (again) {
        throw toApiError(again);
      }
    }
    throw apiError;
  }
}
