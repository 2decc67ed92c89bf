import { Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../../api";
import { useSession } from "../../session";
import { StoresTab } from "./StoresTab";
import { UsersTab } from "./UsersTab";

/** Settings: stores (terminals and environments) and users, each shown only with its permission. */
export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tabs = [
    can(session, "manage_stores") && { key: "stores", label: t("settings.storesTab"), children: <StoresTab /> },
    can(session, "manage_users") && { key: "users", label: t("settings.usersTab"), children: <UsersTab /> },
  ].filter((tab) => tab !== false);
  return (
    <>
      <Typography.Title level={2}>{t("settings.title")}</Typography.Title>
      <Tabs items={tabs} data-testid="settings-tabs" />
    </>
  );
}
