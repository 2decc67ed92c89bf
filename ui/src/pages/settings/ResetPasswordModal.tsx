import { useState } from "react";
import { Alert, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { resetUserPassword, type UserInfo } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { NewPasswordFields } from "../../components/NewPasswordFields";
import { passwordAcceptable } from "../setup/passwordRules";

/** An administrator sets a temporary password; the user chooses their own at the next sign-in. */
export function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserInfo;
  onClose: () => void;
  onSaved: (list: UserInfo[]) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const ready = passwordAcceptable(password, again);

  const save = async () => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await resetUserPassword(user.name, password));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("users.reset.title", { name: user.name })}
      okText={t("users.reset.save")}
      cancelText={t("password.cancel")}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !ready, "data-testid": "reset-save" }}
      maskClosable={false}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void save()}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("users.reset.help")} />
        <ErrorAlert error={error} testId="reset-error" />
        <NewPasswordFields password={password} again={again} onPassword={setPassword} onAgain={setAgain} testId="reset-password" />
      </Form>
    </Modal>
  );
}
