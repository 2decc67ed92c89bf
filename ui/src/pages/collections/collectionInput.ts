import type { CollectionInput, CollectionKind, ProvisionKind } from "../../api";
import { parseAmount } from "../../forms/amount";
import { installmentProblem } from "../../forms/card";
import { parseDateInput } from "../../forms/dateInput";

/**
 * The kinds the form offers: the stored kinds, and merchant instalments (a total the merchant
 * splits into monthly charges, saved as a recurring plan whose payments carry their own amounts).
 */
export type FormKind = CollectionKind | "merchant";

/** The new collection form's values, as typed. */
export interface CollectionValues {
  kind: FormKind;
  /** A sale, or a pre-authorisation captured later (one-off and installment sales only). */
  provision?: ProvisionKind;
  amount?: string;
  currency?: string;
  date?: string;
  installments?: number;
  every?: number;
  unit?: "d" | "w" | "m";
  endMode?: "count" | "until";
  count?: number;
  until?: string;
  description?: string;
}

/** A field's problem, as a text key (with the installment cap where it applies). */
export interface CollectionProblem {
  field: keyof CollectionValues;
  key: string;
  cap?: number;
}

/** The first problem a field has, or null when the form can be previewed. */
export function collectionProblem(values: CollectionValues, maxInstallments: number): CollectionProblem | null {
  const amount = parseAmount(values.amount ?? "");
  if (!amount.ok) return { field: "amount", key: `forms.amount.${amount.problem}` };
  if (values.date && parseDateInput(values.date) === null) return { field: "date", key: "collection.dateFormat" };
  if (values.kind === "installment") {
    const problem = installmentProblem(values.installments ?? 0, maxInstallments);
    if (problem) return { field: "installments", key: `forms.installments.${problem}`, cap: maxInstallments };
  }
  if (values.kind === "merchant" && (!values.count || values.count < 2 || values.count > 520)) {
    return { field: "count", key: "collection.merchantCountRange" };
  }
  if (values.kind === "recurring") {
    if (!values.every || values.every < 1 || values.every > 99) return { field: "every", key: "collection.everyRange" };
    if (values.endMode === "until") {
      if (!values.until || parseDateInput(values.until) === null) return { field: "until", key: "collection.dateFormat" };
    } else if (!values.count || values.count < 1) {
      return { field: "count", key: "collection.countRequired" };
    }
  }
  return null;
}

/** What the backend takes; call only when `collectionProblem` found nothing. */
export function collectionInput(customerId: number, values: CollectionValues): CollectionInput {
  if (values.kind === "merchant") {
    return {
      customer_id: customerId,
      amount: values.amount ?? "",
      currency: values.currency ?? "TRY",
      start_date: values.date ? parseDateInput(values.date) : null,
      kind: "recurring",
      installments: null,
      cadence: "1m",
      count: values.count ?? null,
      until: null,
      split: true,
      description: values.description?.trim() || null,
      provision: null,
    };
  }
  const recurring = values.kind === "recurring";
  return {
    customer_id: customerId,
    amount: values.amount ?? "",
    currency: values.currency ?? "TRY",
    start_date: values.date ? parseDateInput(values.date) : null,
    kind: values.kind,
    installments: values.kind === "installment" ? (values.installments ?? null) : null,
    cadence: recurring ? `${values.every ?? 1}${values.unit ?? "m"}` : null,
    count: recurring && values.endMode !== "until" ? (values.count ?? null) : null,
    until: recurring && values.endMode === "until" && values.until ? parseDateInput(values.until) : null,
    split: null,
    description: values.description?.trim() || null,
    provision: offersPreAuth(values.kind) && values.provision === "pre_auth" ? "pre_auth" : null,
  };
}

/** Whether a kind may be taken as a pre-authorisation: one-off and installment sales only. */
export function offersPreAuth(kind: FormKind): boolean {
  return kind === "one_off" || kind === "installment";
}
