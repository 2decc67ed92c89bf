import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  commands,
  type AuditAction,
  type AuditActionChoice,
  type AuditCheck_Serialize,
  type AuditChoices,
  type AuditPage_Serialize,
  type AuditQuery_Deserialize,
  type AuditRow_Serialize,
  type AuditUser,
} from "../bindings";
import { call } from "./call";

export type { AuditAction, AuditActionChoice, AuditChoices, AuditUser };
/** Which entries a page shows: user, action, store, Istanbul days, and the page. */
export type AuditQuery = AuditQuery_Deserialize;
/** One entry, its details masked. */
export type AuditRow = AuditRow_Serialize;
export type AuditPage = AuditPage_Serialize;
/** How far the chain holds, or where it breaks first. */
export type AuditCheck = AuditCheck_Serialize;

/** Every query about the audit log starts with this. */
export const AUDIT_KEY = ["audit"] as const;

export function emptyAuditQuery(): AuditQuery {
  return { user_id: null, action: null, store_id: null, from: null, to: null, offset: 0, limit: 50 };
}

export function listAuditEntries(query: AuditQuery): Promise<AuditPage> {
  return call(() => commands.auditEntries(query));
}

/** A page of the entries the user may see, newest first. */
export function useAuditPage(query: AuditQuery) {
  return useQuery({
    queryKey: [...AUDIT_KEY, "page", query],
    queryFn: () => listAuditEntries(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function fetchAuditChoices(): Promise<AuditChoices> {
  return call(() => commands.auditChoices());
}

/** The actions and users the filters offer. */
export function useAuditChoices() {
  return useQuery({ queryKey: [...AUDIT_KEY, "choices"], queryFn: fetchAuditChoices, retry: false });
}

/** Verifies the whole chain (reads every entry: run on demand). */
export function verifyAudit(): Promise<AuditCheck> {
  return call(() => commands.auditVerify());
}
