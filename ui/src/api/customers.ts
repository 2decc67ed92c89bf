import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  commands,
  type ArchiveOutcome,
  type CardDetail_Serialize,
  type CustomerDetail_Serialize,
  type CustomerPage_Serialize,
  type CustomerQuery_Deserialize,
  type CustomerSort,
  type CustomerStatus,
  type CustomerSummary_Serialize,
  type NewCardInput_Deserialize,
  type NewCustomer_Deserialize,
  type PlanStatus,
  type PlanSummary_Serialize,
} from "../bindings";
import { call } from "./call";

export type { ArchiveOutcome, CustomerSort, CustomerStatus, PlanStatus };
/** A customer as listed. */
export type CustomerSummary = CustomerSummary_Serialize;
/** One page of customers and how many match. */
export type CustomerPage = CustomerPage_Serialize;
/** Everything about one customer. */
export type CustomerDetail = CustomerDetail_Serialize;
/** A card as the customer's detail shows it (masked); `position` 0 is the primary card. */
export type CardDetail = CardDetail_Serialize;
/** A plan as the customer's detail shows it. */
export type PlanSummary = PlanSummary_Serialize;
/** Which customers to list; what is left out is not filtered on. */
export type CustomerQuery = CustomerQuery_Deserialize;
/** A customer as entered (the store is given separately). */
export type NewCustomer = NewCustomer_Deserialize;
/** A card as typed. */
export type NewCardInput = NewCardInput_Deserialize;

/** Every query about customers starts with this key, so a change refreshes them all. */
export const CUSTOMERS_KEY = ["customers"] as const;

export function searchCustomers(query: CustomerQuery): Promise<CustomerPage> {
  return call(() => commands.searchCustomers(query));
}

/** One page of customers; the previous page stays on screen while the next one loads. */
export function useCustomerSearch(query: CustomerQuery) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, "search", query],
    queryFn: () => searchCustomers(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function fetchCustomerDetail(id: number): Promise<CustomerDetail> {
  return call(() => commands.customerDetail(id));
}

export function useCustomerDetail(id: number | null) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, "detail", id],
    queryFn: () => fetchCustomerDetail(id as number),
    enabled: id !== null,
    retry: false,
  });
}

/** Adds a customer to a store; answers with it as listed. */
export function addCustomer(storeId: number, customer: NewCustomer): Promise<CustomerSummary> {
  return call(() => commands.addCustomer(storeId, customer));
}

/** Sends a card once; the caller clears its form right after. */
export function addCard(customerId: number, card: NewCardInput): Promise<CardDetail> {
  return call(() => commands.addCard(customerId, card));
}

/** Changes a customer's reference, name and contact; answers with it as listed. */
export function updateCustomer(id: number, customer: NewCustomer): Promise<CustomerSummary> {
  return call(() => commands.updateCustomer(id, customer));
}

/** Makes a card the customer's primary one; answers with the customer's detail. */
export function setPrimaryCard(cardId: number): Promise<CustomerDetail> {
  return call(() => commands.setPrimaryCard(cardId));
}

/** Removes a card (kept for the history, never charged again); answers with the customer's detail. */
export function removeCard(customerId: number, cardId: number): Promise<CustomerDetail> {
  return call(() => commands.removeCard(customerId, cardId));
}

/** Replaces a card with a new one in one step (the old one kept for the history); answers with the customer's detail. */
export function replaceCard(customerId: number, cardId: number, card: NewCardInput): Promise<CustomerDetail> {
  return call(() => commands.replaceCard(customerId, cardId, card));
}

/** Archives a customer: its running plans are cancelled, its history kept, nothing charged again. */
export function archiveCustomer(id: number): Promise<ArchiveOutcome> {
  return call(() => commands.archiveCustomer(id));
}

/** Takes a customer out of the archive (its cancelled plans stay cancelled). */
export function unarchiveCustomer(id: number): Promise<null> {
  return call(() => commands.unarchiveCustomer(id));
}
