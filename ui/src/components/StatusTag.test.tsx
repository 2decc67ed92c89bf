import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import i18n from "../i18n";
import { PAYMENT_STATUSES } from "../api";
import { PaymentStatusTag, STATUS_COLOURS } from "./StatusTag";

describe("PaymentStatusTag", () => {
  afterEach(() => i18n.changeLanguage("tr"));

  it("names a pre-authorisation in words, not by its stored name", () => {
    render(<PaymentStatusTag status="authorized" testId="tag" />);
    const tag = screen.getByTestId("tag");
    expect(tag.textContent).toBe("Ön provizyon alındı");
    expect(tag.dataset.status).toBe("authorized");
  });

  it("has words in both languages and a colour for every status the filter offers", async () => {
    for (const lang of ["tr", "en"]) {
      await i18n.changeLanguage(lang);
      for (const status of PAYMENT_STATUSES) {
        const label = i18n.t(`payments.status.${status}`);
        expect(label, `${lang} ${status}`).not.toBe(`payments.status.${status}`);
        expect(label).not.toBe(status);
        expect(STATUS_COLOURS[status]).toBeTruthy();
      }
    }
    expect(PAYMENT_STATUSES).toHaveLength(10);
  });
});
