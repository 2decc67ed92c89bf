/** Turkish texts of the audit log screen. */
const auditTr = {
  audit: {
    title: "Denetim kaydı",
    intro:
      "Kim, ne zaman, ne yaptı: her kayıt bir öncekine bağlıdır, bu yüzden sonradan değiştirilen ya da silinen bir kayıt doğrulamada görünür. Ayrıntı için bir satıra tıklayın ya da Enter'a basın.",
    filters: {
      user: "Kullanıcı",
      action: "İşlem",
      store: "Mağaza",
      allUsers: "Tüm kullanıcılar",
      allActions: "Tüm işlemler",
      allStores: "Tüm mağazalar",
      from: "Başlangıç (GG.AA.YYYY)",
      to: "Bitiş (GG.AA.YYYY)",
      clear: "Filtreleri temizle",
    },
    total: "{{count}} kayıt",
    empty: "Bu filtrelere uyan kayıt yok.",
    nobody: "—",
    columns: {
      seq: "No",
      at: "Zaman",
      user: "Kullanıcı",
      action: "İşlem",
      store: "Mağaza",
      object: "Nesne",
      result: "Sonuç",
      origin: "Kaynak",
    },
    detail: {
      title: "Kayıt {{seq}}",
      details: "Ayrıntılar",
      noDetails: "Ek ayrıntı yok.",
      close: "Kapat",
    },
    verify: {
      button: "Doğrula",
      notYet: "Zincir bu oturumda henüz doğrulanmadı. Kayıtların sonradan değiştirilmediğini görmek için Doğrula'ya basın.",
      ok: "Zincir sağlam: 1'den {{upTo}} numaralı kayda kadar bütün kayıtlar doğrulandı ({{at}}).",
      broken: "Zincir {{seq}} numaralı kayıtta kopuk: {{problem}}. 1'den {{upTo}} numaralı kayda kadar doğrulandı.",
      empty: "Denetim kaydı boş.",
    },
  },
};

export default auditTr;
