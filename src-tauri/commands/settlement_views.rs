//! What the window shows of daily settlement (`core::settlement`): each store's day as last
//! matched against the bank's history report, and the differences found (masked cards only).

use serde::Serialize;
use specta::Type;
use tahsildar_core::settlement::{DayState, Difference, DifferenceKind, SettlementDay};

/// Where a store's day stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DayStateView {
    /// Every row matched, nothing open here.
    Settled,
    /// Some difference is unresolved.
    Differences,
    /// Something of that day still waits for an answer here.
    Pending,
}

impl From<DayState> for DayStateView {
    fn from(s: DayState) -> Self {
        match s {
            DayState::Settled => DayStateView::Settled,
            DayState::Differences => DayStateView::Differences,
            DayState::Pending => DayStateView::Pending,
        }
    }
}

/// How the bank's report and this vault disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKindView {
    /// The bank lists a booking of this vault that it has no record of.
    UnknownBooking,
    /// This vault has an approval (or a refund, a capture) the bank does not list.
    MissingAtBank,
    /// Both have it, for different amounts.
    AmountDiffers,
    /// Both have it, in different states.
    StatusDiffers,
}

impl From<DifferenceKind> for DifferenceKindView {
    fn from(k: DifferenceKind) -> Self {
        match k {
            DifferenceKind::UnknownBooking => DifferenceKindView::UnknownBooking,
            DifferenceKind::MissingAtBank => DifferenceKindView::MissingAtBank,
            DifferenceKind::AmountDiffers => DifferenceKindView::AmountDiffers,
            DifferenceKind::StatusDiffers => DifferenceKindView::StatusDiffers,
        }
    }
}

/// One store's day, as last matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SettlementDayView {
    pub store_id: i64,
    pub store_name: String,
    /// `YYYY-MM-DD`, Istanbul.
    pub day: String,
    pub state: DayStateView,
    /// The state in words, both languages.
    pub state_text_tr: String,
    pub state_text_en: String,
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

impl From<SettlementDay> for SettlementDayView {
    fn from(d: SettlementDay) -> Self {
        let text = d.state.text();
        SettlementDayView {
            store_id: d.store_id,
            store_name: d.store_name,
            day: d.day,
            state: d.state.into(),
            state_text_tr: text.tr().to_string(),
            state_text_en: text.en().to_string(),
            complete: d.complete,
            bank_rows: d.bank_rows,
            matched: d.matched,
            others: d.others,
            differences: d.differences,
            open_here: d.open_here,
            checked_at: d.checked_at,
        }
    }
}

/// One difference, with what it means for an operator in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DifferenceView {
    pub id: i64,
    pub store_id: i64,
    pub day: String,
    pub kind: DifferenceKindView,
    /// What it means and what to do.
    pub kind_text_tr: String,
    pub kind_text_en: String,
    /// The bank's transaction code: 1000 sale, 1002 refund, 1004 pre-auth, 1005 capture.
    pub txn_code: String,
    pub order_id: String,
    pub attempt_id: Option<i64>,
    pub payment_id: Option<i64>,
    /// What this vault says (an attempt's or follow-up's state, or `voided`).
    pub local_state: Option<String>,
    /// What the bank's report says, in the bank's words (`Başarılı`, `İptal`, ...).
    pub bank_status: Option<String>,
    pub local_amount_minor: Option<i64>,
    pub bank_amount_minor: Option<i64>,
    /// ISO code of the amounts, e.g. `TRY`.
    pub currency: Option<String>,
    pub masked_pan: Option<String>,
    pub found_at: String,
    pub resolved_at: Option<String>,
    /// The operator's note (or the engine's, when a later report agreed).
    pub resolution: Option<String>,
}

impl From<Difference> for DifferenceView {
    fn from(d: Difference) -> Self {
        let text = d.kind.text();
        DifferenceView {
            id: d.id,
            store_id: d.store_id,
            day: d.day,
            kind: d.kind.into(),
            kind_text_tr: text.tr().to_string(),
            kind_text_en: text.en().to_string(),
            txn_code: d.txn_code,
            order_id: d.order_id,
            attempt_id: d.attempt_id,
            payment_id: d.payment_id,
            local_state: d.local_state,
            bank_status: d.bank_status,
            local_amount_minor: d.local_amount_minor,
            bank_amount_minor: d.bank_amount_minor,
            currency: d.currency,
            masked_pan: d.masked_pan,
            found_at: d.found_at,
            resolved_at: d.resolved_at,
            resolution: d.resolution,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_carries_its_meaning_in_both_languages_and_camel_case_names() {
        let view = DifferenceView::from(Difference {
            id: 3,
            store_id: 1,
            day: "2026-11-27".into(),
            kind: DifferenceKind::MissingAtBank,
            txn_code: "1000".into(),
            order_id: "T1-7-4".into(),
            attempt_id: Some(4),
            payment_id: Some(7),
            local_state: Some("approved".into()),
            bank_status: None,
            local_amount_minor: Some(123_456),
            bank_amount_minor: None,
            currency: Some("TRY".into()),
            masked_pan: Some("435509******5232".into()),
            found_at: "2026-11-27T10:00:00Z".into(),
            resolved_at: None,
            resolution: None,
        });
        assert!(
            view.kind_text_tr.contains("banka raporunda yok"),
            "{}",
            view.kind_text_tr
        );
        assert!(
            view.kind_text_en.contains("not in the bank's report"),
            "{}",
            view.kind_text_en
        );
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["kind"], "missing_at_bank");
        assert_eq!(json["localAmountMinor"], 123_456);
        assert_eq!(json["maskedPan"], "435509******5232");
    }

    #[test]
    fn a_day_names_its_state_for_the_tag_and_in_words() {
        let view = SettlementDayView::from(SettlementDay {
            store_id: 1,
            store_name: "Sandbox".into(),
            day: "2026-11-27".into(),
            state: DayState::Settled,
            complete: false,
            bank_rows: 1,
            matched: 1,
            others: 0,
            differences: 0,
            open_here: 0,
            checked_at: "2026-11-27T10:00:00Z".into(),
        });
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["state"], "settled");
        assert_eq!(json["stateTextTr"], "mutabık");
        assert_eq!(json["bankRows"], 1);
        assert_eq!(json["openHere"], 0);
    }
}
