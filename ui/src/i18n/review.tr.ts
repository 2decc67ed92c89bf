/** Turkish texts of a payment's review with the bank. */
const reviewTr = {
  review: {
    title: "Banka incelemesi",
    why: {
      suspicious:
        "Banka bu işlemi kaydetmiş ama şüpheli olarak işaretlemiş: tutar karttan çekilmiş olabilir. Şüpheli işlemi iptal edin ya da bankayı arayın.",
      unknown: "Bankanın cevabı gelmedi: işlemin bankada olup olmadığı henüz bilinmiyor.",
      noAnswer: "Bankaya sorulan sorular kesin bir cevap getirmedi: işlemin bankada olup olmadığı bilinmiyor.",
      lostReplies: "Bankanın cevabı {{count}} kez kayboldu ya da okunamadı.",
      notFoundOnce:
        "Banka {{at}} tarihinde bu siparişin kaydı olmadığını söyledi. Kesinleşmesi için bekleme süresinden sonra bir kez daha sorulması gerekir.",
      confirmed:
        "Banka, bekleme süresinden sonra iki kez bu siparişin kaydı olmadığını doğruladı: karttan para çekilmedi.",
      notFound: "Banka bu siparişin kaydı olmadığını söyledi; motor aynı sipariş numarasıyla yeniden gönderecek.",
    },
    nextCheck: "Motor bankaya {{at}} tarihinde kendiliğinden yeniden soracak.",
    nextRun: "Motor bankaya bir sonraki tahsilat turunda kendiliğinden yeniden soracak.",
    engineNote: "Motorun notu",
    orderId: "Sipariş no",
    state: "Durum",
    confirmedLabel: "Banka kaydı olmadığını doğruladı mı?",
    confirmedYes: "Evet, iki kez",
    confirmedNo: "Henüz hayır",
    firstNotFound: "İlk \"kayıt yok\" cevabı",
    ask: "Bankaya şimdi sor",
    askConfirm:
      "Bankaya bu siparişin ({{orderId}}) sonucu şimdi sorulur. Yalnızca sorgulanır: karttan hiçbir şey çekilmez.",
    sendAgain: "Aynı sipariş numarasıyla yeniden gönder",
    sendAgainConfirm:
      "Banka bu siparişin kaydı olmadığını iki kez doğruladı, yani karttan para çekilmedi. Çekim aynı sipariş numarasıyla ({{orderId}}) bankaya yeniden gönderilir. Banka bir sipariş numarasını yalnızca bir kez çeker: iki kez çekim olmaz.",
    close: "Çekilmedi olarak kapat",
    closeConfirm:
      "Banka bu siparişin kaydı olmadığını iki kez doğruladı, yani karttan para çekilmedi. Bu deneme çekilmedi olarak kapatılır ve bir daha gönderilmez; ödeme bir sonraki tahsilat turunda yeni bir sipariş numarasıyla alınır. İki kez çekim olmaz.",
    void: "Şüpheli işlemi iptal et",
    voidConfirm:
      "Banka bu işlemi kaydetmiş ama şüpheli olarak işaretlemiş. İptal bankaya hemen gönderilir ve tutarın tamamı karta geri döner; ödeme iptal edilmiş olarak kalır ve yeniden çekilmez.",
    confirmTitle: "Emin misiniz?",
    cancel: "Vazgeç",
    needsConfirmation:
      "Yeniden gönderme ve çekilmedi olarak kapatma, banka kaydı olmadığını bekleme süresinden sonra iki kez doğruladığında açılır. Önce bankaya sorun.",
    noPermission: "Bu işlemler için provizyon gönderme yetkisi gerekir; durumu yalnızca görebilirsiniz.",
    outcome: {
      approved: "Banka işlemi onaylı gösteriyor: ödeme tahsil edildi.",
      declined: "Banka işlemi reddetmiş: karttan çekim yapılmadı.",
      withdrawn: "Deneme çekilmedi olarak kapatıldı; ödeme bir sonraki tahsilat turunda yeni bir denemeyle alınacak.",
      confirmed: "Banka kaydı olmadığını doğruladı: artık yeniden gönderebilir ya da çekilmedi olarak kapatabilirsiniz.",
      notFound: "Banka bu siparişin kaydı olmadığını söyledi; bekleme süresinden sonra bir kez daha sorulacak.",
      still: "Banka henüz kesin bir cevap vermedi; durum aşağıda.",
    },
  },
};

export default reviewTr;
