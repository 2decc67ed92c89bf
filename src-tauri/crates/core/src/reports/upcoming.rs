//! The dues of the coming days: what falls due each day, per currency, and the payments whose
//! card will have expired by their due date (a call to the customer before the run).

use std::collections::{BTreeMap, HashMap};

use jiff::ToSpan;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Figure, Standing, currency_alpha, scope, statuses_where};
use crate::auth::Session;
use crate::customer::search::{expiry_of, valid_through};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::plan::today;

/// The longest window, in days.
pub const MAX_DAYS: u16 = 92;

/// Which store, how many days ahead (today included).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpcomingQuery {
    pub store_id: Option<i64>,
    /// 1..=[`MAX_DAYS`]; 7 when left out.
    #[serde(default)]
    pub days: Option<u16>,
}

/// What falls due on one day in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpcomingDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub currency: String,
    pub due: Figure,
}

/// A payment whose card will have expired by its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExpiringDue {
    pub payment_id: i64,
    pub customer_id: i64,
    pub reference: String,
    pub name: String,
    pub due_date: String,
    pub currency: String,
    pub amount_minor: i64,
    pub masked_pan: String,
    /// The last day the card can be charged.
    pub valid_through: String,
}

/// The coming days' dues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Upcoming {
    pub from: String,
    pub to: String,
    pub days: Vec<UpcomingDay>,
    /// Soonest due first.
    pub expiring: Vec<ExpiringDue>,
}

/// A card's id and its sealed expiry.
type SealedCard = (i64, Vec<u8>);

/// The payments still to collect that fall due from today on, for `days` days.
pub fn upcoming(session: &Session, query: &UpcomingQuery) -> Result<Upcoming> {
    let days = query.days.unwrap_or(7);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(Error::invalid(
            "days",
            Text::new(
                format!("Gün sayısı 1 ile {MAX_DAYS} arasında olmalı ({days} verildi)."),
                format!("The number of days must be 1 to {MAX_DAYS} ({days} was given)."),
            ),
        ));
    }
    let stores = scope::stores(session, query.store_id, "p.store_id")?;
    let vault = session.vault();
    let from = today(vault.clock().as_ref());
    let to = from
        .checked_add((i32::from(days) - 1).days())
        .map_err(|e| Error::Internal(e.to_string()))?;
    // The card each payment will be charged on: its own, else the customer's first in use.
    let rows: Vec<(ExpiringDue, Option<SealedCard>)> = vault.db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT p.id, cu.id, cu.reference, cu.name, p.due_date, p.currency, p.amount_minor,
                k.masked_pan, k.id, k.expiry_sealed
             FROM payments p JOIN plans pl ON pl.id = p.plan_id
             JOIN customers cu ON cu.id = pl.customer_id
             LEFT JOIN cards k ON k.id = COALESCE(p.card_id,
                 (SELECT id FROM cards WHERE customer_id = cu.id AND removed_at IS NULL
                  ORDER BY position LIMIT 1))
             WHERE {stores} AND p.due_date BETWEEN ?1 AND ?2 AND p.status IN ({owed})
             ORDER BY p.due_date, p.id",
            owed = statuses_where(Standing::owes)
        ))?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
            let due = ExpiringDue {
                payment_id: r.get(0)?,
                customer_id: r.get(1)?,
                reference: r.get(2)?,
                name: r.get(3)?,
                due_date: r.get(4)?,
                currency: currency_alpha(r.get(5)?),
                amount_minor: r.get(6)?,
                masked_pan: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                valid_through: String::new(),
            };
            let card = match r.get::<_, Option<i64>>(8)? {
                Some(id) => Some((id, r.get(9)?)),
                None => None,
            };
            Ok((due, card))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    })?;
    let mut by_day: BTreeMap<(String, String), UpcomingDay> = BTreeMap::new();
    let mut through: HashMap<i64, jiff::civil::Date> = HashMap::new();
    let mut expiring = Vec::new();
    for (mut due, card) in rows {
        by_day
            .entry((due.due_date.clone(), due.currency.clone()))
            .or_insert_with(|| UpcomingDay {
                day: due.due_date.clone(),
                currency: due.currency.clone(),
                due: Figure::default(),
            })
            .due
            .add(due.amount_minor);
        let Some((card_id, sealed)) = card else {
            continue;
        };
        let last = match through.get(&card_id) {
            Some(day) => *day,
            None => {
                let day = valid_through(expiry_of(vault, card_id, &sealed)?);
                through.insert(card_id, day);
                day
            }
        };
        if last.to_string() < due.due_date {
            due.valid_through = last.to_string();
            expiring.push(due);
        }
    }
    Ok(Upcoming {
        from: from.to_string(),
        to: to.to_string(),
        days: by_day.into_values().collect(),
        expiring,
    })
}
