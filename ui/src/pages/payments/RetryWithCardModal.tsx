import { Checkbox, Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { ATTENTION_KEY, CUSTOMERS_KEY, PAYMENTS_KEY, REPORTS_KEY, retryWithCard } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CardFields, cardInput } from "../../forms/CardFields";
import { useCardForm } from "../../forms/useCardForm";

/**
 * Another card for one payment (from the attention queue or a declined payment). The number
 * stays in this form only until it is sent, and the form is cleared then.
 */
export function RetryWithCardModal({
  open,
  paymentId,
  onClose,
  onDone,
}: {
  open: boolean;
  paymentId: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { form, busy, error, close, save } = useCardForm(async (values, { reset }) => {
    await retryWithCard(paymentId, cardInput(values), values.keepOnFile ?? false);
    reset();
    await Promise.all([PAYMENTS_KEY, ATTENTION_KEY, CUSTOMERS_KEY, REPORTS_KEY].map((queryKey) => client.invalidateQueries({ queryKey })));
    onDone();
  }, onClose);

  return (
    <Modal
      open={open}
      title={t("payments.actions.retryTitle")}
      okText={t("payments.actions.retrySubmit")}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "retry-submit" }}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("payments.actions.retryHelp")}</Typography.Paragraph>
      <ErrorAlert error={error} testId="retry-error" />
      <Form form={form} layout="vertical" onFinish={save} data-testid="retry-form">
        <CardFields withAlternate={false} />
        <Form.Item name="keepOnFile" valuePropName="checked">
          <Checkbox data-testid="retry-keep">{t("payments.actions.keepOnFile")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
