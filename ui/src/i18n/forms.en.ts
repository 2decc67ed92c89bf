/** English texts of the card and amount inputs. */
const formsEn = {
  forms: {
    amount: {
      empty: "Enter the amount.",
      format: "Write the amount like 1.234,56.",
      zero: "The amount must be more than zero.",
      too_large: "One payment can be at most 1.000.000,00.",
    },
    card: {
      empty: "Enter the card number.",
      characters: "A card number has digits only.",
      length: "A card number has 12 to 19 digits.",
      luhn: "The card number is not valid (check digit).",
      brand: "Only Visa, Mastercard, Troy and American Express cards are accepted.",
      valid: "Valid number",
      masked: "Card entered",
      edit: "Change",
    },
    expiry: {
      empty: "Enter the expiry as MM/YY.",
      format: "Write the expiry as MM/YY (e.g. 08/29).",
      month: "The month must be 01 to 12.",
      past: "This card has expired.",
    },
    installments: {
      range: "An installment sale has 2 or more installments.",
      above_cap: "This store allows at most {{cap}} installments.",
    },
  },
};

export default formsEn;
