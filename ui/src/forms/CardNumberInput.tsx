import { useState } from "react";
import { Button, Input, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { displayMaskedPan } from "../format/pan";
import { brandOf, cardDigits, cardNumberProblem, groupCardDigits, maskCardNumber } from "./card";

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  "data-testid"?: string;
};

/**
 * A card number with its brand and Luhn check as you type. Once a valid number is entered and
 * the field is left, only the masked form is shown; the digits stay in the form's value until it
 * is submitted (the form clears them then).
 */
export function CardNumberInput({ value = "", onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(true);
  const digits = cardDigits(value) ?? "";
  const brand = brandOf(digits);
  const valid = cardNumberProblem(value) === null;
  const testId = rest["data-testid"] ?? "card-number";
  if (valid && !editing) {
    return (
      <Space data-testid={`${testId}-masked`}>
        <Tag color="green">{brand}</Tag>
        <span aria-label={t("forms.card.masked")}>{displayMaskedPan(maskCardNumber(digits))}</span>
        <Button
          size="small"
          onClick={() => {
            onChange?.("");
            setEditing(true);
          }}
        >
          {t("forms.card.edit")}
        </Button>
      </Space>
    );
  }
  return (
    <Input
      id={id}
      data-testid={testId}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={23}
      placeholder="0000 0000 0000 0000"
      value={groupCardDigits(value)}
      onChange={(e) => onChange?.(e.target.value.replace(/[^0-9]/g, "").slice(0, 19))}
      onBlur={() => setEditing(false)}
      onFocus={() => setEditing(true)}
      suffix={
        <Space size={4}>
          {brand && <Tag data-testid={`${testId}-brand`}>{brand}</Tag>}
          {valid && <Tag color="green">{t("forms.card.valid")}</Tag>}
        </Space>
      }
    />
  );
}
