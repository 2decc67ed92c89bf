//! Stable codes of audit actions, results and origins, and their words for people.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the log.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

codes!(
    /// What was done.
    AuditAction {
        SignIn => "auth.sign_in",
        SignInFailed => "auth.sign_in_failed",
        Lockout => "auth.lockout",
        SignOut => "auth.sign_out",
        PermissionDenied => "auth.permission_denied",
        UserCreate => "user.create",
        UserUnlock => "user.unlock",
        UserDisable => "user.disable",
        UserEnable => "user.enable",
        UserPasswordChange => "user.password_change",
        UserPasswordReset => "user.password_reset",
        UserGrantsChange => "user.grants_change",
        StoreCreate => "store.create",
        StoreUpdate => "store.update",
        StoreCredentialsChange => "store.credentials_change",
        CustomerAdd => "customer.add",
        CustomerUpdate => "customer.update",
        CustomerArchive => "customer.archive",
        CustomerUnarchive => "customer.unarchive",
        PlanCreate => "plan.create",
        PlanChange => "plan.change",
        CardAdd => "card.add",
        CardReplace => "card.replace",
        CardPrimary => "card.primary",
        CardRemove => "card.remove",
        InstructionScanAttach => "card.instruction_scan.attach",
        InstructionScanReplace => "card.instruction_scan.replace",
        InstructionScanView => "card.instruction_scan.view",
        InstructionScanSave => "card.instruction_scan.save",
        InstructionScanRemove => "card.instruction_scan.remove",
        ImportCommit => "import.commit",
        ImportCancel => "import.cancel",
        ProvisionSubmit => "provision.submit",
        ProvisionOutcome => "provision.outcome",
        ProvisionWithdraw => "provision.withdraw",
        ProvisionReview => "provision.review",
        Void => "payment.void",
        SchedulerPause => "scheduler.pause",
        SchedulerResume => "scheduler.resume",
        SchedulerRunNow => "scheduler.run_now",
        SchedulerAutostart => "scheduler.autostart",
        SettlementDay => "settlement.day",
        SettlementResolve => "settlement.resolve",
        Refund => "payment.refund",
        Export => "export",
        Receipt => "receipt.save",
        SupportBundle => "support.bundle",
        VaultCreate => "vault.create",
        VaultRecoveryUnlock => "vault.recovery_unlock",
        Backup => "vault.backup",
        BackupSchedule => "vault.backup_schedule",
        Restore => "vault.restore",
    }
);

codes!(
    /// How it ended.
    AuditResult {
        Ok => "ok",
        Failed => "failed",
        Denied => "denied",
    }
);

codes!(
    /// Where it came from.
    Origin {
        App => "app",
        Cli => "cli",
        Scheduler => "scheduler",
    }
);

impl AuditAction {
    /// What was done, as an operator reads it.
    pub fn text(self) -> Text {
        use AuditAction::*;
        let (tr, en) = match self {
            SignIn => ("Oturum açma", "Sign-in"),
            SignInFailed => ("Başarısız oturum açma", "Failed sign-in"),
            Lockout => ("Kullanıcı kilitlendi", "User locked out"),
            SignOut => ("Oturum kapatma", "Sign-out"),
            PermissionDenied => ("Yetkisiz işlem", "Permission denied"),
            UserCreate => ("Kullanıcı ekleme", "User added"),
            UserUnlock => ("Kullanıcı kilidini açma", "User unlocked"),
            UserDisable => ("Kullanıcıyı devre dışı bırakma", "User disabled"),
            UserEnable => ("Kullanıcıyı etkinleştirme", "User enabled"),
            UserPasswordChange => ("Parola değişikliği", "Password changed"),
            UserPasswordReset => ("Parola sıfırlama", "Password reset"),
            UserGrantsChange => ("Yetki değişikliği", "Permissions changed"),
            StoreCreate => ("Mağaza ekleme", "Store added"),
            StoreUpdate => ("Mağaza ayarı değişikliği", "Store settings changed"),
            StoreCredentialsChange => ("Mağaza anahtarı değişikliği", "Store credentials changed"),
            CustomerAdd => ("Müşteri ekleme", "Customer added"),
            CustomerUpdate => ("Müşteri bilgisi değişikliği", "Customer changed"),
            CustomerArchive => ("Müşteriyi arşivleme", "Customer archived"),
            CustomerUnarchive => (
                "Müşteriyi arşivden çıkarma",
                "Customer taken out of the archive",
            ),
            PlanCreate => ("Tahsilat planı oluşturma", "Collection plan created"),
            PlanChange => ("Tahsilat planı değişikliği", "Collection plan changed"),
            CardAdd => ("Kart ekleme", "Card added"),
            CardReplace => ("Kart değiştirme", "Card replaced"),
            CardPrimary => ("Birincil kart seçme", "Primary card chosen"),
            CardRemove => ("Kart kaldırma", "Card removed"),
            InstructionScanAttach => ("Talimat formu ekleme", "Instruction form attached"),
            InstructionScanReplace => ("Talimat formunu değiştirme", "Instruction form replaced"),
            InstructionScanView => ("Talimat formunu açma", "Instruction form opened"),
            InstructionScanSave => (
                "Talimat formunun kopyasını kaydetme",
                "Instruction form copy saved",
            ),
            InstructionScanRemove => ("Talimat formunu kaldırma", "Instruction form removed"),
            ImportCommit => ("Dosyadan aktarma", "File imported"),
            ImportCancel => ("Aktarılan dosyayı iptal", "Import cancelled"),
            ProvisionSubmit => ("Provizyon gönderme", "Provision sent"),
            ProvisionOutcome => ("Provizyon sonucu", "Provision outcome"),
            ProvisionWithdraw => ("Provizyonu geri çekme", "Provision withdrawn"),
            ProvisionReview => ("Provizyon incelemesi", "Provision review"),
            Void => ("İptal", "Void"),
            SchedulerPause => ("Zamanlayıcıyı duraklatma", "Scheduler paused"),
            SchedulerResume => ("Zamanlayıcıyı sürdürme", "Scheduler resumed"),
            SchedulerRunNow => ("Şimdi çalıştırma", "Run now"),
            SchedulerAutostart => ("Bilgisayarla başlatma ayarı", "Start with the computer set"),
            SettlementDay => ("Gün sonu mutabakatı", "Settlement day"),
            SettlementResolve => (
                "Mutabakat farkını kapatma",
                "Settlement difference resolved",
            ),
            Refund => ("İade", "Refund"),
            Export => ("Dışa aktarma", "Export"),
            Receipt => ("Dekont kaydetme", "Receipt saved"),
            SupportBundle => ("Destek paketi", "Support bundle"),
            VaultCreate => ("Kasa oluşturma", "Vault created"),
            VaultRecoveryUnlock => ("Kurtarma anahtarıyla açma", "Opened with the recovery key"),
            Backup => ("Yedekleme", "Backup"),
            BackupSchedule => ("Otomatik yedekleme ayarı", "Automatic backup settings"),
            Restore => ("Yedekten geri yükleme", "Restore"),
        };
        Text::new(tr, en)
    }

    /// The words of a stored code; a code this program does not know is shown as it is.
    pub fn text_of(code: &str) -> Text {
        AuditAction::from_code(code)
            .map(AuditAction::text)
            .unwrap_or_else(|| Text::new(code, code))
    }
}

impl AuditResult {
    /// How it ended, as an operator reads it.
    pub fn text_of(code: &str) -> Text {
        match AuditResult::from_code(code) {
            Some(AuditResult::Ok) => Text::new("Başarılı", "Succeeded"),
            Some(AuditResult::Failed) => Text::new("Başarısız", "Failed"),
            Some(AuditResult::Denied) => Text::new("Reddedildi", "Denied"),
            None => Text::new(code, code),
        }
    }
}

impl Origin {
    /// Where it came from, as an operator reads it.
    pub fn text_of(code: &str) -> Text {
        match Origin::from_code(code) {
            Some(Origin::App) => Text::new("Uygulama", "App"),
            Some(Origin::Cli) => Text::new("Komut satırı", "Command line"),
            Some(Origin::Scheduler) => Text::new("Zamanlayıcı", "Scheduler"),
            None => Text::new(code, code),
        }
    }
}
