import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "../setup/passwordRules";

/** A new backup passphrase typed twice, with the length rule and a word when they differ. */
export function BackupPassphraseFields(props: {
  first: string;
  second: string;
  onFirst: (value: string) => void;
  onSecond: (value: string) => void;
  testId: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const mismatch = props.second.length > 0 && props.first !== props.second;
  return (
    <>
      <Form.Item htmlFor={`${props.testId}-passphrase`}
        label={t("backup.passphrase")}
        extra={t("backup.passphraseRule", { min: MIN_PASSWORD_LENGTH })}
        required={props.required ?? true}
      >
        <Input.Password
          autoComplete="new-password"
          value={props.first}
          onChange={(e) => props.onFirst(e.target.value)}
          id={`${props.testId}-passphrase`}
          data-testid={`${props.testId}-passphrase`}
        />
      </Form.Item>
      <Form.Item htmlFor={`${props.testId}-passphrase-again`}
        label={t("backup.passphraseAgain")}
        required={props.required ?? true}
        validateStatus={mismatch ? "error" : undefined}
        help={mismatch ? t("backup.mismatch") : undefined}
      >
        <Input.Password
          autoComplete="new-password"
          value={props.second}
          onChange={(e) => props.onSecond(e.target.value)}
          id={`${props.testId}-passphrase-again`}
          data-testid={`${props.testId}-passphrase-again`}
        />
      </Form.Item>
    </>
  );
}
