import { useTranslation } from "react-i18next";
import { capturePayment, type ReversalOutcome } from "../../api";
import { formatMoney } from "../../format";
import { amountText } from "../../forms/amount";
import { FollowUpAmountModal } from "./FollowUpAmountModal";

/**
 * Captures an open pre-authorisation: the amount starts as all that was authorised and may be
 * lowered (a partial capture), never raised; the rest of the hold is released. Says what will
 * be taken before it is sent.
 */
export function CaptureModal({
  attemptId,
  authorisedMinor,
  currency,
  onClose,
  onDone,
}: {
  attemptId: number;
  authorisedMinor: number;
  currency: string;
  onClose: () => void;
  onDone: (outcome: ReversalOutcome) => void;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <FollowUpAmountModal
      open
      title={t("payments.actions.captureTitle", { amount: money(authorisedMinor) })}
      label={t("payments.actions.captureAmount")}
      okText={t("payments.actions.capture")}
      tooMuch={t("payments.actions.captureTooMuch", { amount: money(authorisedMinor) })}
      note={(minor) =>
        minor < authorisedMinor
          ? t("payments.actions.captureConfirmPart", { amount: money(minor), released: money(authorisedMinor - minor) })
          : t("payments.actions.captureConfirm", { amount: money(minor) })
      }
      limitMinor={authorisedMinor}
      currency={currency}
      initial={amountText(authorisedMinor)}
      testId="capture"
      send={(amount) => capturePayment(attemptId, amount)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
