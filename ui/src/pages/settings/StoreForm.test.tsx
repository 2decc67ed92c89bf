import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Store, StoreInput } from "../../api";
import { storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { StoreForm } from "./StoreForm";

const SANDBOX: Store = storeFixture({
  id: 1,
  name: "Sandbox",
  environment: "sandbox",
  merchant_safe_id: "2023090417500272654BD9A49CF07574",
  terminal_safe_id: "2023090417500284633D137A249DBBEB",
});

const TEST_STORE: Store = storeFixture({ id: 2, name: "Site A", environment: "test" });

function backend() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    return SANDBOX;
  });
  return calls;
}

describe("StoreForm", () => {
  it("sends only what changed and never asks for the saved secret key", async () => {
    const calls = backend();
    const saved = vi.fn();
    renderWithBackend(<StoreForm store={TEST_STORE} onSaved={saved} onCancel={() => {}} />);
    expect(screen.getByTestId("store-secret")).toHaveProperty("value", "");
    expect(screen.getByTestId("store-secret").getAttribute("placeholder")).toBe("Kayıtlı — değiştirmek için yenisini yazın");
    const runTime = screen.getByTestId("store-run-time");
    await userEvent.clear(runTime);
    await userEvent.type(runTime, "09:30");
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.cmd).toBe("update_store");
    expect(calls[0]!.args.id).toBe(2);
    const input = calls[0]!.args.input as StoreInput;
    expect(input.run_time).toBe("09:30");
    expect(input.secret_key).toBeNull();
    expect(input.merchant_safe_id).toBeNull();
    expect(input.name).toBeNull();
    expect(input.soft_retry_days).toBeNull();
  });

  it("shows the store's retry days and sends a new schedule as typed", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm store={TEST_STORE} onSaved={() => {}} onCancel={() => {}} />);
    const days = screen.getByTestId("store-retry-days");
    expect(days).toHaveProperty("value", "1, 3, 7");
    await userEvent.clear(days);
    await userEvent.type(days, "2, 5, 10");
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect((calls[0]!.args.input as StoreInput).soft_retry_days).toBe("2, 5, 10");
  });

  it("replaces the secret key when one is typed", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm store={TEST_STORE} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByTestId("store-secret"), "yeni-gizli-anahtar");
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect((calls[0]!.args.input as StoreInput).secret_key).toBe("yeni-gizli-anahtar");
  });

  it("creates a test store with its name and credentials, warns for live", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByTestId("store-name"), "Site B");
    await userEvent.type(screen.getByTestId("store-merchant"), "A".repeat(32));
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.cmd).toBe("create_store");
    const input = calls[0]!.args.input as StoreInput;
    expect(input).toMatchObject({ name: "Site B", environment: "test", merchant_safe_id: "A".repeat(32) });
    expect(input.terminal_safe_id).toBeNull();
  });

  it("asks a sandbox store for no terminal or secret key: it gets the simulator's", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByTestId("store-name"), "Şube 2");
    await userEvent.type(screen.getByTestId("store-merchant"), "A".repeat(32));
    const environment = screen.getByTestId("store-environment");
    await userEvent.click(environment.querySelector(".ant-select-selector") ?? environment);
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-item-option[title="Sandbox"]');
      if (!found) throw new Error("no option for the sandbox");
      return found;
    });
    await userEvent.click(option);
    expect(await screen.findByTestId("store-sandbox-terminal")).toBeTruthy();
    expect(screen.queryByTestId("store-secret")).toBeNull();
    expect(screen.queryByTestId("store-merchant")).toBeNull();
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.cmd).toBe("create_store");
    const input = calls[0]!.args.input as StoreInput;
    expect(input).toMatchObject({ name: "Şube 2", environment: "sandbox", merchant_safe_id: null, secret_key: null });
  });

  it("shows a sandbox store's terminal as the simulator's, without a secret key field", () => {
    backend();
    renderWithBackend(<StoreForm store={SANDBOX} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId("store-sandbox-terminal")).toBeTruthy();
    expect(screen.queryByTestId("store-secret")).toBeNull();
  });
});
