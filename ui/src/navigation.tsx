import { createContext, useContext } from "react";
import type { PaymentStatus } from "./api";

/**
 * What a screen is opened on, e.g. the settlement screen on one store's day, the payments list
 * filtered on statuses and due dates (`YYYY-MM-DD`), or the customers screen on one customer.
 */
export interface ScreenTarget {
  storeId?: number;
  day?: string;
  statuses?: PaymentStatus[];
  dueFrom?: string;
  dueTo?: string;
  customerId?: number;
}

/** The screen shown in the workspace, and a way for any part of the window to open another. */
export interface Navigation {
  screen: string;
  target: ScreenTarget;
  open: (screen: string, target?: ScreenTarget) => void;
}

export const NavigationContext = createContext<Navigation>({
  screen: "dashboard",
  target: {},
  open: () => {},
});

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
