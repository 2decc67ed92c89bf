import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  commands,
  type CardView,
  type CustomerDetailView,
  type CustomerPageView,
  type CustomerQueryInput,
  type CustomerRowView,
  type NewCardInput,
  type NewCustomerInput,
  type PlanView,
} from "../bindings";
import { call } from "./call";

export type {
  CardView,
  CustomerDetailView,
  CustomerPageView,
  CustomerQueryInput,
  CustomerRowView,
  NewCardInput,
  NewCustomerInput,
  PlanView,
};

/** Every query about customers starts with this key, so a change refreshes them all. */
export const CUSTOMERS_KEY = ["customers"] as const;

export function searchCustomers(query: CustomerQueryInput): Promise<CustomerPageView> {
  return call(() => commands.searchCustomers(query));
}

/** One page of customers; the previous page stays on screen while the next one loads. */
export function useCustomerSearch(query: CustomerQueryInput) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, "search", query],
    queryFn: () => searchCustomers(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function fetchCustomerDetail(id: number): Promise<CustomerDetailView> {
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

export function addCustomer(input: NewCustomerInput): Promise<CustomerRowView> {
  return call(() => commands.addCustomer(input));
}

/** Sends a card once; the caller clears its form right after. */
export function addCard(customerId: number, card: NewCardInput): Promise<CardView> {
  return call(() => commands.addCard(customerId, card));
}
