import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionInfo } from "../api";

/** Who is signed in, and the sign-out button. */
export function SessionMenu({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text style={{ color: "#ccfbf1" }} data-testid="session-user" data-user={session.user_name}>
        {t("session.signedInAs", {
          name: session.user_name,
          role: t(`session.roles.${session.role}`, { defaultValue: session.role }),
        })}
      </Typography.Text>
      <Button size="small" onClick={onSignOut} data-testid="sign-out">
        {t("session.signOut")}
      </Button>
    </Flex>
  );
}
