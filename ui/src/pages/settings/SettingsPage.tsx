import { Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../../api";
import { useSession } from "../../session";
import { AboutTab } from "./AboutTab";
import { BackupTab } from "./BackupTab";
import { canEverywhere } from "./backupRules";
import { StoresTab } from "./StoresTab";
import { UsersTab } from "./UsersTab";

/**
 * Settings: stores (terminals and environments), users and backups, each shown only with its
 * permission, and About (version, folders, the support bundle) for everyone.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tabs = [
    can(session, "manage_stores") && { key: "stores", label: t("settings.storesTab"), children: <StoresTab /> },
    can(session, "manage_users") && { key: "users", label: t("settings.usersTab"), children: <UsersTab /> },
    canEverywhere(session, "export") && { key: "backup", label: t("settings.backupTab"), children: <BackupTab /> },
    { key: "about", label: t("settings.aboutTab"), children: <AboutTab /> },
  ].filter((tab) => tab !== false);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("settings.title")}
      </Typography.Title>
      <Tabs items={tabs} data-testid="settings-tabs" />
    </>
  );
}
