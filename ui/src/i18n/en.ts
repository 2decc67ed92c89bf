import type { Texts } from "./index";
import importEn from "./import.en";
import settingsEn from "./settings.en";
import shellEn from "./shell.en";
import attentionEn from "./attention.en";
import paymentsEn from "./payments.en";
import collectionEn from "./collection.en";
import customersEn from "./customers.en";
import formsEn from "./forms.en";
import reviewEn from "./review.en";
import settlementEn from "./settlement.en";
import reportsEn from "./reports.en";
import auditEn from "./audit.en";
import plansEn from "./plans.en";

/** English texts: complete, key for key with `tr.ts`. */
const en: Texts = {
  ...shellEn,
  ...settingsEn,
  ...importEn,
  ...attentionEn,
  ...paymentsEn,
  ...collectionEn,
  ...customersEn,
  ...formsEn,
  ...reviewEn,
  ...settlementEn,
  ...reportsEn,
  ...auditEn,
  ...plansEn,
  app: {
    loading: "Loading…",
    version: "Version {{version}}",
  },
  environment: {
    sandbox: "Sandbox",
    test: "Test",
    live: "Live",
  },
  search: {
    accentFree: "Ignore Turkish letters (ş = s)",
  },
  language: {
    label: "Language",
    text: "Menus, messages, notifications and the tray speak this language; the choice is remembered on this computer. The TR / EN switch in the header changes the same setting.",
  },
  nav: {
    dashboard: "Dashboard",
    customers: "Customers",
    collections: "Collections",
    import: "Import",
    payments: "Payments",
    attention: "Attention list",
    settlement: "Settlement",
    reports: "Reports",
    settings: "Settings",
    audit: "Audit log",
    soon: "soon",
  },
  dashboard: {
    title: "Dashboard",
    sandboxTitle: "Sandbox mode",
    sandboxText:
      "The app is connected to the built-in bank simulator: no real card is charged, only test cards are accepted.",
    liveTitle: "Live environment",
    liveText: "The app is connected to Akbank: charges are made on real cards.",
    testTitle: "Test environment",
    testText: "The app is connected to Akbank's test host.",
    dataDir: "Data folder",
    today: "Today",
    month: "This month",
    chartTitle: "Last 30 days: due and collected",
    chartEmpty: "No payment fell due in the last 30 days.",
    declinesTitle: "This month's decline reasons",
    upcomingTitle: "Next 7 days",
    upcomingNone: "Nothing falls due in the next 7 days.",
    expiringTitle: "Card will have expired by the due date ({{count}})",
    attentionTitle: "Payments needing an operator",
    attentionCount: "{{count}} payment(s) wait for an operator",
    attentionNone: "No payment needs an operator.",
    attentionOpen: "Open the attention list",
    runTitle: "Last run",
    runActive: "Run in progress: {{done}} / {{queued}}",
    runNone: "No run in the last 30 days.",
    runCounts: "{{payments}} payment(s): {{approved}} approved, {{declined}} declined, {{attention}} need an operator, {{unresolved}} left for later",
    runNext: "Next run: {{at}}",
  },
  errors: {
    title: "Something went wrong",
    data_dir_unavailable: "The data folder could not be created or opened.",
    internal: "An unexpected error occurred.",
    unknown: "The app did not answer.",
  },
};

export default en;
