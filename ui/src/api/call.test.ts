import { afterEach, describe, expect, it, vi } from "vitest";
import { call, onSessionExpired } from "./call";

const expired = { code: "session_expired", message: "Oturum süresi doldu.", field: null };

afterEach(() => onSessionExpired(undefined));

describe("call", () => {
  it("asks for the password when the session expired, then runs the same call again", async () => {
    const reauth = vi.fn(() => Promise.resolve());
    onSessionExpired(reauth);
    let attempts = 0;
    const result = await call(async () => {
      attempts += 1;
      if (attempts === 1) throw expired;
      return "saved";
    });
    expect(result).toBe("saved");
    expect(attempts).toBe(2);
    expect(reauth).toHaveBeenCalledOnce();
  });

  it("gives up with the original error when the user does not sign in again", async () => {
    onSessionExpired(() => Promise.reject(new Error("gave up")));
    await expect(call(() => Promise.reject(expired))).rejects.toMatchObject({ code: "session_expired" });
  });

  it("passes other errors through as ApiError without asking anything", async () => {
    const reauth = vi.fn(() => Promise.resolve());
    onSessionExpired(reauth);
    await expect(
      call(() => Promise.reject({ code: "permission_denied", message: "Yetkiniz yok.", field: null })),
    ).rejects.toMatchObject({ code: "permission_denied", message: "Yetkiniz yok." });
    expect(reauth).not.toHaveBeenCalled();
  });
});
