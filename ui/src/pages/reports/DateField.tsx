import { useId, useState, type ReactNode } from "react";
import { Flex, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { dateInputText, parseDateInput } from "../../forms/dateInput";

/** A filter's caption above its control. */
export function Labelled({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <label htmlFor={htmlFor}>{label}</label>
      </Typography.Text>
      {children}
    </Flex>
  );
}

interface Props {
  /** `YYYY-MM-DD`: the date in force. */
  value: string;
  /** Called with `YYYY-MM-DD` once the text is a real date. */
  onChange: (day: string) => void;
  label: string;
  testId: string;
  /** A problem the caller sees with the date (e.g. after the end of the range). */
  problem?: string;
}

/** A date typed the Turkish way (`27.11.2026`) under its caption; applied only when it is a real date. */
export function DateField({ value, onChange, label, testId, problem }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(dateInputText(value));
  const bad = parseDateInput(text) === null;
  const message = bad ? t("reports.badDate") : problem;
  return (
    <Labelled label={label} htmlFor={id}>
      <Input
        id={id}
        style={{ width: 200 }}
        title={message}
        status={message ? "error" : undefined}
        data-testid={testId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const day = parseDateInput(e.target.value);
          if (day) onChange(day);
        }}
      />
      {message && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`${testId}-problem`}>
          {message}
        </Typography.Text>
      )}
    </Labelled>
  );
}
