import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type ConnectionCheck_Serialize,
  type ConnectionVerdict,
  type StoreInput_Deserialize,
  type Store_Serialize,
  type TestCard,
} from "../bindings";
import { call } from "./call";

export type { ConnectionVerdict, TestCard };
/** A store as shown and edited (never the secret key). */
export type Store = Store_Serialize;
/** Settings to apply; `null` (or left out) keeps the current value. */
export type StoreInput = StoreInput_Deserialize;
/** The answer of a connection test, explained in both languages. */
export type ConnectionCheck = ConnectionCheck_Serialize;

export const STORES_KEY = ["stores"] as const;

export function fetchStores(): Promise<Store[]> {
  return call(() => commands.listStores());
}

/** The stores the signed-in user may see. */
export function useStores() {
  return useQuery({ queryKey: STORES_KEY, queryFn: fetchStores, retry: false });
}

export function createStore(input: StoreInput): Promise<Store> {
  return call(() => commands.createStore(input));
}

export function updateStore(id: number, input: StoreInput): Promise<Store> {
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
    base_url: null,
    merchant_safe_id: null,
    terminal_safe_id: null,
    secret_key: null,
    concurrency: null,
    rate_per_sec: null,
    run_time: null,
    max_installments: null,
    soft_retry_days: null,
    enabled: null,
  };
}
