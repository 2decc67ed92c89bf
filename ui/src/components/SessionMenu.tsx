import { useState } from "react";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionInfo } from "../api";
import { ChangePasswordModal } from "./ChangePasswordModal";

/** Who is signed in, "change my password" and the sign-out button. */
export function SessionMenu({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  return (
    <Flex align="center" gap={8}>
      <Typography.Text style={{ color: "#ccfbf1" }} data-testid="session-user" data-user={session.user_name}>
        {t("session.signedInAs", {
          name: session.user_name,
          role: t(`session.roles.${session.role}`, { defaultValue: session.role }),
        })}
      </Typography.Text>
      {!session.must_change_password && (
        <Button size="small" onClick={() => setChanging(true)} data-testid="change-password">
          {t("password.changeMine")}
        </Button>
      )}
      <Button size="small" onClick={onSignOut} data-testid="sign-out">
        {t("session.signOut")}
      </Button>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </Flex>
  );
}
