import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { can, useRestoreHold } from "../api";
import { formatDate } from "../format";
import { useNavigation } from "../navigation";
import { useSession } from "../session";

/**
 * A visible warning under the header while a vault restored from a backup waits for its days
 * since then to be settled with the bank: until they are, nothing is sent and nothing new is
 * entered. Links to the settlement screen for those who may open it.
 */
export function RestoreHoldAlert() {
  const { t } = useTranslation();
  const session = useSession();
  const { open } = useNavigation();
  const hold = useRestoreHold();
  const since = hold.data;
  if (!since) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="restore-hold"
      data-since={since}
      message={t("restoreHold.title")}
      description={t("restoreHold.text", { date: formatDate(since) })}
      action={
        can(session, "view_reports") ? (
          <Button size="small" onClick={() => open("settlement")} data-testid="restore-hold-open">
            {t("restoreHold.open")}
          </Button>
        ) : undefined
      }
    />
  );
}
