import { useQuery } from "@tanstack/react-query";
import { commands, type ConnectionCheck, type StoreInput, type StoreView, type TestCard } from "../bindings";
import { call } from "./call";

export type { ConnectionCheck, StoreInput, StoreView, TestCard };

export const STORES_KEY = ["stores"] as const;

export function fetchStores(): Promise<StoreView[]> {
  return call(() => commands.listStores());
}

/** The stores the signed-in user may see. */
export function useStores() {
  return useQuery({ queryKey: STORES_KEY, queryFn: fetchStores, retry: false });
}

export function createStore(input: StoreInput): Promise<StoreView> {
  return call(() => commands.createStore(input));
}

export function updateStore(id: number, input: StoreInput): Promise<StoreView> {
  return call(() => commands.updateStore(id, input));
}

/** An inquiry for a made-up order id with the store's credentials, explained. */
export function testStoreConnection(id: number): Promise<ConnectionCheck> {
  return call(() => commands.testStoreConnection(id));
}

export function fetchSandboxTestCards(): Promise<TestCard[]> {
  return call(() => commands.sandboxTestCards());
}

/** An empty form: `null` keeps every current value. */
export function emptyStoreInput(): StoreInput {
  return {
    name: null,
    environment: null,
    baseUrl: null,
    merchantSafeId: null,
    terminalSafeId: null,
    secretKey: null,
    concurrency: null,
    ratePerSec: null,
    runTime: null,
    maxInstallments: null,
    enabled: null,
  };
}
