import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, events, type RunProgressEvent, type SchedulerStatus } from "../bindings";
import { call } from "./call";

export type { RunProgressEvent, SchedulerStatus };

export const SCHEDULER_STATUS_KEY = ["scheduler_status"] as const;

export function fetchSchedulerStatus(): Promise<SchedulerStatus> {
  return call(() => commands.schedulerStatus());
}

/** The scheduler's status, kept live by the backend's progress events. */
export function useSchedulerStatus() {
  const client = useQueryClient();
  useEffect(() => {
    return onRunProgress((progress) => {
      client.setQueryData<SchedulerStatus>(SCHEDULER_STATUS_KEY, (old) =>
        old ? { ...old, progress } : old,
      );
    });
  }, [client]);
  return useQuery({ queryKey: SCHEDULER_STATUS_KEY, queryFn: fetchSchedulerStatus, retry: false });
}

/**
 * Calls `handler` with every progress change of the scheduler's runs; returns the function
 * that stops listening. Screens that list payments use it to refresh while a run goes on.
 */
export function onRunProgress(handler: (progress: RunProgressEvent) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void events.runProgressEvent
    .listen((event) => handler(event.payload))
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    })
    .catch(() => {
      // Outside the app (unit tests without an event mock) there is nothing to listen to.
    });
  return () => {
    stopped = true;
    stop?.();
  };
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
