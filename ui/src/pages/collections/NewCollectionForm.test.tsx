import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CollectionInput, PlanInfo, PlanPreview } from "../../api";
import { renderWithBackend } from "../../test/render";
import { NewCollectionForm } from "./NewCollectionForm";

type Call = { cmd: string; args: Record<string, unknown> };

function backend() {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "list_stores") return [];
    if (cmd === "preview_collection") {
      const input = (args as { input: CollectionInput }).input;
      if (input.amount !== "1.234,56") throw { code: "invalid_input", message: "unexpected amount", field: "amount" };
      const preview: PlanPreview = {
        customer_id: input.customer_id,
        store_id: 1,
        kind: "one_off",
        currency: "TRY",
        installments: 1,
        count: 1,
        total_minor: 123456,
        first: [{ due_date: "2026-11-27", amount_minor: 123456 }],
        last_due_date: "2026-11-27",
        last_amount_minor: 123456,
        max_installments: 12,
      };
      return preview;
    }
    if (cmd === "create_collection") {
      const plan: PlanInfo = {
        id: 5,
        store_id: 1,
        customer_id: 3,
        kind: "one_off",
        amount_minor: 123456,
        currency: "TRY",
        installments: 1,
        status: "active",
        payments: [{ id: 9, due_date: "2026-11-27" }],
      };
      return plan;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

describe("NewCollectionForm", () => {
  it("checks the amount as typed and asks for the summary only when it is valid", async () => {
    const calls = backend();
    renderWithBackend(<NewCollectionForm customer={{ id: 3, label: "D-1 — Ayşe", hasCard: true }} />);
    const amount = screen.getByTestId("collection-amount");
    await userEvent.type(amount, "12,345,6");
    expect(await screen.findByText("Tutarı 1.234,56 biçiminde yazın.")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.filter((c) => c.cmd === "preview_collection")).toHaveLength(0);
    expect((screen.getByTestId("collection-save") as HTMLButtonElement).disabled).toBe(true);

    await userEvent.clear(amount);
    await userEvent.type(amount, "1.234,56");
    expect(await screen.findByTestId("summary-total")).toHaveProperty("textContent", "1.234,56 ₺");
    expect(screen.getByTestId("summary-count").dataset.count).toBe("1");
    const preview = calls.filter((c) => c.cmd === "preview_collection").at(-1);
    expect(preview?.args.input).toMatchObject({ customer_id: 3, amount: "1.234,56", kind: "one_off", currency: "TRY" });

    await waitFor(() => expect((screen.getByTestId("collection-save") as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(screen.getByTestId("collection-save"));
    expect((await screen.findByTestId("collection-saved-text")).textContent).toContain("1 ödeme, ilki 27.11.2026");
    expect(calls.some((c) => c.cmd === "create_collection")).toBe(true);
  });

  it("shows the installment cap of the store", async () => {
    backend();
    renderWithBackend(<NewCollectionForm customer={{ id: 3, label: "D-1 — Ayşe", hasCard: true }} />);
    await userEvent.click(screen.getByText("Taksitli satış"));
    const count = await screen.findByTestId("collection-installments");
    await userEvent.clear(count);
    await userEvent.type(count, "13");
    await userEvent.type(screen.getByTestId("collection-amount"), "600");
    expect(await screen.findByText("Bu mağazada en çok 12 taksit yapılabilir.")).toBeTruthy();
  });

  it("splits a total into merchant instalments, saved as a monthly plan of computed amounts", async () => {
    const calls = backend();
    renderWithBackend(<NewCollectionForm customer={{ id: 3, label: "D-1 — Ayşe", hasCard: true }} />);
    await userEvent.click(screen.getByText("İşyeri taksiti"));
    expect(await screen.findByTestId("merchant-hint")).toBeTruthy();
    const count = screen.getByTestId("collection-merchant-count");
    await userEvent.clear(count);
    await userEvent.type(count, "3");
    await userEvent.type(screen.getByTestId("collection-amount"), "1.234,56");
    await screen.findByTestId("summary-total");
    const preview = calls.filter((c) => c.cmd === "preview_collection").at(-1);
    expect(preview?.args.input).toMatchObject({ kind: "recurring", cadence: "1m", count: 3, until: null, split: true });
  });

  it("offers a pre-authorisation beside the sale for one-off and installment sales only", async () => {
    const calls = backend();
    renderWithBackend(<NewCollectionForm customer={{ id: 3, label: "D-1 — Ayşe", hasCard: true }} />);
    expect((screen.getByTestId("provision-sale") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("Satış (tutar hemen çekilir)")).toBeTruthy();
    await userEvent.click(screen.getByText("Ön provizyon (tutar kartta bloke edilir, sonra kapatılır)"));
    expect((screen.getByTestId("provision-pre_auth") as HTMLInputElement).checked).toBe(true);
    await userEvent.type(screen.getByTestId("collection-amount"), "1.234,56");
    await screen.findByTestId("summary-total");
    const preview = calls.filter((c) => c.cmd === "preview_collection").at(-1);
    expect(preview?.args.input).toMatchObject({ kind: "one_off", provision: "pre_auth" });
    expect(screen.getByTestId("summary-pre-auth").textContent).toContain("kartta bloke edilir");
    await waitFor(() => expect((screen.getByTestId("collection-save") as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(screen.getByTestId("collection-save"));
    await screen.findByTestId("collection-saved-text");
    const created = calls.find((c) => c.cmd === "create_collection");
    expect(created?.args.input).toMatchObject({ kind: "one_off", provision: "pre_auth" });
  });

  it("does not offer a pre-authorisation for a recurring plan or merchant instalments", async () => {
    backend();
    renderWithBackend(<NewCollectionForm customer={{ id: 3, label: "D-1 — Ayşe", hasCard: true }} />);
    await userEvent.click(screen.getByText("Taksitli satış"));
    expect(await screen.findByTestId("provision-pre_auth")).toBeTruthy();
    await userEvent.click(screen.getByText("Düzenli tahsilat"));
    await waitFor(() => expect(screen.queryByTestId("collection-provision")).toBeNull());
    await userEvent.click(screen.getByText("İşyeri taksiti"));
    await waitFor(() => expect(screen.queryByTestId("collection-provision")).toBeNull());
  });
});
