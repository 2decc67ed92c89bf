import { useState } from "react";
import { Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { refundPayment, toApiError, type ReversalOutcome } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatMoney } from "../../format";
import { parseAmount } from "../../forms/amount";
import { AmountInput } from "../../forms/AmountInput";

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
  const [amount, setAmount] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = amount.trim() === "" ? null : parseAmount(amount);
  const problem =
    parsed === null
      ? null
      : !parsed.ok
        ? t(`forms.amount.${parsed.problem}`)
        : parsed.minor > refundableMinor
          ? t("payments.actions.refundTitle", { amount: formatMoney(refundableMinor, currency) })
          : null;

  const submit = async () => {
    if (attemptId === null || problem) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await refundPayment(attemptId, amount.trim() === "" ? null : amount);
      setAmount("");
      onDone(outcome);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("payments.actions.refundTitle", { amount: formatMoney(refundableMinor, currency) })}
      okText={t("payments.actions.refundSubmit")}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: problem !== null, "data-testid": "refund-submit" }}
      onOk={() => void submit()}
      onCancel={() => {
        setAmount("");
        setError(null);
        onClose();
      }}
    >
      <ErrorAlert error={error} testId="refund-error" />
      <Form layout="vertical">
        <Form.Item label={t("payments.actions.refundAmount")} validateStatus={problem ? "error" : undefined} help={problem}>
          <AmountInput value={amount} onChange={setAmount} currency={currency} data-testid="refund-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
