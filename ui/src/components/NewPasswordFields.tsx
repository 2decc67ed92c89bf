import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { PasswordRules } from "../pages/setup/PasswordRules";

/** A new password typed twice, with the rules ticked as the user types. */
export function NewPasswordFields({
  password,
  again,
  onPassword,
  onAgain,
  testId,
}: {
  password: string;
  again: string;
  onPassword: (value: string) => void;
  onAgain: (value: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item htmlFor={`${testId}-new`} label={t("password.new")}>
        <Input.Password
          autoComplete="new-password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          id={`${testId}-new`}
          data-testid={`${testId}-new`}
        />
      </Form.Item>
      <Form.Item htmlFor={`${testId}-again`} label={t("password.again")}>
        <Input.Password
          autoComplete="new-password"
          value={again}
          onChange={(e) => onAgain(e.target.value)}
          id={`${testId}-again`}
          data-testid={`${testId}-again`}
        />
      </Form.Item>
      <PasswordRules password={password} again={again} />
    </>
  );
}
