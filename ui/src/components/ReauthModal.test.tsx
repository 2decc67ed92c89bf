import { useState } from "react";
import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { fetchSessionInfo, type SessionInfo } from "../api";
import { renderWithBackend } from "../test/render";
import { ReauthModal } from "./ReauthModal";

const SESSION: SessionInfo = { user_id: 1, user_name: "yonetici", role: "admin", permissions: [], must_change_password: false };

/** A screen with unsaved input that saves through the backend. */
function Editor() {
  const [text, setText] = useState("");
  const [saved, setSaved] = useState("");
  return (
    <>
      <input data-testid="draft" value={text} onChange={(e) => setText(e.target.value)} />
      <button onClick={() => void fetchSessionInfo().then((s) => setSaved(`${text} by ${s.user_name}`))}>save</button>
      <span data-testid="saved">{saved}</span>
    </>
  );
}

describe("ReauthModal", () => {
  it("asks for the password over the screen, keeps its input, and retries the call", async () => {
    let signedIn = false;
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "session_info") {
        if (!signedIn) throw { code: "session_expired", message: "Oturumun süresi doldu.", field: null };
        return SESSION;
      }
      if (cmd === "sign_in") {
        expect(args).toEqual({ name: "yonetici", password: "dogru-parola-123" });
        signedIn = true;
        return SESSION;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(
      <>
        <Editor />
        <ReauthModal userName="yonetici" onSignedIn={() => {}} onGiveUp={() => {}} />
      </>,
    );
    await userEvent.type(screen.getByTestId("draft"), "kaydedilmemiş not");
    await userEvent.click(screen.getByText("save"));
    expect(await screen.findByText("Oturum süresi doldu")).toBeTruthy();
    expect(screen.getByTestId("signin-name")).toHaveProperty("value", "yonetici");
    await userEvent.type(screen.getByTestId("signin-password"), "dogru-parola-123");
    await userEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(screen.getByTestId("saved").textContent).toBe("kaydedilmemiş not by yonetici"));
    expect(screen.getByTestId("draft")).toHaveProperty("value", "kaydedilmemiş not");
    expect(calls).toEqual(["session_info", "sign_in", "session_info"]);
  });
});
