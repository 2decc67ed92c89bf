import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import i18n from "../../i18n";
import { renderWithBackend } from "../../test/render";
import { PaymentDetailDrawer } from "./PaymentDetailDrawer";

function detail(actions: Record<string, unknown>) {
  return {
    payment: {
      id: 7,
      planId: 2,
      store: "Sandbox",
      storeId: 1,
      customerRef: "D-1",
      customerName: "Ayşe Yılmaz",
      amountMinor: 123456,
      currency: "TRY",
      dueDate: "2026-11-27",
      status: "paid",
      nextTryOn: null,
      maskedPan: "521807******2834",
      orderId: "B",
      attemptState: "approved",
      vpsCode: "VPS-0000",
      hostCode: "00",
      message: null,
      attempts: 2,
      attention: null,
    },
    customerId: 3,
    planKind: "one_off",
    planStatus: "completed",
    planDescription: null,
    installments: 1,
    timeline: [
      {
        kind: "sale",
        attemptId: 10,
        reversalId: null,
        orderId: "A",
        at: "2026-11-27T07:00:00Z",
        finishedAt: "2026-11-27T07:00:01Z",
        state: "declined",
        amountMinor: 123456,
        currency: "TRY",
        installments: 1,
        maskedPan: "400000******0069",
        vpsCode: "VPS-1005",
        hostCode: "54",
        authCode: null,
        message: "EXPIRED CARD",
        class: "hard_decline",
        explanationTr: "Kartın son kullanma tarihi geçmiş.",
        explanationEn: "The card has expired.",
      },
      {
        kind: "sale",
        attemptId: 11,
        reversalId: null,
        orderId: "B",
        at: "2026-11-27T08:00:00Z",
        finishedAt: "2026-11-27T08:00:01Z",
        state: "approved",
        amountMinor: 123456,
        currency: "TRY",
        installments: 1,
        maskedPan: "521807******2834",
        vpsCode: "VPS-0000",
        hostCode: "00",
        authCode: "123456",
        message: null,
        class: "approved",
        explanationTr: "Onaylandı.",
        explanationEn: "Approved.",
      },
    ],
    actions: {
      approvedAttempt: 11,
      canVoid: false,
      canRefund: false,
      refundableMinor: 123456,
      canRetryWithCard: false,
      canCancelPlan: false,
      ...actions,
    },
  };
}

/** A detail whose fields a test may change freely. */
type Loose = { payment: Record<string, unknown>; timeline: Record<string, unknown>[] };

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
      if (cmd === "payment_detail") return detail({ canVoid: true });
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect(await screen.findByTestId("action-void")).toBeTruthy();
    expect(screen.queryByTestId("action-refund")).toBeNull();
    expect(screen.queryByTestId("action-retry")).toBeNull();
    expect(screen.queryByTestId("action-cancel-plan")).toBeNull();
  });

  it("shows a withdrawn attempt in grey with the reason it never reached the bank", async () => {
    const withdrawn = detail({}) as unknown as Loose;
    withdrawn.timeline[1] = {
      ...withdrawn.timeline[1],
      state: "withdrawn",
      authCode: null,
      vpsCode: null,
      hostCode: null,
      message: "plan_cancelled",
      class: null,
      explanationTr: "plan iptal edildi; bankaya ulaşmadığı için gönderilmedi",
      explanationEn: "the plan was cancelled; not sent, since it never reached the bank",
    };
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
    const inReview = detail({ approvedAttempt: null }) as unknown as Loose;
    inReview.payment.status = "attention";
    inReview.timeline[1] = { ...inReview.timeline[1], state: "manual_review", authCode: null };
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "payment_detail") return inReview;
      if (cmd === "review_state") {
        asked.push((args as { attemptId: number }).attemptId);
        return {
          attemptId: 11,
          orderId: "B",
          state: "manual_review",
          reason: null,
          notFoundConfirmed: false,
          notFoundAt: null,
          nextCheckAt: null,
          suspicious: false,
          lostReplies: 0,
          canSendAgain: false,
          canClose: false,
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithBackend(<PaymentDetailDrawer id={7} onClose={() => {}} />);
    expect((await screen.findByTestId("review-panel")).textContent).toContain("Banka incelemesi");
    expect(asked).toEqual([11]);
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
});
