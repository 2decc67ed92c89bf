import { Alert, Form, Modal } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { addCard, ATTENTION_KEY, CUSTOMERS_KEY, REPORTS_KEY, replaceCard } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { displayMaskedPan } from "../../format";
import { CardFields, cardInput } from "../../forms/CardFields";
import { useCardForm } from "../../forms/useCardForm";

/** The card a new one replaces. */
export interface ReplacedCard {
  id: number;
  masked_pan: string;
}

/**
 * Adds a card to a customer, or with `replacing` puts a new card in an old one's place in one
 * step (its renewal: the old card is kept for the history, its waiting payments move to the
 * new one). The number lives only in this form until it is sent; the form is cleared right
 * after, whatever the answer, and only the masked card comes back.
 */
export function AddCardModal({
  customerId,
  replacing,
  open,
  onClose,
}: {
  customerId: number;
  replacing?: ReplacedCard;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { form, busy, error, close, save } = useCardForm(async (values, { close: done }) => {
    if (replacing) await replaceCard(customerId, replacing.id, cardInput(values));
    else await addCard(customerId, cardInput(values));
    await Promise.all([CUSTOMERS_KEY, REPORTS_KEY, ATTENTION_KEY].map((queryKey) => client.invalidateQueries({ queryKey })));
    done();
  }, onClose);

  return (
    <Modal
      open={open}
      title={replacing ? t("customers.card.replaceTitle", { pan: displayMaskedPan(replacing.masked_pan) }) : t("customers.card.title")}
      okText={t("customers.card.save")}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ "data-testid": "card-save" }}
      forceRender
    >
      {replacing && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("customers.card.replaceHint")} />}
      <ErrorAlert error={error} testId="card-form-error" />
      <Form form={form} layout="vertical" onFinish={save} data-testid="card-form">
        <CardFields withAlternate={!replacing} />
      </Form>
    </Modal>
  );
}
