import { describe, expect, it } from "vitest";
import { collectionInput, collectionProblem } from "./collectionInput";

describe("collectionProblem", () => {
  it("names the amount first", () => {
    expect(collectionProblem({ kind: "one_off", amount: "12,345,6" }, 12)?.key).toBe("forms.amount.format");
    expect(collectionProblem({ kind: "one_off", amount: "" }, 12)?.key).toBe("forms.amount.empty");
    expect(collectionProblem({ kind: "one_off", amount: "1.234,56" }, 12)).toBe(null);
  });
  it("holds installments to the store's cap", () => {
    const values = { kind: "installment" as const, amount: "600,00", installments: 9 };
    expect(collectionProblem(values, 12)).toBe(null);
    expect(collectionProblem(values, 6)).toEqual({ field: "installments", key: "forms.installments.above_cap", cap: 6 });
    expect(collectionProblem({ ...values, installments: 1 }, 12)?.key).toBe("forms.installments.range");
  });
  it("needs a count or a real last date for a recurring plan", () => {
    const base = { kind: "recurring" as const, amount: "250", every: 1, unit: "m" as const };
    expect(collectionProblem({ ...base, endMode: "count", count: 12 }, 12)).toBe(null);
    expect(collectionProblem({ ...base, endMode: "count" }, 12)?.field).toBe("count");
    expect(collectionProblem({ ...base, endMode: "until", until: "31.02.2027" }, 12)?.field).toBe("until");
    expect(collectionProblem({ ...base, every: 0, endMode: "count", count: 3 }, 12)?.field).toBe("every");
  });
  it("refuses a date that is not DD.MM.YYYY", () => {
    expect(collectionProblem({ kind: "one_off", amount: "10", date: "2026/13/01" }, 12)?.field).toBe("date");
  });
});

describe("collectionInput", () => {
  it("turns the form into the backend's input", () => {
    expect(
      collectionInput(7, {
        kind: "recurring",
        amount: "1.500,00",
        date: "31.01.2027",
        every: 2,
        unit: "w",
        endMode: "until",
        until: "30.06.2027",
        description: " Aidat ",
      }),
    ).toEqual({
      customer_id: 7,
      amount: "1.500,00",
      currency: "TRY",
      start_date: "2027-01-31",
      kind: "recurring",
      installments: null,
      cadence: "2w",
      count: null,
      until: "2027-06-30",
      split: null,
      description: "Aidat",
      provision: null,
    });
    const oneOff = collectionInput(7, { kind: "one_off", amount: "10", installments: 4 });
    expect(oneOff.installments).toBe(null);
    expect(oneOff.start_date).toBe(null);
  });
  it("saves merchant instalments as a monthly plan that splits the total", () => {
    expect(collectionInput(7, { kind: "merchant", amount: "1.000,00", count: 3 })).toMatchObject({
      kind: "recurring",
      cadence: "1m",
      count: 3,
      until: null,
      split: true,
    });
    expect(collectionProblem({ kind: "merchant", amount: "1.000,00", count: 1 }, 12)?.key).toBe("collection.merchantCountRange");
  });
  it("asks for a pre-authorisation only for one-off and installment sales", () => {
    expect(collectionInput(7, { kind: "one_off", amount: "10", provision: "pre_auth" }).provision).toBe("pre_auth");
    expect(collectionInput(7, { kind: "installment", amount: "10", installments: 3, provision: "pre_auth" }).provision).toBe("pre_auth");
    expect(collectionInput(7, { kind: "one_off", amount: "10", provision: "sale" }).provision).toBe(null);
    // A choice left over from another kind is dropped: a recurring plan charges each date as a sale.
    expect(collectionInput(7, { kind: "recurring", amount: "10", every: 1, count: 3, provision: "pre_auth" }).provision).toBe(null);
    expect(collectionInput(7, { kind: "merchant", amount: "10", count: 3, provision: "pre_auth" }).provision).toBe(null);
  });
});
