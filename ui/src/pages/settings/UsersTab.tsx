import { useState } from "react";
import { Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  addUser,
  setUserDisabled,
  unlockUser,
  USERS_KEY,
  useStores,
  useUsers,
  type Role,
  type UserInfo,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSession } from "../../session";
import { characterCount, MIN_PASSWORD_LENGTH } from "../setup/passwordRules";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UserAccessModal } from "./UserAccessModal";

/** The presets a new user may get; `custom` marks a user whose grants were edited, it is not offered. */
type Preset = Exclude<Role, "custom">;
const ROLES: readonly Preset[] = ["operator", "manager", "viewer", "admin"];

interface NewUserValues {
  name: string;
  password: string;
  role: Preset;
  storeId: number | "all";
}

function AddUserForm({ onAdded }: { onAdded: (list: UserInfo[]) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewUserValues>();
  const stores = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const role = Form.useWatch("role", form) ?? "operator";
  const password = Form.useWatch("password", form) ?? "";

  const save = async (values: NewUserValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const list = await addUser({
        name: values.name,
        password: values.password,
        role: values.role,
        store_id: values.storeId === "all" || values.role === "admin" ? null : values.storeId,
      });
      form.resetFields();
      onAdded(list);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t("users.add")}>
      <ErrorAlert error={error} testId="user-error" />
      <Form
        form={form}
        layout="inline"
        initialValues={{ role: "operator", storeId: "all", name: "", password: "" }}
        onFinish={save}
        data-testid="user-form"
      >
        <Form.Item name="name" label={t("users.name")} rules={[{ required: true }]}>
          <Input data-testid="user-name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.password")}
          help={t("setup.ruleLength", { min: MIN_PASSWORD_LENGTH })}
          validateStatus={password && characterCount(password) < MIN_PASSWORD_LENGTH ? "warning" : undefined}
        >
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} extra={t(`users.roleHelp.${role}`)}>
          <Select
            style={{ width: 160 }}
            data-testid="user-role"
            options={ROLES.map((r) => ({ value: r, label: t(`session.roles.${r}`) }))}
          />
        </Form.Item>
        {role !== "admin" && (
          <Form.Item name="storeId" label={t("users.scope")}>
            <Select
              style={{ width: 200 }}
              data-testid="user-store"
              options={[
                { value: "all", label: t("users.allStores") },
                ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="user-save">
            {t("users.save")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/**
 * Users: list, add with a role preset, edit each store's permissions, reset a password, unlock
 * after a lockout, disable and enable.
 */
export function UsersTab() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useUsers();
  const me = useSession()?.user_id;
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<{ user: UserInfo; what: "access" | "reset" }>();
  const saved = (list: UserInfo[]) => {
    client.setQueryData(USERS_KEY, list);
    setEditing(undefined);
  };
  const refresh = () => void client.invalidateQueries({ queryKey: USERS_KEY });
  const act = (action: () => Promise<void>) => async () => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    }
    refresh();
  };

  return (
    <Flex vertical gap={16} data-testid="users-tab">
      <ErrorAlert error={error ?? users.error} testId="users-error" />
      <AddUserForm onAdded={(list) => client.setQueryData(USERS_KEY, list)} />
      <Table<UserInfo>
        rowKey="id"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={false}
        onRow={(user) => ({ "data-testid": `user-row-${user.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("users.name"),
            key: "name",
            render: (_: unknown, user) => <Typography.Text strong>{user.name}</Typography.Text>,
          },
          {
            title: t("users.role"),
            key: "role",
            render: (_: unknown, user) => t(`session.roles.${user.role}`, { defaultValue: user.role }),
          },
          {
            title: t("users.status"),
            key: "status",
            render: (_: unknown, user) => (
              <Space>
                {user.disabled ? <Tag color="default">{t("users.disabled")}</Tag> : <Tag color="green">{t("users.active")}</Tag>}
                {user.locked_until && (
                  <Tag color="red" data-testid={`user-locked-${user.name}`}>
                    {t("users.lockedUntil", { until: user.locked_until })}
                  </Tag>
                )}
                {user.must_change_password && (
                  <Tag color="gold" data-testid={`user-must-change-${user.name}`}>
                    {t("users.mustChange")}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: "",
            key: "actions",
            render: (_: unknown, user) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing({ user, what: "access" })} data-testid={`user-access-${user.name}`}>
                  {t("users.access.open")}
                </Button>
                {user.id !== me && (
                  <Button size="small" onClick={() => setEditing({ user, what: "reset" })} data-testid={`user-reset-${user.name}`}>
                    {t("users.reset.open")}
                  </Button>
                )}
                {user.locked_until && (
                  <Button size="small" onClick={act(() => unlockUser(user.name))} data-testid={`user-unlock-${user.name}`}>
                    {t("users.unlock")}
                  </Button>
                )}
                {user.id !== me && (
                  <Button
                    size="small"
                    onClick={act(() => setUserDisabled(user.name, !user.disabled))}
                    data-testid={`user-${user.disabled ? "enable" : "disable"}-${user.name}`}
                  >
                    {user.disabled ? t("users.enable") : t("users.disable")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing?.what === "access" && (
        <UserAccessModal user={editing.user} onClose={() => setEditing(undefined)} onSaved={saved} />
      )}
      {editing?.what === "reset" && (
        <ResetPasswordModal user={editing.user} onClose={() => setEditing(undefined)} onSaved={saved} />
      )}
    </Flex>
  );
}
