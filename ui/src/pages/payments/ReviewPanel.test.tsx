import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Permission, ReversalOutcome, ReviewState } from "../../api";
import i18n from "../../i18n";
import { SessionContext } from "../../session";
import { renderWithBackend } from "../../test/render";
import { sessionWith } from "../../test/session";
import { ReviewPanel } from "./ReviewPanel";

const IN_REVIEW: ReviewState = {
  attempt_id: 21,
  order_id: "T1-7-21",
  state: "manual_review",
  reason: "no definite answer after 4 inquiries: timeout",
  not_found_confirmed: false,
  not_found_at: null,
  next_check_at: null,
  suspicious: false,
  lost_replies: 2,
  can_send_again: false,
  can_close: false,
};
const CONFIRMED: ReviewState = {
  ...IN_REVIEW,
  not_found_confirmed: true,
  not_found_at: "2026-11-27T07:00:00Z",
  can_send_again: true,
  can_close: true,
};

type Call = { cmd: string; args: Record<string, unknown> };

function backend(state: ReviewState, answers: Record<string, ReviewState | ReversalOutcome | Error> = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === "review_state") return state;
    if (cmd in answers) {
      const answer = answers[cmd];
      if (answer instanceof Error) throw { code: "wrong_state", message: answer.message, field: null };
      return answer;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

function renderPanel(permissions: Permission[], onOutcome = vi.fn(), onVoided = vi.fn()) {
  renderWithBackend(
    <SessionContext.Provider value={sessionWith(permissions)}>
      <ReviewPanel attemptId={21} storeId={1} onOutcome={onOutcome} onVoided={onVoided} />
    </SessionContext.Provider>,
  );
  return { onOutcome, onVoided };
}

/** The text of the open confirmation dialog. */
async function confirmation(): Promise<string> {
  return (await screen.findByTestId("review-confirm-text")).textContent ?? "";
}

describe("ReviewPanel", () => {
  it("says why it is in review and when the engine asks again, and asks the bank after a confirmation", async () => {
    const calls = backend(IN_REVIEW, { review_ask_bank: { ...IN_REVIEW, state: "approved" } });
    const { onOutcome } = renderPanel(["submit_provisions", "view_reports"]);
    const why = await screen.findByTestId("review-why");
    expect(why.textContent).toContain("Bankaya sorulan sorular kesin bir cevap getirmedi");
    expect(why.textContent).toContain("Bankanın cevabı 2 kez kayboldu");
    expect(screen.getByTestId("review-next-check").textContent).toBe(
      "Motor bankaya bir sonraki tahsilat turunda kendiliğinden yeniden soracak.",
    );
    expect(screen.getByTestId("review-confirmed").textContent).toBe("Henüz hayır");
    expect(screen.getByTestId("review-engine-note").textContent).toContain("4 inquiries");
    // Not before the bank confirmed twice that it has no such order.
    expect(screen.getByTestId("review-send-again").hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("review-close").hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("review-needs-confirmation")).toBeTruthy();

    await userEvent.click(screen.getByTestId("review-ask"));
    expect(await confirmation()).toContain("Yalnızca sorgulanır: karttan hiçbir şey çekilmez.");
    expect(calls.some((c) => c.cmd === "review_ask_bank")).toBe(false);
    await userEvent.click(screen.getByTestId("review-confirm-ok"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "review_ask_bank")?.args).toMatchObject({ attemptId: 21 }));
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith({ type: "success", text: "Banka işlemi onaylı gösteriyor: ödeme tahsil edildi." }),
    );
  });

  it("does nothing when the confirmation is cancelled", async () => {
    const calls = backend(IN_REVIEW);
    renderPanel(["submit_provisions"]);
    await userEvent.click(await screen.findByTestId("review-ask"));
    await userEvent.click(await screen.findByTestId("review-confirm-cancel"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.map((c) => c.cmd)).toEqual(["review_state"]);
  });

  it("once the bank confirmed, closes as not charged saying nothing is charged twice", async () => {
    const calls = backend(CONFIRMED, { review_close_not_charged: { ...CONFIRMED, state: "withdrawn", can_close: false, can_send_again: false } });
    const { onOutcome } = renderPanel(["submit_provisions"]);
    expect((await screen.findByTestId("review-why")).textContent).toContain("iki kez bu siparişin kaydı olmadığını doğruladı");
    expect(screen.queryByTestId("review-next-check")).toBeNull();
    expect(screen.getByTestId("review-confirmed").textContent).toBe("Evet, iki kez");
    await userEvent.click(screen.getByTestId("review-close"));
    const text = await confirmation();
    expect(text).toContain("çekilmedi olarak kapatılır");
    expect(text).toContain("yeni bir sipariş numarasıyla");
    expect(text).toContain("İki kez çekim olmaz.");
    await userEvent.click(screen.getByTestId("review-confirm-ok"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "review_close_not_charged")?.args).toMatchObject({ attemptId: 21 }));
    await waitFor(() => expect(onOutcome).toHaveBeenCalledWith(expect.objectContaining({ type: "success" })));
  });

  it("sends the same order id again after a confirmation that names it", async () => {
    const calls = backend(CONFIRMED, { review_send_again: { ...CONFIRMED, state: "approved" } });
    renderPanel(["submit_provisions"]);
    await userEvent.click(await screen.findByTestId("review-send-again"));
    const text = await confirmation();
    expect(text).toContain("aynı sipariş numarasıyla (T1-7-21)");
    expect(text).toContain("iki kez çekim olmaz");
    await userEvent.click(screen.getByTestId("review-confirm-ok"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "review_send_again")?.args).toMatchObject({ attemptId: 21 }));
  });

  it("shows the backend's refusal in place", async () => {
    backend(CONFIRMED, { review_send_again: new Error("Bu deneme artık gönderilemez.") });
    renderPanel(["submit_provisions"]);
    await userEvent.click(await screen.findByTestId("review-send-again"));
    await userEvent.click(await screen.findByTestId("review-confirm-ok"));
    const refusal = await screen.findByTestId("review-action-error");
    expect(refusal.textContent).toBe("Bu deneme artık gönderilemez.");
    expect(refusal.dataset.code).toBe("wrong_state");
  });

  it("lets a viewer see where it stands but offers no action", async () => {
    backend(CONFIRMED);
    renderPanel(["view_reports"]);
    expect(await screen.findByTestId("review-no-permission")).toBeTruthy();
    for (const id of ["review-ask", "review-send-again", "review-close", "review-void"]) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
  });

  it("voids a suspicious booking at once after a confirmation, for a user who may void", async () => {
    const suspicious: ReviewState = { ...IN_REVIEW, suspicious: true, reason: "the bank marks it suspicious (Şüpheli)" };
    const reversal: ReversalOutcome = {
      reversal_id: 5,
      state: "approved",
      amount_minor: 123456,
      vps_code: "VPS-0000",
      host_code: "00",
      message: null,
    };
    const calls = backend(suspicious, { void_payment: reversal });
    const { onVoided } = renderPanel(["submit_provisions", "void"]);
    expect((await screen.findByTestId("review-why")).textContent).toContain("şüpheli olarak işaretlemiş");
    expect(screen.queryByTestId("review-send-again")).toBeNull();
    await userEvent.click(screen.getByTestId("review-void"));
    expect(await confirmation()).toContain("tutarın tamamı karta geri döner");
    await userEvent.click(screen.getByTestId("review-confirm-ok"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "void_payment")?.args).toMatchObject({ attemptId: 21 }));
    await waitFor(() => expect(onVoided).toHaveBeenCalledWith(reversal));
  });

  it("hides the void from a user who may not void", async () => {
    backend({ ...IN_REVIEW, suspicious: true });
    renderPanel(["submit_provisions"]);
    await screen.findByTestId("review-why");
    expect(screen.queryByTestId("review-void")).toBeNull();
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    backend({ ...IN_REVIEW, next_check_at: "2026-11-27T09:30:00Z" });
    renderPanel(["submit_provisions"]);
    const panel = await screen.findByTestId("review-panel");
    expect(within(panel).getByText("Review with the bank")).toBeTruthy();
    expect(screen.getByTestId("review-next-check").textContent).toBe("The engine asks the bank again by itself on 27.11.2026 12:30.");
    await userEvent.click(screen.getByTestId("review-ask"));
    expect(await confirmation()).toContain("It is only an inquiry: nothing is charged to the card.");
  });
});
