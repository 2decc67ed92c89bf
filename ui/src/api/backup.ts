import { useQuery } from "@tanstack/react-query";
import {
  commands,
  type BackupPreview,
  type BackupSchedule_Serialize,
  type BackupSummary,
  type LastBackup_Serialize,
  type ScheduleChange,
} from "../bindings";
import { call } from "./call";

export type { BackupPreview, BackupSummary, ScheduleChange };
/** The automatic backups' settings and last result, as the backend sends them. */
export type BackupSchedule = BackupSchedule_Serialize;
/** The last automatic backup: when, and its file or why it failed. */
export type LastBackup = LastBackup_Serialize;

export const BACKUP_SCHEDULE_KEY = ["backup_schedule"] as const;

/** The words a restore is confirmed with, in the window's language (the backend takes either). */
export const RESTORE_WORDS = { tr: "GERİ YÜKLE", en: "RESTORE" } as const;

/** A backup now, to the file chosen in the save dialog (null: the dialog was closed). */
export function backupNow(passphrase: string): Promise<BackupSummary | null> {
  return call(() => commands.backupNow(passphrase));
}

export function fetchBackupSchedule(): Promise<BackupSchedule> {
  return call(() => commands.backupSchedule());
}

/** The automatic backups' settings and last result, looked at again every minute. */
export function useBackupSchedule() {
  return useQuery({ queryKey: BACKUP_SCHEDULE_KEY, queryFn: fetchBackupSchedule, retry: false, refetchInterval: 60_000 });
}

/** The folder dialog for the automatic backups (null: closed). */
export function chooseBackupFolder(): Promise<BackupSchedule | null> {
  return call(() => commands.chooseBackupFolder());
}

/** On or off, how many kept, and a new passphrase when one is typed (null keeps the kept one). */
export function setBackupSchedule(change: ScheduleChange, passphrase: string | null): Promise<BackupSchedule> {
  return call(() => commands.setBackupSchedule(change, passphrase));
}

/** The open dialog for the backup to restore; its file name (null: closed). */
export function chooseRestoreFile(): Promise<string | null> {
  return call(() => commands.chooseRestoreFile());
}

export function previewBackup(passphrase: string): Promise<BackupPreview> {
  return call(() => commands.previewBackup(passphrase));
}

/** Replaces the vault with the chosen backup; afterwards the window signs in again. */
export function restoreBackup(passphrase: string, confirmation: string, vaultPassphrase: string | null): Promise<null> {
  return call(() => commands.restoreBackup(passphrase, confirmation, vaultPassphrase));
}
