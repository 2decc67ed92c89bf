import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { PlanChangeInput, PlanChangeSet } from "../../api";
import { renderWithBackend } from "../../test/render";
import { PlanChangeButton } from "./PlanChangeModal";
import { changeKinds } from "./planChangeInput";

type Call = { cmd: string; args: Record<string, unknown> };

const RAISED: PlanChangeSet = {
  plan_id: 7,
  store_id: 1,
  change: "amount",
  currency: "TRY",
  status_before: "active",
  status_after: "active",
  amount_before: 50000,
  amount_after: 60000,
  payments: [
    { payment_id: 12, occurrence: 2, due_date: "2027-01-27", effect: "amount", amount_before: 50000, amount_after: 60000 },
    { payment_id: 13, occurrence: 3, due_date: "2027-02-27", effect: "amount", amount_before: 50000, amount_after: 60000 },
  ],
};

function backend(refuse = false) {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "preview_plan_change" || cmd === "change_plan") {
      if (refuse) throw { code: "wrong_state", message: "Plan 7 bu işleme uygun durumda değil: iptal edilmiş.", field: null };
      return RAISED;
    }
    if (cmd === "list_payments") return { rows: [], total: 0 };
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

const PLAN = { id: 7, status: "active" as const, kind: "recurring" as const, currency: "TRY" };

describe("PlanChangeModal", () => {
  it("offers the changes the plan's state allows", () => {
    expect(changeKinds("active", "recurring")).toEqual(["pause", "amount", "end", "skip", "cancel"]);
    expect(changeKinds("paused", "one_off")).toEqual(["resume", "amount", "cancel"]);
    expect(changeKinds("cancelled", "recurring")).toEqual([]);
  });

  it("lists what a new amount from a date changes before saving, then saves the same change", async () => {
    const calls = backend();
    renderWithBackend(<PlanChangeButton plan={PLAN} />);
    await userEvent.click(screen.getByTestId("plan-change-open-7"));
    await userEvent.click(await screen.findByText("Tutarı değiştir"));
    expect((screen.getByTestId("plan-change-save") as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByTestId("plan-change-amount"), "600,00");
    const from = screen.getByTestId("plan-change-from");
    await userEvent.clear(from);
    await userEvent.type(from, "01.01.2027");
    const preview = await screen.findByTestId("plan-change-preview");
    expect(preview.dataset.count).toBe("2");
    expect(screen.getByTestId("plan-change-row-0").textContent).toContain("500,00 ₺");
    expect(screen.getByTestId("plan-change-row-0").textContent).toContain("600,00 ₺");
    expect(screen.getByTestId("plan-change-plan-amount").textContent).toContain("600,00 ₺");
    const asked = calls.filter((c) => c.cmd === "preview_plan_change").at(-1);
    const wanted: PlanChangeInput = { change: "amount", amount: "600,00", from: "2027-01-01" };
    expect(asked?.args).toMatchObject({ planId: 7, change: wanted });

    await waitFor(() => expect((screen.getByTestId("plan-change-save") as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(screen.getByTestId("plan-change-save"));
    expect((await screen.findByTestId("plan-change-saved")).textContent).toContain("2 ödeme etkilendi");
    expect(calls.find((c) => c.cmd === "change_plan")?.args).toMatchObject({ planId: 7, change: wanted });
  });

  it("shows a refusal in the user's language and cannot save", async () => {
    const calls = backend(true);
    renderWithBackend(<PlanChangeButton plan={PLAN} />);
    await userEvent.click(screen.getByTestId("plan-change-open-7"));
    expect((await screen.findByTestId("plan-change-preview-error")).textContent).toContain("iptal edilmiş");
    expect((screen.getByTestId("plan-change-save") as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.cmd === "change_plan")).toBe(false);
  });

  it("is not offered for a cancelled plan", () => {
    backend();
    renderWithBackend(<PlanChangeButton plan={{ ...PLAN, status: "cancelled" }} />);
    expect(screen.queryByTestId("plan-change-open-7")).toBeNull();
  });
});
