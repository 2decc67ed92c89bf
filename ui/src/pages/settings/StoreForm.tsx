import { useState } from "react";
import { Alert, Button, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { createStore, emptyStoreInput, updateStore, type Environment, type Store, type StoreInput } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

interface Values {
  name: string;
  environment: Environment;
  baseUrl: string;
  merchantSafeId: string;
  terminalSafeId: string;
  secretKey: string;
  runTime: string;
  concurrency: number;
  ratePerSec: number;
  maxInstallments: number;
  retryDays: string;
  enabled: boolean;
}

function initial(store?: Store): Values {
  return {
    name: store?.name ?? "",
    environment: store?.environment ?? "test",
    baseUrl: store?.base_url ?? "",
    merchantSafeId: store?.merchant_safe_id ?? "",
    terminalSafeId: store?.terminal_safe_id ?? "",
    secretKey: "",
    runTime: store?.run_time ?? "10:00",
    concurrency: store?.concurrency ?? 4,
    ratePerSec: store?.rate_per_sec ?? 10,
    maxInstallments: store?.max_installments ?? 12,
    retryDays: (store?.soft_retry_days ?? [1, 3, 7]).join(", "),
    enabled: store?.enabled ?? true,
  };
}

/** Only what changed is sent; an untouched secret key stays as it is (it is never read back). */
export function changes(values: Values, store?: Store): StoreInput {
  const before = initial(store);
  const input = emptyStoreInput();
  const differs = <K extends keyof Values>(key: K) => !store || values[key] !== before[key];
  if (differs("name")) input.name = values.name;
  if (differs("environment")) input.environment = values.environment;
  if (differs("baseUrl")) input.base_url = values.baseUrl;
  // A sandbox store gets the simulator's terminal by itself: nothing to send.
  if (values.environment === "sandbox") return withSettings(input, values, differs);
  // Credentials cannot be emptied, only replaced: an empty field keeps what is there.
  if (differs("merchantSafeId") && values.merchantSafeId !== "") input.merchant_safe_id = values.merchantSafeId;
  if (differs("terminalSafeId") && values.terminalSafeId !== "") input.terminal_safe_id = values.terminalSafeId;
  if (values.secretKey !== "") input.secret_key = values.secretKey;
  return withSettings(input, values, differs);
}

/** The settings that are not credentials, where they changed. */
function withSettings(input: StoreInput, values: Values, differs: (key: keyof Values) => boolean): StoreInput {
  if (differs("runTime")) input.run_time = values.runTime;
  if (differs("concurrency")) input.concurrency = values.concurrency;
  if (differs("ratePerSec")) input.rate_per_sec = values.ratePerSec;
  if (differs("maxInstallments")) input.max_installments = values.maxInstallments;
  if (differs("retryDays")) input.soft_retry_days = values.retryDays;
  if (differs("enabled")) input.enabled = values.enabled;
  return input;
}

/** Adds a store (`store` undefined) or edits one; the secret key is write-only. */
export function StoreForm({
  store,
  onSaved,
  onCancel,
}: {
  store?: Store;
  onSaved: (store: Store) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const environment = Form.useWatch("environment", form) ?? initial(store).environment;

  const save = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const input = changes(values, store);
      const saved = store ? await updateStore(store.id, input) : await createStore(input);
      form.setFieldValue("secretKey", "");
      onSaved(saved);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const envOptions = (["sandbox", "test", "live"] as const).map((env) => ({ value: env, label: t(`environment.${env}`) }));

  return (
    <Form form={form} layout="vertical" initialValues={initial(store)} onFinish={save} data-testid="store-form">
      <ErrorAlert error={error} testId="store-error" />
      {environment === "live" && <Alert type="warning" showIcon message={t("stores.liveWarning")} style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t("stores.name")} rules={[{ required: true }]}>
        <Input autoFocus data-testid="store-name" />
      </Form.Item>
      <Form.Item name="environment" label={t("stores.environment")}>
        <Select options={envOptions} data-testid="store-environment" />
      </Form.Item>
      <Form.Item name="baseUrl" label={t("stores.baseUrl")} extra={t("stores.hostDefault")}>
        <Input data-testid="store-base-url" />
      </Form.Item>
      {environment === "sandbox" ? (
        <Alert type="info" showIcon message={t("stores.sandboxTerminal")} style={{ marginBottom: 16 }} data-testid="store-sandbox-terminal" />
      ) : (
        <>
          <Form.Item name="merchantSafeId" label={t("stores.merchantSafeId")}>
            <Input data-testid="store-merchant" autoComplete="off" />
          </Form.Item>
          <Form.Item name="terminalSafeId" label={t("stores.terminalSafeId")}>
            <Input data-testid="store-terminal" autoComplete="off" />
          </Form.Item>
          <Form.Item name="secretKey" label={t("stores.secretKey")} extra={t("stores.secretKeyHelp")}>
            <Input.Password
              autoComplete="off"
              placeholder={store?.has_secret_key ? t("stores.secretKeySet") : t("stores.secretKeyMissing")}
              data-testid="store-secret"
            />
          </Form.Item>
        </>
      )}
      <Space wrap>
        <Form.Item name="runTime" label={t("stores.runTime")}>
          <Input style={{ width: 100 }} data-testid="store-run-time" />
        </Form.Item>
        <Form.Item name="concurrency" label={t("stores.concurrency")}>
          <InputNumber min={1} max={8} />
        </Form.Item>
        <Form.Item name="ratePerSec" label={t("stores.ratePerSec")}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="maxInstallments" label={t("stores.maxInstallments")}>
          <InputNumber min={1} max={12} />
        </Form.Item>
        <Form.Item name="retryDays" label={t("stores.retryDays")} tooltip={t("stores.retryDaysHelp")}>
          <Input data-testid="store-retry-days" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t("stores.enabled")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="store-save">
          {t("stores.save")}
        </Button>
        <Button onClick={onCancel}>{t("stores.cancel")}</Button>
      </Space>
    </Form>
  );
}
