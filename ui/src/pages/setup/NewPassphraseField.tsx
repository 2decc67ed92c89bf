import type { CSSProperties } from "react";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "./passwordRules";

/** A new vault passphrase, with the length rule under it (set-up and re-binding after unlock). */
export function NewPassphraseField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item htmlFor={props.testId}
      label={props.label}
      extra={t("setup.passphraseRule", { min: MIN_PASSWORD_LENGTH })}
      style={props.style}
      required
    >
      <Input.Password
        autoComplete="new-password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        id={props.testId}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}
