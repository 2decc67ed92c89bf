import { afterEach, describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CustomerPage, CustomerQuery } from "../../api";
import { renderWithBackend } from "../../test/render";
import { CustomersPage } from "./CustomersPage";

function backend() {
  const queries: CustomerQuery[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "search_customers") {
      queries.push((args as { query: CustomerQuery }).query);
      const page: CustomerPage = {
        total: 1,
        offset: 0,
        rows: [
          {
            id: 1,
            store_id: 1,
            store: "Sandbox",
            reference: "A-1",
            name: "Ayşe Işık",
            email: null,
            phone: null,
            cards: 1,
            primary_masked_pan: "435509******5232",
            open_payments: 0,
            status: "archived",
          },
        ],
      };
      return page;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return queries;
}

describe("CustomersPage", () => {
  afterEach(() => localStorage.clear());

  it("searches in Turkish, ignoring the Turkish letters when asked, and remembers the choice", async () => {
    const queries = backend();
    renderWithBackend(<CustomersPage />);
    await screen.findByText("Ayşe Işık");
    expect(queries[0]).toMatchObject({ search: null, accent_free: false, sort: "reference" });
    await userEvent.type(screen.getByTestId("customer-search"), "ayse");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ search: "ayse", accent_free: false }));
    await userEvent.click(screen.getByText("Türkçe harfleri yok say (ş = s)"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ search: "ayse", accent_free: true, offset: 0 }));
    expect(localStorage.getItem("tahsildar.search.accentFree")).toBe("1");
  });

  it("sorts by name in the backend's Turkish order when the name column is clicked", async () => {
    const queries = backend();
    renderWithBackend(<CustomersPage />);
    await screen.findByText("Ayşe Işık");
    await userEvent.click(screen.getByText("Ad soyad"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ sort: "name", offset: 0 }));
  });

  it("leaves archived customers out unless asked, and marks them", async () => {
    const queries = backend();
    renderWithBackend(<CustomersPage />);
    await screen.findByText("Ayşe Işık");
    expect(queries[0]).toMatchObject({ include_archived: false });
    expect(screen.getByTestId("customer-archived-A-1").textContent).toBe("Arşivde");
    await userEvent.click(screen.getByText("Arşivdekileri de göster"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ include_archived: true, offset: 0 }));
  });
});
