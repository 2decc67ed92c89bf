//! Collection commands: customers, cards, plans and the payment lists.

use serde_json::{Value, json};
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::engine::follow_up::FollowUpKind;
use tahsildar_core::payments::page::PaymentQuery;
use tahsildar_core::payments::{self, PaymentRow, PaymentStatus};
use tahsildar_core::plan::{self, CollectionInput, CollectionKind, ProvisionKind};
use tahsildar_core::{Lang, Session};

use crate::args::Cli;
use crate::collect_args::{
    CardCommand, CollectArgs, CollectionCommand, CustomerCommand, PaymentsArgs, TypedCardArgs,
};
use crate::commands::{Result, env_secret, sign_in, store_id};
use crate::output::Output;

fn date(field: &'static str, text: &str) -> Result<jiff::civil::Date> {
    Ok(plan::parse_date(field, text)?)
}

fn customer_id(session: &Session, store: &str, reference: &str) -> Result<(i64, i64)> {
    let store_id = store_id(session, store)?;
    let id = session
        .vault()
        .db()
        .read(|c| customer::find_by_reference(c, store_id, reference))?;
    Ok((store_id, id))
}

/// Runs a collection or engine command.
pub fn run(cli: &Cli, out: &Output, command: &CollectionCommand) -> Result<()> {
    match command {
        CollectionCommand::Customer(CustomerCommand::Add(a)) => {
            let session = sign_in(cli)?;
            let store = store_id(&session, &a.store)?;
            let new = NewCustomer {
                reference: a.reference.clone(),
                name: a.name.clone(),
                email: a.email.clone(),
                phone: a.phone.clone(),
                notes: a.notes.clone(),
            };
            let c = customer::add(&session, store, &new)?;
            out.result(
                format!("Müşteri eklendi: {} ({}).", c.name, c.reference),
                format!("Customer added: {} ({}).", c.name, c.reference),
                json!({ "id": c.id, "ref": c.reference, "name": c.name, "store_id": c.store_id }),
            )
        }
        CollectionCommand::Customer(CustomerCommand::Archive(a)) => {
            let session = sign_in(cli)?;
            let (_, id) = customer_id(&session, &a.store, &a.reference)?;
            let done = customer::archive(&session, id)?;
            let (plans, payments) = (done.plans_cancelled, done.payments_cancelled);
            out.result(
                format!(
                    "Müşteri arşivlendi: {}; {plans} plan ve {payments} ödeme iptal edildi.",
                    a.reference
                ),
                format!(
                    "Customer archived: {}; {plans} plans and {payments} payments cancelled.",
                    a.reference
                ),
                json!({ "id": id, "plans_cancelled": plans, "payments_cancelled": payments }),
            )
        }
        CollectionCommand::Customer(CustomerCommand::Unarchive(a)) => {
            let session = sign_in(cli)?;
            let (_, id) = customer_id(&session, &a.store, &a.reference)?;
            customer::unarchive(&session, id)?;
            out.result(
                format!("Müşteri arşivden çıkarıldı: {}.", a.reference),
                format!("Customer taken out of the archive: {}.", a.reference),
                json!({ "id": id }),
            )
        }
        CollectionCommand::Customers { store } => {
            let session = sign_in(cli)?;
            let store = store
                .as_deref()
                .map(|s| store_id(&session, s))
                .transpose()?;
            let list = customer::list(&session, store)?;
            let value: Vec<Value> = list
                .iter()
                .map(|c| {
                    json!({ "id": c.id, "store_id": c.store_id, "ref": c.reference, "name": c.name,
                        "email": c.email, "phone": c.phone, "status": c.status,
                        "cards": c.cards.iter().map(|k| json!({ "id": k.id, "masked_pan": k.masked_pan,
                            "brand": k.brand, "holder": k.holder, "position": k.position })).collect::<Vec<_>>() })
                })
                .collect();
            let text: Vec<String> = list
                .iter()
                .map(|c| {
                    let cards: Vec<&str> = c.cards.iter().map(|k| k.masked_pan.as_str()).collect();
                    let archived = match c.status {
                        customer::CustomerStatus::Archived => "\t(arşivde / archived)",
                        customer::CustomerStatus::Active => "",
                    };
                    format!(
                        "{}\t{}\t{}{archived}",
                        c.reference,
                        c.name,
                        cards.join(", ")
                    )
                })
                .collect();
            out.result(text.join("\n"), text.join("\n"), Value::Array(value))
        }
        CollectionCommand::Card(CardCommand::Add(a)) => {
            let new = typed_card(&a.card, a.alternate)?;
            let session = sign_in(cli)?;
            let (_, customer_id) = customer_id(&session, &a.store, &a.reference)?;
            let card = customer::card::add(&session, customer_id, &new)?;
            out.result(
                format!("Kart eklendi: {} ({}).", card.masked_pan, card.brand),
                format!("Card added: {} ({}).", card.masked_pan, card.brand),
                json!({ "id": card.id, "masked_pan": card.masked_pan, "brand": card.brand, "position": card.position }),
            )
        }
        CollectionCommand::Card(CardCommand::Replace { card, new }) => {
            let new = typed_card(new, false)?;
            let session = sign_in(cli)?;
            let cards = customer::replace_card(&session, *card, &new)?;
            let masked: Vec<&str> = cards.iter().map(|k| k.masked_pan.as_str()).collect();
            out.result(
                format!("Kart değiştirildi; kartlar: {}.", masked.join(", ")),
                format!("Card replaced; cards: {}.", masked.join(", ")),
                json!(
                    cards
                        .iter()
                        .map(|k| json!({ "id": k.id, "masked_pan": k.masked_pan,
                    "brand": k.brand, "position": k.position }))
                        .collect::<Vec<_>>()
                ),
            )
        }
        CollectionCommand::Collect(a) => collect(cli, out, a),
        CollectionCommand::Payments(a) => payments_cmd(cli, out, a),
        CollectionCommand::Attention { store } => {
            let session = sign_in(cli)?;
            let store = store
                .as_deref()
                .map(|s| store_id(&session, s))
                .transpose()?;
            let rows = payments::attention(&session, store)?;
            print_payments(out, &rows)
        }
        CollectionCommand::Plan(cmd) => crate::plan_cmds::plan(cli, out, cmd),
        CollectionCommand::Void {
            attempt,
            sandbox_url,
        } => {
            crate::engine_cmds::follow_up(cli, out, *attempt, None, FollowUpKind::Void, sandbox_url)
        }
        CollectionCommand::Refund {
            attempt,
            amount,
            sandbox_url,
        } => crate::engine_cmds::follow_up(
            cli,
            out,
            *attempt,
            amount.as_deref(),
            FollowUpKind::Refund,
            sandbox_url,
        ),
        CollectionCommand::Capture {
            attempt,
            amount,
            sandbox_url,
        } => crate::engine_cmds::follow_up(
            cli,
            out,
            *attempt,
            amount.as_deref(),
            FollowUpKind::Capture,
            sandbox_url,
        ),
        CollectionCommand::Retry {
            payment,
            card,
            keep,
        } => {
            let new = typed_card(card, false)?;
            let session = sign_in(cli)?;
            let card = payments::retry::retry_with_card(&session, *payment, &new, *keep)?;
            out.result(
                format!("Ödeme {payment} bir sonraki çalıştırmada {} ile tahsil edilecek.", card.masked_pan),
                format!("Payment {payment} will be charged to {} at the next run.", card.masked_pan),
                json!({ "payment": payment, "card": card.id, "masked_pan": card.masked_pan, "kept_on_file": keep }),
            )
        }
        CollectionCommand::Run(a) => crate::engine_cmds::run(cli, out, a, None),
        CollectionCommand::Schedule(a) => crate::engine_cmds::schedule(cli, out, a),
        CollectionCommand::Reconcile(a) => {
            crate::engine_cmds::run(cli, out, &a.run, Some(a.day.as_deref()))
        }
    }
}

fn collect(cli: &Cli, out: &Output, a: &CollectArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let (_, customer_id) = customer_id(&session, &a.store, &a.reference)?;
    let input = CollectionInput {
        customer_id,
        amount: a.amount.clone(),
        currency: Some(a.currency.clone()),
        start_date: a.date.clone(),
        kind: match (&a.every, a.installments) {
            (Some(_), _) => CollectionKind::Recurring,
            (None, Some(_)) => CollectionKind::Installment,
            (None, None) => CollectionKind::OneOff,
        },
        installments: a.installments,
        cadence: a.every.clone(),
        count: a.count,
        until: a.until.clone(),
        split: Some(a.split),
        description: a.description.clone(),
        provision: a.pre_auth.then_some(ProvisionKind::PreAuth),
    };
    let plan = input.to_plan(plan::today(session.vault().clock().as_ref()))?;
    let start = plan.start;
    let provision = input.provision();
    let info = plan::create_as(&session, &plan, provision)?;
    let n = info.payments.len();
    out.result(
        format!("Plan {} kuruldu: {n} ödeme, ilki {}.", info.id, start),
        format!(
            "Plan {} set up: {n} payment(s), the first on {}.",
            info.id, start
        ),
        json!({ "plan": info.id, "kind": info.kind, "provision": provision, "payments": info.payments }),
    )
}

fn payments_cmd(cli: &Cli, out: &Output, a: &PaymentsArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let rows = payments::page::all(&session, &payment_query(&session, a)?)?;
    print_payments(out, &rows)
}

/// The payments the arguments ask for.
pub(crate) fn payment_query(session: &Session, a: &PaymentsArgs) -> Result<PaymentQuery> {
    Ok(PaymentQuery {
        store_id: a
            .store
            .as_deref()
            .map(|s| store_id(session, s))
            .transpose()?,
        statuses: a
            .status
            .as_deref()
            .map(|s| PaymentStatus::from_input("status", s))
            .into_iter()
            .collect::<tahsildar_core::Result<_>>()?,
        due_from: a
            .due_from
            .as_deref()
            .map(|d| date("due-from", d))
            .transpose()?,
        due_to: a.due_to.as_deref().map(|d| date("due-to", d)).transpose()?,
        batch_id: a.batch,
        ..PaymentQuery::default()
    })
}

fn print_payments(out: &Output, rows: &[PaymentRow]) -> Result<()> {
    let value: Vec<Value> = rows
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "plan_id": p.plan_id, "store": p.store, "customer_ref": p.customer_ref,
                "customer_name": p.customer_name, "amount": p.amount, "currency": p.currency,
                "due_date": p.due_date, "status": p.status, "next_try_on": p.next_try_on,
                "masked_pan": p.masked_pan, "attempt_id": p.attempt_id, "order_id": p.order_id,
                "attempt_state": p.attempt_state, "vps_code": p.vps_code, "host_code": p.host_code,
                "message": p.message, "attempts": p.attempts, "attention": p.attention,
            })
        })
        .collect();
    // The status in the window's words; `--json` gives its stable name.
    let text = |lang: Lang| -> String {
        rows.iter()
            .map(|p| {
                format!(
                    "{}\t{}\t{}\t{} {}\t{}\t{}\t{}\t{}",
                    p.id,
                    p.store,
                    p.customer_ref,
                    p.amount,
                    p.currency,
                    p.due_date,
                    p.status.text().get(lang),
                    p.masked_pan.as_deref().unwrap_or("-"),
                    p.attention
                        .as_deref()
                        .or(p.message.as_deref())
                        .unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.result(text(Lang::Tr), text(Lang::En), Value::Array(value))
}

/// A card as given on the command line, its number read from its environment variable.
fn typed_card(card: &TypedCardArgs, alternate: bool) -> Result<NewCard> {
    Ok(NewCard {
        pan: env_secret(&card.pan_env)?,
        expiry: card.expiry.clone(),
        holder: card.holder.clone(),
        alternate,
        instruction_date: None,
        instruction_ref: None,
    })
}
