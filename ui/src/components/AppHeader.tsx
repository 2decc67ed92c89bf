import type { ReactNode } from "react";
import { Alert, Flex, Layout, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, useAppInfo, type Environment } from "../api";
import { EnvironmentBadge } from "./EnvironmentBadge";
import { LanguageSwitch } from "./LanguageSwitch";

/** The header's height: one line, whatever the window's width. */
export const HEADER_HEIGHT = 64;

/** Where a drawer opens: below the header, which stays in view above it. */
export const BELOW_HEADER = { top: HEADER_HEIGHT } as const;

/**
 * Product name, version and environment as the backend reports them. Once signed in,
 * `environment` is the most consequential one among the enabled stores (live over test over
 * sandbox), so a live store is never mistaken for the sandbox. `extra` (the signed-in user,
 * the scheduler) sits before the language switch. The header stays at the top of the window while the page
 * scrolls.
 */
export function AppHeader({ extra, environment }: { extra?: ReactNode; environment?: Environment }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <Layout.Header
      data-testid="app-header"
      style={{
        display: "flex",
        alignItems: "center",
        gap: 16,
        height: HEADER_HEIGHT,
        lineHeight: `${HEADER_HEIGHT}px`,
        paddingInline: 24,
        background: "#134e4a",
        whiteSpace: "nowrap",
        position: "sticky",
        top: 0,
        zIndex: 10,
      }}
    >
      <img src="/icon.png" alt="" width={32} height={32} />
      {info.isPending && <Spin size="small" aria-label={t("app.loading")} />}
      {info.isError && (
        <Alert
          type="error"
          showIcon
          data-testid="app-error"
          message={t("errors.title")}
          description={errorText(t, info.error)}
        />
      )}
      {info.isSuccess && (
        <Flex align="center" gap={12} style={{ flexShrink: 0 }}>
          <Typography.Title level={4} style={{ color: "#fff", margin: 0 }} data-testid="app-name">
            {info.data.name}
          </Typography.Title>
          <Typography.Text
            className="hidden-below-lg"
            style={{ color: "#ccfbf1" }}
            data-testid="app-version"
            data-version={info.data.about.version}
          >
            {t("app.version", { version: info.data.about.version })}
          </Typography.Text>
          <EnvironmentBadge environment={environment ?? info.data.environment} />
        </Flex>
      )}
      <Flex align="center" gap={16} style={{ marginInlineStart: "auto" }}>
        {extra}
        <LanguageSwitch />
      </Flex>
    </Layout.Header>
  );
}
