import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { SessionInfo } from "../api";
import i18n from "../i18n";
import { renderWithBackend } from "../test/render";
import { ChoosePasswordPage } from "./ChoosePasswordPage";

const MUST: SessionInfo = { user_id: 3, user_name: "ayse", role: "operator", permissions: [], must_change_password: true };
const DONE: SessionInfo = {
  ...MUST,
  must_change_password: false,
  permissions: [{ permission: "view_reports", all_stores: true, store_ids: [] }],
};

describe("ChoosePasswordPage", () => {
  it("sets the new password typed twice and hands back the session", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return DONE;
    });
    const chosen = vi.fn();
    renderWithBackend(<ChoosePasswordPage session={MUST} onChosen={chosen} onSignOut={() => {}} />);
    expect(screen.getByText(/ayse, parolanız bir yönetici tarafından sıfırlandı/)).toBeTruthy();
    await userEvent.type(screen.getByTestId("choose-password-new"), "kendi parolam 12");
    expect(screen.getByTestId("choose-password-save")).toHaveProperty("disabled", true);
    await userEvent.type(screen.getByTestId("choose-password-again"), "kendi parolam 12");
    await userEvent.click(screen.getByTestId("choose-password-save"));
    await waitFor(() => expect(chosen).toHaveBeenCalledWith(DONE));
    expect(calls).toEqual([{ cmd: "choose_new_password", args: { newPassword: "kendi parolam 12" } }]);
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    mockIPC(() => DONE);
    renderWithBackend(<ChoosePasswordPage session={MUST} onChosen={() => {}} onSignOut={() => {}} />);
    expect(screen.getByText("Choose your new password")).toBeTruthy();
    expect(screen.getByText(/ayse, your password was reset by an administrator/)).toBeTruthy();
  });
});
