import { useState } from "react";
import { ConfigProvider, Layout } from "antd";
import enUS from "antd/locale/en_US";
import trTR from "antd/locale/tr_TR";
import { useTranslation } from "react-i18next";
import { AppHeader } from "./components/AppHeader";
import { NavMenu, type ScreenKey } from "./components/NavMenu";
import { DashboardPage } from "./pages/DashboardPage";

const THEME = { token: { colorPrimary: "#0f766e" } };

/** The window: header, screen menu, the selected screen. */
export function App() {
  const { i18n } = useTranslation();
  const [screen, setScreen] = useState<ScreenKey>("dashboard");
  return (
    <ConfigProvider locale={i18n.resolvedLanguage === "en" ? enUS : trTR} theme={THEME}>
      <Layout style={{ minHeight: "100vh" }}>
        <AppHeader />
        <Layout>
          <Layout.Sider width={232} theme="light" data-testid="nav">
            <NavMenu selected={screen} onSelect={setScreen} />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>{screen === "dashboard" && <DashboardPage />}</Layout.Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
