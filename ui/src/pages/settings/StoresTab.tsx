import { useState } from "react";
import { Alert, Button, Drawer, Flex, Space, Table, Tag, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  can,
  errorText,
  STORES_KEY,
  testStoreConnection,
  useStores,
  type ConnectionCheck,
  type ConnectionVerdict,
  type Store,
} from "../../api";
import { EnvironmentBadge } from "../../components/EnvironmentBadge";
import { BELOW_HEADER } from "../../components/AppHeader";
import { ErrorAlert } from "../../components/ErrorAlert";
import { pick } from "../../format";
import { useSession } from "../../session";
import { SandboxCards } from "./SandboxCards";
import { StoreForm } from "./StoreForm";

const VERDICT_TYPE = { ok: "success", refused: "error", unreachable: "warning" } as const satisfies Record<
  ConnectionVerdict,
  string
>;

function ConnectionResult({ check }: { check: ConnectionCheck }) {
  const { t, i18n } = useTranslation();
  const title = { ok: t("stores.checkOk"), refused: t("stores.checkRefused"), unreachable: t("stores.checkUnreachable") }[
    check.verdict
  ];
  return (
    <Alert
      type={VERDICT_TYPE[check.verdict]}
      showIcon
      data-testid="connection-result"
      data-verdict={check.verdict}
      message={check.code ? `${title} (${check.code})` : title}
      description={pick(check.explanation, i18n.resolvedLanguage)}
      style={{ marginTop: 8 }}
    />
  );
}

/** Stores with their environment marked; add, edit, test the connection; the sandbox's cards. */
export function StoresTab() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const stores = useStores();
  const [editing, setEditing] = useState<Store | "new">();
  const [checks, setChecks] = useState<Record<number, ConnectionCheck | { failed: string }>>({});
  const [checking, setChecking] = useState<number>();

  const check = async (store: Store) => {
    setChecking(store.id);
    try {
      const result = await testStoreConnection(store.id);
      setChecks((old) => ({ ...old, [store.id]: result }));
    } catch (failure) {
      setChecks((old) => ({ ...old, [store.id]: { failed: errorText(t, failure) } }));
    } finally {
      setChecking(undefined);
    }
  };
  const mayManage = can(session, "manage_stores");
  const hasSandbox = (stores.data ?? []).some((s) => s.environment === "sandbox");

  return (
    <Flex vertical gap={16} data-testid="stores-tab">
      <ErrorAlert error={stores.error} />
      {mayManage && (
        <div>
          <Button type="primary" onClick={() => setEditing("new")} data-testid="store-add">
            {t("stores.add")}
          </Button>
        </div>
      )}
      <Table<Store>
        size="small"
        rowKey="id"
        loading={stores.isPending}
        dataSource={stores.data ?? []}
        pagination={false}
        onRow={(store) => ({
          "data-testid": `store-row-${store.name}`,
          style: store.environment === "live" ? { boxShadow: "inset 4px 0 0 #cf1322" } : undefined,
        })}
        expandable={{
          rowExpandable: (store) => checks[store.id] !== undefined,
          expandedRowKeys: Object.keys(checks).map(Number),
          showExpandColumn: false,
          expandedRowRender: (store) => {
            const result = checks[store.id];
            if (!result) return null;
            return "failed" in result ? <Alert type="error" showIcon message={result.failed} /> : <ConnectionResult check={result} />;
          },
        }}
        columns={[
          {
            title: t("stores.name"),
            key: "name",
            render: (_: unknown, store) => (
              <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
                {store.name}
              </Typography.Text>
            ),
          },
          {
            title: t("stores.environment"),
            key: "environment",
            render: (_: unknown, store) => <EnvironmentBadge environment={store.environment} />,
          },
          {
            title: t("stores.host"),
            key: "effective_base_url",
            render: (_: unknown, store) =>
              store.environment === "sandbox" && !store.base_url ? t("stores.hostSandbox") : (store.effective_base_url ?? "—"),
          },
          { title: t("stores.runTime"), key: "run_time", render: (_: unknown, store) => store.run_time },
          {
            title: t("stores.secretKey"),
            key: "has_secret_key",
            render: (_: unknown, store) => (store.has_secret_key ? <Tag color="green">✓</Tag> : <Tag>{t("stores.secretKeyMissing")}</Tag>),
          },
          {
            title: t("stores.enabled"),
            key: "enabled",
            render: (_: unknown, store) => (store.enabled ? t("stores.yes") : t("stores.no")),
          },
          {
            title: "",
            key: "actions",
            render: (_: unknown, store) =>
              mayManage && (
                // One above the other in a narrow window.
                <Space wrap>
                  <Button size="small" onClick={() => setEditing(store)} data-testid={`store-edit-${store.name}`}>
                    {t("stores.edit")}
                  </Button>
                  <Button
                    size="small"
                    loading={checking === store.id}
                    onClick={() => void check(store)}
                    data-testid={`store-check-${store.name}`}
                  >
                    {t("stores.testConnection")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {hasSandbox && <SandboxCards />}
      <Drawer
        rootStyle={BELOW_HEADER}
        open={editing !== undefined}
        width={560}
        title={editing === "new" ? t("stores.add") : t("stores.edit")}
        onClose={() => setEditing(undefined)}
        destroyOnHidden
      >
        {editing !== undefined && (
          <StoreForm
            store={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void client.invalidateQueries({ queryKey: STORES_KEY });
            }}
          />
        )}
      </Drawer>
    </Flex>
  );
}
