/**
 * The vault's entry in the OS keyring, seen from outside the app: run.sh runs the specs inside
 * a private D-Bus session with its own gnome-keyring, so the Secret Service there is the one the
 * app uses. The entry's attributes are those the app's keyring store writes: service
 * `tahsildar`, username `vault-<vault id>` (the id is in the data folder's vault.json).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const SECRETS = ["--session", "--dest", "org.freedesktop.secrets"];

function gdbus(objectPath: string, method: string, ...args: string[]): string {
  return execFileSync("gdbus", ["call", ...SECRETS, "--object-path", objectPath, "--method", method, ...args], {
    encoding: "utf8",
  });
}

/** The vault id written at the first run into `<data folder>/vault.json`. */
export function vaultId(dataDir: string): string {
  const meta = JSON.parse(readFileSync(path.join(dataDir, "vault.json"), "utf8")) as { vault_id?: unknown };
  if (typeof meta.vault_id !== "string" || meta.vault_id === "") {
    throw new Error(`no vault_id in ${dataDir}/vault.json`);
  }
  return meta.vault_id;
}

/** The Secret Service items (unlocked and locked) holding the key of the vault in `dataDir`. */
export function vaultKeyItems(dataDir: string): string[] {
  const query = `{'service': 'tahsildar', 'username': 'vault-${vaultId(dataDir)}'}`;
  const reply = gdbus("/org/freedesktop/secrets", "org.freedesktop.Secret.Service.SearchItems", query);
  // e.g. ([objectpath '/org/freedesktop/secrets/collection/login/1'], @ao [])
  return [...reply.matchAll(/'(\/org\/freedesktop\/secrets\/collection\/[^']+)'/g)].map((m) => m[1]);
}

/**
 * Deletes the vault's key from the keyring, as on a new PC or after the keyring was wiped.
 * Fails when there was no such item or one is still there afterwards.
 */
export function forgetVaultKey(dataDir: string): void {
  const items = vaultKeyItems(dataDir);
  if (items.length === 0) throw new Error("the keyring holds no item for this vault to delete");
  for (const item of items) {
    const reply = gdbus(item, "org.freedesktop.Secret.Item.Delete");
    // An unlocked item is deleted at once; a prompt path other than "/" would wait on a user.
    if (!reply.includes("objectpath '/'")) throw new Error(`deleting ${item} asked for a prompt: ${reply.trim()}`);
  }
  const left = vaultKeyItems(dataDir);
  if (left.length > 0) throw new Error(`the keyring still holds ${left.length} item(s) for this vault`);
}
