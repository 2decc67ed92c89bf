/**
 * Drives the built app (with its front end embedded) through tauri-driver and WebKitWebDriver.
 * Run it through ./run.sh, which provides the X display, the D-Bus session with an unlocked
 * keyring and a throwaway scratch folder. Each spec file gets its own app session with its own
 * fresh data folder, passed to the app as `--data-dir` (tauri-driver's `tauri:options.args`).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { browser } from "@wdio/globals";
import { freshDataDir } from "./support/app.ts";
import { ROOT, savedDir, screenshotPath } from "./support/paths.ts";

const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
const application = process.env.TAHSILDAR_APP ?? path.join(targetDir, "debug", "tahsildar");
const driverPort = Number(process.env.TAHSILDAR_E2E_PORT ?? 4444);
// The debug build takes this file instead of opening the native import dialog (04-import).
process.env.TAHSILDAR_E2E_IMPORT_FILE ??= path.join(ROOT, "tests", "e2e", "fixtures", "import-with-errors.xlsx");
// ... and saves exports and bundles in this folder instead of asking where in a native dialog.
process.env.TAHSILDAR_E2E_SAVE_DIR ??= savedDir();
mkdirSync(process.env.TAHSILDAR_E2E_SAVE_DIR, { recursive: true });
// ... takes this folder for the automatic backups instead of the native folder dialog, and
// this file for a restore instead of the native open dialog (17-backup).
process.env.TAHSILDAR_E2E_BACKUP_DIR ??= path.join(savedDir(), "auto-backups");
process.env.TAHSILDAR_E2E_RESTORE_FILE ??= path.join(savedDir(), "restore.tahsildar");
// ... and this scan of a signed instruction instead of the native open dialog (22-instruction-scan).
process.env.TAHSILDAR_E2E_SCAN_FILE ??= path.join(ROOT, "tests", "e2e", "fixtures", "signed-instruction.png");
const nativePort = driverPort + 1;

let tauriDriver: ChildProcess | undefined;

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on port ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export const config: WebdriverIO.Config = {
  runner: "local",
  specs: ["./specs/**/*.e2e.ts"],
  maxInstances: 1,
  hostname: "127.0.0.1",
  port: driverPort,
  // No browserName: WebKitGTK's driver rejects it.
  capabilities: [{ "tauri:options": { application } } as WebdriverIO.Capabilities],
  logLevel: "warn",
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 120_000 },
  waitforTimeout: 20_000,
  connectionRetryCount: 1,

  onPrepare: async () => {
    if (!existsSync(application)) {
      throw new Error(`the app is not built at ${application}: run 'make test-e2e'`);
    }
    mkdirSync(path.dirname(screenshotPath("x")), { recursive: true });
    tauriDriver = spawn(
      "tauri-driver",
      ["--port", String(driverPort), "--native-port", String(nativePort)],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    tauriDriver.once("error", (error) => {
      console.error(`tauri-driver could not start: ${error.message}`);
    });
    await waitForPort(driverPort, 15_000);
  },

  // A fresh data folder per spec file: the app starts at its first run.
  beforeSession: (_config, capabilities) => {
    const dir = freshDataDir();
    process.env.TAHSILDAR_DATA_DIR = dir;
    const caps = capabilities as { "tauri:options"?: { application: string; args?: string[] } };
    caps["tauri:options"] = { application, args: ["--data-dir", dir] };
  },

  // A spec whose webview crashed or hung leaves its app running on the shared display, where it
  // would take the next specs' clicks: whatever still runs on this session's data folder goes.
  // It gets ten seconds to end by itself after its session, as a healthy app does.
  afterSession: async () => {
    const dir = process.env.TAHSILDAR_DATA_DIR;
    if (!dir) return;
    const pattern = `--data-dir ${dir}`;
    const running = () => spawnSync("pgrep", ["-f", "--", pattern]).status === 0;
    for (let i = 0; i < 100 && running(); i++) await new Promise((r) => setTimeout(r, 100));
    if (running()) {
      console.warn(`the app on ${dir} outlived its session: killed`);
      spawnSync("pkill", ["-KILL", "-f", "--", pattern]);
    }
  },

  // Every test leaves a picture of the window, passed or failed.
  afterTest: async (test) => {
    const spec = path.basename(test.file ?? "e2e", ".e2e.ts");
    await browser.saveScreenshot(screenshotPath(spec));
  },

  onComplete: () => {
    tauriDriver?.kill();
  },
};
