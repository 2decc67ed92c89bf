import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithBackend } from "../test/render";
import { ChangePasswordModal } from "./ChangePasswordModal";

function backend(wrongCurrent = false) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (wrongCurrent) throw { code: "invalid_input", message: "Şu anki parolanız yanlış.", field: "current password" };
    return null;
  });
  return calls;
}

async function fill(current: string, next: string, again: string) {
  await userEvent.type(screen.getByTestId("change-password-current"), current);
  await userEvent.type(screen.getByTestId("change-password-new"), next);
  await userEvent.type(screen.getByTestId("change-password-again"), again);
}

describe("ChangePasswordModal", () => {
  it("asks the current password and the new one twice, then says it is changed", async () => {
    const calls = backend();
    renderWithBackend(<ChangePasswordModal open onClose={() => {}} />);
    await fill("eski parola 123", "yeni parola 1234", "yeni parola 123");
    expect(screen.getByTestId("change-password-save")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("rule-match").dataset.ok).toBe("false");
    await userEvent.type(screen.getByTestId("change-password-again"), "4");
    await userEvent.click(screen.getByTestId("change-password-save"));
    await screen.findByTestId("change-password-done");
    expect(screen.getByText("Parolanız değiştirildi.")).toBeTruthy();
    expect(calls).toEqual([
      { cmd: "change_my_password", args: { current: "eski parola 123", newPassword: "yeni parola 1234" } },
    ]);
  });

  it("shows a wrong current password", async () => {
    backend(true);
    renderWithBackend(<ChangePasswordModal open onClose={() => {}} />);
    await fill("yanlis parola 1", "yeni parola 1234", "yeni parola 1234");
    await userEvent.click(screen.getByTestId("change-password-save"));
    await waitFor(() => expect(screen.getByTestId("change-password-error").textContent).toContain("Şu anki parolanız yanlış."));
  });
});
