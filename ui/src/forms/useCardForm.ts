import { useState } from "react";
import { Form } from "antd";
import { toApiError } from "../api";
import type { CardValues } from "./CardFields";

/**
 * The state of a form that sends a card: busy while sending, the refusal to show, and the
 * number cleared after a refusal (it is typed again rather than kept). `send` does the call and
 * whatever follows success; `close` clears the form and the refusal before `onClose`.
 */
export function useCardForm(send: (values: CardValues) => Promise<void>, onClose: () => void) {
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
      await send(values);
    } catch (e) {
      setError(toApiError(e));
      form.setFieldValue("number", "");
    } finally {
      setBusy(false);
    }
  };

  return { form, busy, error, close, save };
}
