//! `collections plan`: pause, resume, cancel, a new amount from a date, a new end, one payment
//! skipped. Each prints the payments it changes; `--dry-run` shows them without saving.

use serde_json::json;
use tahsildar_core::Lang;
use tahsildar_core::plan::{self, PaymentEffect, PlanChangeInput, PlanChangeSet};

use crate::args::Cli;
use crate::collect_args::PlanCommand;
use crate::commands::{Result, sign_in};
use crate::output::Output;

/// The plan and the change the command asks for, and whether only to show it.
fn read(cmd: &PlanCommand) -> (i64, PlanChangeInput, bool) {
    match cmd {
        PlanCommand::Pause { plan } => (*plan, PlanChangeInput::Pause, false),
        PlanCommand::Resume { plan } => (*plan, PlanChangeInput::Resume, false),
        PlanCommand::Cancel { plan } => (*plan, PlanChangeInput::Cancel, false),
        PlanCommand::Amount {
            plan,
            amount,
            from,
            dry_run,
        } => (
            *plan,
            PlanChangeInput::Amount {
                amount: amount.clone(),
                from: from.clone(),
            },
            *dry_run,
        ),
        PlanCommand::End {
            plan,
            count,
            until,
            dry_run,
        } => (
            *plan,
            PlanChangeInput::End {
                count: *count,
                until: until.clone(),
            },
            *dry_run,
        ),
        PlanCommand::Skip {
            plan,
            payment,
            dry_run,
        } => (
            *plan,
            PlanChangeInput::Skip {
                payment_id: *payment,
            },
            *dry_run,
        ),
    }
}

pub fn plan(cli: &Cli, out: &Output, cmd: &PlanCommand) -> Result<()> {
    let session = sign_in(cli)?;
    let (id, input, dry_run) = read(cmd);
    let change = input.read()?;
    let set = if dry_run {
        plan::preview_change(&session, id, change)?
    } else {
        plan::apply_change(&session, id, change)?
    };
    let lines = |lang: Lang| {
        let mut text = vec![format!(
            "Plan {}: {}{}.",
            set.plan_id,
            set.status_after.text().get(lang),
            if dry_run {
                lang.pick(" (kaydedilmedi)", " (not saved)")
            } else {
                String::new()
            }
        )];
        text.extend(set.payments.iter().map(|p| line(lang, &set, p)));
        text.join("\n")
    };
    out.result(
        lines(Lang::Tr),
        lines(Lang::En),
        json!({
            "id": set.plan_id,
            "status": set.status_after,
            "amount_minor": set.amount_after,
            "saved": !dry_run,
            "payments": set.payments,
        }),
    )
}

fn line(lang: Lang, set: &PlanChangeSet, p: &plan::PaymentChange) -> String {
    let money = |minor: i64| format!("{} {}", lang.amount(minor), set.currency);
    let what = match p.effect {
        PaymentEffect::Amount => format!(
            "{} → {}",
            money(p.amount_before.unwrap_or_default()),
            money(p.amount_after)
        ),
        PaymentEffect::Cancelled => lang.pick(
            format!("iptal ({})", money(p.amount_after)),
            format!("cancelled ({})", money(p.amount_after)),
        ),
        PaymentEffect::Added => lang.pick(
            format!("eklendi ({})", money(p.amount_after)),
            format!("added ({})", money(p.amount_after)),
        ),
        PaymentEffect::Withdrawn => lang.pick(
            "bankaya ulaşmamış deneme geri alındı".to_string(),
            "an attempt that never reached the bank is withdrawn".to_string(),
        ),
    };
    let payment = p.payment_id.map(|id| format!(" #{id}")).unwrap_or_default();
    format!("  {}{payment}: {what}", p.due_date)
}
