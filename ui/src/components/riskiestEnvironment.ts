import type { Environment } from "../api";

const RISK: Environment[] = ["sandbox", "test", "live"];

/** The most consequential environment among enabled stores: live over test over sandbox. */
export function riskiestEnvironment(stores: { environment: Environment; enabled: boolean }[]): Environment | undefined {
  let worst: Environment | undefined;
  for (const store of stores) {
    if (store.enabled && (!worst || RISK.indexOf(store.environment) > RISK.indexOf(worst))) worst = store.environment;
  }
  return worst;
}
