import { useTranslation } from "react-i18next";
import { refundPayment, type ReversalOutcome } from "../../api";
import { formatMoney } from "../../format";
import { FollowUpAmountModal } from "./FollowUpAmountModal";

/** A full or partial refund of an approved sale, never above what is still captured. */
export function RefundModal({
  open,
  attemptId,
  refundableMinor,
  currency,
  onClose,
  onDone,
}: {
  open: boolean;
  attemptId: number | null;
  refundableMinor: number;
  currency: string;
  onClose: () => void;
  onDone: (outcome: ReversalOutcome) => void;
}) {
  const { t } = useTranslation();
  const most = t("payments.actions.refundTitle", { amount: formatMoney(refundableMinor, currency) });
  return (
    <FollowUpAmountModal
      open={open && attemptId !== null}
      title={most}
      label={t("payments.actions.refundAmount")}
      okText={t("payments.actions.refundSubmit")}
      tooMuch={most}
      limitMinor={refundableMinor}
      currency={currency}
      testId="refund"
      send={(amount) => refundPayment(attemptId as number, amount)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
