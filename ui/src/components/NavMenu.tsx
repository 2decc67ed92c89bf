import { Menu } from "antd";
import { useTranslation } from "react-i18next";

/** The screens of the app; only the dashboard exists so far, the rest are shown as coming. */
export const SCREENS = [
  { key: "dashboard", ready: true },
  { key: "customers", ready: false },
  { key: "collections", ready: false },
  { key: "import", ready: false },
  { key: "payments", ready: false },
  { key: "attention", ready: false },
  { key: "reports", ready: false },
  { key: "settings", ready: false },
  { key: "audit", ready: false },
] as const;

export type ScreenKey = (typeof SCREENS)[number]["key"];

export function NavMenu({ selected, onSelect }: { selected: ScreenKey; onSelect: (key: ScreenKey) => void }) {
  const { t } = useTranslation();
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => onSelect(key as ScreenKey)}
      items={SCREENS.map(({ key, ready }) => ({
        key,
        disabled: !ready,
        "data-testid": `nav-${key}`,
        label: ready ? t(`nav.${key}`) : `${t(`nav.${key}`)} (${t("nav.soon")})`,
      }))}
    />
  );
}
