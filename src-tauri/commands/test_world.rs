//! For the command tests: an app state on a real SQLCipher vault with the built-in sandbox bank
//! (on the system clock, as the simulator is), an administrator signed in, and a one-off sale
//! due today on the sandbox store, already collected.

use std::sync::Arc;
use std::time::Duration;
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::timeline::StepKind;

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::plan::{self, CollectionInput, CollectionKind, NewPlan, PlanKind};
use tahsildar_core::{
    DataDir, Environment, Grant, KdfParams, Lang, NewUser, Origin, Permission, Protection, Role,
    Scope, Session, SystemClock, Vault,
};

use crate::state::AppState;

pub const ADMIN: &str = "yonetici";
pub const PASSWORD: &str = "dogru-parola-123";
/// The sandbox's card that is always approved.
const APPROVE: &str = "4355093000315232";

pub fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

/// The app, its sandbox store, and the collected payment with its approved attempt.
pub struct World {
    pub _dir: tempfile::TempDir,
    pub state: AppState,
    pub store_id: i64,
    pub payment_id: i64,
    pub attempt_id: i64,
}

/// An expiry four years after this month in Istanbul (`MM/YY`), valid whatever day it runs.
fn expiry() -> String {
    let today = plan::today(&SystemClock);
    format!("{:02}/{:02}", today.month(), (today.year() + 4) % 100)
}

/// Waits until the payment is `status` (the background scheduler may have taken it first).
pub async fn wait_for_status(state: &AppState, payment_id: i64, status: PaymentStatus) {
    for _ in 0..200 {
        let session = state.session().unwrap();
        let row = tahsildar_core::payments::timeline::detail(&session, payment_id).unwrap();
        if row.payment.status == status {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("payment {payment_id} did not become {status}");
}

impl World {
    pub async fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let protection = Protection::Passphrase {
            passphrase: secret("kasa-parolasi-uzun"),
            params: KdfParams::TEST_ONLY_FAST,
        };
        let (vault, _recovery) = Vault::create(
            &DataDir::new(dir.path()),
            &protection,
            Arc::new(SystemClock),
        )
        .unwrap();
        users::create_first_admin(&vault, ADMIN, &secret(PASSWORD), Origin::App).unwrap();
        let state = AppState::new(DataDir::new(dir.path()), Lang::Tr);
        state.install(vault).await;
        let admin = state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
        let store_id = tahsildar_core::store::list(&admin)
            .unwrap()
            .into_iter()
            .find(|s| s.environment == Environment::Sandbox)
            .expect("every vault has the sandbox store")
            .id;
        let c = customer::add(
            &admin,
            store_id,
            &NewCustomer {
                reference: "D-1".into(),
                name: "Ayşe Yılmaz".into(),
                email: None,
                phone: None,
                notes: None,
            },
        )
        .unwrap();
        customer::card::add(
            &admin,
            c.id,
            &NewCard {
                pan: secret(APPROVE),
                expiry: expiry(),
                holder: Some("Ayşe Yılmaz".into()),
                alternate: false,
                instruction_date: None,
                instruction_ref: None,
            },
        )
        .unwrap();
        let created = plan::create(
            &admin,
            &NewPlan {
                customer_id: c.id,
                amount_minor: 123_456,
                currency: plan::parse_currency("TRY").unwrap(),
                start: plan::today(admin.vault().clock().as_ref()),
                kind: PlanKind::OneOff,
                description: None,
            },
        )
        .unwrap();
        let payment_id = created.payments[0].id;
        state.engine().unwrap().run(None).await.unwrap();
        wait_for_status(&state, payment_id, PaymentStatus::Paid).await;
        let detail = tahsildar_core::payments::timeline::detail(&admin, payment_id).unwrap();
        let attempt_id = detail
            .actions
            .approved_attempt
            .expect("an approved attempt");
        World {
            _dir: dir,
            state,
            store_id,
            payment_id,
            attempt_id,
        }
    }

    /// Adds a user whose only grant is `permission` on the sandbox store, and signs them in.
    pub fn only(&self, name: &str, permission: Permission) -> Session {
        let admin = self.state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
        users::add_user(
            &admin,
            &NewUser {
                name: name.into(),
                password: secret(PASSWORD),
                role: Role::Viewer,
                scope: Scope::Store(self.store_id),
            },
        )
        .unwrap();
        let grant = Grant {
            permission,
            scope: Scope::Store(self.store_id),
        };
        users::set_grants(&admin, name, &[grant]).unwrap();
        self.state.sign_in(name, &secret(PASSWORD)).unwrap()
    }

    /// Signs the administrator in again.
    pub fn admin(&self) -> Session {
        self.state.sign_in(ADMIN, &secret(PASSWORD)).unwrap()
    }
}

impl World {
    /// Runs SQL on the vault as a fixture (what the engine would have left after a fault).
    pub fn poke(&self, sql: &str) {
        self.state
            .vault()
            .unwrap()
            .db()
            .write(|tx| {
                tx.execute_batch(sql)?;
                Ok(())
            })
            .unwrap();
    }

    /// A second one-off sale due today for the same customer, not sent; returns its id.
    pub fn another_payment(&self) -> i64 {
        let admin = self.admin();
        let detail = tahsildar_core::payments::timeline::detail(&admin, self.payment_id).unwrap();
        let created = plan::create(
            &admin,
            &NewPlan {
                customer_id: detail.customer_id,
                amount_minor: 5_000,
                currency: plan::parse_currency("TRY").unwrap(),
                start: plan::today(admin.vault().clock().as_ref()),
                kind: PlanKind::OneOff,
                description: None,
            },
        )
        .unwrap();
        created.payments[0].id
    }

    /// The customer's collection as the window enters it: `amount` as typed, due today.
    pub fn collection(&self, amount: &str, kind: CollectionKind) -> CollectionInput {
        let detail =
            tahsildar_core::payments::timeline::detail(&self.admin(), self.payment_id).unwrap();
        CollectionInput {
            customer_id: detail.customer_id,
            amount: amount.into(),
            currency: None,
            start_date: None,
            kind,
            installments: None,
            cadence: None,
            count: None,
            until: None,
            split: None,
            description: None,
            provision: None,
        }
    }

    /// Gives `payment` an attempt in `state` under an order id the bank has never seen, sent
    /// now and waiting for an operator (`confirmed`: the bank has said twice it has no such
    /// order); returns the attempt's id.
    pub fn attempt_never_booked(&self, payment: i64, state: &str, confirmed: bool) -> i64 {
        let now = jiff::Timestamp::now().to_string();
        let not_found = if confirmed {
            format!("'{now}'")
        } else {
            "NULL".into()
        };
        self.poke(&format!(
            "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state,
                 sends, created_at, sent_at, review_reason, not_found_at, not_found_confirmed_at)
             SELECT {payment}, 'NEVER-BOOKED-{payment}', card_id, 5000, currency, '{state}', 1,
                 '{now}', '{now}', 'no definite answer after 4 inquiries', {not_found}, {not_found}
             FROM attempts WHERE id = {attempt};
             UPDATE payments SET status = 'attention', attention = 'check with the bank'
             WHERE id = {payment};",
            attempt = self.attempt_id,
        ));
        let session = self.state.session().unwrap();
        tahsildar_core::payments::timeline::detail(&session, payment)
            .unwrap()
            .timeline
            .iter()
            .rev()
            .find(|e| matches!(e.kind, StepKind::Attempt(_)))
            .expect("the attempt just written")
            .attempt_id
    }
}
