//! A vault on a test clock with an administrator, and helpers to fill it.

use std::sync::Arc;

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::store::{self, StoreSettings};
use tahsildar_core::{Auth, DataDir, KdfParams, Origin, Protection, Session, TestClock, Vault};

pub const APPROVE: &str = "4355093000315232";
pub const APPROVE_MC: &str = "5218076007402834";
pub const SOFT_51: &str = "4000000000009995";

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// A vault on 27 Nov 2026, 10:00 in Istanbul, with an administrator signed in.
pub struct Office {
    pub _tmp: tempfile::TempDir,
    pub clock: Arc<TestClock>,
    pub vault: Arc<Vault>,
    pub auth: Auth,
    pub admin: Session,
    pub store_id: i64,
}

impl Office {
    pub fn new() -> Office {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        let clock = Arc::new(TestClock::new("2026-11-27T07:00:00Z".parse().unwrap()));
        let protection = Protection::Passphrase {
            passphrase: secret("a vault passphrase"),
            params: KdfParams::TEST_ONLY_FAST,
        };
        let (vault, _) = Vault::create(&dir, &protection, clock.clone()).unwrap();
        users::create_first_admin(&vault, "admin", &secret("admin password 1"), Origin::App)
            .unwrap();
        let vault = Arc::new(vault);
        let auth = Auth::new(vault.clone());
        let admin = auth
            .sign_in("admin", &secret("admin password 1"), Origin::App)
            .unwrap();
        let store_id = vault
            .db()
            .read(|c| store::find_by_name(c, "Sandbox"))
            .unwrap();
        let settings = StoreSettings {
            rate_per_sec: Some(100),
            concurrency: Some(4),
            ..StoreSettings::default()
        };
        store::update(&admin, store_id, &settings).unwrap();
        Office {
            _tmp: tmp,
            clock,
            vault,
            auth,
            admin,
            store_id,
        }
    }

    /// A second store, for visibility checks.
    pub fn second_store(&self) -> i64 {
        store::create(
            &self.admin,
            "Branch",
            tahsildar_core::Environment::Sandbox,
            &StoreSettings::default(),
        )
        .unwrap()
        .id
    }

    /// A user with a role on one store, signed in.
    pub fn user(&self, name: &str, role: tahsildar_core::Role, store_id: i64) -> Session {
        users::add_user(
            &self.admin,
            &users::NewUser {
                name: name.into(),
                password: secret("a user password 1"),
                role,
                scope: tahsildar_core::Scope::Store(store_id),
            },
        )
        .unwrap();
        self.auth
            .sign_in(name, &secret("a user password 1"), Origin::App)
            .unwrap()
    }

    /// The card the vault's only payment is charged to (none: the customer's primary card) and
    /// its soft declines on that card.
    pub fn payment_card(&self) -> (Option<i64>, i64) {
        self.vault
            .db()
            .read(|c| {
                Ok(
                    c.query_row("SELECT card_id, soft_declines FROM payments", [], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?,
                )
            })
            .unwrap()
    }

    /// A customer with these cards (`(pan, expiry)`), the first primary.
    pub fn customer(&self, reference: &str, name: &str, cards: &[(&str, &str)]) -> i64 {
        let new = NewCustomer {
            reference: reference.into(),
            name: name.into(),
            ..NewCustomer::default()
        };
        let id = customer::add(&self.admin, self.store_id, &new).unwrap().id;
        for (i, (pan, expiry)) in cards.iter().enumerate() {
            customer::card::add(&self.admin, id, &card(pan, expiry, i > 0)).unwrap();
        }
        id
    }

    /// A one-off plan of 100.00 TL for the customer, due today.
    pub fn one_off_plan(&self, customer_id: i64) {
        tahsildar_core::plan::create(
            &self.admin,
            &tahsildar_core::plan::NewPlan {
                customer_id,
                amount_minor: 10_000,
                currency: tahsildar_core::Currency::Try,
                start: tahsildar_core::plan::today(self.clock.as_ref()),
                kind: tahsildar_core::plan::PlanKind::OneOff,
                description: None,
            },
        )
        .unwrap();
    }
}

pub fn card(pan: &str, expiry: &str, alternate: bool) -> NewCard {
    NewCard {
        pan: secret(pan),
        expiry: expiry.into(),
        holder: Some("Ayşe Yılmaz".into()),
        alternate,
        instruction_date: Some(jiff::civil::date(2026, 11, 2)),
        instruction_ref: Some("TAL-2026-118".into()),
    }
}
