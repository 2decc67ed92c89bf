/** English texts of the attention queue. */
const attentionEn = {
  attention: {
    title: "Attention queue",
    payments: "Payments waiting for an operator ({{count}})",
    expiring: "Cards expiring within 30 days ({{count}})",
    noPayments: "No payment is waiting for an operator.",
    noExpiring: "No card expires in the next 30 days.",
    replaceCard: "Replace with a new card",
    open: "Details",
    review: "Review with the bank",
    settlement: "Settlement differences ({{count}})",
    noSettlement: "No unresolved settlement difference.",
    openSettlement: "Open in settlement",
    problem: {
      declined: "Cards declined",
      manual_review: "Outcome at the bank unclear",
      configuration: "The bank refused the request",
      no_card: "No card on file",
    },
    todo: {
      declined: "Call the customer, get another card and enter it with \"Retry with another card\".",
      manual_review: "Ask the bank with \"Review with the bank\"; once it confirms it has no record, send it again under the same order no or close it as not charged. Do not charge it any other way before that.",
      settlement: "Ask the bank by the order no; then mark it resolved on the Settlement screen with a note.",
      configuration: "Check the store's terminal details and permissions in Settings, then retry.",
      no_card: "Add a card to the customer, or enter one for this payment with \"Retry with another card\".",
      expiring: "Get the customer's new card details and replace the card with them; an expired card cannot be charged.",
    },
    expiredOn: "Expired on {{date}}",
    expiresOn: "Valid through {{date}}",
    nextDue: "Next due {{date}}",
  },
};

export default attentionEn;
