import { Checkbox, Form, Input } from "antd";
import type { Rule } from "antd/es/form";
import { useTranslation } from "react-i18next";
import type { NewCardInput } from "../api";
import { parseDateInput } from "./dateInput";
import { cardNumberProblem, expiryProblem, shapeExpiry } from "./card";
import { CardNumberInput } from "./CardNumberInput";

/** The form values of a card, as typed. */
export interface CardValues {
  number: string;
  expiry: string;
  holder?: string;
  alternate?: boolean;
  instructionDate?: string;
  instructionRef?: string;
  /** Retrying a payment with the card: keep it as the customer's primary card too. */
  keepOnFile?: boolean;
}

/** The card as the backend takes it; the caller sends it once and resets the form. */
export function cardInput(values: CardValues): NewCardInput {
  return {
    number: values.number.replace(/[^0-9]/g, ""),
    expiry: values.expiry.trim(),
    holder: values.holder?.trim() || null,
    alternate: values.alternate ?? false,
    instruction_date: values.instructionDate ? parseDateInput(values.instructionDate) : null,
    instruction_ref: values.instructionRef?.trim() || null,
  };
}

/**
 * The fields of a card, validated as you type: number (Luhn, brand), expiry (not past),
 * holder, and optionally the alternate flag and the signed instruction.
 */
export function CardFields({ withInstruction = true, withAlternate = true }: { withInstruction?: boolean; withAlternate?: boolean }) {
  const { t } = useTranslation();
  const numberRule: Rule = {
    validator: async (_, value: string | undefined) => {
      const problem = cardNumberProblem(value ?? "");
      if (problem) throw new Error(t(`forms.card.${problem}`));
    },
  };
  const expiryRule: Rule = {
    validator: async (_, value: string | undefined) => {
      const problem = expiryProblem(value ?? "");
      if (problem) throw new Error(t(`forms.expiry.${problem}`));
    },
  };
  const dateRule: Rule = {
    validator: async (_, value: string | undefined) => {
      if (value && value.trim() !== "" && parseDateInput(value) === null) throw new Error(t("customers.card.dateFormat"));
    },
  };
  return (
    <>
      <Form.Item name="number" label={t("customers.card.number")} rules={[numberRule]} validateTrigger={["onChange", "onBlur"]}>
        <CardNumberInput data-testid="card-number" />
      </Form.Item>
      <Form.Item
        name="expiry"
        label={t("customers.card.expiry")}
        rules={[expiryRule]}
        normalize={(value: string) => shapeExpiry(value)}
      >
        <Input data-testid="card-expiry" placeholder="08/29" autoComplete="off" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="holder" label={t("customers.card.holder")}>
        <Input data-testid="card-holder" autoComplete="off" />
      </Form.Item>
      {withAlternate && (
        <Form.Item name="alternate" valuePropName="checked">
          <Checkbox data-testid="card-alternate">{t("customers.card.alternate")}</Checkbox>
        </Form.Item>
      )}
      {withInstruction && (
        <>
          <Form.Item name="instructionDate" label={t("customers.card.instructionDate")} rules={[dateRule]}>
            <Input data-testid="card-instruction-date" placeholder="27.11.2026" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="instructionRef" label={t("customers.card.instructionRef")}>
            <Input data-testid="card-instruction-ref" />
          </Form.Item>
        </>
      )}
    </>
  );
}
