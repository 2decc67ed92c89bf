import { describe, expect, it } from "vitest";
import { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "../i18n";
import { CardNumberInput } from "./CardNumberInput";

function Harness({ seen }: { seen: string[] }) {
  const [value, setValue] = useState("");
  return (
    <>
      <CardNumberInput
        value={value}
        onChange={(v) => {
          seen.push(v);
          setValue(v);
        }}
      />
      <button type="button">next</button>
    </>
  );
}

describe("CardNumberInput", () => {
  it("groups the digits and shows the brand while typing", async () => {
    render(<Harness seen={[]} />);
    await userEvent.type(screen.getByTestId("card-number"), "5218076007");
    expect((screen.getByTestId("card-number") as HTMLInputElement).value).toBe("5218 0760 07");
    expect(screen.getByTestId("card-number-brand").textContent).toBe("Mastercard");
  });

  it("shows only the masked number once a valid number is entered and left", async () => {
    const seen: string[] = [];
    render(<Harness seen={seen} />);
    await userEvent.type(screen.getByTestId("card-number"), "4355093000315232");
    await userEvent.click(screen.getByText("next"));
    const masked = await screen.findByTestId("card-number-masked");
    expect(masked.textContent).toContain("4355 09** **** 5232");
    expect(document.body.textContent).not.toContain("4355093000315232");
    expect(document.body.textContent).not.toContain("0930 0031");
    // The form still holds the digits until it is submitted.
    expect(seen.at(-1)).toBe("4355093000315232");
  });

  it("keeps an invalid number editable", async () => {
    render(<Harness seen={[]} />);
    await userEvent.type(screen.getByTestId("card-number"), "4355093000315233");
    await userEvent.click(screen.getByText("next"));
    expect(screen.queryByTestId("card-number-masked")).toBeNull();
    expect(screen.getByTestId("card-number")).toBeTruthy();
  });
});
