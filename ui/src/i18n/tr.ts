import importTr from "./import.tr";
import settingsTr from "./settings.tr";
import shellTr from "./shell.tr";
import attentionTr from "./attention.tr";
import paymentsTr from "./payments.tr";
import collectionTr from "./collection.tr";
import customersTr from "./customers.tr";
import formsTr from "./forms.tr";
import reviewTr from "./review.tr";
import settlementTr from "./settlement.tr";
import reportsTr from "./reports.tr";
import auditTr from "./audit.tr";
import plansTr from "./plans.tr";

/** Turkish texts: the default language. Every key here must exist in `en.ts` too. */
const tr = {
  ...shellTr,
  ...settingsTr,
  ...importTr,
  ...attentionTr,
  ...paymentsTr,
  ...collectionTr,
  ...customersTr,
  ...formsTr,
  ...reviewTr,
  ...settlementTr,
  ...reportsTr,
  ...auditTr,
  ...plansTr,
  app: {
    loading: "Yükleniyor…",
    version: "Sürüm {{version}}",
  },
  environment: {
    sandbox: "Sandbox",
    test: "Test",
    live: "Canlı",
  },
  search: {
    accentFree: "Türkçe harfleri yok say (ş = s)",
  },
  language: {
    label: "Dil",
    text: "Menüler, iletiler, bildirimler ve sistem tepsisi bu dilde gösterilir; seçim bu bilgisayarda hatırlanır. Üst çubuktaki TR / EN düğmesi de aynı ayarı değiştirir.",
  },
  nav: {
    dashboard: "Gösterge paneli",
    customers: "Müşteriler",
    collections: "Tahsilatlar",
    import: "İçe aktarma",
    payments: "Ödemeler",
    attention: "Dikkat listesi",
    settlement: "Mutabakat",
    reports: "Raporlar",
    settings: "Ayarlar",
    audit: "Denetim kaydı",
    soon: "yakında",
  },
  dashboard: {
    title: "Gösterge paneli",
    sandboxTitle: "Sandbox modu",
    sandboxText:
      "Uygulama yerleşik banka simülatörüne bağlı: gerçek bir kart çekilmez, yalnızca test kartları kullanılır.",
    liveTitle: "Canlı ortam",
    liveText: "Uygulama Akbank'a bağlı: çekimler gerçek kartlardan yapılır.",
    testTitle: "Test ortamı",
    testText: "Uygulama Akbank'ın test sunucusuna bağlı.",
    dataDir: "Veri klasörü",
    today: "Bugün",
    month: "Bu ay",
    chartTitle: "Son 30 gün: vadesi gelen ve tahsil edilen",
    chartEmpty: "Son 30 günde vadesi gelen ödeme yok.",
    declinesTitle: "Bu ayın ret nedenleri",
    upcomingTitle: "Önümüzdeki 7 gün",
    upcomingNone: "Önümüzdeki 7 günde vadesi gelecek ödeme yok.",
    expiringTitle: "Kartının süresi vadesinde dolmuş olacak ({{count}})",
    attentionTitle: "Müdahale bekleyen ödemeler",
    attentionCount: "{{count}} ödeme operatör bekliyor",
    attentionNone: "Müdahale bekleyen ödeme yok.",
    attentionOpen: "Dikkat listesini aç",
    runTitle: "Son çalıştırma",
    runActive: "Çalıştırma sürüyor: {{done}} / {{queued}}",
    runNone: "Son 30 günde çalıştırma olmadı.",
    runCounts: "{{payments}} ödeme: {{approved}} onay, {{declined}} ret, {{attention}} müdahale bekliyor, {{unresolved}} sonraya kaldı",
    runNext: "Sonraki çalıştırma: {{at}}",
  },
  errors: {
    title: "Bir sorun oluştu",
    data_dir_unavailable: "Veri klasörü oluşturulamadı ya da açılamadı.",
    internal: "Beklenmeyen bir hata oluştu.",
    unknown: "Uygulama yanıt vermedi.",
  },
};

export default tr;
