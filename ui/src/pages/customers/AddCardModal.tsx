import { Form, Modal } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { addCard, CUSTOMERS_KEY, REPORTS_KEY } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CardFields, cardInput } from "../../forms/CardFields";
import { useCardForm } from "../../forms/useCardForm";

/**
 * Adds a card to a customer. The number lives only in this form until it is sent; the form is
 * cleared right after, whatever the answer, and only the masked card comes back.
 */
export function AddCardModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { form, busy, error, close, save } = useCardForm(async (values, { close: done }) => {
    await addCard(customerId, cardInput(values));
    await client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
    await client.invalidateQueries({ queryKey: REPORTS_KEY });
    done();
  }, onClose);

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
