import { useEffect, useState } from "react";
import { Alert, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Radio, Select, Table, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  createCollection,
  CUSTOMERS_KEY,
  PAYMENTS_KEY,
  REPORTS_KEY,
  previewCollection,
  toApiError,
  useStores,
  type PlanInfo,
  type PlanPreview,
  type PreviewPayment,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatMoney } from "../../format";
import { AmountInput } from "../../forms/AmountInput";
import { dateInputText } from "../../forms/dateInput";
import { todayIso } from "../../format";
import { collectionInput, collectionProblem, offersPreAuth, type CollectionValues } from "./collectionInput";

/** The customer a collection is for. */
export interface CollectionCustomer {
  id: number;
  label: string;
  storeId?: number;
  hasCard: boolean;
}

const DEFAULT_CAP = 12;

/**
 * One-off sale, bank installment sale or recurring plan for one customer. Every change is
 * checked at once; once the input is complete the backend's summary (first dates and amounts,
 * total) appears, and only then can it be saved.
 */
export function NewCollectionForm({ customer }: { customer: CollectionCustomer }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stores = useStores();
  const [form] = Form.useForm<CollectionValues>();
  const values = Form.useWatch([], form) as CollectionValues | undefined;
  // The last preview the backend sent, for the input it was made from.
  const [answer, setAnswer] = useState<{ key: string; preview: PlanPreview | null; error: unknown } | null>(null);
  const [saved, setSaved] = useState<PlanInfo | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const store = stores.data?.find((s) => s.id === customer.storeId);
  const cap = answer?.preview?.max_installments ?? store?.max_installments ?? DEFAULT_CAP;
  const problem = values ? collectionProblem(values, cap) : null;
  const key = values && !problem ? JSON.stringify(collectionInput(customer.id, values)) : null;
  const current = answer !== null && answer.key === key ? answer : null;
  const preview = current?.preview ?? null;
  const previewError = current?.error ?? null;

  useEffect(() => {
    if (!key) return;
    let wanted = true;
    const timer = setTimeout(() => {
      previewCollection(JSON.parse(key))
        .then((p) => wanted && setAnswer({ key, preview: p, error: null }))
        .catch((e: unknown) => wanted && setAnswer({ key, preview: null, error: toApiError(e) }));
    }, 250);
    return () => {
      wanted = false;
      clearTimeout(timer);
    };
  }, [key]);

  const save = async () => {
    if (!key) return;
    setBusy(true);
    setSaveError(null);
    try {
      const created = await createCollection(JSON.parse(key));
      setSaved(created);
      await client.invalidateQueries({ queryKey: PAYMENTS_KEY });
      await client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      await client.invalidateQueries({ queryKey: REPORTS_KEY });
    } catch (e) {
      setSaveError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <Flex vertical gap={16} data-testid="collection-saved">
        <Alert
          type="success"
          showIcon
          data-testid="collection-saved-text"
          message={t("collection.saved", {
            count: saved.payments.length,
            date: saved.payments[0] ? formatDate(saved.payments[0].due_date) : "—",
          })}
        />
        <Button
          onClick={() => {
            setSaved(null);
            form.resetFields();
          }}
          data-testid="collection-another"
        >
          {t("collection.another")}
        </Button>
      </Flex>
    );
  }

  const fieldError = (field: keyof CollectionValues) =>
    problem && problem.field === field && values && values[field] !== undefined
      ? { validateStatus: "error" as const, help: t(problem.key, { cap: problem.cap }) }
      : {};
  const kind = values?.kind ?? "one_off";

  return (
    <Flex vertical gap={16} data-testid="collection-form">
      <Typography.Text strong data-testid="collection-customer">
        {t("collection.customer")}: {customer.label}
      </Typography.Text>
      {!customer.hasCard && <Alert type="warning" showIcon message={t("collection.noCardWarning")} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "one_off", provision: "sale", currency: "TRY", date: dateInputText(todayIso()), every: 1, unit: "m", endMode: "count", count: 12, installments: 2 }}
        onFinish={save}
      >
        <Form.Item name="kind" label={t("collection.kind")}>
          <Radio.Group data-testid="collection-kind" optionType="button">
            <Radio.Button value="one_off" data-testid="kind-one_off">
              {t("customers.planKind.one_off")}
            </Radio.Button>
            <Radio.Button value="installment" data-testid="kind-installment">
              {t("customers.planKind.installment")}
            </Radio.Button>
            <Radio.Button value="recurring" data-testid="kind-recurring">
              {t("customers.planKind.recurring")}
            </Radio.Button>
            <Radio.Button value="merchant" data-testid="kind-merchant">
              {t("collection.merchant")}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {offersPreAuth(kind) && (
          <Form.Item name="provision" label={t("collection.provision")}>
            <Radio.Group data-testid="collection-provision">
              <Flex vertical gap={4}>
                <Radio value="sale" data-testid="provision-sale">
                  {t("collection.provisionSale")}
                </Radio>
                <Radio value="pre_auth" data-testid="provision-pre_auth">
                  {t("collection.provisionPreAuth")}
                </Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
        )}
        {kind === "merchant" && (
          <Alert type="info" showIcon message={t("collection.merchantHint")} style={{ marginBottom: 16 }} data-testid="merchant-hint" />
        )}
        <Flex gap={16}>
          <Form.Item
            name="amount"
            label={kind === "merchant" ? t("collection.merchantTotal") : t("collection.amount")}
            {...fieldError("amount")}
            style={{ flex: 1 }}
          >
            <AmountInput data-testid="collection-amount" currency={values?.currency} />
          </Form.Item>
          <Form.Item name="currency" label={t("collection.currency")}>
            <Select
              style={{ width: 100 }}
              data-testid="collection-currency"
              options={["TRY", "USD", "EUR", "GBP"].map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
          <Form.Item name="date" label={t("collection.date")} {...fieldError("date")}>
            <Input data-testid="collection-date" style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        {kind === "installment" && (
          <Form.Item
            name="installments"
            label={t("collection.installments")}
            extra={t("collection.installmentsCap", { cap })}
            {...fieldError("installments")}
          >
            <InputNumber min={2} max={36} data-testid="collection-installments" />
          </Form.Item>
        )}
        {kind === "merchant" && (
          <Form.Item name="count" label={t("collection.merchantCount")} {...fieldError("count")}>
            <InputNumber min={2} max={520} data-testid="collection-merchant-count" />
          </Form.Item>
        )}
        {kind === "recurring" && (
          <Flex gap={16} wrap>
            <Form.Item name="every" label={t("collection.every")} {...fieldError("every")}>
              <InputNumber min={1} max={99} data-testid="collection-every" />
            </Form.Item>
            <Form.Item name="unit" label=" ">
              <Select
                style={{ width: 120 }}
                aria-label={t("collection.unitLabel")}
                data-testid="collection-unit"
                options={(["d", "w", "m"] as const).map((u) => ({ value: u, label: t(`collection.unit.${u}`) }))}
              />
            </Form.Item>
            <Form.Item name="endMode" label={t("collection.end")}>
              <Radio.Group>
                <Radio value="count">{t("collection.endCount")}</Radio>
                <Radio value="until">{t("collection.endUntil")}</Radio>
              </Radio.Group>
            </Form.Item>
            {values?.endMode === "until" ? (
              <Form.Item name="until" label={t("collection.until")} {...fieldError("until")}>
                <Input data-testid="collection-until" style={{ width: 160 }} />
              </Form.Item>
            ) : (
              <Form.Item name="count" label={t("collection.count")} {...fieldError("count")}>
                <InputNumber min={1} max={520} data-testid="collection-count" />
              </Form.Item>
            )}
          </Flex>
        )}
        <Form.Item name="description" label={t("collection.description")}>
          <Input data-testid="collection-description" maxLength={200} />
        </Form.Item>
      </Form>
      <Card size="small" title={t("collection.summary")} data-testid="collection-summary">
        <ErrorAlert error={previewError} testId="collection-preview-error" />
        {preview ? (
          <Flex vertical gap={8}>
            <PreviewTable preview={preview} split={kind === "merchant"} />
            {offersPreAuth(kind) && values?.provision === "pre_auth" && (
              <Typography.Text data-testid="summary-pre-auth">{t("collection.summaryPreAuth")}</Typography.Text>
            )}
          </Flex>
        ) : (
          !previewError && <Typography.Text type="secondary">{t("collection.summaryEmpty")}</Typography.Text>
        )}
      </Card>
      <ErrorAlert error={saveError} testId="collection-save-error" />
      <Button
        type="primary"
        disabled={!preview || busy}
        loading={busy}
        onClick={() => void save()}
        data-testid="collection-save"
      >
        {t("collection.save")}
      </Button>
    </Flex>
  );
}

function PreviewTable({ preview, split }: { preview: PlanPreview; split: boolean }) {
  const { t } = useTranslation();
  const more = preview.count - preview.first.length;
  return (
    <Flex vertical gap={8}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t("collection.summaryCount", { count: preview.count })}>
          <span data-testid="summary-count" data-count={preview.count}>
            {preview.count}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("collection.summaryTotal")}>
          <span data-testid="summary-total">{formatMoney(preview.total_minor, preview.currency)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("collection.summaryLast")}>{formatDate(preview.last_due_date)}</Descriptions.Item>
      </Descriptions>
      {preview.installments > 1 && <Typography.Text>{t("collection.summaryInstallments", { n: preview.installments })}</Typography.Text>}
      <Table<PreviewPayment>
        size="small"
        rowKey={(p) => p.due_date}
        pagination={false}
        dataSource={preview.first}
        columns={[
          { title: "#", key: "n", render: (_, __, i) => i + 1, width: 50 },
          { title: t("collection.dueDate"), key: "due_date", render: (_, p) => formatDate(p.due_date) },
          {
            title: t("collection.amount"),
            key: "amount",
            align: "right",
            render: (_, p) => formatMoney(p.amount_minor, preview.currency),
          },
        ]}
      />
      {more > 0 && <Typography.Text type="secondary">{t("collection.summaryMore", { count: more })}</Typography.Text>}
      {split && more > 0 && (
        <Typography.Text data-testid="summary-last-amount">
          {t("collection.summaryLastAmount", { amount: formatMoney(preview.last_amount_minor, preview.currency) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
