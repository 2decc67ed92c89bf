import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where screenshots of the window go: `target/e2e/<name>.png` in the repository. */
export function screenshotPath(name: string): string {
  return path.join(ROOT, "target", "e2e", `${name}.png`);
}

/** Where the app saves files in the end-to-end suite (`TAHSILDAR_E2E_SAVE_DIR`). */
export function savedDir(): string {
  return path.join(ROOT, "target", "e2e", "saved");
}

/** The version in the root Cargo.toml, which the backend reports. */
export function cargoVersion(): string {
  const manifest = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  const section = /^\[workspace\.package\]$([\s\S]*?)(?=^\[)/m.exec(manifest)?.[1] ?? "";
  const version = /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  if (!version) throw new Error("no version in [workspace.package] of Cargo.toml");
  return version;
}
