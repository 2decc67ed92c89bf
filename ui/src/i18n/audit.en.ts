/** English texts of the audit log screen. */
const auditEn = {
  audit: {
    title: "Audit log",
    intro:
      "Who did what, and when: each entry is linked to the one before, so an entry changed or deleted afterwards shows up in the verification. Click a row or press Enter for its details.",
    filters: {
      user: "User",
      action: "Action",
      store: "Store",
      allUsers: "All users",
      allActions: "All actions",
      allStores: "All stores",
      from: "From (DD.MM.YYYY)",
      to: "To (DD.MM.YYYY)",
      clear: "Clear filters",
    },
    total: "{{count}} entries",
    empty: "No entry matches these filters.",
    nobody: "—",
    columns: {
      seq: "No",
      at: "Time",
      user: "User",
      action: "Action",
      store: "Store",
      object: "Object",
      result: "Result",
      origin: "Origin",
    },
    detail: {
      title: "Entry {{seq}}",
      details: "Details",
      noDetails: "No further details.",
      close: "Close",
    },
    verify: {
      button: "Verify",
      notYet: "The chain has not been verified in this session. Press Verify to check that no entry was changed afterwards.",
      ok: "The chain holds: every entry from 1 to {{upTo}} was verified ({{at}}).",
      broken: "The chain is broken at entry {{seq}}: {{problem}}. Verified from 1 to {{upTo}}.",
      empty: "The audit log is empty.",
    },
  },
};

export default auditEn;
