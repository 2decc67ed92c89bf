//! Schema migrations keep what is stored: the `users` rebuild for the manager role, and the
//! payments' day totals worked out from the charges already in a vault.

use std::sync::Arc;

use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::plan::schedule::{Cadence, PlanEnd, Schedule};
use tahsildar_core::plan::{self, NewPlan, PlanKind};
use tahsildar_core::reports::Figure;
use tahsildar_core::reports::summary::{SummaryQuery, summary};
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::{
    Auth, Currency, DataDir, NewUser, Origin, Permission, Role, Scope, UnlockWith, UserInfo, Vault,
};

use crate::common::*;

const USER_PASSWORD: &str = "user password 12";

fn by_name(list: &[UserInfo], name: &str) -> (Role, usize) {
    let user = list.iter().find(|u| u.name == name).unwrap();
    (user.role, user.grants.len())
}

#[test]
fn rebuilding_users_for_the_manager_role_keeps_every_user_grant_and_password() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));
    let (vault, _) = Vault::create(&dir, &fast_passphrase(), system_clock()).unwrap();
    users::create_first_admin(&vault, "admin", &secret(ADMIN_PASSWORD), Origin::App).unwrap();
    let vault = Arc::new(vault);
    let admin = Auth::new(vault.clone())
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let site = store::create(
        &admin,
        "Site A",
        Environment::Test,
        &StoreSettings::default(),
    )
    .unwrap();
    users::add_user(
        &admin,
        &NewUser {
            name: "operator-a".into(),
            password: secret(USER_PASSWORD),
            role: Role::Operator,
            scope: Scope::Store(site.id),
        },
    )
    .unwrap();
    let before = users::list_users(&admin).unwrap();
    // As if the vault had been made before the manager role: migration 8 runs again at the
    // next open, rebuilding a table that holds users, grants and foreign keys to it (and the
    // later migrations of `users` after it).
    vault
        .db()
        .write(|tx| {
            tx.execute("DELETE FROM schema_migrations WHERE version IN (8, 14)", [])?;
            Ok(())
        })
        .unwrap();
    drop(admin);
    drop(vault);

    let reopened = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
    assert_eq!(
        reopened.db().applied_migrations().unwrap(),
        tahsildar_core::vault::db::Db::known_migrations()
    );
    assert!(reopened.db().integrity_ok().unwrap());
    let auth = Auth::new(Arc::new(reopened));
    let admin = auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let after = users::list_users(&admin).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(by_name(&after, "admin"), by_name(&before, "admin"));
    assert_eq!(
        by_name(&after, "operator-a"),
        (Role::Operator, Role::Operator.permissions().len())
    );
    let operator = auth
        .sign_in("operator-a", &secret(USER_PASSWORD), Origin::App)
        .unwrap();
    operator
        .require(Permission::CreateCollections, Some(site.id))
        .unwrap();

    users::add_user(
        &admin,
        &NewUser {
            name: "manager-a".into(),
            password: secret(USER_PASSWORD),
            role: Role::Manager,
            scope: Scope::Store(site.id),
        },
    )
    .unwrap();
    let list = users::list_users(&admin).unwrap();
    assert_eq!(
        by_name(&list, "manager-a"),
        (Role::Manager, Role::Manager.permissions().len())
    );
}

/// Migration 12 on a vault that already holds charges: each payment's charged and refunded
/// amounts and the day totals the reports read are worked out from its approved attempts.
#[test]
fn the_day_totals_start_from_the_charges_already_in_the_vault() {
    let Fixture {
        _tmp,
        clock,
        vault,
        auth,
        admin,
    } = Fixture::new();
    let store_id = vault
        .db()
        .read(|c| store::find_by_name(c, "Sandbox"))
        .unwrap();
    let customer_id = customer::add(
        &admin,
        store_id,
        &NewCustomer {
            reference: "D-1".into(),
            name: "Daire 1".into(),
            ..NewCustomer::default()
        },
    )
    .unwrap()
    .id;
    let card = NewCard {
        pan: secret(PAN),
        expiry: format!("12/{:02}", (plan::today(clock.as_ref()).year() + 3) % 100),
        holder: None,
        alternate: false,
        instruction_date: None,
        instruction_ref: None,
    };
    let card_id = customer::card::add(&admin, customer_id, &card).unwrap().id;
    let start = plan::today(clock.as_ref());
    let schedule =
        Schedule::new(start, "1m".parse::<Cadence>().unwrap(), PlanEnd::Count(3)).unwrap();
    plan::create(
        &admin,
        &NewPlan {
            customer_id,
            amount_minor: 10_000,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(schedule),
            description: None,
        },
    )
    .unwrap();
    // As if the vault had been made before migration 12, and then charged: a sale refunded in
    // part, a pre-authorisation captured for less, a decline.
    vault
        .db()
        .write(|tx| {
            tx.execute_batch(
                "DROP TRIGGER attempts_charge_payment; DROP TRIGGER attempts_charge_new_payment;
                 DROP TRIGGER payments_add_to_day; DROP TRIGGER payments_move_between_days;
                 DROP TRIGGER payments_leave_day; DROP TABLE payment_day_totals;
                 DROP TRIGGER attempts_add_decline; DROP TRIGGER attempts_move_decline;
                 DROP TABLE decline_day_totals;
                 ALTER TABLE payments DROP COLUMN charged_minor;
                 ALTER TABLE payments DROP COLUMN refunded_minor;
                 DELETE FROM schema_migrations WHERE version IN (12, 13);
                 ALTER TABLE attempts DROP COLUMN batch_number;",
            )?;
            let ids: Vec<i64> = tx
                .prepare("SELECT id FROM payments ORDER BY occurrence")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for (n, (id, status, state, kind, captured, refunded)) in [
                (ids[0], "partially_refunded", "approved", "sale", None, 2_500),
                (ids[1], "paid", "approved", "pre_auth", Some(6_000), 0),
                (ids[2], "retry_wait", "declined", "sale", None, 0),
            ]
            .into_iter()
            .enumerate()
            {
                tx.execute(
                    "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state, kind,
                         captured_minor, refunded_minor, vps_code, host_code, created_at)
                     VALUES (?1, ?2, ?3, 10000, 949, ?4, ?5, ?6, ?7, 'VPS-1005', '51', '2026-11-27T07:00:00Z')",
                    rusqlite::params![id, format!("ORD-{n}"), card_id, state, kind, captured, refunded],
                )?;
                tx.execute("UPDATE payments SET status = ?1 WHERE id = ?2", rusqlite::params![status, id])?;
            }
            Ok(())
        })
        .unwrap();
    drop((admin, auth, vault));

    let reopened = Vault::open(
        &DataDir::new(_tmp.path().join("data")),
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        clock,
    )
    .unwrap();
    let admin = Auth::new(Arc::new(reopened))
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let query = SummaryQuery {
        store_id: None,
        from: start,
        to: start.checked_add(jiff::Span::new().months(3)).unwrap(),
    };
    let summary = summary(&admin, &query).unwrap();
    let reasons: Vec<_> = summary
        .declines
        .iter()
        .map(|d| (d.host_code.as_deref(), d.attempts, d.payments))
        .collect();
    assert_eq!(reasons, vec![(Some("51"), 1, 1)]);
    let totals = summary.totals;
    assert_eq!(totals.len(), 1);
    let figure = |f: Figure| (f.count, f.minor);
    assert_eq!(figure(totals[0].due), (3, 30_000));
    assert_eq!(figure(totals[0].collected), (2, 16_000));
    assert_eq!(figure(totals[0].refunded), (1, 2_500));
    assert_eq!(figure(totals[0].declined), (1, 10_000));
}
