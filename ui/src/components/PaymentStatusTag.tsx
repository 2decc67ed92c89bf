import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** Colour per payment status: green collected, red needs a person, orange waiting, grey closed. */
export const STATUS_COLOURS: Record<string, string> = {
  scheduled: "blue",
  processing: "geekblue",
  paid: "green",
  retry_wait: "orange",
  attention: "red",
  cancelled: "default",
  voided: "purple",
  refunded: "purple",
  partially_refunded: "magenta",
};

/** A payment's status in colour and words. */
export function PaymentStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? "default"} data-testid={testId} data-status={status}>
      {t(`payments.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
