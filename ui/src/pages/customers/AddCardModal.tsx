import { useState } from "react";
import { Form, Modal } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { addCard, CUSTOMERS_KEY, toApiError } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CardFields, cardInput, type CardValues } from "../../forms/CardFields";

/**
 * Adds a card to a customer. The number lives only in this form until it is sent; the form is
 * cleared right after, whatever the answer, and only the masked card comes back.
 */
export function AddCardModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
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
      await addCard(customerId, cardInput(values));
      await client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      close();
    } catch (e) {
      setError(toApiError(e));
      // The number is typed again rather than kept after a refusal.
      form.setFieldValue("number", "");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("customers.card.title")}
      okText={t("customers.card.save")}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ "data-testid": "card-save" }}
      forceRender
    >
      <ErrorAlert error={error} testId="card-form-error" />
      <Form form={form} layout="vertical" onFinish={save} data-testid="card-form">
        <CardFields />
      </Form>
    </Modal>
  );
}
