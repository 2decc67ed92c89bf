import { useState } from "react";
import { Button, Flex, Popover } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionInfo } from "../api";
import { ChangePasswordModal } from "./ChangePasswordModal";

/** Who is signed in, with "change my password" under their name, and the sign-out button. */
export function SessionMenu({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const name = t("session.signedInAs", {
    name: session.user_name,
    role: t(`session.roles.${session.role}`, { defaultValue: session.role }),
  });
  return (
    <Flex align="center" gap={8}>
      {session.must_change_password ? (
        <span style={{ color: "#ccfbf1" }} data-testid="session-user" data-user={session.user_name}>
          {name}
        </span>
      ) : (
        <Popover
          trigger="click"
          placement="bottomRight"
          open={menuOpen}
          onOpenChange={setMenuOpen}
          content={
            <Button
              type="text"
              onClick={() => {
                setMenuOpen(false);
                setChanging(true);
              }}
              data-testid="change-password"
            >
              {t("password.changeMine")}
            </Button>
          }
        >
          <Button type="text" size="small" style={{ color: "#ccfbf1" }} data-testid="session-menu" aria-haspopup="menu">
            <span data-testid="session-user" data-user={session.user_name}>
              {name}
            </span>
            <span aria-hidden>▾</span>
          </Button>
        </Popover>
      )}
      <Button size="small" onClick={onSignOut} data-testid="sign-out">
        {t("session.signOut")}
      </Button>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </Flex>
  );
}
