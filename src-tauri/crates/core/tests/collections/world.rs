//! A vault with an administrator, the sandbox store pointed at a simulator, and helpers.

use std::sync::Arc;

use secrecy::SecretString;
use tahsildar_bank_sim::{SimClock, SimConfig, SimHandle, Simulator};
use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::plan::{self, NewPlan, PlanKind, ProvisionKind};
use tahsildar_core::store::{self, StoreSettings};
use tahsildar_core::{
    Auth, BankDirectory, Currency, DataDir, Engine, EngineActor, EngineConfig, Environment,
    KdfParams, NewUser, Origin, Protection, Role, Scope, Session, TestClock, Vault,
};

pub const APPROVE: &str = "4355093000315232";
pub const APPROVE_MC: &str = "5218076007402834";
pub const SOFT_51: &str = "4000000000009995";
pub const HARD_54: &str = "4000000000000069";
pub const BOOKED_THEN_DROPPED: &str = "4000000000000119";

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// A vault on a test clock (27 Nov 2026, 10:00 in Istanbul) with an administrator.
pub struct Vaulted {
    pub _tmp: tempfile::TempDir,
    pub clock: Arc<TestClock>,
    pub vault: Arc<Vault>,
    pub admin: Session,
    pub auth: Auth,
    pub store_id: i64,
}

impl Vaulted {
    pub fn new() -> Vaulted {
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
        Vaulted {
            _tmp: tmp,
            clock,
            vault,
            admin,
            auth,
            store_id,
        }
    }

    /// Moves the clock on by whole days and signs the administrator in again (sessions end
    /// after 15 idle minutes).
    pub fn advance_days(&mut self, days: i64) {
        self.clock
            .advance(jiff::SignedDuration::from_hours(24 * days));
        self.admin = self
            .auth
            .sign_in("admin", &secret("admin password 1"), Origin::App)
            .unwrap();
    }

    /// A customer with these cards, the first primary and the others alternates.
    pub fn customer(&self, reference: &str, pans: &[&str]) -> i64 {
        let new = NewCustomer {
            reference: reference.into(),
            name: format!("Customer {reference}"),
            ..NewCustomer::default()
        };
        let id = customer::add(&self.admin, self.store_id, &new).unwrap().id;
        for (i, pan) in pans.iter().enumerate() {
            customer::card::add(&self.admin, id, &card(pan, i > 0)).unwrap();
        }
        id
    }

    /// A one-off payment due today; returns the payment id.
    pub fn one_off(&self, customer_id: i64, amount_minor: i64) -> i64 {
        let info = plan::create(
            &self.admin,
            &NewPlan {
                customer_id,
                amount_minor,
                currency: Currency::Try,
                start: plan::today(self.clock.as_ref()),
                kind: PlanKind::OneOff,
                description: None,
            },
        )
        .unwrap();
        info.payments[0].id
    }

    /// A plan due today, taken as `provision`; returns the payment id.
    pub fn plan_as(
        &self,
        customer_id: i64,
        amount_minor: i64,
        kind: PlanKind,
        provision: ProvisionKind,
    ) -> i64 {
        let info = plan::create_as(
            &self.admin,
            &NewPlan {
                customer_id,
                amount_minor,
                currency: Currency::Try,
                start: plan::today(self.clock.as_ref()),
                kind,
                description: None,
            },
            provision,
        )
        .unwrap();
        info.payments[0].id
    }

    /// The attempt of a payment that is not declined (at most one exists).
    pub fn live_attempt(&self, payment_id: i64) -> i64 {
        self.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT id FROM attempts WHERE payment_id = ?1 AND state NOT IN ('declined', 'withdrawn')",
                    [payment_id],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    }

    pub fn engine_at(&self, base_url: String) -> Engine {
        Engine::start(
            self.vault.clone(),
            BankDirectory::new(Some(base_url)),
            EngineConfig::fast(),
            EngineActor::of_session(&self.admin),
        )
        .unwrap()
    }

    /// A user of `role` on `scope`, signed in in the app.
    pub fn signed_in(&self, name: &str, role: Role, scope: Scope) -> Session {
        users::add_user(
            &self.admin,
            &NewUser {
                name: name.into(),
                password: secret("a user password 1"),
                role,
                scope,
            },
        )
        .unwrap();
        self.auth
            .sign_in(name, &secret("a user password 1"), Origin::App)
            .unwrap()
    }

    /// A second store, "Branch", and a viewer who sees only that one.
    pub fn branch_viewer(&self) -> (i64, Session) {
        let branch = store::create(
            &self.admin,
            "Branch",
            Environment::Sandbox,
            &StoreSettings::default(),
        )
        .unwrap()
        .id;
        (
            branch,
            self.signed_in("branch", Role::Viewer, Scope::Store(branch)),
        )
    }

    /// A column of a payment.
    pub fn payment_status(&self, id: i64) -> String {
        self.vault
            .db()
            .read(|c| {
                Ok(
                    c.query_row("SELECT status FROM payments WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    }

    /// (state, order id, card's masked PAN, sends, inquiries) of each attempt of a payment, oldest first.
    pub fn attempts(&self, payment_id: i64) -> Vec<(String, String, String, i64, i64)> {
        self.vault
            .db()
            .read(|c| {
                let mut stmt = c.prepare(
                    "SELECT a.state, a.order_id, k.masked_pan, a.sends, a.inquiries FROM attempts a
                     JOIN cards k ON k.id = a.card_id WHERE a.payment_id = ?1 ORDER BY a.id",
                )?;
                let rows = stmt.query_map([payment_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .unwrap()
    }
}

/// The simulator's clock reading a test clock.
pub fn sim_clock(clock: &Arc<TestClock>) -> SimClock {
    let clock = clock.clone();
    SimClock::from_fn(move || tahsildar_core::Clock::now(clock.as_ref()))
}

pub fn card(pan: &str, alternate: bool) -> NewCard {
    NewCard {
        pan: secret(pan),
        expiry: "12/30".into(),
        holder: Some("Ayşe Yılmaz".into()),
        alternate,
        instruction_date: None,
        instruction_ref: None,
    }
}

/// A vault plus a running simulator.
pub struct World {
    pub v: Vaulted,
    pub sim: SimHandle,
}

impl World {
    /// The simulator keeps the vault's test clock, so bookings, report days and card expiries
    /// move with it.
    pub async fn new() -> World {
        let v = Vaulted::new();
        let sim = Simulator::start(SimConfig {
            clock: sim_clock(&v.clock),
            ..SimConfig::default()
        })
        .await
        .unwrap();
        World { v, sim }
    }

    pub fn engine(&self) -> Engine {
        self.v.engine_at(self.sim.base_url())
    }

    /// An engine with its own settings.
    pub fn engine_with(&self, config: EngineConfig) -> Engine {
        Engine::start(
            self.v.vault.clone(),
            BankDirectory::new(Some(self.sim.base_url())),
            config,
            EngineActor::of_session(&self.v.admin),
        )
        .unwrap()
    }

    pub fn bank(&self) -> BankDirectory {
        BankDirectory::new(Some(self.sim.base_url()))
    }
}
