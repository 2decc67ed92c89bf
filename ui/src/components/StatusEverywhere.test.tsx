import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { PAYMENT_STATUSES, type PaymentDetail, type PaymentPage, type PaymentRow, type PaymentStatus } from "../api";
import { BatchPayments } from "../pages/ImportBatches";
import { PaymentDetailDrawer } from "../pages/payments/PaymentDetailDrawer";
import { PaymentsPage } from "../pages/payments/PaymentsPage";
import { paymentRowFixture } from "../test/fixtures";
import { renderWithBackend } from "../test/render";
import { STATUS_COLOURS } from "./StatusTag";

/** Payment 1 in `status`, as every view of it is told by the backend. */
function backend(status: PaymentStatus) {
  const row: PaymentRow = paymentRowFixture({ id: 1, status, customer_ref: "D-1" });
  const detail: PaymentDetail = {
    payment: row,
    customer_id: 1,
    plan_kind: "one_off",
    plan_status: "active",
    plan_description: null,
    installments: 1,
    timeline: [],
    actions: {
      approved_attempt: null,
      can_void: false,
      can_refund: false,
      refundable_minor: 0,
      can_capture: false,
      capturable_minor: 0,
      can_retry_with_card: false,
      can_cancel_plan: false,
    },
  };
  mockIPC((cmd) => {
    if (cmd === "list_stores") return [];
    if (cmd === "list_payments") return { total: 1, offset: 0, rows: [row] } satisfies PaymentPage;
    if (cmd === "list_batch_payments") return [row];
    if (cmd === "payment_detail") return detail;
    throw new Error(`unexpected command ${cmd}`);
  });
}

/** The tag's words and its colour (Ant Design's class for it; none for the neutral one). */
function looks(tag: Element) {
  const colour = [...tag.classList].find((c) => c.startsWith("ant-tag-") && !c.startsWith("ant-tag-has")) ?? "";
  return { words: tag.textContent, colour };
}

async function statusTag(testId: string, status: PaymentStatus) {
  const holder = await screen.findByTestId(testId);
  const tag = holder.querySelector(`.ant-tag[data-status="${status}"]`) ?? (holder.matches(".ant-tag") ? holder : null);
  if (!tag) throw new Error(`no status tag in ${testId}`);
  return looks(tag);
}

describe("a payment's status", () => {
  it.each(PAYMENT_STATUSES)("%s has the same word and colour in the import batch, the payments list and the payment's detail", async (status) => {
    backend(status);
    const batch = renderWithBackend(<BatchPayments batchId={3} />);
    const inBatch = await statusTag("batch-payment-D-1", status);
    batch.unmount();

    const list = renderWithBackend(<PaymentsPage />);
    const inList = await statusTag(`payment-status-1`, status);
    list.unmount();

    const drawer = renderWithBackend(<PaymentDetailDrawer id={1} onClose={() => {}} />);
    const inDrawer = await statusTag("payment-detail-status", status);
    drawer.unmount();

    expect(inList).toEqual(inBatch);
    expect(inDrawer).toEqual(inBatch);
    expect(inBatch.words).toBeTruthy();
    if (STATUS_COLOURS[status] !== "default") expect(inBatch.colour).toBe(`ant-tag-${STATUS_COLOURS[status]}`);
  });
});
