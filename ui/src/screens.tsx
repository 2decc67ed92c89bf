import type { ReactNode } from "react";
import type { Permission } from "./api";
import { DashboardPage } from "./pages/DashboardPage";
import { ImportPage } from "./pages/ImportPage";
import { AttentionPage } from "./pages/attention/AttentionPage";
import { AuditPage } from "./pages/audit/AuditPage";
import { NewCollectionPage } from "./pages/collections/NewCollectionPage";
import { CustomersPage } from "./pages/customers/CustomersPage";
import { PaymentsPage } from "./pages/payments/PaymentsPage";
import { ReportsPage } from "./pages/reports/ReportsPage";
import { SettlementPage } from "./pages/settlement/SettlementPage";
import { SettingsPage } from "./pages/settings/SettingsPage";

/**
 * The screens of the app, in menu order. A screen with `element` is ready; one with `needs`
 * is shown only to users holding that permission somewhere (the backend checks again).
 * Add a screen with one line here; its menu label is `nav.<key>`.
 */
export interface Screen {
  key: string;
  element?: () => ReactNode;
  needs?: Permission;
}

export const SCREENS: Screen[] = [
  { key: "dashboard", element: () => <DashboardPage /> },
  { key: "customers", needs: "view_reports", element: () => <CustomersPage /> },
  { key: "collections", needs: "create_collections", element: () => <NewCollectionPage /> },
  { key: "import", needs: "import_batches", element: () => <ImportPage /> },
  { key: "payments", needs: "view_reports", element: () => <PaymentsPage /> },
  { key: "attention", needs: "view_reports", element: () => <AttentionPage /> },
  { key: "settlement", needs: "view_reports", element: () => <SettlementPage /> },
  { key: "reports", needs: "view_reports", element: () => <ReportsPage /> },
  { key: "settings", needs: "manage_stores", element: () => <SettingsPage /> },
  { key: "audit", needs: "view_audit", element: () => <AuditPage /> },
];
