import { Input } from "antd";
import { amountText, parseAmount } from "./amount";

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  currency?: string;
  id?: string;
  "data-testid"?: string;
};

const SYMBOLS: Record<string, string> = { TRY: "₺", USD: "$", EUR: "€", GBP: "£" };

/** An amount typed the Turkish way; on leaving the field a valid amount is rewritten as `1.234,56`. */
export function AmountInput({ value, onChange, currency = "TRY", id, ...rest }: Props) {
  return (
    <Input
      id={id}
      data-testid={rest["data-testid"]}
      inputMode="decimal"
      autoComplete="off"
      value={value}
      placeholder="1.234,56"
      suffix={SYMBOLS[currency] ?? currency}
      onChange={(e) => onChange?.(e.target.value)}
      onBlur={() => {
        const parsed = parseAmount(value ?? "");
        if (parsed.ok) onChange?.(amountText(parsed.minor));
      }}
    />
  );
}
