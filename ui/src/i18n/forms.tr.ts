/** Turkish texts of the card and amount inputs. */
const formsTr = {
  forms: {
    amount: {
      empty: "Tutarı yazın.",
      format: "Tutarı 1.234,56 biçiminde yazın.",
      zero: "Tutar sıfırdan büyük olmalı.",
      too_large: "Bir ödeme en çok 1.000.000,00 olabilir.",
    },
    card: {
      empty: "Kart numarasını yazın.",
      characters: "Kart numarasında yalnızca rakam olabilir.",
      length: "Kart numarası 12 ile 19 hane arasında olmalı.",
      luhn: "Kart numarası geçersiz (kontrol hanesi tutmuyor).",
      brand: "Yalnızca Visa, Mastercard, Troy ve American Express kartları kabul edilir.",
      valid: "Geçerli numara",
      masked: "Girilen kart",
      edit: "Değiştir",
    },
    expiry: {
      empty: "Son kullanma tarihini AA/YY olarak yazın.",
      format: "Son kullanma tarihini AA/YY olarak yazın (ör. 08/29).",
      month: "Ay 01 ile 12 arasında olmalı.",
      past: "Bu kartın süresi dolmuş.",
    },
    installments: {
      range: "Taksit sayısı 2 veya daha fazla olmalı.",
      above_cap: "Bu mağazada en çok {{cap}} taksit yapılabilir.",
    },
  },
};

export default formsTr;
