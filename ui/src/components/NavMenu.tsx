import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../api";
import { SCREENS } from "../screens";
import { useSession } from "../session";

/** The screens the signed-in user may open; those not built yet are shown as coming. */
export function NavMenu({ selected, onSelect }: { selected: string; onSelect: (key: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const visible = SCREENS.filter((screen) => !screen.needs || can(session, screen.needs));
  return (
    <Menu
      mode="inline"
      // As tall as the side menu, so its edge runs down to the window's bottom.
      style={{ height: "100%" }}
      selectedKeys={[selected]}
      onClick={({ key }) => onSelect(key)}
      items={visible.map(({ key, element }) => ({
        key,
        disabled: !element,
        "data-testid": `nav-${key}`,
        label: element ? t(`nav.${key}`) : `${t(`nav.${key}`)} (${t("nav.soon")})`,
      }))}
    />
  );
}
