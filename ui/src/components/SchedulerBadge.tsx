import { Button, Flex, Progress, Tag, Tooltip } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  can,
  errorText,
  pauseScheduler,
  resumeScheduler,
  runNow,
  SCHEDULER_STATUS_KEY,
  useSchedulerStatus,
} from "../api";
import { useSession } from "../session";

/** The scheduler in the header: running or paused, the current run's progress, its controls. */
export function SchedulerBadge() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const status = useSchedulerStatus();
  if (!status.data) return null;
  const { running, problem, progress, next_run: nextRun } = status.data;
  const state = !running ? "stopped" : progress.paused ? "paused" : "running";
  const colour = state === "running" ? "green" : state === "paused" ? "orange" : "red";
  const mayAct = running && can(session, "submit_provisions");
  const act = (action: () => Promise<void>) => async () => {
    await action().catch(() => undefined);
    await client.invalidateQueries({ queryKey: SCHEDULER_STATUS_KEY });
  };
  const percent = progress.queued > 0 ? Math.round((progress.done / progress.queued) * 100) : 0;
  return (
    <Flex align="center" gap={8} data-testid="scheduler" data-state={state}>
      {/* The next run is written out in a wide window only; the state's tooltip always says it. */}
      <Tooltip title={problem ? errorText(t, problem) : nextRun ? t("scheduler.nextRun", { at: nextRun }) : undefined}>
        <Tag color={colour} data-testid="scheduler-state">
          <span className="hidden-below-lg">{t("scheduler.label")}: </span>
          {t(`scheduler.${state}`)}
        </Tag>
      </Tooltip>
      {!progress.active && running && nextRun && (
        <span className="hidden-below-xxl" style={{ color: "#ccfbf1" }} data-testid="scheduler-next">
          {t("scheduler.nextRun", { at: nextRun })}
        </span>
      )}
      {progress.active && (
        <Flex align="center" gap={4} data-testid="scheduler-progress">
          <Progress
            type="circle"
            size={24}
            percent={percent}
            showInfo={false}
            aria-label={t("scheduler.progress", { done: progress.done, queued: progress.queued })}
          />
          <span style={{ color: "#ccfbf1" }}>
            {t("scheduler.progress", { done: progress.done, queued: progress.queued })}
          </span>
        </Flex>
      )}
      {mayAct && (
        <>
          {progress.paused ? (
            <Button size="small" onClick={act(resumeScheduler)} data-testid="scheduler-resume">
              {t("scheduler.resume")}
            </Button>
          ) : (
            <Button size="small" onClick={act(pauseScheduler)} data-testid="scheduler-pause">
              {t("scheduler.pause")}
            </Button>
          )}
          <Button size="small" type="primary" onClick={act(runNow)} data-testid="scheduler-run-now">
            {t("scheduler.runNow")}
          </Button>
        </>
      )}
    </Flex>
  );
}
