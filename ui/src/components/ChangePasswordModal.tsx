import { useState } from "react";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { changeMyPassword } from "../api";
import { passwordAcceptable } from "../pages/setup/passwordRules";
import { ErrorAlert } from "./ErrorAlert";
import { NewPasswordFields } from "./NewPasswordFields";

/** "Change my password": the current password, then the new one twice. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const ready = current.length > 0 && passwordAcceptable(password, again);

  const close = () => {
    setCurrent("");
    setPassword("");
    setAgain("");
    setError(undefined);
    setDone(false);
    onClose();
  };
  const save = async () => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      await changeMyPassword(current, password);
      setCurrent("");
      setPassword("");
      setAgain("");
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("password.changeTitle")}
      okText={done ? t("password.close") : t("password.save")}
      cancelText={t("password.cancel")}
      onOk={() => (done ? close() : void save())}
      onCancel={close}
      confirmLoading={busy}
      cancelButtonProps={{ style: done ? { display: "none" } : undefined }}
      okButtonProps={{ disabled: !done && !ready, "data-testid": "change-password-save" }}
      destroyOnHidden
      maskClosable={false}
    >
      {done ? (
        <Alert type="success" showIcon message={t("password.changed")} data-testid="change-password-done" />
      ) : (
      <Form layout="vertical" onFinish={() => void save()} data-testid="change-password-form">
        <ErrorAlert error={error} testId="change-password-error" />
        <Form.Item htmlFor="change-password-current" label={t("password.current")}>
          <Input.Password
            autoFocus
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            id="change-password-current"
            data-testid="change-password-current"
          />
        </Form.Item>
        <NewPasswordFields
          password={password}
          again={again}
          onPassword={setPassword}
          onAgain={setAgain}
          testId="change-password"
        />
      </Form>
      )}
    </Modal>
  );
}
