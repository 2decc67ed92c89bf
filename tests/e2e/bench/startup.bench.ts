/**
 * The window's start (a benchmark, not a test: it fails only when it cannot measure). Run by
 * `make bench` against the release build (`TAHSILDAR_APP`) through `../run.sh --spec`:
 * - from the launch of the app's process to the sign-in form being usable (the UI's
 *   `tahsildar:sign-in-ready` mark), split into the part before the page starts loading (the
 *   process, the vault opened with the keyring, the webview) and the page's own part;
 * - from the sign-in button to the dashboard (`tahsildar:dashboard-shown`), beside the Argon2
 *   check of the password it contains (printed by `password_bench`);
 * - the memory of the app's process and its webview processes after ten idle seconds on the
 *   dashboard (resident and proportional set sizes).
 * The launch is timed from the kernel's start time of the process, so the WebDriver session's
 * own set-up is not counted. Each start is measured three times, on a vault made by the first
 * run; the median is printed beside its target.
 */
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { $, browser } from "@wdio/globals";
import { ADMIN, dataDir, fill, restartApp, signInFresh } from "../support/app.ts";

const STARTS = 3;
const IDLE_MS = 10_000;
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
const BOOTED_AT_MS = (() => {
  const line = readFileSync("/proc/stat", "utf8").split("\n").find((l) => l.startsWith("btime "));
  return Number(line!.split(" ")[1]) * 1000;
})();

/** The app's main process (the one given this spec's data folder). */
function appPid(): number {
  const out = execFileSync("pgrep", ["-f", "--", `--data-dir ${dataDir()}`]).toString().trim().split("\n");
  return Number(out[0]);
}

/** When the process started, in epoch milliseconds (at the kernel's tick resolution). */
function startedAtMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return BOOTED_AT_MS + (Number(fields[19]) * 1000) / TICKS_PER_SECOND;
}

/** The process and all its descendants. */
function family(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(parents.get(all[i]) ?? []));
  return all;
}

/** Resident and proportional set size of a process, in MiB. */
function memory(pid: number): { name: string; rss: number; pss: number } {
  const field = (text: string, key: string) =>
    Number(text.split("\n").find((l) => l.startsWith(key))?.split(/\s+/)[1] ?? 0) / 1024;
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  return { name, rss: field(rollup, "Rss:"), pss: field(rollup, "Pss:") };
}

/** The memory of these processes, summed. */
function memoryOf(pids: number[]): { rss: number; pss: number; processes: { name: string; rss: number; pss: number }[] } {
  const processes = pids.flatMap((pid) => {
    try {
      return [memory(pid)];
    } catch {
      return []; // gone meanwhile
    }
  });
  return {
    rss: processes.reduce((sum, p) => sum + p.rss, 0),
    pss: processes.reduce((sum, p) => sum + p.pss, 0),
    processes,
  };
}

/** Where the WebKitGTK library keeps its MiniBrowser (Debian and Ubuntu, then Fedora). */
function miniBrowser(): string | undefined {
  const dirs = readdirSync("/usr/lib").map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`);
  return [...dirs, "/usr/libexec/webkit2gtk-4.1/MiniBrowser"].find((p) => existsSync(p));
}

/** The floor of the idle memory: MiniBrowser on an empty page of the window's size, after the same idle time. */
async function floorMemory(width: number, height: number, idleMs: number): Promise<ReturnType<typeof memoryOf> | null> {
  const program = miniBrowser();
  if (!program) return null;
  const child = spawn(program, [`--geometry=${width}x${height}`, "about:blank"], { stdio: "ignore" });
  try {
    await new Promise((r) => setTimeout(r, idleMs));
    return memoryOf(family(child.pid!));
  } finally {
    child.kill();
  }
}

/** A mark's time in epoch milliseconds, once the page has set it. */
async function markAt(name: string): Promise<{ at: number; origin: number }> {
  let found: { at: number; origin: number } | null = null;
  await browser.waitUntil(
    async () => {
      found = await browser.execute((mark: string) => {
        const entry = performance.getEntriesByName(mark, "mark")[0];
        return entry ? { at: performance.timeOrigin + entry.startTime, origin: performance.timeOrigin } : null;
      }, name);
      return found !== null;
    },
    { timeout: 60_000, timeoutMsg: `the window never set ${name}` },
  );
  return found!;
}

/**
 * Adds a figure to the one table `make bench` prints at its end (the file `BENCH_SUMMARY` names,
 * in the format of the Rust benchmarks' `examples/common/summary.rs`).
 */
function record(figure: string, value: number, unit: string, floor: number | null, below: number | null): void {
  const file = process.env.BENCH_SUMMARY;
  if (!file) return;
  const cells = [
    figure,
    "release app",
    `${value.toFixed(2)} ${unit}`,
    floor === null ? "" : `${floor.toFixed(2)} ${unit}`,
    floor === null ? "" : `${(value / floor).toFixed(2)}x`,
    below === null ? "" : `< ${below} ${unit}`,
    below === null ? "" : value < below ? "pass" : "FAIL",
  ];
  appendFileSync(file, `${cells.join("\t")}\n`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function row(figure: string, ms: number, target: string, pass: boolean): string {
  return `${figure.padEnd(58)} ${ms.toFixed(0).padStart(7)}  ${target.padEnd(10)} ${pass ? "pass" : "FAIL"}`;
}

describe("start-up", () => {
  it("measures the start to the sign-in form, the sign-in to the dashboard, and the idle memory", async () => {
    // The first run makes the vault (its key in the keyring) and the administrator.
    await signInFresh();
    const launch: number[] = [];
    const beforePage: number[] = [];
    const signedIn: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      await restartApp();
      const pid = appPid();
      const ready = await markAt("tahsildar:sign-in-ready");
      const started = startedAtMs(pid);
      launch.push(ready.at - started);
      beforePage.push(ready.origin - started);
      await fill("signin-name", ADMIN.name);
      await fill("signin-password", ADMIN.password);
      const clickedAt = await browser.execute(() => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="signin-submit"]')!;
        const at = performance.timeOrigin + performance.now();
        button.click();
        return at;
      });
      const shown = await markAt("tahsildar:dashboard-shown");
      signedIn.push(shown.at - clickedAt);
    }
    await $('[data-testid="screen-dashboard"]').waitForDisplayed();
    await browser.pause(IDLE_MS);
    const { rss, pss, processes } = memoryOf(family(appPid()));
    const size = await browser.getWindowSize();
    const floor = await floorMemory(size.width, size.height, IDLE_MS);

    const lines = [
      `start-up of the release app, median of ${STARTS} starts (ms; memory in MiB)`,
      row("launch -> sign-in form usable", median(launch), "< 1000", median(launch) < 1000),
      `  of which before the page starts loading (process, vault, webview): ${median(beforePage).toFixed(0)} ms`,
      row("sign-in button -> dashboard shown (Argon2 included)", median(signedIn), "< 1500", median(signedIn) < 1500),
      row("idle memory, app + webview processes (PSS)", pss, "< 250", pss < 250),
      `  resident (RSS, shared pages counted in each): ${rss.toFixed(0)} MiB; PSS by process: ${processes
        .map((p) => `${p.name} ${p.pss.toFixed(0)}`)
        .join(", ")}`,
      floor
        ? `  floor, WebKitGTK's MiniBrowser idle on an empty page: RSS ${floor.rss.toFixed(0)} MiB (${floor.processes
            .map((p) => `${p.name} ${p.rss.toFixed(0)}`)
            .join(", ")}), so the app holds ${(rss / floor.rss).toFixed(2)}x its floor; PSS ${floor.pss.toFixed(0)} MiB, ` +
          "lower than alone as it shares library pages with the app, still running"
        : "  floor not measured: no MiniBrowser of WebKitGTK 4.1 on this system",
    ];
    console.log(`\n${lines.join("\n")}\n`);
    record("start: launch to the sign-in form usable", median(launch), "ms", null, 1000);
    record("start: sign-in to the dashboard shown", median(signedIn), "ms", null, 1500);
    record("idle memory of app and webview (PSS)", pss, "MiB", null, 250);
    record("idle memory of app and webview (RSS), floor MiniBrowser", rss, "MiB", floor?.rss ?? null, null);
  });
});
