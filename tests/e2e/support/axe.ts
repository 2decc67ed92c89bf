/**
 * Accessibility checks with axe-core on the window as it is. axe-core's own source is injected
 * with `browser.execute` and `axe.run` is called in the page: the webview is a single window
 * with no frames, and @axe-core/webdriverio cannot be used here because it finishes each run in
 * a new blank tab, which a Tauri window cannot open.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { browser } from "@wdio/globals";
import type { AxeResults, NodeResult, Result } from "axe-core";
import { ROOT } from "./paths.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The impacts a screen must not have. */
const FAILING = ["serious", "critical"];

/**
 * Nodes of a rule that are left out of the verdict (they stay in the written result): those
 * whose selector ends with `selector` and whose markup holds `markup`, each with why. Only where
 * the rule misfires in this webview or the markup is antd's own and cannot be reached from the
 * app.
 */
const EXCLUDED: { rule: string; selector: string; markup: string; why: string }[] = [
  {
    rule: "aria-allowed-attr",
    selector: ".ant-select",
    markup: 'aria-required="true"',
    why:
      "antd's Form.Item hands aria-required to a Select of a required field, and antd's Select " +
      "copies it onto its outer <div> (which has no role) as well as onto its combobox input",
  },
];

/** Where the full result of a screen is written: `target/e2e/axe/<screen>.json`. */
export function axeResultPath(screen: string): string {
  return path.join(ROOT, "target", "e2e", "axe", `${screen}.json`);
}

/**
 * Runs axe-core on the whole window and returns its result: every violation and every check
 * left for review with all their nodes, the rules that passed with one example node each.
 */
async function runAxe(): Promise<AxeResults> {
  // A dialog or panel still fading or sliding in would be read at the colours of its way in.
  await browser.waitUntil(
    () =>
      browser.execute(() =>
        document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      ),
    { timeout: 10_000, interval: 100, timeoutMsg: "the window kept animating" },
  );
  const loaded = await browser.execute(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) await browser.execute(AXE_SOURCE);
  const json = await browser.execute(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await axe.run(document, { resultTypes: ["violations", "incomplete"] });
    return JSON.stringify(results);
  });
  return JSON.parse(json) as AxeResults;
}

function excluded(rule: string, node: NodeResult): boolean {
  const selector = node.target.map(String).join(" ");
  return EXCLUDED.some((e) => e.rule === rule && selector.endsWith(e.selector) && node.html.includes(e.markup));
}

/** The serious and critical violations, less the excluded nodes. */
function failures(results: AxeResults): Result[] {
  return results.violations
    .filter((v) => FAILING.includes(v.impact ?? ""))
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !excluded(v.id, n)) }))
    .filter((v) => v.nodes.length > 0);
}

/** A violation as the failure lists it: rule, impact, help, each node's selector and what to fix. */
function explain(violation: Result): string {
  const nodes = violation.nodes.map((n) => `    ${n.target.map(String).join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`);
  return `  ${violation.id} (${violation.impact}): ${violation.help}\n${nodes.join("\n")}\n    ${violation.helpUrl}`;
}

/**
 * Runs axe on the window, writes its full result to `target/e2e/axe/<screen>.json`, and fails
 * listing each serious or critical violation: its rule, impact, offending nodes and help.
 */
export async function expectAccessible(screen: string): Promise<void> {
  const results = await runAxe();
  const file = axeResultPath(screen);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2));
  const found = failures(results);
  if (found.length > 0) {
    throw new Error(`axe found ${found.length} serious or critical violation(s) on "${screen}":\n${found.map(explain).join("\n")}`);
  }
}
