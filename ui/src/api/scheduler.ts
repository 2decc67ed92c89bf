import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, events, type RunProgress_Serialize, type SchedulerStatus_Serialize } from "../bindings";
import { call } from "./call";
import { listenTo } from "./listen";

/** The counts of the current (or last) run; also what every `runProgressEvent` carries. */
export type RunProgress = RunProgress_Serialize;
/** What the header shows about the scheduler. */
export type SchedulerStatus = SchedulerStatus_Serialize;

export const SCHEDULER_STATUS_KEY = ["scheduler_status"] as const;

export function fetchSchedulerStatus(): Promise<SchedulerStatus> {
  return call(() => commands.schedulerStatus());
}

/**
 * The scheduler's status, kept live by the backend's progress events; read again every two
 * seconds while a run is shown as going on, since a reading that was under way when the run's
 * last event came would otherwise leave the run shown as going on.
 */
export function useSchedulerStatus() {
  const client = useQueryClient();
  useEffect(() => {
    return onRunProgress((progress) => {
      client.setQueryData<SchedulerStatus>(SCHEDULER_STATUS_KEY, (old) =>
        old ? { ...old, progress } : old,
      );
    });
  }, [client]);
  return useQuery({
    queryKey: SCHEDULER_STATUS_KEY,
    queryFn: fetchSchedulerStatus,
    retry: false,
    refetchInterval: (query) => (query.state.data?.progress.active ? RUNNING_REFRESH_MS : false),
  });
}

/** How often the status is read again while a run is shown as going on. */
const RUNNING_REFRESH_MS = 2_000;

/**
 * Calls `handler` with every progress change of the scheduler's runs; returns the function
 * that stops listening. Screens that list payments use it to refresh while a run goes on; a
 * run's last event comes after its day has been matched against the bank's report.
 */
export function onRunProgress(handler: (progress: RunProgress) => void): () => void {
  return listenTo(events.runProgressEvent, handler);
}

export async function pauseScheduler(): Promise<void> {
  await call(() => commands.pauseScheduler());
}

export async function resumeScheduler(): Promise<void> {
  await call(() => commands.resumeScheduler());
}

export async function runNow(): Promise<void> {
  await call(() => commands.runNow());
}
