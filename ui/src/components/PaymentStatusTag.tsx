import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { PaymentStatus } from "../api";

/**
 * Colour per payment status: green collected, cyan held on the card, red needs a person, orange
 * waiting, grey closed.
 */
export const STATUS_COLOURS: Record<PaymentStatus, string> = {
  scheduled: "blue",
  processing: "geekblue",
  paid: "green",
  retry_wait: "orange",
  attention: "red",
  cancelled: "default",
  voided: "purple",
  refunded: "purple",
  partially_refunded: "magenta",
  authorized: "cyan",
};

/** A payment's status in colour and words. */
export function PaymentStatusTag({ status, testId }: { status: PaymentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`payments.status.${status}`)}
    </Tag>
  );
}
