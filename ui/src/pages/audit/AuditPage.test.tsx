import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AuditCheck, AuditChoices, AuditPage as Page, AuditRow, Permission } from "../../api";
import { SessionContext } from "../../session";
import { storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { AuditPage } from "./AuditPage";

function row(seq: number, patch: Partial<AuditRow> = {}): AuditRow {
  return {
    seq,
    at: "2026-11-27T07:30:00Z",
    user_id: 1,
    user_name: "admin",
    action: "card.add",
    action_text: { tr: "Kart ekleme", en: "Card added" },
    object: `card:${seq}`,
    store_id: 1,
    store: "Sandbox",
    result: "ok",
    result_text: { tr: "Başarılı", en: "Succeeded" },
    origin: "app",
    origin_text: { tr: "Uygulama", en: "App" },
    detail: '{"customer":4,"masked_pan":"435509******5232","alternate":false}',
    ...patch,
  };
}

const CHOICES: AuditChoices = {
  actions: [
    { action: "card.add", text: { tr: "Kart ekleme", en: "Card added" } },
    { action: "auth.sign_in", text: { tr: "Oturum açma", en: "Sign-in" } },
  ],
  users: [
    { user_id: 1, user_name: "admin" },
    { user_id: 2, user_name: "mudur" },
  ],
};

type Call = { cmd: string; args: Record<string, unknown> };

function backend(answers: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = raw as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = answers[cmd];
    if (answer) return answer(args);
    if (cmd === "list_stores") return [storeFixture({ id: 1, name: "Sandbox", environment: "sandbox" })];
    if (cmd === "audit_choices") return CHOICES;
    if (cmd === "audit_entries") {
      const page: Page = { total: 120, offset: 0, rows: [row(120), row(119, { action: "auth.sign_in" })] };
      return page;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

function renderPage(permissions: Permission[] = ["view_audit", "export"]) {
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <AuditPage />
    </SessionContext.Provider>,
  );
}

async function choose(testId: string, title: string) {
  const select = screen.getByTestId(testId);
  await userEvent.click(select.querySelector(".ant-select-selector") ?? select);
  const option = await waitFor(() => {
    const found = document.querySelector(`.ant-select-item-option[title="${title}"]`);
    if (!found) throw new Error(`no option ${title}`);
    return found;
  });
  await userEvent.click(option);
}

describe("AuditPage", () => {
  it("lists the entries newest first with the total, a page of 50 from the backend", async () => {
    const calls = backend();
    renderPage();
    const first = await screen.findByTestId("audit-row-120");
    expect(within(first).getByText("Kart ekleme")).toBeTruthy();
    expect(within(first).getByText("27.11.2026 10:30")).toBeTruthy();
    expect(screen.getByTestId("audit-total").textContent).toBe("120 kayıt");
    expect(calls.find((c) => c.cmd === "audit_entries")?.args).toMatchObject({ query: { offset: 0, limit: 50 } });
    expect(screen.getByTestId("audit-export")).toBeTruthy();
  });

  it("sends the filters to the backend: user, action, store and Istanbul days", async () => {
    const calls = backend();
    renderPage();
    await screen.findByTestId("audit-row-120");
    await choose("audit-filter-user", "mudur");
    await choose("audit-filter-action", "Oturum açma");
    await choose("audit-filter-store", "Sandbox");
    await userEvent.type(screen.getByTestId("audit-filter-from"), "01.11.2026");
    await userEvent.type(screen.getByTestId("audit-filter-to"), "27.11.2026");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "audit_entries").at(-1)?.args).toMatchObject({
        query: { user_id: 2, action: "auth.sign_in", store_id: 1, from: "2026-11-01", to: "2026-11-27", offset: 0 },
      }),
    );
  });

  it("opens an entry's masked details from the keyboard", async () => {
    backend();
    renderPage();
    const first = await screen.findByTestId("audit-row-120");
    first.focus();
    await userEvent.keyboard("{Enter}");
    const detail = await screen.findByTestId("audit-detail-facts");
    expect(detail.textContent).toContain("435509******5232");
    expect(detail.textContent).toContain("masked_pan");
    expect(screen.getByText("Kayıt 120")).toBeTruthy();
  });

  it("verifies the chain on demand: intact, then a broken link named", async () => {
    let answer: AuditCheck = {
      entries: 120,
      verified_up_to: 120,
      broken_at: null,
      problem: null,
      checked_at: "2026-11-27T07:31:00Z",
    };
    backend({ audit_verify: () => answer });
    renderPage();
    const alert = await screen.findByTestId("audit-verify-result");
    expect(alert.dataset.state).toBe("unchecked");
    await userEvent.click(screen.getByTestId("audit-verify"));
    await waitFor(() => expect(screen.getByTestId("audit-verify-result").dataset.state).toBe("holds"));
    expect(screen.getByTestId("audit-verify-result").textContent).toContain("120 numaralı kayda kadar");
    answer = {
      entries: 120,
      verified_up_to: 6,
      broken_at: 7,
      problem: { tr: "7 numaralı kayıt değiştirilmiş", en: "entry 7 was changed" },
      checked_at: "2026-11-27T07:32:00Z",
    };
    await userEvent.click(screen.getByTestId("audit-verify"));
    await waitFor(() => expect(screen.getByTestId("audit-verify-result").dataset.state).toBe("broken"));
    expect(screen.getByTestId("audit-verify-result").textContent).toContain("7 numaralı kayıt değiştirilmiş");
  });

  it("shows the refusal of a user without view_audit", async () => {
    backend({
      audit_entries: () => {
        throw { code: "permission_denied", message: "Bu işlem için yetkiniz yok: denetim kaydını görme." };
      },
    });
    renderPage(["view_audit"]);
    const error = await screen.findByTestId("audit-error");
    expect(error.textContent).toContain("denetim kaydını görme");
    expect(screen.queryByTestId("audit-export")).toBeNull();
  });
});
