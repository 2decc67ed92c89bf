//! Daily settlement: each store's day is matched, row by row and by order id, against the
//! bank's history report (docs/engine.md, "Daily settlement"). What disagrees is kept as a
//! difference until a later report agrees or an operator resolves it; a day with none left,
//! and nothing of it still open here, is settled. A vault restored from a backup sends and
//! takes nothing new until every day since the backup is settled, and bookings it finds there
//! that name its payments are written back.
//!
//! The engine fetches and matches ([`crate::Engine::settle_day`],
//! [`crate::Engine::settle_pending`]); this module reads the results for the window and the
//! command line.

mod apply;
mod fetch;
mod load;
mod matching;
mod restore;

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

pub(crate) use apply::{Read, apply, reopen_day};
pub(crate) use fetch::{FetchError, rows as fetch_rows};
pub(crate) use load::{day_bounds, days_to_settle, load_day, order_tag, settle_from};
pub(crate) use matching::{Day, Finding, match_day};

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::stored::stored_enum;

stored_enum! {
    /// How the report and this vault disagree.
    pub enum DifferenceKind {
        /// The bank lists a booking of this vault that it has no record of.
        UnknownBooking = "unknown_booking",
        /// This vault has an approval (or a refund, a capture) the bank does not list.
        MissingAtBank = "missing_at_bank",
        /// Both have it, for different amounts.
        AmountDiffers = "amount_differs",
        /// Both have it, in different states (e.g. approved here, declined or reversed there).
        StatusDiffers = "status_differs",
    }
}

impl DifferenceKind {
    /// What it means for an operator, and what to do.
    pub fn text(self) -> Text {
        match self {
            DifferenceKind::UnknownBooking => Text::new(
                "Bankada bu programın kaydı olmayan bir işlem var. Sipariş numarasıyla bankaya sorun; gerekirse iade edin.",
                "The bank lists a transaction this program has no record of. Ask the bank by its order no and refund it if needed.",
            ),
            DifferenceKind::MissingAtBank => Text::new(
                "Burada onaylı görünen işlem banka raporunda yok. Sipariş numarasıyla bankaya sorun.",
                "A transaction approved here is not in the bank's report. Ask the bank by its order no.",
            ),
            DifferenceKind::AmountDiffers => Text::new(
                "Tutar burada ve bankada farklı. Bankayla kontrol edin.",
                "The amount differs here and at the bank. Check it with the bank.",
            ),
            DifferenceKind::StatusDiffers => Text::new(
                "Durum burada ve bankada farklı (ör. burada onaylı, bankada reddedilmiş ya da iptal). Bankayla kontrol edin.",
                "The state differs here and at the bank (e.g. approved here, declined or reversed there). Check it with the bank.",
            ),
        }
    }
}

stored_enum! {
    /// Where a store's day stands.
    pub enum DayState {
        /// Every row matched, nothing open here.
        Settled = "settled",
        /// Some difference is unresolved.
        Differences = "differences",
        /// Something of that day is still open here (an answer not known yet).
        Pending = "pending",
    }
}

impl DayState {
    /// As an operator reads it.
    pub fn text(self) -> Text {
        match self {
            DayState::Settled => Text::new("mutabık", "settled"),
            DayState::Differences => Text::new("fark var", "differences"),
            DayState::Pending => Text::new("sonucu beklenen işlem var", "awaiting an answer"),
        }
    }
}

/// One store's day, as last matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SettlementDay {
    pub store_id: i64,
    pub store_name: String,
    /// `YYYY-MM-DD`, Istanbul.
    pub day: String,
    pub state: DayState,
    /// Read after the day had ended: nothing more can appear in it.
    pub complete: bool,
    pub bank_rows: u32,
    pub matched: u32,
    /// Rows of other programs on the terminal, or ours that moved no money.
    pub others: u32,
    pub differences: u32,
    /// Attempts and follow-ups of that day still waiting for an answer here.
    pub open_here: u32,
    pub checked_at: String,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Difference {
    pub id: i64,
    pub store_id: i64,
    pub day: String,
    pub kind: DifferenceKind,
    /// What the kind means for an operator, and what to do.
    pub meaning: Text,
    /// The bank's transaction code: 1000 sale, 1002 refund, 1004 pre-auth, 1005 capture.
    pub txn_code: String,
    pub order_id: String,
    pub attempt_id: Option<i64>,
    pub payment_id: Option<i64>,
    pub local_state: Option<String>,
    pub bank_status: Option<String>,
    pub local_amount_minor: Option<i64>,
    pub bank_amount_minor: Option<i64>,
    /// ISO code of the amounts (the bank's row, else the attempt's), e.g. `TRY`.
    pub currency: Option<String>,
    pub masked_pan: Option<String>,
    pub found_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

const SELECT_DAY: &str =
    "SELECT d.store_id, s.name, d.day, d.state, d.complete, d.bank_rows, d.matched,
        d.others, d.differences, d.open_here, d.checked_at
    FROM settlement_days d JOIN stores s ON s.id = d.store_id";

fn day_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SettlementDay> {
    Ok(SettlementDay {
        store_id: r.get(0)?,
        store_name: r.get(1)?,
        day: r.get(2)?,
        state: r.get(3)?,
        complete: r.get(4)?,
        bank_rows: r.get(5)?,
        matched: r.get(6)?,
        others: r.get(7)?,
        differences: r.get(8)?,
        open_here: r.get(9)?,
        checked_at: r.get(10)?,
    })
}

pub(crate) fn load_settled_day(
    conn: &rusqlite::Connection,
    store_id: i64,
    day: Date,
) -> Result<Option<SettlementDay>> {
    Ok(conn
        .query_row(
            &format!("{SELECT_DAY} WHERE d.store_id = ?1 AND d.day = ?2"),
            params![store_id, day.to_string()],
            day_from_row,
        )
        .optional()?)
}

/// Refuses new payments while a restored vault is not settled with the bank: a payment made now
/// could take the id of one charged before the restore, whose booking names it.
pub(crate) fn require_no_restore_hold(conn: &rusqlite::Connection) -> Result<()> {
    match settle_from(conn)? {
        Some(since) => Err(Error::RestoreNotSettled {
            since: since.to_string(),
        }),
        None => Ok(()),
    }
}

/// The day since which a restored vault must be settled before it sends or takes anything new
/// (`None`: it may). Any signed-in user may know it.
pub fn restore_hold(session: &Session) -> Result<Option<Date>> {
    session.touch()?;
    session.vault().db().read(settle_from)
}

/// The matched days of the stores the user may see (`view_reports`), newest first, from `from`
/// on (at most 400).
pub fn days(
    session: &Session,
    store_id: Option<i64>,
    from: Option<Date>,
) -> Result<Vec<SettlementDay>> {
    // Without a store: the stores the user may see (a grant on one store is enough).
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    let all: Vec<SettlementDay> = session.vault().db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "{SELECT_DAY} WHERE (?1 IS NULL OR d.store_id = ?1) AND (?2 IS NULL OR d.day >= ?2)
             ORDER BY d.day DESC, s.name LIMIT 400"
        ))?;
        let rows = stmt.query_map(params![store_id, from.map(|d| d.to_string())], day_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    Ok(match visible {
        None => all,
        Some(ids) => all
            .into_iter()
            .filter(|d| ids.contains(&d.store_id))
            .collect(),
    })
}

/// The differences of a store's day (or, without a day, every unresolved one of the stores the
/// user may see). Needs `view_reports`.
pub fn differences(
    session: &Session,
    store_id: Option<i64>,
    day: Option<Date>,
) -> Result<Vec<Difference>> {
    // Without a store: the stores the user may see (a grant on one store is enough).
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    let all: Vec<Difference> = session.vault().db().read(|c| {
        let mut stmt = c.prepare(
            "SELECT f.id, f.store_id, f.day, f.kind, f.txn_code, f.order_id, f.attempt_id,
                    a.payment_id, f.local_state, f.bank_status, f.local_amount_minor,
                    f.bank_amount_minor, f.masked_pan, f.found_at, f.resolved_at, f.resolution,
                    COALESCE(f.currency, a.currency)
             FROM settlement_differences f LEFT JOIN attempts a ON a.id = f.attempt_id
             WHERE (?1 IS NULL OR f.store_id = ?1)
               AND (CASE WHEN ?2 IS NULL THEN f.resolved_at IS NULL ELSE f.day = ?2 END)
             ORDER BY f.day DESC, f.id LIMIT 1000",
        )?;
        let rows = stmt.query_map(params![store_id, day.map(|d| d.to_string())], |r| {
            let kind: DifferenceKind = r.get(3)?;
            Ok(Difference {
                id: r.get(0)?,
                store_id: r.get(1)?,
                day: r.get(2)?,
                kind,
                meaning: kind.text(),
                txn_code: r.get(4)?,
                order_id: r.get(5)?,
                attempt_id: r.get(6)?,
                payment_id: r.get(7)?,
                local_state: r.get(8)?,
                bank_status: r.get(9)?,
                local_amount_minor: r.get(10)?,
                bank_amount_minor: r.get(11)?,
                currency: r
                    .get::<_, Option<u16>>(16)?
                    .and_then(tahsildar_akbank::Currency::from_code)
                    .map(|c| c.alpha().to_string()),
                masked_pan: r.get(12)?,
                found_at: r.get(13)?,
                resolved_at: r.get(14)?,
                resolution: r.get(15)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    Ok(match visible {
        None => all,
        Some(ids) => all
            .into_iter()
            .filter(|d| ids.contains(&d.store_id))
            .collect(),
    })
}

/// An operator resolves a difference after checking it with the bank, with a note saying what
/// was found or done. Needs `submit_provisions` on the store; audited.
pub fn resolve(session: &Session, difference_id: i64, note: &str) -> Result<Difference> {
    let note = note.trim();
    if note.is_empty() || note.chars().count() > 500 {
        return Err(Error::invalid(
            "note",
            Text::new(
                "Açıklama 1 ile 500 karakter olmalı: bankayla ne konuşulduğunu ya da ne yapıldığını yazın.",
                "The note must be 1 to 500 characters: say what the bank said or what was done.",
            ),
        ));
    }
    let vault = session.vault();
    let (store_id, day, resolved): (i64, String, bool) = vault.db().read(|c| {
        c.query_row(
            "SELECT store_id, day, resolved_at IS NOT NULL FROM settlement_differences WHERE id = ?1",
            [difference_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("difference", difference_id))
    })?;
    session.require(Permission::SubmitProvisions, Some(store_id))?;
    if resolved {
        return Err(Error::wrong_state(
            "difference",
            difference_id,
            Text::new("zaten çözüldü", "it is already resolved"),
        ));
    }
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        tx.execute(
            "UPDATE settlement_differences SET resolved_at = ?1, resolved_by = ?2, resolution = ?3
             WHERE id = ?4 AND resolved_at IS NULL",
            params![now, session.user_id(), note, difference_id],
        )?;
        apply::recount_day(tx, store_id, &day)?;
        let record = session
            .record(
                AuditAction::SettlementResolve,
                format!("store:{store_id}"),
                AuditResult::Ok,
            )
            .with_detail(
                serde_json::json!({ "difference": difference_id, "day": day, "note": note }),
            );
        Ok(((), record))
    })?;
    differences(session, Some(store_id), day.parse().ok())?
        .into_iter()
        .find(|d| d.id == difference_id)
        .ok_or_else(|| Error::not_found("difference", difference_id))
}
