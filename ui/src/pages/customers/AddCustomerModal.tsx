import { useState } from "react";
import { Form, Input, Modal, Select } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  addCustomer,
  can,
  CUSTOMERS_KEY,
  toApiError,
  updateCustomer,
  useStores,
  type CustomerDetail,
  type CustomerSummary,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSession } from "../../session";

interface Values {
  storeId: number;
  reference: string;
  name: string;
  email?: string;
  phone?: string;
  notes?: string;
}

/**
 * A new customer in one of the stores where the user may create collections, or, given
 * `editing`, that customer's reference, name and contact changed (its store stays).
 */
export function AddCustomerModal({
  open,
  onClose,
  onAdded,
  editing,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: (customer: CustomerSummary) => void;
  editing?: CustomerDetail;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const stores = useStores();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const options = (stores.data ?? [])
    .filter((s) => can(session, "create_collections", s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const required = [{ required: true, whitespace: true, message: t("customers.form.required") }];

  const save = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const entered = {
        reference: values.reference,
        name: values.name,
        email: values.email?.trim() || null,
        phone: values.phone?.trim() || null,
        notes: values.notes?.trim() || null,
      };
      const customer = editing
        ? await updateCustomer(editing.id, entered)
        : await addCustomer(values.storeId, entered);
      await client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      form.resetFields();
      onAdded(customer);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t("customers.form.editTitle") : t("customers.form.title")}
      okText={t("customers.form.save")}
      cancelText={t("customers.form.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "customer-save" }}
      destroyOnHidden
    >
      <ErrorAlert error={error} testId="customer-form-error" />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          editing
            ? {
                storeId: editing.store_id,
                reference: editing.reference,
                name: editing.name,
                email: editing.email ?? undefined,
                phone: editing.phone ?? undefined,
                notes: editing.notes ?? undefined,
              }
            : { storeId: options[0]?.value }
        }
        data-testid="customer-form"
      >
        <Form.Item name="storeId" label={t("customers.form.store")} rules={[{ required: true, message: t("customers.form.required") }]}>
          <Select
            options={editing ? [{ value: editing.store_id, label: editing.store }] : options}
            disabled={editing !== undefined}
            data-testid="customer-store"
          />
        </Form.Item>
        <Form.Item name="reference" label={t("customers.form.reference")} rules={required}>
          <Input autoFocus data-testid="customer-reference" maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t("customers.form.name")} rules={required}>
          <Input data-testid="customer-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t("customers.form.email")}>
          <Input data-testid="customer-email" type="email" />
        </Form.Item>
        <Form.Item name="phone" label={t("customers.form.phone")}>
          <Input data-testid="customer-phone" />
        </Form.Item>
        <Form.Item name="notes" label={t("customers.form.notes")}>
          <Input.TextArea data-testid="customer-notes" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
