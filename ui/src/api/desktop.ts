import { useQuery } from "@tanstack/react-query";
import { commands, events } from "../bindings";
import { call } from "./call";
import { listenTo } from "./listen";

export const AUTOSTART_KEY = ["autostart"] as const;

/** Whether the app starts (in the tray) when the user signs in to the computer. */
export function useAutostart() {
  return useQuery({ queryKey: AUTOSTART_KEY, queryFn: () => call(() => commands.autostart()), retry: false });
}

/** Turns starting with the computer on or off; the setting as the system now has it. */
export function setAutostart(enabled: boolean): Promise<boolean> {
  return call(() => commands.setAutostart(enabled));
}

/**
 * Calls `handler` with the screen the app asks the window to open (e.g. `attention` after its
 * notification was clicked); returns the function that stops listening.
 */
export function onOpenScreen(handler: (screen: string) => void): () => void {
  return listenTo(events.openScreenEvent, handler);
}
