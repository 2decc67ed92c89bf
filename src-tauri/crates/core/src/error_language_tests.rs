//! Every error speaks one language at a time: a representative of each variant, and every
//! reason the rules give, has a Turkish message without English words and an English message
//! without Turkish ones.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::date;
use secrecy::SecretString;

use crate::audit::{AuditBreak, BreakKind};
use crate::auth::{Lockout, Permission};
use crate::customer::NewCustomer;
use crate::customer::card::CardRule;
use crate::engine::attempt_state::AttemptState;
use crate::error::Error;
use crate::i18n::{Lang, Text};
use crate::language_check::{english_in_turkish, turkish_in_english};
use crate::plan::parse_amount;
use crate::plan::schedule::ScheduleProblem;
use crate::plan::terms::{PlanRule, schedule_problem_error};

/// Its place in the enum; a new variant does not compile until it is listed here and given a
/// representative below.
fn variant(e: &Error) -> usize {
    use Error::*;
    match e {
        DataDirUnknown => 0,
        Io { .. } => 1,
        VaultMissing(_) => 2,
        VaultExists(_) => 3,
        VaultDamaged(_) => 4,
        VaultForeign(_) => 5,
        VaultWrongKey => 6,
        WrongPassphrase => 7,
        PassphraseRequired => 8,
        PassphraseTooShort(_) => 9,
        RecoveryKeyInvalid(_) => 10,
        MetaInvalid(_) => 11,
        NotSqlcipher => 12,
        KeyringUnavailable(_) => 13,
        KeyringEntryMissing => 14,
        KeyringLocked => 15,
        KeyringTimeout(_) => 16,
        Database(_) => 17,
        Migration { .. } => 18,
        SealedValueInvalid => 19,
        BackupInvalid(_) => 20,
        BackupWrongPassphrase => 21,
        RestoreNeedsConfirmation => 22,
        AuthFailed => 23,
        AuthLocked(_) => 24,
        UserDisabled => 25,
        SessionExpired => 26,
        PermissionDenied { .. } => 27,
        PasswordTooShort(_) => 28,
        UserExists(_) => 29,
        UserNotFound(_) => 30,
        FirstAdminExists => 31,
        StoreExists(_) => 32,
        StoreNotFound(_) => 33,
        InvalidInput { .. } => 34,
        AuditBroken(_) => 35,
        NotFound { .. } => 36,
        WrongState { .. } => 37,
        EngineBusy(_) => 38,
        BankUnavailable { .. } => 39,
        ImportFile(_) => 40,
        ImportNothingToCommit => 41,
        ImportAlreadyCommitted(_) => 42,
        ImportStale(_) => 43,
        Internal(_) => 44,
        RestoreNotSettled { .. } => 45,
        GrantBeyondOwn { .. } => 46,
        UserBeyondOwn { .. } => 47,
        PasswordChangeRequired => 48,
    }
}
const VARIANTS: usize = 49;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// One of each variant, as the code that raises it builds it.
fn one_of_each() -> Vec<Error> {
    let path = PathBuf::from("/srv/tahsildar/vault.db");
    vec![
        Error::DataDirUnknown,
        Error::io(
            &path,
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ),
        Error::VaultMissing(path.clone()),
        Error::VaultExists(path.clone()),
        Error::VaultDamaged(Text::new(
            "doğru anahtar dosyayı çözmüyor",
            "the right key does not decrypt the file",
        )),
        Error::VaultForeign(Text::new(
            "şifrelenmemiş bir SQLite veritabanı",
            "an unencrypted SQLite database",
        )),
        Error::VaultWrongKey,
        Error::WrongPassphrase,
        Error::PassphraseRequired,
        Error::PassphraseTooShort(12),
        crate::vault::recovery::decode(&SecretString::from("!!!!")).unwrap_err(),
        Error::MetaInvalid(Text::new(
            "parola kipinde ama sarılmış anahtar yok",
            "passphrase mode without a wrapped key",
        )),
        Error::NotSqlcipher,
        Error::KeyringUnavailable(Text::new(
            "D-Bus oturum veri yolu yok",
            "no D-Bus session bus",
        )),
        Error::KeyringEntryMissing,
        Error::KeyringLocked,
        Error::KeyringTimeout(20),
        Error::Database(rusqlite::Error::QueryReturnedNoRows),
        Error::Migration {
            version: 7,
            detail: "no such table: plans".into(),
        },
        Error::SealedValueInvalid,
        Error::BackupInvalid(Text::new(
            "bütünlük denetimi başarısız",
            "integrity check failed",
        )),
        Error::BackupWrongPassphrase,
        Error::RestoreNeedsConfirmation,
        Error::AuthFailed,
        Error::AuthLocked(Lockout::new(
            at("2026-03-02T12:42:00Z"),
            at("2026-03-02T12:15:00Z"),
        )),
        Error::UserDisabled,
        Error::SessionExpired,
        Error::PermissionDenied {
            permission: Permission::Refund.as_str(),
            store: Some(3),
        },
        Error::GrantBeyondOwn {
            permission: Permission::Refund,
            store: Some("Site B".into()),
        },
        Error::UserBeyondOwn {
            user: "ayse".into(),
            permission: Permission::ManageStores,
            store: None,
        },
        Error::PasswordChangeRequired,
        Error::PasswordTooShort(12),
        Error::UserExists("ayse".into()),
        Error::UserNotFound("mehmet".into()),
        Error::FirstAdminExists,
        Error::StoreExists("Merkez".into()),
        Error::StoreNotFound("Merkez".into()),
        CardRule::InvalidNumber.to_error(),
        Error::AuditBroken(AuditBreak {
            seq: 4,
            kind: BreakKind::Tampered,
        }),
        Error::not_found("payment", 42),
        Error::wrong_state(
            "payment",
            42,
            Text::new(
                "son denemesine bankadan kesin yanıt gelmedi; önce mutabakat yapın",
                "its last attempt has no final answer from the bank yet: reconcile it first",
            ),
        ),
        Error::EngineBusy(path.clone()),
        Error::BankUnavailable {
            store: 3,
            detail: Text::new(
                "bu deneme (sandbox) mağazası için çalışan bir banka benzetimi yok",
                "no simulator is running for this sandbox store",
            ),
        },
        Error::RestoreNotSettled {
            since: "2026-11-20".into(),
        },
        Error::ImportFile(tahsildar_import::ImportError::PasswordProtected),
        Error::ImportNothingToCommit,
        Error::ImportAlreadyCommitted(9),
        Error::ImportStale(Text::new(
            "satır 3: A-12 abonesinde bu plan artık var",
            "row 3: customer A-12 now has this plan",
        )),
        Error::Internal("journal mode delete, expected wal".into()),
    ]
}

/// Every refusal the rules of manual entry give.
fn rule_refusals() -> Vec<Error> {
    let mut errors: Vec<Error> = [
        CardRule::InvalidNumber,
        CardRule::UnknownBrand("123456******1234".into()),
        CardRule::ExpiryUnreadable("13/99".into()),
        CardRule::Expired("01/24".into()),
        CardRule::HolderInvalid,
    ]
    .iter()
    .map(CardRule::to_error)
    .collect();
    errors.extend(
        [
            PlanRule::AmountNotPositive,
            PlanRule::AmountTooLarge,
            PlanRule::StartInPast(date(2026, 3, 1)),
            PlanRule::InstallmentsOutOfRange { n: 14, max: 12 },
            PlanRule::ScheduleStartMismatch,
            PlanRule::DescriptionTooLong,
        ]
        .iter()
        .map(PlanRule::to_error),
    );
    errors.extend(
        [
            ScheduleProblem::IntervalOutOfRange,
            ScheduleProblem::CountOutOfRange,
            ScheduleProblem::EndBeforeStart,
            ScheduleProblem::CadenceUnreadable,
        ]
        .into_iter()
        .map(schedule_problem_error),
    );
    errors.push(parse_amount("12,3,4").unwrap_err());
    let customer = |reference: &str, name: &str, email: &str, phone: &str| NewCustomer {
        reference: reference.into(),
        name: name.into(),
        email: Some(email.into()),
        phone: Some(phone.into()),
        notes: None,
    };
    for bad in [
        customer("", "Ayşe Yılmaz", "ayse@ornek.com.tr", "0532 000 00 00"),
        customer("A-1", "", "ayse@ornek.com.tr", "0532 000 00 00"),
        customer("A-1", "Ayşe Yılmaz", "ayse", "0532 000 00 00"),
        customer("A-1", "Ayşe Yılmaz", "ayse@ornek.com.tr", "12"),
    ] {
        errors.push(crate::customer::check(&bad).unwrap_err());
    }
    errors.extend([
        crate::paging::page_size_refused(0, 500),
        crate::paging::search_too_long(),
        crate::paging::not_one_of(
            "sort",
            "tutar",
            &["due_date", "amount", "status", "customer"],
        ),
        crate::payments::PaymentStatus::from_input("status", "odendi").unwrap_err(),
        crate::store::check_base_url(crate::store::Environment::Test, "http://ornek.com.tr")
            .unwrap_err(),
        crate::store::check_run_time("25:00").unwrap_err(),
    ]);
    errors
}

fn assert_one_language(error: &Error) {
    let tr = error.message(Lang::Tr);
    let en = error.message(Lang::En);
    let english = english_in_turkish(&tr);
    assert!(english.is_empty(), "English {english:?} in: {tr}");
    let turkish = turkish_in_english(&en);
    assert!(turkish.is_empty(), "Turkish {turkish:?} in: {en}");
    assert_ne!(tr, en, "{tr}");
}

#[test]
fn every_variant_speaks_one_language_at_a_time() {
    let errors = one_of_each();
    let mut seen = [false; VARIANTS];
    for error in &errors {
        seen[variant(error)] = true;
        assert_one_language(error);
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|i| !seen[*i]).collect();
    assert!(
        missing.is_empty(),
        "no representative of variants {missing:?}"
    );
}

#[test]
fn every_rule_refusal_speaks_one_language_at_a_time() {
    for error in rule_refusals() {
        assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
        assert_one_language(&error);
    }
}

#[test]
fn a_refused_field_keeps_its_key_and_names_itself_in_each_language() {
    let error = CardRule::InvalidNumber.to_error();
    let Error::InvalidInput { field, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*field, "card number");
    assert_eq!(error.code(), "invalid_input");
    assert_eq!(
        error.message(Lang::Tr),
        "Kart numarası geçersiz (uzunluk ya da kontrol hanesi tutmuyor)."
    );
    assert_eq!(
        error.message(Lang::En),
        "The card number is not valid (length or check digit)."
    );
    let expiry = CardRule::Expired("01/24".into()).to_error();
    assert!(expiry.message(Lang::Tr).contains("son kullanma"));
    let amount = PlanRule::AmountNotPositive.to_error();
    assert!(amount.message(Lang::Tr).starts_with("Tutar"));
}

#[test]
fn states_statuses_and_permissions_have_both_names() {
    let mut texts: Vec<Text> = AttemptState::ALL.iter().map(|s| s.text()).collect();
    texts.extend(crate::payments::PaymentStatus::ALL.iter().map(|s| s.text()));
    texts.extend(Permission::ALL.iter().map(|p| p.text()));
    for text in texts {
        let english = english_in_turkish(text.tr());
        assert!(english.is_empty(), "English {english:?} in: {}", text.tr());
        let turkish = turkish_in_english(text.en());
        assert!(turkish.is_empty(), "Turkish {turkish:?} in: {}", text.en());
        assert_ne!(text.tr(), text.en());
    }
}

#[test]
fn a_file_error_names_its_cause_in_each_language() {
    let denied = Error::io(
        "/srv/tahsildar/vault.db",
        std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    );
    assert!(denied.message(Lang::Tr).contains("erişim izni yok"));
    assert!(denied.message(Lang::En).contains("permission denied"));
    let other = Error::io(
        "/srv/tahsildar/vault.db",
        std::io::Error::other("odd failure"),
    );
    assert!(
        other
            .message(Lang::Tr)
            .contains("teknik ayrıntı: odd failure")
    );
}

#[test]
fn display_stays_english_for_logs() {
    let error = CardRule::InvalidNumber.to_error();
    assert_eq!(
        error.to_string(),
        "invalid card number: The card number is not valid (length or check digit)."
    );
}
