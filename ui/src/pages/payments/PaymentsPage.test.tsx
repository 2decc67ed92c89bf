import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { PaymentPage, PaymentQuery, PaymentRow, PaymentStatus, SessionInfo, Store } from "../../api";
import { NavigationContext } from "../../navigation";
import { SessionContext } from "../../session";
import { paymentRowFixture, storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { PaymentsPage } from "./PaymentsPage";

function row(id: number): PaymentRow {
  return paymentRowFixture({
    id,
    customer_ref: `D-${id}`,
    customer_name: `Müşteri ${id}`,
    amount: `${id}.00`,
    amount_minor: id * 100,
    status: id % 2 === 0 ? "paid" : "attention",
  });
}

function backend(stores: Store[] = []) {
  const queries: PaymentQuery[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "list_stores") return stores;
    if (cmd === "list_payments") {
      const query = (args as { query: PaymentQuery }).query;
      queries.push(query);
      const offset = query.offset ?? 0;
      const page: PaymentPage = { total: 100_000, offset, rows: [row(offset + 1), row(offset + 2)] };
      return page;
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
    expect(queries[0]).toMatchObject({ offset: 0, limit: 100, search: null });
    // No sort: the backend's default, by due date (`null` is not a sort it reads).
    expect(queries[0]).not.toHaveProperty("sort");
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
    expect(queries.slice(before).some((q) => typeof q.due_from === "string")).toBe(false);
    await userEvent.clear(screen.getByTestId("filter-due-from"));
    await userEvent.type(screen.getByTestId("filter-due-from"), "01.03.2027");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ due_from: "2027-03-01" }));
  });

  it("offers in the store filter only the stores whose payments the user may see", async () => {
    backend([storeFixture({ id: 1, name: "Site A" }), storeFixture({ id: 2, name: "Site B" })]);
    const session: SessionInfo = {
      user_id: 2,
      user_name: "ayse",
      role: "custom",
      permissions: [
        { permission: "view_reports", all_stores: false, store_ids: [1] },
        { permission: "import_batches", all_stores: false, store_ids: [2] },
      ],
      must_change_password: false,
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

  it("opens filtered on what it was opened on, e.g. a figure of the dashboard", async () => {
    const queries = backend();
    const target = { statuses: ["paid", "refunded", "partially_refunded"] satisfies PaymentStatus[], dueFrom: "2026-11-01", dueTo: "2026-11-30" };
    renderWithBackend(
      <NavigationContext.Provider value={{ screen: "payments", target, open: () => {} }}>
        <PaymentsPage />
      </NavigationContext.Provider>,
    );
    await screen.findByText("Müşteri 1");
    expect(queries[0]).toMatchObject({
      statuses: ["paid", "refunded", "partially_refunded"],
      due_from: "2026-11-01",
      due_to: "2026-11-30",
      store_id: null,
      offset: 0,
    });
    expect(screen.getByTestId("filter-due-from")).toHaveProperty("value", "01.11.2026");
    expect(screen.getByTestId("filter-due-to")).toHaveProperty("value", "30.11.2026");
    expect(screen.getByTestId("filter-status").textContent).toContain("Kısmen iade edildi");
  });
});
