import { useState } from "react";
import { Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { toApiError, type ReversalOutcome } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { parseAmount } from "../../forms/amount";
import { AmountInput } from "../../forms/AmountInput";

/**
 * A follow-up on an approved attempt for an amount (a refund, a capture): the amount as typed,
 * checked at once against the most it may be, then sent. Empty sends all of it. The backend
 * checks the amount again.
 */
export function FollowUpAmountModal({
  open,
  title,
  label,
  okText,
  tooMuch,
  note,
  limitMinor,
  currency,
  initial = "",
  testId,
  send,
  onClose,
  onDone,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  /** Why an amount above the limit is refused. */
  tooMuch: string;
  /** What sending does, for the amount typed (shown only while it can be sent). */
  note?: (minor: number) => string;
  limitMinor: number;
  currency: string;
  initial?: string;
  /** Prefixes the test ids of the form (`-form`), its amount (`-amount`), the button (`-submit`) and the error. */
  testId: string;
  send: (amount: string | null) => Promise<ReversalOutcome>;
  onClose: () => void;
  onDone: (outcome: ReversalOutcome) => void;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = amount.trim() === "" ? null : parseAmount(amount);
  const problem =
    parsed === null ? null : !parsed.ok ? t(`forms.amount.${parsed.problem}`) : parsed.minor > limitMinor ? tooMuch : null;
  const minor = problem !== null ? null : parsed?.ok ? parsed.minor : limitMinor;

  const submit = async () => {
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await send(amount.trim() === "" ? null : amount);
      setAmount(initial);
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
      title={title}
      okText={okText}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: problem !== null, "data-testid": `${testId}-submit` }}
      onOk={() => void submit()}
      onCancel={() => {
        setAmount(initial);
        setError(null);
        onClose();
      }}
    >
      <ErrorAlert error={error} testId={`${testId}-error`} />
      <Form layout="vertical" data-testid={`${testId}-form`}>
        <Form.Item
          htmlFor={`${testId}-amount`}
          label={label}
          validateStatus={problem ? "error" : undefined}
          help={problem}
          extra={note && minor !== null && <span data-testid={`${testId}-note`}>{note(minor)}</span>}
        >
          <AmountInput
            value={amount}
            onChange={setAmount}
            currency={currency}
            id={`${testId}-amount`}
            data-testid={`${testId}-amount`}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
