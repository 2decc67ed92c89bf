//! Turkish and English texts for every error: what happened and what to do.

use crate::error::Error;
use crate::i18n::{Lang, Text};

pub(crate) fn message(error: &Error, lang: Lang) -> String {
    use Error::*;
    match error {
        DataDirUnknown => lang.pick(
            "Veri klasörü belirlenemedi. TAHSILDAR_DATA_DIR ile bir klasör belirtin.",
            "No data directory could be determined. Set one with TAHSILDAR_DATA_DIR.",
        ),
        Io { path, source } => {
            let why = io_reason(source);
            lang.pick(
                format!("Dosya işlemi başarısız: {} ({}). Klasör izinlerini ve boş alanı denetleyin.", path.display(), why.tr()),
                format!("File operation failed: {} ({}). Check folder permissions and free space.", path.display(), why.en()),
            )
        }
        VaultMissing(path) => lang.pick(
            format!("{} konumunda kasa yok. Önce kurulum yapın (init) ya da bir yedeği geri yükleyin.", path.display()),
            format!("There is no vault at {}. Set one up first (init) or restore a backup.", path.display()),
        ),
        VaultExists(path) => lang.pick(
            format!("{} konumunda zaten bir kasa var; üzerine kurulum yapılmaz.", path.display()),
            format!("A vault already exists at {}; it will not be set up again.", path.display()),
        ),
        VaultDamaged(detail) => lang.pick(
            format!("Kasa dosyası bozuk ya da eksik ({}). Dosyaya dokunulmadı; son yedeği geri yükleyin.", detail.tr()),
            format!("The vault file is damaged or incomplete ({}). The file was not touched; restore your latest backup.", detail.en()),
        ),
        VaultForeign(detail) => lang.pick(
            format!("Bu dosya bir Tahsildar kasası değil ({}). Dosyaya dokunulmadı; doğru veri klasörünü seçin.", detail.tr()),
            format!("This file is not a Tahsildar vault ({}). The file was not touched; choose the right data directory.", detail.en()),
        ),
        VaultWrongKey => lang.pick(
            "Anahtar bu kasayı açmıyor. Dosyaya dokunulmadı. Kurtarma anahtarıyla açın.",
            "The key does not open this vault. The file was not touched. Open it with the recovery key.",
        ),
        WrongPassphrase => lang.pick(
            "Parola yanlış. Dosyaya dokunulmadı. Parolayı unuttuysanız kurtarma anahtarını kullanın.",
            "Wrong passphrase. The file was not touched. If you forgot it, use the recovery key.",
        ),
        PassphraseRequired => lang.pick(
            "Bu kasa parolayla açılıyor; parolayı girin.",
            "This vault is unlocked with a passphrase; enter it.",
        ),
        PassphraseTooShort(min) => lang.pick(
            format!("Parola en az {min} karakter olmalı."),
            format!("The passphrase must be at least {min} characters."),
        ),
        RecoveryKeyInvalid(why) => lang.pick(
            format!("Kurtarma anahtarı geçersiz ({}). Kurulumda verilen anahtarı harfi harfine girin.", why.tr()),
            format!("The recovery key is not valid ({}). Enter the key shown at setup exactly.", why.en()),
        ),
        MetaInvalid(detail) => lang.pick(
            format!("vault.json okunamadı ({}). Kurtarma anahtarıyla açın ya da yedeği geri yükleyin.", detail.tr()),
            format!("vault.json could not be read ({}). Open with the recovery key or restore a backup.", detail.en()),
        ),
        NotSqlcipher => lang.pick(
            "Veritabanı kütüphanesi şifreleme desteklemiyor (SQLCipher değil). Uygulamayı yeniden kurun.",
            "The database library has no encryption (not SQLCipher). Reinstall the application.",
        ),
        KeyringUnavailable(detail) => lang.pick(
            format!("İşletim sistemi anahtarlığına ulaşılamadı ({}). Masaüstü oturumunda çalıştırın ya da parola kipini seçin.", detail.tr()),
            format!("The OS keyring is not available ({}). Run inside a desktop session or choose passphrase mode.", detail.en()),
        ),
        KeyringEntryMissing => lang.pick(
            "Anahtarlıkta bu kasanın anahtarı yok (başka bir bilgisayar ya da silinmiş kayıt). Kurtarma anahtarıyla açın.",
            "The keyring holds no key for this vault (another PC or a deleted entry). Open it with the recovery key.",
        ),
        KeyringLocked => lang.pick(
            "Anahtarlık kilitli. Masaüstü oturumunda anahtarlığın kilidini açıp yeniden deneyin.",
            "The keyring is locked. Unlock it in your desktop session and try again.",
        ),
        KeyringTimeout(secs) => lang.pick(
            format!("Anahtarlık {secs} saniyede yanıt vermedi (kilit açma penceresi yanıtsız kalmış olabilir). Anahtarlığın kilidini açıp yeniden deneyin."),
            format!("The keyring did not answer within {secs} s (an unlock prompt may be waiting). Unlock the keyring and try again."),
        ),
        Database(e) => lang.pick(
            format!("Veritabanı hatası. İşlem yapılmadı; yeniden deneyin. (Teknik ayrıntı: {e})"),
            format!("Database error. Nothing was changed; try again. (Technical detail: {e})"),
        ),
        Migration { version, detail } => lang.pick(
            format!("Veritabanı güncellemesi {version} başarısız. Değişiklik geri alındı; destekle görüşün. (Teknik ayrıntı: {detail})"),
            format!("Database upgrade {version} failed. It was rolled back; contact support. (Technical detail: {detail})"),
        ),
        SealedValueInvalid => lang.pick(
            "Şifreli bir alan açılamadı (veri bozuk ya da başka bir kayda ait).",
            "A sealed field could not be opened (damaged, or it belongs to another record).",
        ),
        BackupInvalid(detail) => lang.pick(
            format!("Yedek dosyası geçersiz ({}). Başka bir yedek seçin.", detail.tr()),
            format!("The backup file is not valid ({}). Choose another backup.", detail.en()),
        ),
        BackupWrongPassphrase => lang.pick(
            "Yedek parolası yanlış. Yedeği alırken verilen parolayı girin.",
            "Wrong backup passphrase. Enter the passphrase given when the backup was made.",
        ),
        RestoreNeedsConfirmation => lang.pick(
            "Burada bir kasa var. Üzerine geri yüklemek için onay verin (--yes); eski dosya saklanır.",
            "A vault exists here. Confirm to restore over it (--yes); the old file is kept.",
        ),
        AuthFailed => lang.pick(
            "Kullanıcı adı ya da parola yanlış.",
            "Wrong user name or password.",
        ),
        AuthLocked(lockout) => lang.pick(
            format!("Çok sayıda hatalı deneme. {} Bir yönetici kilidi açabilir.", lockout.text().tr()),
            format!("Too many failed attempts. {} An administrator can unlock it.", lockout.text().en()),
        ),
        UserDisabled => lang.pick(
            "Bu hesap devre dışı. Bir yöneticiye başvurun.",
            "This account is disabled. Ask an administrator.",
        ),
        SessionExpired => lang.pick(
            "Oturum süresi doldu (15 dakika işlem yok). Yeniden giriş yapın.",
            "The session has expired (15 minutes idle). Sign in again.",
        ),
        PermissionDenied { permission, store } => {
            let scope_tr = store.map(|s| format!(" (mağaza {s})")).unwrap_or_default();
            let scope_en = store.map(|s| format!(" (store {s})")).unwrap_or_default();
            let name = crate::auth::Permission::parse(permission)
                .map(|p| p.text())
                .unwrap_or_else(|| Text::new(*permission, *permission));
            lang.pick(
                format!("Bu işlem için yetkiniz yok: {}{scope_tr}. Bir yöneticiden yetki isteyin.", name.tr()),
                format!("You do not have permission for this: {}{scope_en}. Ask an administrator.", name.en()),
            )
        }
        GrantBeyondOwn { permission, store } => {
            let name = permission.text();
            let (on_tr, on_en) = scope_words(store.as_deref());
            lang.pick(
                format!("Kendinizde olmayan bir yetkiyi veremez ya da geri alamazsınız: {} ({on_tr}). Bunu o yetkiye sahip bir yönetici yapmalı.", name.tr()),
                format!("You cannot grant or take away a permission you do not hold yourself: {} ({on_en}). An administrator who holds it must do this.", name.en()),
            )
        }
        UserBeyondOwn { user, permission, store } => {
            let name = permission.text();
            let (on_tr, on_en) = scope_words(store.as_deref());
            lang.pick(
                format!("{user} kullanıcısının sizde olmayan bir yetkisi var: {} ({on_tr}). Parolasını, kilidini ya da durumunu ancak bu yetkiye sahip bir yönetici değiştirebilir.", name.tr()),
                format!("User {user} holds a permission you do not: {} ({on_en}). Only an administrator who holds it can change their password, lock or status.", name.en()),
            )
        }
        PasswordChangeRequired => lang.pick(
            "Parolanız bir yönetici tarafından sıfırlandı. Devam etmeden önce yeni bir parola seçin.",
            "Your password was reset by an administrator. Choose a new password before going on.",
        ),
        PasswordTooShort(min) => lang.pick(
            format!("Parola en az {min} karakter olmalı."),
            format!("The password must be at least {min} characters."),
        ),
        UserExists(name) => lang.pick(
            format!("{name} adlı kullanıcı zaten var."),
            format!("A user named {name} already exists."),
        ),
        UserNotFound(name) => lang.pick(
            format!("{name} adlı kullanıcı yok."),
            format!("There is no user named {name}."),
        ),
        FirstAdminExists => lang.pick(
            "Yönetici zaten oluşturulmuş; yeni kullanıcıları bir yönetici ekler.",
            "The administrator already exists; an administrator adds new users.",
        ),
        StoreExists(name) => lang.pick(
            format!("{name} adlı mağaza zaten var."),
            format!("A store named {name} already exists."),
        ),
        StoreNotFound(name) => lang.pick(
            format!("{name} adlı mağaza yok."),
            format!("There is no store {name}."),
        ),
        // The sentence names the field in its own language; `field` stays the key the UI uses.
        InvalidInput { detail, .. } => detail.get(lang).to_string(),
        AuditBroken(brk) => lang.pick(
            format!("Denetim kaydı bozulmuş: {}. Kayıtlar değiştirilmiş ya da silinmiş olabilir.", brk.describe(Lang::Tr)),
            format!("The audit log is broken: {}. Entries may have been changed or deleted.", brk.describe(Lang::En)),
        ),
        NotFound { what, id } => lang.pick(
            format!("{id} numaralı/adlı {} bulunamadı.", what_tr(what)),
            format!("There is no {what} {id}."),
        ),
        WrongState { what, id, detail } => lang.pick(
            format!("{} {id} bu işleme uygun durumda değil: {}.", capitalised(what_tr(what)), detail.tr()),
            format!("The {what} {id} is not in a state that allows this: {}.", detail.en()),
        ),
        EngineBusy(path) => lang.pick(
            format!(
                "Bu veritabanında zaten bir tahsilat motoru çalışıyor (uygulama ya da başka bir komut; kilit: {}). Onun bitmesini bekleyin ya da onu kapatın.",
                path.display()
            ),
            format!(
                "A collection engine already runs on this database (the app or another command; lock: {}). Wait for it to finish or close it.",
                path.display()
            ),
        ),
        BankUnavailable { store, detail } => lang.pick(
            format!("{store} numaralı mağazanın bankasına bağlanılamıyor: {}. Mağaza ayarlarını denetleyin.", detail.tr()),
            format!("The bank of store {store} cannot be used: {}. Check the store's settings.", detail.en()),
        ),
        RestoreNotSettled { since } => lang.pick(
            format!("Kasa bir yedekten geri yüklendi: {since} gününden bu yana bankanın kayıtlarıyla mutabakat tamamlanmadan yeni tahsilat gönderilmez ve girilmez. Mutabakat ekranındaki farkları giderin."),
            format!("The vault was restored from a backup: nothing new is sent or entered until every day since {since} is settled against the bank's record. Resolve the differences on the settlement screen."),
        ),
        ImportFile(e) => match lang {
            Lang::Tr => e.message_tr(),
            Lang::En => e.message_en(),
        },
        ImportNothingToCommit => lang.pick(
            "Dosyada kaydedilebilecek satır yok: her satırda bir hata var. Deneme raporundaki hataları düzeltip dosyayı yeniden yükleyin.",
            "No row of the file can be imported: every row has an error. Fix the errors in the dry-run report and load the file again.",
        ),
        ImportAlreadyCommitted(batch) => lang.pick(
            format!("Bu dosya deneme raporundan sonra zaten {batch} numaralı parti olarak kaydedildi; ikinci kez kaydedilmedi."),
            format!("This file was already committed as batch {batch} after the dry run; it was not committed again."),
        ),
        ImportStale(detail) => lang.pick(
            format!("Deneme raporundan sonra kayıtlar değişti ({}). Hiçbir şey kaydedilmedi; deneme raporunu yeniden alın.", detail.tr()),
            format!("The stored data changed since the dry run ({}). Nothing was stored; run the dry run again.", detail.en()),
        ),
        Internal(detail) => lang.pick(
            format!("Beklenmeyen bir hata oluştu; işlem yapılmadı. (Teknik ayrıntı: {detail})"),
            format!("An unexpected error occurred; nothing was done. (Technical detail: {detail})"),
        ),
    }
}

/// What went wrong with a file, by its kind; the system's own words only for rare kinds.
fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => Text::new("dosya ya da klasör yok", "no such file or folder"),
        PermissionDenied => Text::new("erişim izni yok", "permission denied"),
        AlreadyExists => Text::new("dosya zaten var", "the file already exists"),
        StorageFull => Text::new("diskte yer kalmadı", "the disk is full"),
        ReadOnlyFilesystem => Text::new("disk yalnızca okunabilir", "the disk is read-only"),
        UnexpectedEof => Text::new(
            "dosya beklenenden kısa",
            "the file is shorter than expected",
        ),
        IsADirectory => Text::new("bu bir klasör, dosya değil", "this is a folder, not a file"),
        NotADirectory => Text::new("bu bir dosya, klasör değil", "this is a file, not a folder"),
        _ => Text::new(
            format!("teknik ayrıntı: {e}"),
            format!("technical detail: {e}"),
        ),
    }
}

/// Where a grant applies, in words: "Merkez mağazası" / "store Merkez", or every store.
fn scope_words(store: Option<&str>) -> (String, String) {
    match store {
        Some(name) => (format!("{name} mağazası"), format!("store {name}")),
        None => ("tüm mağazalar".to_string(), "every store".to_string()),
    }
}

/// The first letter in upper case (the Turkish names used here hold no dotted i first).
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Turkish name of a domain object named in an error.
fn what_tr(what: &str) -> &'static str {
    match what {
        "customer" => "müşteri",
        "card" => "kart",
        "plan" => "plan",
        "payment" => "ödeme",
        "attempt" => "provizyon denemesi",
        "store" => "mağaza",
        "batch" => "parti",
        "instruction form" => "talimat formu",
        _ => "kayıt",
    }
}
