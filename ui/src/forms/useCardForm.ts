import { useState } from "react";
import { Form } from "antd";
import { toApiError } from "../api";
import type { CardValues } from "./CardFields";

/** What a card form's `send` may do after the card was taken. */
export interface CardFormControls {
  close: () => void;
  reset: () => void;
}

/**
 * The state of a form that sends a card: busy while sending, the refusal to show, and the
 * number cleared after a refusal (it is typed again rather than kept). `send` does the call and
 * whatever follows success (it is given the form's `close` and `reset`); `close` clears the form
 * and the refusal before `onClose`, `reset` clears only the fields.
 */
export function useCardForm(send: (values: CardValues, form: CardFormControls) => Promise<void>, onClose: () => void) {
  const [form] = Form.useForm<CardValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const save = async (values: CardValues) => {
    setBusy(true);
    setError(null);
    try {
      await send(values, { close, reset: () => form.resetFields() });
    } catch (e) {
      setError(toApiError(e));
      form.setFieldValue("number", "");
    } finally {
      setBusy(false);
    }
  };

  return { form, busy, error, close, save };
}
