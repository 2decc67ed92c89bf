import { useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, resolveDifference, toApiError, type Difference } from "../../api";
import { pick } from "../../format";

const MAX_NOTE = 500;

/**
 * Marks a difference resolved with a note saying what the bank said or what was done (1 to
 * 500 characters, required). Ctrl+Enter saves; a refusal is shown at the note.
 */
export function ResolveModal({
  difference,
  onClose,
  onResolved,
}: {
  difference: Difference | null;
  onClose: () => void;
  onResolved: (resolved: Difference) => void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const empty = note.trim().length === 0;

  const close = () => {
    setNote("");
    setTouched(false);
    setError(null);
    onClose();
  };
  const submit = async () => {
    setTouched(true);
    if (!difference || empty) return;
    setBusy(true);
    setError(null);
    try {
      const resolved = await resolveDifference(difference.id, note.trim());
      setNote("");
      setTouched(false);
      onResolved(resolved);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const apiError = error ? toApiError(error) : null;
  const noteError = apiError?.field === "note" ? errorText(t, apiError) : touched && empty ? t("settlement.noteRequired") : null;

  return (
    <Modal
      open={difference !== null}
      title={t("settlement.resolveTitle")}
      okText={t("settlement.resolveSubmit")}
      cancelText={t("settlement.cancel")}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ "data-testid": "resolve-submit" }}
      cancelButtonProps={{ "data-testid": "resolve-cancel" }}
    >
      {difference && (
        <Typography.Paragraph type="secondary" data-testid="resolve-summary">
          {t("settlement.orderId")}: {difference.order_id} · {pick(difference.meaning, i18n.resolvedLanguage)}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph>{t("settlement.resolveHelp")}</Typography.Paragraph>
      <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
        <Form.Item htmlFor="resolve-note"
          label={t("settlement.note")}
          required
          validateStatus={noteError ? "error" : undefined}
          help={noteError ?? undefined}
        >
          <Input.TextArea
            autoFocus
            rows={4}
            maxLength={MAX_NOTE}
            showCount
            value={note}
            placeholder={t("settlement.notePlaceholder")}
            id="resolve-note"
            data-testid="resolve-note"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </Form.Item>
      </Form>
      {apiError && apiError.field !== "note" && (
        <Alert type="error" showIcon message={errorText(t, apiError)} data-testid="resolve-error" data-code={apiError.code} />
      )}
    </Modal>
  );
}
