import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Grant, Permission, RolePreset, SessionInfo, UserInfo } from "../../api";
import { SessionContext } from "../../session";
import { storeFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { UserAccessModal } from "./UserAccessModal";

const ALL: Permission[] = [
  "create_collections",
  "import_batches",
  "submit_provisions",
  "void",
  "refund",
  "replace_card",
  "view_reports",
  "export",
  "manage_stores",
  "manage_users",
  "view_audit",
];
const PRESETS: RolePreset[] = [
  { role: "admin", permissions: ALL, all_stores_only: true },
  { role: "operator", permissions: ["create_collections", "view_reports"], all_stores_only: false },
  { role: "viewer", permissions: ["view_reports"], all_stores_only: false },
];
const on = (permission: Permission, store: number): Grant => ({ permission, scope: { scope: "store", store_id: store } });

const USER: UserInfo = {
  id: 5,
  name: "ayse",
  role: "viewer",
  disabled: false,
  locked_until: null,
  must_change_password: false,
  // Store 9 is not one the signed-in user sees: its grant is kept as it is.
  grants: [on("view_reports", 1), on("view_reports", 9)],
};

/** A manager of users on store 1 only, holding the operator's permissions there. */
const MANAGER: SessionInfo = {
  user_id: 2,
  user_name: "mudur",
  role: "custom",
  permissions: (["create_collections", "view_reports", "manage_users"] as Permission[]).map((permission) => ({
    permission,
    all_stores: false,
    store_ids: [1],
  })),
  must_change_password: false,
};

function backend(failure?: { code: string; message: string }) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === "role_presets") return PRESETS;
    if (cmd === "list_stores") return [storeFixture({ id: 1, name: "Merkez" }), storeFixture({ id: 2, name: "Şube" })];
    if (cmd === "set_user_grants") {
      if (failure) throw { ...failure, field: null };
      return [USER];
    }
    return null;
  });
  return calls;
}

function renderGrid(saved = vi.fn()) {
  renderWithBackend(
    <SessionContext.Provider value={MANAGER}>
      <UserAccessModal user={USER} onClose={() => {}} onSaved={saved} />
    </SessionContext.Provider>,
  );
  return saved;
}

describe("UserAccessModal", () => {
  it("offers only the cells the signed-in user holds and fills a column from a preset", async () => {
    const calls = backend();
    const saved = renderGrid();
    const mine = await screen.findByTestId("access-create_collections-1");
    expect(mine).toHaveProperty("disabled", false);
    expect(screen.getByTestId("access-create_collections-2")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("access-refund-1")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("access-view_reports-all")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("access-view_reports-1")).toHaveProperty("checked", true);

    const picker = screen.getByTestId("access-preset-1");
    await userEvent.click(picker.querySelector(".ant-select-selector") ?? picker);
    const option = await waitFor(() => {
      const found = Array.from(document.querySelectorAll(".ant-select-item-option")).find(
        (el) => el.textContent === "Operatör",
      );
      expect(found).toBeDefined();
      return found as HTMLElement;
    });
    await userEvent.click(option);
    expect(screen.getByTestId("access-create_collections-1")).toHaveProperty("checked", true);

    await userEvent.click(screen.getByTestId("access-save"));
    await waitFor(() => expect(saved).toHaveBeenCalledOnce());
    const sent = calls.find((c) => c.cmd === "set_user_grants")!;
    expect(sent.args.name).toBe("ayse");
    expect(sent.args.grants).toEqual(
      expect.arrayContaining([on("view_reports", 9), on("create_collections", 1), on("view_reports", 1)]),
    );
    expect(sent.args.grants).toHaveLength(3);
  });

  it("shows the backend's refusal and keeps the grid open", async () => {
    backend({ code: "grant_beyond_own", message: "Kendinizde olmayan bir yetkiyi veremez ya da geri alamazsınız: iade (Şube mağazası)." });
    const saved = renderGrid();
    await screen.findByTestId("access-create_collections-1");
    await userEvent.click(screen.getByTestId("access-create_collections-1"));
    await userEvent.click(screen.getByTestId("access-save"));
    const alert = await screen.findByTestId("access-error");
    expect(within(alert).getByText(/iade \(Şube mağazası\)/)).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
  });
});
