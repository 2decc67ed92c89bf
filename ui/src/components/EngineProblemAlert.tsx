import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, useSchedulerStatus } from "../api";

/**
 * A visible warning under the header when this window's engine could not start, most often
 * because another Tahsildar holds the data folder (`engine_busy`): nothing is sent from here.
 */
export function EngineProblemAlert() {
  const { t } = useTranslation();
  const status = useSchedulerStatus();
  const problem = status.data && !status.data.running ? status.data.problem : null;
  if (!problem) return null;
  const detail = problem.code === "engine_busy" ? t("scheduler.busy") : errorText(t, problem);
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="engine-problem"
      data-code={problem.code}
      message={t("scheduler.problemTitle")}
      description={detail}
    />
  );
}
