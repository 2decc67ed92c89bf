import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, toApiError } from "../api";

/** A backend error as the user reads it: the translated message, keyed by its code. */
export function ErrorAlert({ error, testId = "error" }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { code } = toApiError(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-code={code}
      message={errorText(t, error)}
      style={{ marginBottom: 16 }}
    />
  );
}
