import { useEffect, useMemo, useState, type ReactNode } from "react";
import { ConfigProvider, Layout, Spin } from "antd";
import enUS from "antd/es/locale/en_US";
import trTR from "antd/es/locale/tr_TR";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  can,
  onOpenScreen,
  SETUP_STATUS_KEY,
  signOut,
  useSetupStatus,
  useStores,
  type SessionInfo,
  type SetupStatus,
} from "./api";
import { AppHeader, HEADER_HEIGHT } from "./components/AppHeader";
import { EngineProblemAlert } from "./components/EngineProblemAlert";
import { ErrorAlert } from "./components/ErrorAlert";
import { NavMenu } from "./components/NavMenu";
import { ReauthModal } from "./components/ReauthModal";
import { RestoreHoldAlert } from "./components/RestoreHoldAlert";
import { SchedulerBadge } from "./components/SchedulerBadge";
import { SessionMenu } from "./components/SessionMenu";
import { riskiestEnvironment } from "./components/riskiestEnvironment";
import { ChoosePasswordPage } from "./pages/ChoosePasswordPage";
import { SetupPage } from "./pages/setup/SetupPage";
import { SignInPage } from "./pages/SignInPage";
import { UnlockPage } from "./pages/UnlockPage";
import { NavigationContext, useNavigation, type ScreenTarget } from "./navigation";
import { SCREENS } from "./screens";
import { SessionContext, useSession } from "./session";
import { THEME } from "./theme";

/** The window: the header, then first run, unlock, sign-in or the signed-in workspace. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.resolvedLanguage === "en" ? enUS : trTR} theme={THEME}>
      <Layout style={{ minHeight: "100vh" }}>
        <Window />
      </Layout>
    </ConfigProvider>
  );
}

function Window() {
  const client = useQueryClient();
  const status = useSetupStatus();
  const setStatus = (next: SetupStatus) => client.setQueryData(SETUP_STATUS_KEY, next);
  const refresh = () => void client.invalidateQueries({ queryKey: SETUP_STATUS_KEY });
  const signedIn = (session: SessionInfo) => setStatus({ state: "signed_in", session });
  const leave = async () => {
    await signOut().catch(() => undefined);
    setStatus({ state: "signed_out", last_user: null });
    // Nothing of the last user's stays cached; the status query itself is observed, so it stays.
    client.removeQueries({ predicate: (query) => !["app_info", SETUP_STATUS_KEY[0]].includes(String(query.queryKey[0])) });
  };

  const data = status.data;
  if (data?.state === "signed_in" && data.session.must_change_password) {
    return (
      <>
        <AppHeader extra={<SessionMenu session={data.session} onSignOut={leave} />} />
        <Layout.Content style={{ padding: 24 }}>
          <ChoosePasswordPage session={data.session} onChosen={signedIn} onSignOut={leave} />
        </Layout.Content>
      </>
    );
  }
  if (data?.state === "signed_in") {
    return (
      <SessionContext.Provider value={data.session}>
        <Navigator>
          <SignedInHeader session={data.session} onSignOut={leave} />
          <EngineProblemAlert />
          <RestoreHoldAlert />
          <Workspace />
        </Navigator>
        <ReauthModal userName={data.session.user_name} onSignedIn={signedIn} onGiveUp={leave} />
      </SessionContext.Provider>
    );
  }
  return (
    <>
      <AppHeader />
      <Layout.Content style={{ padding: 24 }}>
        {status.isPending && <Spin size="large" style={{ display: "block", marginTop: 96 }} data-testid="status-loading" />}
        {status.isError && <ErrorAlert error={status.error} testId="status-error" />}
        {data?.state === "needs_setup" && <SetupPage keyringAvailable={data.keyring_available} onFinished={refresh} />}
        {data?.state === "needs_admin" && <SetupPage keyringAvailable={false} adminOnly onFinished={refresh} />}
        {data?.state === "locked" && <UnlockPage status={data} onUnlocked={setStatus} />}
        {data?.state === "signed_out" && <SignInPage lastUser={data.last_user} onSignedIn={signedIn} />}
      </Layout.Content>
    </>
  );
}

function SignedInHeader({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const stores = useStores();
  return (
    <AppHeader
      environment={riskiestEnvironment(stores.data ?? [])}
      extra={
        <>
          <SchedulerBadge />
          <SessionMenu session={session} onSignOut={onSignOut} />
        </>
      }
    />
  );
}

/**
 * Which screen the signed-in window shows; any part of it may open another one, and so may the
 * app (the attention queue, when its notification was clicked), if the user may see it.
 */
function Navigator({ children }: { children: ReactNode }) {
  const session = useSession();
  const [place, setPlace] = useState<{ screen: string; target: ScreenTarget }>({ screen: "dashboard", target: {} });
  useEffect(
    () =>
      onOpenScreen((screen) => {
        const known = SCREENS.find((s) => s.key === screen);
        if (known && (!known.needs || can(session, known.needs))) setPlace({ screen, target: {} });
      }),
    [session],
  );
  const navigation = useMemo(
    () => ({ ...place, open: (screen: string, target: ScreenTarget = {}) => setPlace({ screen, target }) }),
    [place],
  );
  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>;
}

/** The side menu keeps its place under the header while the screen scrolls, and scrolls itself if taller. */
const SIDE_MENU = {
  position: "sticky",
  top: HEADER_HEIGHT,
  height: `calc(100vh - ${HEADER_HEIGHT}px)`,
  overflowY: "auto",
} as const;

/**
 * The signed-in layout: the screen menu on the side, filling the window below the header and
 * staying there while a long screen scrolls; the chosen screen beside it.
 */
function Workspace() {
  const { screen, open } = useNavigation();
  const current = SCREENS.find((s) => s.key === screen)?.element;
  return (
    <Layout style={{ flex: 1 }}>
      <Layout.Sider width={232} theme="light" data-testid="nav" style={SIDE_MENU}>
        <NavMenu selected={screen} onSelect={(key) => open(key)} />
      </Layout.Sider>
      <Layout.Content style={{ padding: 24 }} data-testid={`screen-${screen}`}>
        {current?.()}
      </Layout.Content>
    </Layout>
  );
}
