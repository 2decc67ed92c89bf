import type { CollectionKind, PlanChangeInput, PlanStatus } from "../../api";
import { parseAmount } from "../../forms/amount";
import { parseDateInput } from "../../forms/dateInput";

/** The changes an operator may make to a running plan. */
export type ChangeKind = "pause" | "resume" | "amount" | "end" | "skip" | "cancel";

/** The change form's values, as typed. */
export interface ChangeValues {
  kind: ChangeKind;
  amount?: string;
  from?: string;
  endMode?: "count" | "until";
  count?: number;
  until?: string;
  paymentId?: number;
}

/** The changes a plan in `status` offers: an ended plan none; end and skip for recurring plans. */
export function changeKinds(status: PlanStatus, kind: CollectionKind): ChangeKind[] {
  if (status !== "active" && status !== "paused") return [];
  const recurring = kind === "recurring";
  return [
    status === "active" ? "pause" : "resume",
    "amount",
    ...(recurring ? (["end", "skip"] as const) : []),
    "cancel",
  ];
}

/** A field's problem as a text key, or null when the change can be previewed. */
export function changeProblem(values: ChangeValues): { field: keyof ChangeValues; key: string } | null {
  switch (values.kind) {
    case "amount": {
      const amount = parseAmount(values.amount ?? "");
      if (!amount.ok) return { field: "amount", key: `forms.amount.${amount.problem}` };
      if (values.from && parseDateInput(values.from) === null) return { field: "from", key: "collection.dateFormat" };
      return null;
    }
    case "end":
      if (values.endMode === "until") {
        if (!values.until || parseDateInput(values.until) === null) return { field: "until", key: "collection.dateFormat" };
      } else if (!values.count || values.count < 1 || values.count > 520) {
        return { field: "count", key: "plans.countRange" };
      }
      return null;
    case "skip":
      return values.paymentId === undefined ? { field: "paymentId", key: "plans.noScheduled" } : null;
    default:
      return null;
  }
}

/** What the backend takes; call only when `changeProblem` found nothing. */
export function changeInput(values: ChangeValues): PlanChangeInput {
  switch (values.kind) {
    case "amount":
      return { change: "amount", amount: values.amount ?? "", from: values.from ? parseDateInput(values.from) : null };
    case "end":
      return values.endMode === "until"
        ? { change: "end", count: null, until: parseDateInput(values.until ?? "") }
        : { change: "end", count: values.count ?? null, until: null };
    case "skip":
      return { change: "skip", payment_id: values.paymentId ?? 0 };
    default:
      return { change: values.kind };
  }
}
