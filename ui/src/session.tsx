import { createContext, useContext } from "react";
import type { SessionInfo } from "./api";

/** The signed-in user, for the screens inside the app's layout. */
export const SessionContext = createContext<SessionInfo | undefined>(undefined);

export function useSession(): SessionInfo | undefined {
  return useContext(SessionContext);
}
