import { useEffect, useRef, useState } from "react";
import { Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { onSessionExpired, type SessionInfo } from "../api";
import { SignInForm } from "../pages/SignInPage";

interface Pending {
  resolve: () => void;
  reject: (reason: unknown) => void;
}

/**
 * When a call finds the session expired, this dialog asks the same user for the password over
 * the current screen (which stays mounted, unsaved input and all); the call is then retried.
 * Giving up signs out.
 */
export function ReauthModal({
  userName,
  onSignedIn,
  onGiveUp,
}: {
  userName: string;
  onSignedIn: (session: SessionInfo) => void;
  onGiveUp: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const waiting = useRef<Pending[]>([]);

  useEffect(() => {
    onSessionExpired(
      () =>
        new Promise<void>((resolve, reject) => {
          waiting.current.push({ resolve, reject });
          setOpen(true);
        }),
    );
    return () => onSessionExpired(undefined);
  }, []);

  const settle = (ok: boolean) => {
    const pending = waiting.current;
    waiting.current = [];
    setOpen(false);
    for (const p of pending) {
      if (ok) p.resolve();
      else p.reject(new Error("session expired"));
    }
  };

  return (
    <Modal
      open={open}
      title={t("reauth.title")}
      footer={null}
      closable
      maskClosable={false}
      destroyOnHidden
      onCancel={() => {
        settle(false);
        onGiveUp();
      }}
      data-testid="reauth-modal"
    >
      <Typography.Paragraph>{t("reauth.text")}</Typography.Paragraph>
      <SignInForm
        fixedName={userName}
        submitLabel={t("reauth.submit")}
        onSignedIn={(session) => {
          onSignedIn(session);
          settle(true);
        }}
      />
    </Modal>
  );
}
