//! The history report reply: `data` = base64(gzip(JSON rows)).

use std::io::Read as _;

use base64::Engine as _;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::reply::APPROVED;
use crate::wire_de::{opt_i64, opt_minor, opt_text};

/// One row of the history report (its own field names: `hostResponseMessage`,
/// `installmentCount`, a numeric `rrn`, a Turkish `txnStatus`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct HistoryRow {
    /// `txnCode`.
    #[serde(rename = "txnCode", default, deserialize_with = "opt_text")]
    pub txn_code: Option<String>,
    /// `responseCode` (absent on "Teknik İptal" rows).
    #[serde(rename = "responseCode", default, deserialize_with = "opt_text")]
    pub response_code: Option<String>,
    /// `responseMessage`.
    #[serde(rename = "responseMessage", default, deserialize_with = "opt_text")]
    pub response_message: Option<String>,
    /// `hostResponseCode`.
    #[serde(rename = "hostResponseCode", default, deserialize_with = "opt_text")]
    pub host_response_code: Option<String>,
    /// `hostResponseMessage`.
    #[serde(rename = "hostResponseMessage", default, deserialize_with = "opt_text")]
    pub host_response_message: Option<String>,
    /// `orderId`: the merchant's for a sale or pre-auth, the bank's own for a refund or
    /// post-auth.
    #[serde(rename = "orderId", default, deserialize_with = "opt_text")]
    pub order_id: Option<String>,
    /// `orgOrderId`: the order a refund or post-auth belongs to (itself for a sale).
    #[serde(rename = "orgOrderId", default, deserialize_with = "opt_text")]
    pub org_order_id: Option<String>,
    /// `authCode`.
    #[serde(rename = "authCode", default, deserialize_with = "opt_text")]
    pub auth_code: Option<String>,
    /// `rrn` (a number on the wire).
    #[serde(default, deserialize_with = "opt_text")]
    pub rrn: Option<String>,
    /// `amount` in minor units.
    #[serde(rename = "amount", default, deserialize_with = "opt_minor")]
    pub amount_minor: Option<i64>,
    /// `currencyCode`.
    #[serde(rename = "currencyCode", default, deserialize_with = "opt_i64")]
    pub currency_code: Option<i64>,
    /// `installmentCount`.
    #[serde(rename = "installmentCount", default, deserialize_with = "opt_i64")]
    pub installment_count: Option<i64>,
    /// `batchNumber`.
    #[serde(rename = "batchNumber", default, deserialize_with = "opt_i64")]
    pub batch_number: Option<i64>,
    /// `maskedCardNumber`.
    #[serde(rename = "maskedCardNumber", default, deserialize_with = "opt_text")]
    pub masked_card_number: Option<String>,
    /// `txnDateTime`.
    #[serde(rename = "txnDateTime", default, deserialize_with = "opt_text")]
    pub txn_date_time: Option<String>,
    /// `txnStatus`: `Başarılı`, `Başarısız`, `İptal`, `Teknik İptal`.
    #[serde(rename = "txnStatus", default, deserialize_with = "opt_text")]
    pub txn_status: Option<String>,
}

/// What a report row's Turkish `txnStatus` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryStatus {
    /// `Başarılı`: done (charged, refunded, captured).
    Done,
    /// `Başarısız`: refused (by the issuer, or before it).
    Refused,
    /// `İptal`: voided.
    Voided,
    /// `Teknik İptal`: reversed by the host itself (an interrupted transaction); nothing stays
    /// charged.
    TechnicallyReversed,
    /// Anything else.
    Other,
}

impl HistoryRow {
    /// The row's status.
    pub fn status(&self) -> HistoryStatus {
        match self.txn_status.as_deref().map(str::trim) {
            Some("Başarılı") => HistoryStatus::Done,
            Some("Başarısız") => HistoryStatus::Refused,
            Some("İptal") => HistoryStatus::Voided,
            Some("Teknik İptal") => HistoryStatus::TechnicallyReversed,
            _ => HistoryStatus::Other,
        }
    }
}

/// The decoded history report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryReport {
    /// `requestId`.
    pub request_id: Option<String>,
    /// `txnDateTime` of the reply.
    pub txn_date_time: Option<String>,
    /// Rows of the decoded `data`.
    pub rows: Vec<HistoryRow>,
}

#[derive(Deserialize)]
struct HistoryWire {
    #[serde(rename = "responseCode", default, deserialize_with = "opt_text")]
    response_code: Option<String>,
    #[serde(rename = "responseMessage", default, deserialize_with = "opt_text")]
    response_message: Option<String>,
    #[serde(rename = "requestId", default, deserialize_with = "opt_text")]
    request_id: Option<String>,
    #[serde(rename = "txnDateTime", default, deserialize_with = "opt_text")]
    txn_date_time: Option<String>,
    #[serde(default)]
    data: Option<String>,
}

#[derive(Deserialize)]
struct HistoryDataWire {
    #[serde(rename = "txnDetailList", default)]
    txn_detail_list: Option<Vec<HistoryRow>>,
}

/// Upper bound on the decompressed report, against a hostile or broken body.
const MAX_REPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Decodes `data` = base64(gzip(JSON)).
pub fn decode_report_data(data: &str) -> Result<Vec<HistoryRow>> {
    let gz = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| Error::Reply(format!("report data is not base64: {e}")))?;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .take(MAX_REPORT_BYTES)
        .read_to_end(&mut json)
        .map_err(|e| Error::Reply(format!("report data is not gzip: {e}")))?;
    let w: HistoryDataWire =
        serde_json::from_slice(&json).map_err(|e| Error::Reply(e.to_string()))?;
    Ok(w.txn_detail_list.unwrap_or_default())
}

/// Encodes rows as the host does (base64 of gzip of `{txnDateTime, terminal, txnDetailList}`).
pub fn encode_report_data(json: &[u8]) -> String {
    use std::io::Write as _;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(json).expect("writing to memory");
    let gz = enc.finish().expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(gz)
}

/// What a history reply said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryAnswer {
    /// `VPS-0000` with decoded rows.
    Report(HistoryReport),
    /// Another responseCode (e.g. VPS-2235 too many records).
    Failed {
        /// `responseCode`.
        code: String,
        /// `responseMessage`.
        message: String,
    },
}

impl HistoryAnswer {
    /// Parses a history reply and decodes its data.
    pub fn parse(body: &[u8]) -> Result<HistoryAnswer> {
        let w: HistoryWire =
            serde_json::from_slice(body).map_err(|e| Error::Reply(e.to_string()))?;
        let code = w
            .response_code
            .filter(|c| !c.is_empty())
            .ok_or_else(|| Error::Reply("no responseCode".into()))?;
        if code != APPROVED {
            return Ok(HistoryAnswer::Failed {
                code,
                message: w.response_message.unwrap_or_default(),
            });
        }
        let rows = match w.data.as_deref() {
            Some(d) if !d.is_empty() => decode_report_data(d)?,
            _ => Vec::new(),
        };
        Ok(HistoryAnswer::Report(HistoryReport {
            request_id: w.request_id,
            txn_date_time: w.txn_date_time,
            rows,
        }))
    }
}
