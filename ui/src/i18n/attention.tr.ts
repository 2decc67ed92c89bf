import type { AttentionProblem } from "../api";

/** Turkish texts of the attention queue. */
const attentionTr = {
  attention: {
    title: "Dikkat listesi",
    payments: "Müdahale bekleyen ödemeler ({{count}})",
    expiring: "30 gün içinde süresi dolan kartlar ({{count}})",
    noPayments: "Müdahale bekleyen ödeme yok.",
    noExpiring: "Önümüzdeki 30 günde süresi dolan kart yok.",
    replaceCard: "Yeni kartla değiştir",
    open: "Ayrıntı",
    review: "Banka incelemesi",
    settlement: "Mutabakat farkları ({{count}})",
    noSettlement: "Çözülmemiş mutabakat farkı yok.",
    openSettlement: "Mutabakatta aç",
    problem: {
      declined: "Kartlar reddedildi",
      manual_review: "Bankadaki sonuç belirsiz",
      configuration: "Banka isteği reddetti",
      no_card: "Kayıtlı kart yok",
    } satisfies Record<AttentionProblem, string>,
    todo: {
      declined: "Müşteriyi arayıp başka bir kart alın ve \"Başka kartla dene\" ile girin.",
      manual_review: "\"Banka incelemesi\" ile bankaya sorun; banka kaydı olmadığını doğrularsa aynı sipariş numarasıyla yeniden gönderin ya da çekilmedi olarak kapatın. Netleşmeden başka yoldan çekim yapmayın.",
      settlement: "Sipariş numarasıyla bankaya sorun; sonucu Mutabakat ekranında bir açıklamayla çözüldü olarak işaretleyin.",
      configuration: "Mağazanın terminal bilgilerini ve yetkilerini Ayarlar'dan kontrol edin, sonra yeniden deneyin.",
      no_card: "Müşteriye bir kart ekleyin ya da \"Başka kartla dene\" ile bu ödeme için kart girin.",
      expiring: "Müşteriden yeni kartının bilgilerini alın ve kartı yenisiyle değiştirin; süresi dolan kartla çekim yapılamaz.",
    },
    expiredOn: "Süresi {{date}} tarihinde doldu",
    expiresOn: "Son geçerlilik {{date}}",
    nextDue: "Sıradaki vade {{date}}",
  },
};

export default attentionTr;
