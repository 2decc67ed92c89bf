/** English texts of a payment's review with the bank. */
const reviewEn = {
  review: {
    title: "Review with the bank",
    why: {
      suspicious:
        "The bank booked this transaction but marks it as suspicious: the card may have been charged. Void the suspicious booking or call the bank.",
      unknown: "The bank's answer did not arrive: it is not known yet whether the bank booked it.",
      noAnswer: "Asking the bank brought no definite answer: it is not known whether the bank booked it.",
      lostReplies: "The bank's answer was lost or unreadable {{count}} time(s).",
      notFoundOnce:
        "On {{at}} the bank said it has no such order. To be sure it must be asked once more after the waiting time.",
      confirmed:
        "The bank has confirmed twice, after the waiting time, that it has no such order: the card was not charged.",
      notFound: "The bank said it has no such order; the engine will send it again under the same order no.",
    },
    nextCheck: "The engine asks the bank again by itself on {{at}}.",
    nextRun: "The engine asks the bank again by itself at the next collection run.",
    engineNote: "The engine's note",
    orderId: "Order no",
    state: "State",
    confirmedLabel: "Has the bank confirmed it has no record?",
    confirmedYes: "Yes, twice",
    confirmedNo: "Not yet",
    firstNotFound: "First \"no record\" answer",
    ask: "Ask the bank now",
    askConfirm:
      "The bank is asked now what became of this order ({{orderId}}). It is only an inquiry: nothing is charged to the card.",
    sendAgain: "Send again under the same order no",
    sendAgainConfirm:
      "The bank has confirmed twice that it has no such order, so the card was not charged. The charge is sent to the bank again under the same order no ({{orderId}}). The bank charges an order no only once: nothing is charged twice.",
    close: "Close as not charged",
    closeConfirm:
      "The bank has confirmed twice that it has no such order, so the card was not charged. This attempt is closed as not charged and never sent again; the payment is taken at the next collection run under a new order no. Nothing is charged twice.",
    void: "Void the suspicious booking",
    voidConfirm:
      "The bank booked this transaction but marks it as suspicious. The void is sent to the bank at once and the whole amount goes back to the card; the payment stays voided and is not charged again.",
    confirmTitle: "Are you sure?",
    cancel: "Cancel",
    needsConfirmation:
      "Sending again and closing as not charged open once the bank has confirmed twice, after the waiting time, that it has no such order. Ask the bank first.",
    noPermission: "These actions need the permission to send provisions; you may only see where it stands.",
    outcome: {
      approved: "The bank shows the transaction as approved: the payment is collected.",
      declined: "The bank declined the transaction: the card was not charged.",
      withdrawn: "The attempt was closed as not charged; the payment is taken with a new attempt at the next collection run.",
      confirmed: "The bank confirmed it has no record: you may now send it again or close it as not charged.",
      notFound: "The bank said it has no such order; it is asked once more after the waiting time.",
      still: "The bank has not given a definite answer yet; where it stands is shown below.",
    },
  },
};

export default reviewEn;
