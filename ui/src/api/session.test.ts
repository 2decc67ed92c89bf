import { describe, expect, it } from "vitest";
import { can, type SessionInfo } from "./session";

const operator: SessionInfo = {
  user_id: 2,
  user_name: "ayse",
  role: "custom",
  permissions: [
    { permission: "create_collections", all_stores: true, store_ids: [] },
    { permission: "refund", all_stores: false, store_ids: [3] },
  ],
  must_change_password: false,
};

describe("can", () => {
  it("follows the grants the backend reported, per store", () => {
    expect(can(operator, "create_collections", 7)).toBe(true);
    expect(can(operator, "refund", 3)).toBe(true);
    expect(can(operator, "refund", 4)).toBe(false);
    expect(can(operator, "refund")).toBe(true);
    expect(can(operator, "manage_users")).toBe(false);
    expect(can(undefined, "create_collections")).toBe(false);
  });
});
