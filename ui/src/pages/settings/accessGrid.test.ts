import { describe, expect, it } from "vitest";
import type { Grant, Permission, RolePreset, SessionInfo } from "../../api";
import { cellsOf, coveredByAll, grantsOf, mayChange, presetOf, toggled, withPreset } from "./accessGrid";

const ALL: Permission[] = ["create_collections", "refund", "view_reports", "manage_users"];
const VIEWER: RolePreset = { role: "viewer", permissions: ["view_reports"], all_stores_only: false };
const everywhere = (permission: Permission): Grant => ({ permission, scope: { scope: "all_stores" } });
const on = (permission: Permission, store: number): Grant => ({ permission, scope: { scope: "store", store_id: store } });

describe("accessGrid", () => {
  it("turns grants into cells and back, a preset filling one column only", () => {
    let cells = cellsOf([on("refund", 1), everywhere("view_reports")]);
    expect(coveredByAll(cells, "view_reports", 1)).toBe(true);
    expect(presetOf(cells, "all", [VIEWER], ALL)).toBe(VIEWER);
    cells = withPreset(cells, 2, VIEWER, ALL);
    cells = toggled(cells, "refund", 1, false);
    expect(grantsOf(cells)).toEqual([everywhere("view_reports"), on("view_reports", 2)]);
    expect(presetOf(withPreset(cells, 2, null, ALL), 2, [VIEWER], ALL)).toBeUndefined();
  });

  it("lets a user change only what they hold where they manage users", () => {
    const session: SessionInfo = {
      user_id: 1,
      user_name: "mudur",
      role: "custom",
      permissions: [
        { permission: "refund", all_stores: true, store_ids: [] },
        { permission: "manage_users", all_stores: false, store_ids: [1] },
      ],
      must_change_password: false,
    };
    expect(mayChange(session, "refund", 1)).toBe(true);
    expect(mayChange(session, "refund", 2)).toBe(false);
    expect(mayChange(session, "refund", "all")).toBe(false);
    expect(mayChange(session, "view_reports", 1)).toBe(false);
  });
});
