import { useState } from "react";
import { Checkbox, Flex, Modal, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { setUserGrants, useRolePresets, useStores, type Permission, type RolePreset, type UserInfo } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSession } from "../../session";
import {
  cellsOf,
  coveredByAll,
  grantsOf,
  has,
  mayChange,
  presetOf,
  toggled,
  withPreset,
  type Cells,
  type Column,
} from "./accessGrid";

/** The choice a column's preset picker shows when the column matches no preset. */
const NONE = "none";
const CUSTOM = "custom";
/** The grid's first row: each column's preset picker. */
const PRESET_ROW = "preset";
type Row = Permission | typeof PRESET_ROW;

/**
 * A user's permissions as a grid: a row per permission, a column for every store and one per
 * store; each column's picker fills it from a role preset. Saved as a whole; the backend
 * refuses (and names) anything beyond the signed-in user's own permissions.
 */
export function UserAccessModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserInfo;
  onClose: () => void;
  onSaved: (list: UserInfo[]) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const stores = useStores();
  const presets = useRolePresets();
  const [cells, setCells] = useState<Cells>(() => cellsOf(user.grants));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const all: Permission[] = presets.data?.find((p) => p.all_stores_only)?.permissions ?? [];
  const columns: Column[] = ["all", ...(stores.data ?? []).map((s) => s.id)];

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await setUserGrants(user.name, grantsOf(cells)));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const storeName = (column: Column) =>
    column === "all" ? t("users.allStores") : (stores.data?.find((s) => s.id === column)?.name ?? String(column));

  const presetPicker = (column: Column) => {
    const offered = (presets.data ?? []).filter((p) => column === "all" || !p.all_stores_only);
    const current = presetOf(cells, column, offered, all);
    const empty = all.every((p) => !has(cells, p, column));
    const editable = mayChange(session, "manage_users", column);
    return (
      <Select<string>
        size="small"
        style={{ width: 130 }}
        disabled={!editable}
        value={current?.role ?? (empty ? NONE : CUSTOM)}
        data-testid={`access-preset-${column}`}
        aria-label={`${t("users.access.preset")} — ${storeName(column)}`}
        onChange={(role) => {
          const preset: RolePreset | null = offered.find((p) => p.role === role) ?? null;
          setCells((c) => withPreset(c, column, preset, all));
        }}
        options={[
          { value: NONE, label: t("users.access.none") },
          ...offered.map((p) => ({ value: p.role, label: t(`session.roles.${p.role}`) })),
          ...(current || empty ? [] : [{ value: CUSTOM, label: t("session.roles.custom"), disabled: true }]),
        ]}
      />
    );
  };

  return (
    <Modal
      open
      width={Math.min(960, window.innerWidth - 48)}
      title={t("users.access.title", { name: user.name })}
      okText={t("users.access.save")}
      cancelText={t("password.cancel")}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "access-save" }}
      maskClosable={false}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="access-grid">
        <Typography.Text type="secondary">{t("users.access.help")}</Typography.Text>
        <ErrorAlert error={error} testId="access-error" />
        <div style={{ overflowX: "auto" }}>
        <Table<Row>
          size="small"
          rowKey={(p) => p}
          pagination={false}
          loading={presets.isPending || stores.isPending}
          dataSource={presets.data ? [PRESET_ROW, ...all] : []}
          columns={[
            {
              title: t("users.access.permission"),
              key: "permission",
              width: 200,
              render: (_: unknown, p) =>
                p === PRESET_ROW ? <Typography.Text strong>{t("users.access.preset")}</Typography.Text> : t(`users.permissions.${p}`),
            },
            ...columns.map((column) => ({
              key: String(column),
              align: "center" as const,
              title: storeName(column),
              render: (_: unknown, p: Row) => {
                if (p === PRESET_ROW) return presetPicker(column);
                const covered = coveredByAll(cells, p, column);
                return (
                  <Checkbox
                    checked={covered || has(cells, p, column)}
                    disabled={covered || !mayChange(session, p, column)}
                    onChange={(e) => setCells((c) => toggled(c, p, column, e.target.checked))}
                    data-testid={`access-${p}-${column}`}
                    aria-label={`${t(`users.permissions.${p}`)} — ${storeName(column)}`}
                  />
                );
              },
            })),
          ]}
        />
        </div>
      </Flex>
    </Modal>
  );
}
