import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { StoreView } from "../../api";
import { renderWithBackend } from "../../test/render";
import { StoreForm } from "./StoreForm";

const SANDBOX: StoreView = {
  id: 1,
  name: "Sandbox",
  environment: "sandbox",
  baseUrl: null,
  effectiveBaseUrl: null,
  merchantSafeId: "2023090417500272654BD9A49CF07574",
  terminalSafeId: "2023090417500284633D137A249DBBEB",
  hasSecretKey: true,
  concurrency: 4,
  ratePerSec: 10,
  runTime: "10:00",
  maxInstallments: 12,
  enabled: true,
};

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
    renderWithBackend(<StoreForm store={SANDBOX} onSaved={saved} onCancel={() => {}} />);
    expect(screen.getByTestId("store-secret")).toHaveProperty("value", "");
    expect(screen.getByTestId("store-secret").getAttribute("placeholder")).toBe("Kayıtlı — değiştirmek için yenisini yazın");
    const runTime = screen.getByTestId("store-run-time");
    await userEvent.clear(runTime);
    await userEvent.type(runTime, "09:30");
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.cmd).toBe("update_store");
    expect(calls[0]!.args.id).toBe(1);
    const input = calls[0]!.args.input as Record<string, unknown>;
    expect(input.runTime).toBe("09:30");
    expect(input.secretKey).toBeNull();
    expect(input.merchantSafeId).toBeNull();
    expect(input.name).toBeNull();
  });

  it("replaces the secret key when one is typed", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm store={SANDBOX} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByTestId("store-secret"), "yeni-gizli-anahtar");
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect((calls[0]!.args.input as Record<string, unknown>).secretKey).toBe("yeni-gizli-anahtar");
  });

  it("creates a test store with its name and credentials, warns for live", async () => {
    const calls = backend();
    renderWithBackend(<StoreForm onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByTestId("store-name"), "Site B");
    await userEvent.type(screen.getByTestId("store-merchant"), "A".repeat(32));
    await userEvent.click(screen.getByTestId("store-save"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.cmd).toBe("create_store");
    const input = calls[0]!.args.input as Record<string, unknown>;
    expect(input).toMatchObject({ name: "Site B", environment: "test", merchantSafeId: "A".repeat(32) });
    expect(input.terminalSafeId).toBeNull();
  });
});
