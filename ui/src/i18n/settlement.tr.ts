import type { DayState, DifferenceKind } from "../api";

/** Turkish texts of the settlement screen and the restored-vault warning. */
const settlementTr = {
  settlement: {
    title: "Mutabakat",
    intro:
      "Her mağazanın günü, bankanın işlem raporuyla sipariş numarası sipariş numarası karşılaştırılır. Farkları görmek için bir güne tıklayın ya da Enter'a basın.",
    allStores: "Tüm mağazalar",
    total: "{{count}} gün",
    noDays: "Henüz bankayla karşılaştırılmış bir gün yok. Bir tahsilat turundan sonra günler burada görünür.",
    columns: {
      day: "Gün",
      store: "Mağaza",
      state: "Durum",
      bankRows: "Banka satırı",
      matched: "Eşleşen",
      others: "Diğer",
      differences: "Fark",
      openHere: "Cevap bekleyen",
    },
    state: {
      settled: "Mutabık",
      differences: "Fark var",
      pending: "Cevap bekleniyor",
    } satisfies Record<DayState, string>,
    notOver: "gün bitmedi",
    notOverHelp: "Gün bitmeden okundu: gün içinde yeni işlemler eklenebilir; gün bitince yeniden karşılaştırılır.",
    dayTitle: "{{day}} · {{store}}",
    checkedAt: "Son karşılaştırma",
    counts: "Bankada {{bankRows}} satır: {{matched}} eşleşti, {{others}} başka işlem.",
    openHere: "Bu günden {{count}} işlemin cevabı hâlâ bekleniyor.",
    reread: "Bankayla yeniden karşılaştır",
    rereadDone: "Gün bankanın raporuyla yeniden karşılaştırıldı: {{state}}.",
    differencesTitle: "Farklar ({{count}})",
    noDifferences: "Bu günde fark yok: bankanın raporu ve bu kasa aynı şeyi söylüyor.",
    here: "Bu kasada",
    bank: "Bankada",
    noRecord: "kayıt yok",
    orderId: "Sipariş no",
    foundAt: "Bulundu: {{at}}",
    resolvedAt: "Çözüldü: {{at}}",
    txn: {
      "1000": "Satış",
      "1002": "İade",
      "1004": "Ön provizyon",
      "1005": "Provizyon kapama",
      other: "İşlem {{code}}",
    },
    kind: {
      unknown_booking: "Bankada var, burada yok",
      missing_at_bank: "Burada var, bankada yok",
      amount_differs: "Tutar farklı",
      status_differs: "Durum farklı",
    } satisfies Record<DifferenceKind, string>,
    localState: {
      voided: "İptal edildi",
    },
    resolve: "Çözüldü olarak işaretle",
    resolveTitle: "Farkı çözüldü olarak işaretle",
    resolveHelp:
      "Bankayla ne konuşulduğunu ya da ne yapıldığını yazın, ör. \"Banka işlemin olmadığını doğruladı, müşteriden çekim yapılmadı\". Açıklama denetim kaydına yazılır.",
    note: "Açıklama",
    notePlaceholder: "Bankayla ne konuşuldu, ne yapıldı?",
    noteRequired: "Bir açıklama yazın (en çok 500 karakter).",
    resolveSubmit: "Çözüldü olarak işaretle",
    resolved: "Fark çözüldü olarak işaretlendi.",
    cancel: "Vazgeç",
    noPermission: "Farkları çözmek ve günü yeniden karşılaştırmak için provizyon gönderme yetkisi gerekir.",
    close: "Kapat",
  },
  restoreHold: {
    title: "Geri yüklenen kasa bankayla mutabakat bekliyor: bu kasadan hiçbir şey gönderilmiyor",
    text: "Bu kasa bir yedekten geri yüklendi. {{date}} gününden bu yana bütün günler bankanın kayıtlarıyla mutabık olana kadar hiçbir tahsilat bankaya gönderilmez, yeni tahsilat girilmez ve dosyadan aktarılmaz. Böylece yedekten sonra yapılmış bir çekim tekrarlanmaz.",
    open: "Mutabakat ekranını aç",
  },
};

export default settlementTr;
