//! `audit list`: the audit log's entries, newest first, with the window's filters, for people
//! or (with `--json`) as the window receives them. Details come masked.

use clap::Args;
use tahsildar_core::audit::list::{self, AuditQuery};
use tahsildar_core::{AuditAction, Lang, Text, plan};

use crate::args::Cli;
use crate::commands::{Result, sign_in, store_id};
use crate::output::Output;

/// The filters and the page.
#[derive(Debug, Args)]
pub struct AuditListArgs {
    /// Entries by this user (their name).
    #[arg(long = "by", value_name = "USER")]
    by: Option<String>,
    /// Entries of this action, e.g. `payment.refund`.
    #[arg(long, value_name = "CODE")]
    action: Option<String>,
    /// Entries that belong to this store.
    #[arg(long, value_name = "STORE")]
    store: Option<String>,
    /// First day, in Istanbul.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Last day, included.
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Entries on the page (1 to 500).
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

fn unknown_action(code: &str) -> tahsildar_core::Error {
    tahsildar_core::Error::invalid(
        "action",
        Text::new(
            format!("'{code}' bir denetim işlemi değil (ör. payment.refund, auth.sign_in)."),
            format!("'{code}' is not an audit action (e.g. payment.refund, auth.sign_in)."),
        ),
    )
}

fn unknown_user(name: &str) -> tahsildar_core::Error {
    tahsildar_core::Error::invalid(
        "by",
        Text::new(
            format!("Görebildiğiniz kayıtlarda '{name}' adlı bir kullanıcı yok."),
            format!("No user named '{name}' appears in the entries you may see."),
        ),
    )
}

pub fn list(cli: &Cli, out: &Output, args: &AuditListArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let day = |field, text: &Option<String>| {
        text.as_deref()
            .map(|t| plan::parse_date(field, t))
            .transpose()
    };
    let user_id = match &args.by {
        None => None,
        Some(name) => Some(
            list::choices(&session)?
                .users
                .into_iter()
                .find(|u| u.user_name == *name)
                .ok_or_else(|| unknown_user(name))?
                .user_id,
        ),
    };
    let action = args
        .action
        .as_deref()
        .map(|code| AuditAction::from_code(code).ok_or_else(|| unknown_action(code)))
        .transpose()?;
    let query = AuditQuery {
        user_id,
        action,
        store_id: args
            .store
            .as_deref()
            .map(|s| store_id(&session, s))
            .transpose()?,
        from: day("from", &args.from)?,
        to: day("to", &args.to)?,
        offset: args.offset,
        limit: Some(args.limit),
    };
    let page = list::page(&session, &query)?;
    let json =
        serde_json::to_value(&page).map_err(|e| crate::error::CliError::Output(e.to_string()))?;
    let text = |lang: Lang| {
        let mut lines = vec![lang.pick(
            format!(
                "{} kayıttan {}. ile {}. arası:",
                page.total,
                page.offset + 1,
                page.offset as usize + page.rows.len()
            ),
            format!(
                "Entries {} to {} of {}:",
                page.offset + 1,
                page.offset as usize + page.rows.len(),
                page.total
            ),
        )];
        if page.rows.is_empty() {
            lines = vec![lang.pick("Kayıt yok.", "No entries.")];
        }
        for e in &page.rows {
            lines.push(format!(
                "{:>6}  {}  {}  {}  {}  {}  {}  {}",
                e.seq,
                e.at,
                e.user_name.as_deref().unwrap_or("—"),
                e.action_text.get(lang),
                e.store.as_deref().unwrap_or("—"),
                e.object,
                e.result_text.get(lang),
                e.detail
            ));
        }
        lines.join("\n")
    };
    out.result(text(Lang::Tr), text(Lang::En), json)
}
