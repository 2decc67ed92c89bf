import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { PaymentActions, PaymentDetail, ReversalOutcome, ReviewState, TimelineEntry } from "../../api";
import i18n from "../../i18n";
import { paymentRowFixture } from "../../test/fixtures";
import { renderWithBackend } from "../../test/render";
import { PaymentDetailDrawer } from "./PaymentDetailDrawer";

const DECLINED: TimelineEntry = {
  kind: "sale",
  attempt_id: 10,
  reversal_id: null,
  order_id: "A",
  at: "2026-11-27T07:00:00Z",
  finished_at: "2026-11-27T07:00:01Z",
  state: "declined",
  amount_minor: 123456,
  currency: "TRY",
  installments: 1,
  masked_pan: "400000******0069",
  vps_code: "VPS-1005",
  host_code: "54",
  auth_code: null,
  rrn: null,
  message: "EXPIRED CARD",
  class: "hard_decline",
  explanation: { tr: "Kartın son kullanma tarihi geçmiş.", en: "The card has expired." },
  sends: 1,
  inquiries: 0,
};

const APPROVED: TimelineEntry = {
  kind: "sale",
  attempt_id: 11,
  reversal_id: null,
  order_id: "B",
  at: "2026-11-27T08:00:00Z",
  finished_at: "2026-11-27T08:00:01Z",
  state: "approved",
  amount_minor: 123456,
  currency: "TRY",
  installments: 1,
  masked_pan: "521807******2834",
  vps_code: "VPS-0000",
  host_code: "00",
  auth_code: "123456",
  rrn: null,
  message: null,
  class: "approved",
  explanation: { tr: "Onaylandı.", en: "Approved." },
  sends: 1,
  inquiries: 0,
};

/** Where attempt 11 stands when it is in review. */
const IN_REVIEW: ReviewState = {
  attempt_id: 11,
  order_id: "B",
  state: "manual_review",
  reason: null,
  not_found_confirmed: false,
  not_found_at: null,
  next_check_at: null,
  suspicious: false,
  lost_replies: 0,
  can_send_again: false,
  can_close: false,
};

function detail(actions: Partial<PaymentActions>, timeline: TimelineEntry[] = [DECLINED, APPROVED]): PaymentDetail {
  return {
    payment: paymentRowFixture({
      id: 7,
      plan_id: 2,
      status: "paid",
      masked_pan: "521807******2834",
      attempt_id: 11,
      order_id: "B",
      attempt_state: "approved",
      vps_code: "VPS-0000",
      host_code: "00",
      attempts: 2,
    }),
    customer_id: 3,
    plan_kind: "one_off",
    plan_status: "completed",
    plan_description: null,
    installments: 1,
    timeline,
    actions: {
      approved_attempt: 11,
      can_void: false,
      can_refund: false,
      refundable_minor: 123456,
      can_capture: false,
      capturable_minor: 0,
      can_retry_with_card: false,
      can_cancel_plan: false,
      ...actions,
    },
  };
}

describe("PaymentDetailDrawer", () => {
  it("shows the timeline with the host code explained in the user's language", async () => {
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return detail({});
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("timeline-explanation-0")).textContent).toBe("Kartın son kullanma tarihi geçmiş.");
    expect(screen.getByTestId("timeline-state-1").textContent).toBe("Onaylandı");
    expect(screen.getByTestId("payment-timeline").textContent).toContain("4000 00** **** 0069");
    await i18n.changeLanguage("en");
    expect((await screen.findByTestId("timeline-explanation-0")).textContent).toBe("The card has expired.");
  });

  it("offers only the actions the backend allows", async () => {
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return detail({ can_void: true });
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect(await screen.findByTestId("action-void")).toBeTruthy();
    expect(screen.queryByTestId("action-refund")).toBeNull();
    expect(screen.queryByTestId("action-retry")).toBeNull();
    expect(screen.queryByTestId("action-cancel-plan")).toBeNull();
  });

  it("shows a withdrawn attempt in grey with the reason it never reached the bank", async () => {
    const withdrawn = detail({}, [
      DECLINED,
      {
        ...APPROVED,
        state: "withdrawn",
        auth_code: null,
        vps_code: null,
        host_code: null,
        message: "plan_cancelled",
        class: null,
        explanation: {
          tr: "plan iptal edildi; bankaya ulaşmadığı için gönderilmedi",
          en: "the plan was cancelled; not sent, since it never reached the bank",
        },
      },
    ]);
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return withdrawn;
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    const tag = await screen.findByTestId("timeline-state-1");
    expect(tag.textContent).toBe("Geri çekildi (bankaya ulaşmadı)");
    expect(tag.className).not.toContain("ant-tag-orange");
    expect(screen.getByTestId("timeline-explanation-1").textContent).toBe("plan iptal edildi; bankaya ulaşmadığı için gönderilmedi");
    await i18n.changeLanguage("en");
    expect((await screen.findByTestId("timeline-state-1")).textContent).toBe("Withdrawn (never reached the bank)");
    expect(screen.getByTestId("timeline-explanation-1").textContent).toBe("the plan was cancelled; not sent, since it never reached the bank");
  });

  it("shows the review with the bank when the latest attempt is in manual review", async () => {
    const inReview = detail({ approved_attempt: null }, [DECLINED, { ...APPROVED, state: "manual_review", auth_code: null }]);
    inReview.payment.status = "attention";
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "payment_detail") return inReview;
      if (cmd === "review_state") {
        asked.push((args as { attemptId: number }).attemptId);
        return IN_REVIEW;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("review-panel")).textContent).toContain("Banka incelemesi");
    expect(asked).toEqual([11]);
  });

  it("names a pre-authorisation and its capture in both languages", async () => {
    const preAuth: TimelineEntry = { ...APPROVED, kind: "pre_auth" };
    const capture: TimelineEntry = { ...APPROVED, kind: "capture", reversal_id: 4, auth_code: null, explanation: null };
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return detail({}, [preAuth, capture]);
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("timeline-0")).textContent).toContain("Ön provizyon");
    expect(screen.getByTestId("timeline-1").textContent).toContain("Provizyon kapama");
    await i18n.changeLanguage("en");
    expect((await screen.findByTestId("timeline-0")).textContent).toContain("Pre-authorisation");
    expect(screen.getByTestId("timeline-1").textContent).toContain("Capture");
  });

  it("shows the review with the bank for a pre-authorisation in manual review too", async () => {
    const inReview = detail({ approved_attempt: null }, [{ ...APPROVED, kind: "pre_auth", state: "manual_review", auth_code: null }]);
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return inReview;
      if (cmd === "review_state") return IN_REVIEW;
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect(await screen.findByTestId("review-panel")).toBeTruthy();
  });

  it("shows no review for a payment whose latest attempt is settled", async () => {
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return detail({});
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    await screen.findByTestId("payment-timeline");
    expect(screen.queryByTestId("review-panel")).toBeNull();
  });

  it("captures an open pre-authorisation in part, never above what was authorised", async () => {
    const held = detail({ can_capture: true, can_void: true, capturable_minor: 123456, refundable_minor: 0 }, [{ ...APPROVED, kind: "pre_auth" }]);
    held.payment.status = "authorized";
    let captured = false;
    const sent: { attemptId: number; amount: string | null }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "payment_detail") {
        if (!captured) return held;
        return detail({ can_refund: true, refundable_minor: 100000 }, [
          { ...APPROVED, kind: "pre_auth" },
          { ...APPROVED, kind: "capture", reversal_id: 4, amount_minor: 100000, auth_code: null, explanation: null },
        ]);
      }
      if (cmd === "capture_payment") {
        sent.push(args as { attemptId: number; amount: string | null });
        captured = true;
        const outcome: ReversalOutcome = { reversal_id: 4, state: "approved", amount_minor: 100000, vps_code: "VPS-0000", host_code: "00", message: null };
        return outcome;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("payment-detail-status")).textContent).toBe("Ön provizyon alındı");
    expect(screen.getByTestId("action-void").textContent).toBe("Provizyonu iptal et");
    expect(screen.queryByTestId("action-refund")).toBeNull();
    expect(screen.queryByTestId("action-receipt")).toBeNull();
    await userEvent.click(screen.getByTestId("action-capture"));

    // Starts at all that was authorised; more is refused at once, and the button is disabled.
    const amount = (await screen.findByTestId("capture-amount")) as HTMLInputElement;
    expect(amount.value).toBe("1.234,56");
    expect(screen.getByTestId("capture-note").textContent).toBe("Karttan 1.234,56 ₺ tahsil edilecek.");
    await userEvent.clear(amount);
    await userEvent.type(amount, "1.234,57");
    expect(await screen.findByText("En çok onaylanan 1.234,56 ₺ tahsil edilebilir.")).toBeTruthy();
    expect((screen.getByTestId("capture-submit") as HTMLButtonElement).disabled).toBe(true);

    await userEvent.clear(amount);
    await userEvent.type(amount, "1.000,00");
    expect(screen.getByTestId("capture-note").textContent).toBe("Karttan 1.000,00 ₺ tahsil edilecek; kalan 234,56 ₺ blokesi kalkar.");
    await userEvent.click(screen.getByTestId("capture-submit"));
    await waitFor(() => expect(sent).toEqual([{ attemptId: 11, amount: "1.000,00" }]));
    expect((await screen.findByTestId("action-outcome")).textContent).toBe("Banka onayladı: 1.000,00 ₺.");
    // The timeline shows the capture; the capture's receipt and a refund are offered now.
    expect((await screen.findByTestId("timeline-1")).textContent).toContain("Provizyon kapama");
    expect(screen.queryByTestId("action-capture")).toBeNull();
    expect(screen.getByTestId("action-refund")).toBeTruthy();
    expect(screen.getByTestId("action-receipt")).toBeTruthy();
  });

  it("names the pre-authorisation's actions in English and hides them from a viewer", async () => {
    const held = detail({ can_capture: true, can_void: true, capturable_minor: 123456, refundable_minor: 0 }, [{ ...APPROVED, kind: "pre_auth" }]);
    held.payment.status = "authorized";
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return held;
      throw new Error(`unexpected ${cmd}`);
    });
    await i18n.changeLanguage("en");
    const { unmount } = renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("action-capture")).textContent).toBe("Capture");
    expect(screen.getByTestId("action-void").textContent).toBe("Void pre-authorisation");
    await userEvent.click(screen.getByTestId("action-void"));
    expect(await screen.findByText("Void the pre-authorisation? The hold on the card is released and nothing is taken.")).toBeTruthy();
    unmount();

    const seen = detail({ can_capture: false, can_void: false, capturable_minor: 123456, refundable_minor: 0 }, [{ ...APPROVED, kind: "pre_auth" }]);
    seen.payment.status = "authorized";
    mockIPC((cmd) => {
      if (cmd === "payment_detail") return seen;
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("payment-detail-status")).textContent).toBe("Pre-authorised");
    expect(screen.queryByTestId("action-capture")).toBeNull();
    expect(screen.queryByTestId("action-void")).toBeNull();
  });
});
