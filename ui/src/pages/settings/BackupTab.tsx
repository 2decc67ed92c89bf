import { Flex } from "antd";
import { useSession } from "../../session";
import { AutoBackupCard } from "./AutoBackupCard";
import { BackupNowCard } from "./BackupNowCard";
import { canEverywhere } from "./backupRules";
import { RestoreCard } from "./RestoreCard";

/**
 * Backups: one now (anyone who may export every store), the automatic daily ones and a restore
 * (administrators; others see the automatic backups' state only).
 */
export function BackupTab() {
  const session = useSession();
  const admin = canEverywhere(session, "manage_users") && canEverywhere(session, "manage_stores");
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }} data-testid="backup-tab">
      <BackupNowCard />
      <AutoBackupCard editable={admin} />
      {admin && <RestoreCard />}
    </Flex>
  );
}
