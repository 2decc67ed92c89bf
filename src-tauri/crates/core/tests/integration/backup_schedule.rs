//! Automatic daily backups on the test clock (named by Istanbul's date, rotated, a failure kept
//! apart from the good files), the preview of a backup before a restore, and who may do either.

use jiff::SignedDuration;
use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::plan::schedule::{Cadence, PlanEnd, Schedule};
use tahsildar_core::plan::{self, NewPlan, PlanKind};
use tahsildar_core::store;
use tahsildar_core::vault::backup;
use tahsildar_core::vault::backup_preview::preview;
use tahsildar_core::vault::backup_schedule::{
    ScheduleChange, file_name, run_if_due, schedule, set_folder, set_schedule,
};
use tahsildar_core::vault::restore::check_confirmation;
use tahsildar_core::{
    Clock, Currency, Error, KdfParams, Lang, NewUser, Origin, Role, Scope, Session, audit_log,
};

use crate::common::*;

const BACKUP_PASSPHRASE: &str = "backup passphrase 1";

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

fn turned_on(f: &Fixture, folder: &std::path::Path, keep: u32) {
    set_folder(&f.admin, folder).unwrap();
    set_schedule(
        &f.admin,
        ScheduleChange {
            enabled: true,
            keep,
        },
        Some(&secret(BACKUP_PASSPHRASE)),
    )
    .unwrap();
}

/// The administrator signed in again (the test clock moves past the idle limit).
fn admin(f: &Fixture) -> Session {
    f.auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap()
}

fn actions(f: &Fixture, action: &str) -> Vec<String> {
    audit_log::recent(&admin(f), 1000, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| e.result)
        .collect()
}

#[test]
fn off_by_default_then_one_backup_a_day_named_by_istanbul_date_keeping_the_newest() {
    let f = Fixture::new();
    let folder = f._tmp.path().join("yedekler");
    std::fs::create_dir(&folder).unwrap();
    let settings = schedule(&f.admin).unwrap();
    assert!(!settings.enabled && !settings.has_passphrase && settings.last.is_none());
    assert_eq!(settings.keep, 7);
    assert_eq!(
        run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST).unwrap(),
        None
    );

    turned_on(&f, &folder, 3);
    // 27 Nov 2026, 21:30 UTC is already the 28th in Istanbul.
    f.clock.advance(SignedDuration::from_mins(14 * 60 + 30));
    let last = run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
        .unwrap()
        .unwrap();
    assert!(last.ok, "{last:?}");
    assert_eq!(
        last.file.as_deref(),
        Some("tahsildar-yedek-2026-11-28.tahsildar")
    );
    assert_eq!(files(&folder), ["tahsildar-yedek-2026-11-28.tahsildar"]);
    // Once a day.
    f.clock.advance(SignedDuration::from_hours(2));
    assert_eq!(
        run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST).unwrap(),
        None
    );

    for _ in 0..4 {
        f.clock.advance(SignedDuration::from_hours(24));
        assert!(
            run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
                .unwrap()
                .unwrap()
                .ok
        );
    }
    assert_eq!(
        files(&folder),
        [
            "tahsildar-yedek-2026-11-30.tahsildar",
            "tahsildar-yedek-2026-12-01.tahsildar",
            "tahsildar-yedek-2026-12-02.tahsildar",
        ]
    );
    let shown = schedule(&admin(&f)).unwrap();
    assert!(shown.enabled && shown.has_passphrase);
    assert_eq!(
        shown.last.unwrap().file.as_deref(),
        Some("tahsildar-yedek-2026-12-02.tahsildar")
    );
    assert_eq!(actions(&f, "vault.backup"), ["ok"; 5]);
    assert_eq!(actions(&f, "vault.backup_schedule").len(), 2);

    // The newest opens with the passphrase, and holds the vault.
    let newest = folder.join("tahsildar-yedek-2026-12-02.tahsildar");
    let seen = preview(&admin(&f), &newest, &secret(BACKUP_PASSPHRASE)).unwrap();
    assert!(seen.same_vault);
    // The passphrase is never stored in clear.
    let db = std::fs::read(f.vault.dir().db_path()).unwrap();
    assert!(!contains(&db, BACKUP_PASSPHRASE.as_bytes()));
}

#[test]
fn a_failed_backup_is_reported_and_keeps_the_older_ones() {
    let f = Fixture::new();
    let folder = f._tmp.path().join("yedekler");
    std::fs::create_dir(&folder).unwrap();
    turned_on(&f, &folder, 2);
    assert!(
        run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
            .unwrap()
            .unwrap()
            .ok
    );
    f.clock.advance(SignedDuration::from_hours(24));
    assert!(
        run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
            .unwrap()
            .unwrap()
            .ok
    );
    let before = files(&folder);
    assert_eq!(before.len(), 2);

    // Tomorrow's file cannot be written: a folder stands where it would go.
    f.clock.advance(SignedDuration::from_hours(24));
    let blocked = file_name(plan::today(f.clock.as_ref()));
    std::fs::create_dir(folder.join(&blocked)).unwrap();
    let last = run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
        .unwrap()
        .unwrap();
    assert!(!last.ok);
    assert!(last.file.is_none());
    let why = last.error.unwrap();
    assert!(!why.tr().is_empty() && !why.en().is_empty());
    let mut expected = before.clone();
    expected.push(blocked.clone());
    expected.sort();
    assert_eq!(files(&folder), expected, "the older backups are kept");
    assert_eq!(actions(&f, "vault.backup"), ["failed", "ok", "ok"]);
    assert!(!schedule(&admin(&f)).unwrap().last.unwrap().ok);

    // Tried again an hour later, not before.
    f.clock.advance(SignedDuration::from_mins(30));
    assert_eq!(
        run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST).unwrap(),
        None
    );
    std::fs::remove_dir(folder.join(&blocked)).unwrap();
    f.clock.advance(SignedDuration::from_mins(31));
    let last = run_if_due(&f.vault, KdfParams::TEST_ONLY_FAST)
        .unwrap()
        .unwrap();
    assert!(last.ok);
    assert_eq!(files(&folder).len(), 2);
    assert_eq!(files(&folder)[1], blocked);
}

#[test]
fn turning_on_needs_a_folder_a_strong_passphrase_and_a_sensible_count() {
    let f = Fixture::new();
    let on = ScheduleChange {
        enabled: true,
        keep: 7,
    };
    let err = set_schedule(&f.admin, on, Some(&secret(BACKUP_PASSPHRASE))).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            field: "folder",
            ..
        }
    ));
    set_folder(&f.admin, f._tmp.path()).unwrap();
    assert!(matches!(
        set_schedule(&f.admin, on, None).unwrap_err(),
        Error::InvalidInput {
            field: "passphrase",
            ..
        }
    ));
    assert!(matches!(
        set_schedule(&f.admin, on, Some(&secret("kısa"))).unwrap_err(),
        Error::PassphraseTooShort(12)
    ));
    let none_kept = ScheduleChange {
        enabled: true,
        keep: 0,
    };
    assert!(matches!(
        set_schedule(&f.admin, none_kept, Some(&secret(BACKUP_PASSPHRASE))).unwrap_err(),
        Error::InvalidInput { field: "keep", .. }
    ));
    assert!(matches!(
        set_folder(&f.admin, &f._tmp.path().join("yok")).unwrap_err(),
        Error::InvalidInput {
            field: "folder",
            ..
        }
    ));
    assert!(
        set_schedule(&f.admin, on, Some(&secret(BACKUP_PASSPHRASE)))
            .unwrap()
            .enabled
    );
}

fn user(f: &Fixture, name: &str, role: Role) -> Session {
    users::add_user(
        &f.admin,
        &NewUser {
            name: name.into(),
            password: secret("user password 12"),
            role,
            scope: Scope::AllStores,
        },
    )
    .unwrap();
    f.auth
        .sign_in(name, &secret("user password 12"), Origin::App)
        .unwrap()
}

#[test]
fn the_preview_counts_customers_plans_and_payments() {
    let f = Fixture::new();
    let store_id = f
        .vault
        .db()
        .read(|c| store::find_by_name(c, "Sandbox"))
        .unwrap();
    for n in 1..=2 {
        customer::add(
            &f.admin,
            store_id,
            &NewCustomer {
                reference: format!("D-{n}"),
                name: format!("Daire {n}"),
                ..NewCustomer::default()
            },
        )
        .unwrap();
    }
    let card = NewCard {
        pan: secret(PAN),
        expiry: format!("12/{:02}", (plan::today(f.clock.as_ref()).year() + 3) % 100),
        holder: None,
        alternate: false,
        instruction_date: None,
        instruction_ref: None,
    };
    customer::card::add(&f.admin, 1, &card).unwrap();
    let start = plan::today(f.clock.as_ref());
    plan::create(
        &f.admin,
        &NewPlan {
            customer_id: 1,
            amount_minor: 10_000,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(
                Schedule::new(start, "1m".parse::<Cadence>().unwrap(), PlanEnd::Count(3)).unwrap(),
            ),
            description: None,
        },
    )
    .unwrap();
    let file = f._tmp.path().join("yedek.tahsildar");
    backup::backup(
        &f.admin,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();
    let seen = preview(&f.admin, &file, &secret(BACKUP_PASSPHRASE)).unwrap();
    assert_eq!(
        (seen.customers, seen.plans, seen.payments, seen.same_vault),
        (2, 1, 3, true)
    );
    assert_eq!(seen.created_at, f.clock.now().to_string());
    assert!(matches!(
        preview(&f.admin, &file, &secret("another passphrase")).unwrap_err(),
        Error::BackupWrongPassphrase
    ));
    // Nothing is left behind in the data folder.
    let left: Vec<String> = files(f.vault.dir().root())
        .into_iter()
        .filter(|n| n.contains("preview"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn only_an_administrator_sets_up_backups_or_previews_a_restore_in_both_languages() {
    let f = Fixture::new();
    let operator = user(&f, "operator", Role::Operator);
    let viewer = user(&f, "izleyici", Role::Viewer);
    let off = ScheduleChange {
        enabled: false,
        keep: 7,
    };

    // An operator backs up (export on every store) and sees the settings, but changes nothing.
    assert!(schedule(&operator).is_ok());
    let err = set_schedule(&operator, off, None).unwrap_err();
    assert!(matches!(err, Error::PermissionDenied { .. }));
    assert!(
        err.message(Lang::Tr).contains("kullanıcı yönetimi"),
        "{}",
        err.message(Lang::Tr)
    );
    assert!(
        err.message(Lang::En).contains("managing users"),
        "{}",
        err.message(Lang::En)
    );
    assert!(matches!(
        set_folder(&operator, f._tmp.path()).unwrap_err(),
        Error::PermissionDenied { .. }
    ));
    let file = f._tmp.path().join("yedek.tahsildar");
    backup::backup(
        &operator,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();
    let err = preview(&operator, &file, &secret(BACKUP_PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::PermissionDenied { .. }));

    // A viewer has no backups at all.
    let err = schedule(&viewer).unwrap_err();
    assert!(
        err.message(Lang::Tr).contains("dışa aktarma"),
        "{}",
        err.message(Lang::Tr)
    );
    assert!(
        err.message(Lang::En).contains("exports"),
        "{}",
        err.message(Lang::En)
    );
    assert!(matches!(
        backup::backup(
            &viewer,
            &file,
            &secret(BACKUP_PASSPHRASE),
            KdfParams::TEST_ONLY_FAST
        )
        .unwrap_err(),
        Error::PermissionDenied { .. }
    ));
}

#[test]
fn a_restore_is_confirmed_with_the_words_in_full() {
    assert!(check_confirmation("GERİ YÜKLE").is_ok());
    assert!(check_confirmation(" RESTORE ").is_ok());
    let err = check_confirmation("geri").unwrap_err();
    assert!(err.message(Lang::Tr).contains("GERİ YÜKLE"));
    assert!(err.message(Lang::En).contains("RESTORE"));
}
