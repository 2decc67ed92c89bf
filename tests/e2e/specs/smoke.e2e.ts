import { $, browser, expect } from "@wdio/globals";
import { dataDir, signInFresh } from "../support/app.ts";
import { cargoVersion } from "../support/paths.ts";

describe("the Tahsildar window", () => {
  before(async () => {
    await signInFresh();
  });

  it("opens and shows the name, version and sandbox badge from the backend", async () => {
    const version = cargoVersion();
    await expect($('[data-testid="app-version"]')).toHaveAttribute("data-version", version);
    await expect($('[data-testid="app-version"]')).toHaveText(`Sürüm ${version}`);
    await expect($('[data-testid="app-name"]')).toHaveText("Tahsildar");
    await expect($('[data-testid="env-badge"]')).toHaveText("Sandbox");
    expect(await browser.getTitle()).toBe("Tahsildar");
  });

  it("styles the page under the strict CSP", async () => {
    // Ant Design injects its styles at run time; a CSP that blocked them would leave a bare,
    // unpadded span.
    const padding = await $('[data-testid="env-badge"]').getCSSProperty("padding-left");
    expect(padding.value).toBe("7px");
  });

  it("keeps its data in the folder given with --data-dir", async () => {
    await expect($('[data-testid="data-dir"]')).toHaveText(dataDir());
  });

  it("lets the webview call the app's commands and nothing else", async () => {
    const outcome = await browser.execute(async () => {
      const ipc = (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args?: object) => Promise<unknown> } })
        .__TAURI_INTERNALS__;
      const settle = (p: Promise<unknown>) =>
        p.then(
          (value) => ({ ok: true, value: JSON.stringify(value) }),
          (error) => ({ ok: false, value: String(error) }),
        );
      return {
        appInfo: await settle(ipc.invoke("app_info")),
        setTitle: await settle(ipc.invoke("plugin:window|set_title", { label: "main", value: "hijacked" })),
        globalTauri: "__TAURI__" in window,
      };
    });
    expect(outcome.appInfo.ok).toBe(true);
    expect(outcome.appInfo.value).toContain('"environment":"sandbox"');
    expect(outcome.setTitle.ok).toBe(false);
    expect(outcome.setTitle.value).toContain("not allowed");
    expect(outcome.globalTauri).toBe(false);
  });

  it("switches the texts to English", async () => {
    await $('[data-testid="lang-switch"]').$("label=EN").click();
    await expect($('[data-testid="app-version"]')).toHaveText(`Version ${cargoVersion()}`);
    await expect($('[data-testid="env-notice"] .ant-alert-message')).toHaveText("Sandbox mode");
  });
});
