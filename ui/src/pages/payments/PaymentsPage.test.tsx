import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { SessionContext } from "../../session";
import { renderWithBackend } from "../../test/render";
import { PaymentsPage } from "./PaymentsPage";

type Query = { sort: string | null; descending: boolean; search: string | null; offset: number; limit: number };

function row(id: number) {
  return {
    id,
    planId: id,
    store: "Sandbox",
    storeId: 1,
    customerRef: `D-${id}`,
    customerName: `Müşteri ${id}`,
    amountMinor: id * 100,
    currency: "TRY",
    dueDate: "2026-11-27",
    status: id % 2 === 0 ? "paid" : "attention",
    nextTryOn: null,
    maskedPan: "435509******5232",
    orderId: null,
    attemptState: null,
    vpsCode: null,
    hostCode: null,
    message: null,
    attempts: 0,
    attention: null,
  };
}

function store(id: number, name: string) {
  return { id, name, environment: "test", maxInstallments: 12, enabled: true };
}

function backend(stores: object[] = []) {
  const queries: Query[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "list_stores") return stores;
    if (cmd === "list_payments") {
      const query = (args as { query: Query }).query;
      queries.push(query);
      return { total: 100_000, offset: query.offset, rows: [row(query.offset + 1), row(query.offset + 2)] };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return queries;
}

describe("PaymentsPage", () => {
  it("asks the backend for one page and shows the total of all matching payments", async () => {
    const queries = backend();
    renderWithBackend(<PaymentsPage />);
    expect((await screen.findByTestId("payments-total")).textContent).toBe("100000 ödeme");
    expect(queries[0]).toMatchObject({ offset: 0, limit: 100, sort: null, search: null });
    expect(await screen.findByText("Müşteri 1")).toBeTruthy();
    expect(screen.getAllByText("Müdahale gerekli").length).toBeGreaterThan(0);
  });

  it("sorts and searches on the server", async () => {
    const queries = backend();
    renderWithBackend(<PaymentsPage />);
    await screen.findByText("Müşteri 1");
    await userEvent.click(screen.getByText("Tutar"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ sort: "amount", descending: false }));
    await userEvent.click(screen.getByText("Tutar"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ sort: "amount", descending: true }));
    await userEvent.type(screen.getByTestId("filter-search"), "D-42");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ search: "D-42", offset: 0 }));
  });

  it("refuses a due date that is not DD.MM.YYYY without asking the backend", async () => {
    const queries = backend();
    renderWithBackend(<PaymentsPage />);
    await screen.findByText("Müşteri 1");
    const before = queries.length;
    await userEvent.type(screen.getByTestId("filter-due-from"), "31.02.2027");
    expect(queries.slice(before).some((q) => (q as unknown as { dueFrom: string | null }).dueFrom !== null)).toBe(false);
    await userEvent.clear(screen.getByTestId("filter-due-from"));
    await userEvent.type(screen.getByTestId("filter-due-from"), "01.03.2027");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ dueFrom: "2027-03-01" }));
  });

  it("offers in the store filter only the stores whose payments the user may see", async () => {
    backend([store(1, "Site A"), store(2, "Site B")]);
    const session = {
      userId: 2,
      userName: "ayse",
      role: "custom",
      permissions: [
        { permission: "view_reports", allStores: false, storeIds: [1] },
        { permission: "import_batches", allStores: false, storeIds: [2] },
      ],
    };
    renderWithBackend(
      <SessionContext.Provider value={session}>
        <PaymentsPage />
      </SessionContext.Provider>,
    );
    await screen.findByText("Müşteri 1");
    const filter = screen.getByTestId("filter-store");
    await userEvent.click(filter.querySelector(".ant-select-selector") ?? filter);
    expect(await screen.findByTitle("Site A")).toBeTruthy();
    expect(screen.queryByTitle("Site B")).toBeNull();
  });
});
