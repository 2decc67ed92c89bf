//! Typed replies: transaction replies, inquiry rows and the history report.

use std::io::Read as _;

use base64::Engine as _;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::wire_de::{opt_i64, opt_minor, opt_text};

/// The only success code.
pub const APPROVED: &str = "VPS-0000";
/// Host decline; see the host code.
pub const HOST_DECLINE: &str = "VPS-1005";
/// Original transaction not found.
pub const ORIGINAL_NOT_FOUND: &str = "VPS-1007";
/// Already cancelled.
pub const ALREADY_VOIDED: &str = "VPS-1008";
/// Order id already used.
pub const DUPLICATE_ORDER: &str = "VPS-1013";
/// Inquiry found nothing.
pub const NOT_FOUND: &str = "VPS-1123";

/// The reply to a transaction (1000, 1002, 1003, 1004, 1005, 1013), flattened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnReply {
    /// `txnCode` echoed.
    pub txn_code: String,
    /// `responseCode` ("VPS-0000" approved).
    pub response_code: String,
    /// `responseMessage`.
    pub response_message: String,
    /// `hostResponseCode` ("00", "05", ...), when the issuer answered.
    pub host_response_code: Option<String>,
    /// `hostMessage`.
    pub host_message: Option<String>,
    /// `txnDateTime` (host clock).
    pub txn_date_time: Option<String>,
    /// `order.orderId`.
    pub order_id: Option<String>,
    /// `order.orderTrackId` for recurring orders.
    pub order_track_id: Option<String>,
    /// `transaction.authCode` ("000000" on declines).
    pub auth_code: Option<String>,
    /// `transaction.rrn` ("0" before the host).
    pub rrn: Option<String>,
    /// `transaction.stan`.
    pub stan: Option<i64>,
    /// `transaction.batchNumber`.
    pub batch_number: Option<i64>,
    /// `card.cardHolderName` (masked by the host).
    pub card_holder_name: Option<String>,
    /// `campaign.additionalInstallCount`.
    pub additional_install_count: Option<i64>,
    /// `campaign.deferingMonth`.
    pub defering_month: Option<i64>,
}

impl TxnReply {
    /// True for `VPS-0000`.
    pub fn is_approved(&self) -> bool {
        self.response_code == APPROVED
    }

    /// True when the host rejected the order id as already used (`VPS-1013`): the engine must
    /// inquire, since an earlier attempt with this id may have landed.
    pub fn is_duplicate_order(&self) -> bool {
        self.response_code == DUPLICATE_ORDER
    }

    /// Operator-facing meaning of the codes.
    pub fn info(&self) -> crate::catalogue::CodeInfo {
        crate::catalogue::describe(&self.response_code, self.host_response_code.as_deref())
    }

    /// Parses a transaction reply body. `responseCode` must be present.
    pub fn parse(body: &[u8]) -> Result<TxnReply> {
        let w: TxnReplyWire =
            serde_json::from_slice(body).map_err(|e| Error::Reply(e.to_string()))?;
        let response_code = w
            .response_code
            .filter(|c| !c.is_empty())
            .ok_or_else(|| Error::Reply("no responseCode".into()))?;
        let order = w.order.unwrap_or_default();
        let txn = w.transaction.unwrap_or_default();
        let campaign = w.campaign.unwrap_or_default();
        Ok(TxnReply {
            txn_code: w.txn_code.unwrap_or_default(),
            response_code,
            response_message: w.response_message.unwrap_or_default(),
            host_response_code: w.host_response_code.filter(|s| !s.is_empty()),
            host_message: w.host_message.filter(|s| !s.is_empty()),
            txn_date_time: w.txn_date_time,
            order_id: order.order_id,
            order_track_id: order.order_track_id,
            auth_code: txn.auth_code,
            rrn: txn.rrn,
            stan: txn.stan,
            batch_number: txn.batch_number,
            card_holder_name: w.card.and_then(|c| c.card_holder_name),
            additional_install_count: campaign.additional_install_count,
            defering_month: campaign.defering_month,
        })
    }
}

#[derive(Deserialize, Default)]
struct OrderReplyWire {
    #[serde(rename = "orderId", default, deserialize_with = "opt_text")]
    order_id: Option<String>,
    #[serde(rename = "orderTrackId", default, deserialize_with = "opt_text")]
    order_track_id: Option<String>,
}

#[derive(Deserialize, Default)]
struct TxnDataWire {
    #[serde(rename = "authCode", default, deserialize_with = "opt_text")]
    auth_code: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    rrn: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    stan: Option<i64>,
    #[serde(rename = "batchNumber", default, deserialize_with = "opt_i64")]
    batch_number: Option<i64>,
}

#[derive(Deserialize, Default)]
struct CardReplyWire {
    #[serde(rename = "cardHolderName", default, deserialize_with = "opt_text")]
    card_holder_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct CampaignWire {
    #[serde(
        rename = "additionalInstallCount",
        default,
        deserialize_with = "opt_i64"
    )]
    additional_install_count: Option<i64>,
    #[serde(rename = "deferingMonth", default, deserialize_with = "opt_i64")]
    defering_month: Option<i64>,
}

#[derive(Deserialize)]
struct TxnReplyWire {
    #[serde(rename = "txnCode", default, deserialize_with = "opt_text")]
    txn_code: Option<String>,
    #[serde(rename = "responseCode", default, deserialize_with = "opt_text")]
    response_code: Option<String>,
    #[serde(rename = "responseMessage", default, deserialize_with = "opt_text")]
    response_message: Option<String>,
    #[serde(rename = "hostResponseCode", default, deserialize_with = "opt_text")]
    host_response_code: Option<String>,
    #[serde(rename = "hostMessage", default, deserialize_with = "opt_text")]
    host_message: Option<String>,
    #[serde(rename = "txnDateTime", default, deserialize_with = "opt_text")]
    txn_date_time: Option<String>,
    #[serde(default)]
    order: Option<OrderReplyWire>,
    #[serde(default)]
    transaction: Option<TxnDataWire>,
    #[serde(default)]
    card: Option<CardReplyWire>,
    #[serde(default)]
    campaign: Option<CampaignWire>,
}

/// `txnStatus` of an inquiry row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxnStatus {
    /// `N`: normal.
    Normal,
    /// `S`: suspicious; void it or call the bank.
    Suspicious,
    /// `V`: voided.
    Voided,
    /// `R`: reversed / fully refunded.
    Reversed,
    /// Anything else, kept verbatim.
    Other(String),
}

impl TxnStatus {
    /// From the wire letter.
    pub fn from_wire(s: &str) -> TxnStatus {
        match s {
            "N" => TxnStatus::Normal,
            "S" => TxnStatus::Suspicious,
            "V" => TxnStatus::Voided,
            "R" => TxnStatus::Reversed,
            other => TxnStatus::Other(other.to_string()),
        }
    }

    /// The wire letter.
    pub fn as_wire(&self) -> &str {
        match self {
            TxnStatus::Normal => "N",
            TxnStatus::Suspicious => "S",
            TxnStatus::Voided => "V",
            TxnStatus::Reversed => "R",
            TxnStatus::Other(s) => s,
        }
    }
}

/// `requestStatus` of a recurring instalment row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstalmentStatus {
    /// `S`: charged.
    Charged,
    /// `W`: waiting for its planned date.
    Waiting,
    /// `V`: charged, then voided.
    Voided,
    /// `C`: cancelled before being charged.
    Cancelled,
    /// Anything else, verbatim.
    Other(String),
}

impl InstalmentStatus {
    /// From the wire letter.
    pub fn from_wire(s: &str) -> InstalmentStatus {
        match s {
            "S" => InstalmentStatus::Charged,
            "W" => InstalmentStatus::Waiting,
            "V" => InstalmentStatus::Voided,
            "C" => InstalmentStatus::Cancelled,
            other => InstalmentStatus::Other(other.to_string()),
        }
    }

    /// The wire letter.
    pub fn as_wire(&self) -> &str {
        match self {
            InstalmentStatus::Charged => "S",
            InstalmentStatus::Waiting => "W",
            InstalmentStatus::Voided => "V",
            InstalmentStatus::Cancelled => "C",
            InstalmentStatus::Other(s) => s,
        }
    }
}

/// One row of `txnDetailList` in an inquiry reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct InquiryRow {
    /// `txnCode` of this transaction (1000, 1002, 1005, ...).
    #[serde(rename = "txnCode", default, deserialize_with = "opt_text")]
    pub txn_code: Option<String>,
    /// `responseCode` of this transaction.
    #[serde(rename = "responseCode", default, deserialize_with = "opt_text")]
    pub response_code: Option<String>,
    /// `responseMessage`.
    #[serde(rename = "responseMessage", default, deserialize_with = "opt_text")]
    pub response_message: Option<String>,
    /// `hostResponseCode`.
    #[serde(rename = "hostResponseCode", default, deserialize_with = "opt_text")]
    pub host_response_code: Option<String>,
    /// `hostMessage`.
    #[serde(rename = "hostMessage", default, deserialize_with = "opt_text")]
    pub host_message: Option<String>,
    /// `orderId` (follow-ups get a bank UUID).
    #[serde(rename = "orderId", default, deserialize_with = "opt_text")]
    pub order_id: Option<String>,
    /// `orgOrderId`: the order this row belongs to.
    #[serde(rename = "orgOrderId", default, deserialize_with = "opt_text")]
    pub org_order_id: Option<String>,
    /// `orderTrackId` on recurring rows.
    #[serde(rename = "orderTrackId", default, deserialize_with = "opt_text")]
    pub order_track_id: Option<String>,
    /// `authCode`.
    #[serde(rename = "authCode", default, deserialize_with = "opt_text")]
    pub auth_code: Option<String>,
    /// `rrn`.
    #[serde(default, deserialize_with = "opt_text")]
    pub rrn: Option<String>,
    /// `stan`.
    #[serde(default, deserialize_with = "opt_i64")]
    pub stan: Option<i64>,
    /// `batchNumber`.
    #[serde(rename = "batchNumber", default, deserialize_with = "opt_i64")]
    pub batch_number: Option<i64>,
    /// `settlementId`.
    #[serde(rename = "settlementId", default, deserialize_with = "opt_text")]
    pub settlement_id: Option<String>,
    /// `maskedCardNumber`.
    #[serde(rename = "maskedCardNumber", default, deserialize_with = "opt_text")]
    pub masked_card_number: Option<String>,
    /// `amount`, read exactly into minor units.
    #[serde(rename = "amount", default, deserialize_with = "opt_minor")]
    pub amount_minor: Option<i64>,
    /// `currencyCode`.
    #[serde(rename = "currencyCode", default, deserialize_with = "opt_i64")]
    pub currency_code: Option<i64>,
    /// `installCount`.
    #[serde(rename = "installCount", default, deserialize_with = "opt_i64")]
    pub install_count: Option<i64>,
    /// `txnDateTime`.
    #[serde(rename = "txnDateTime", default, deserialize_with = "opt_text")]
    pub txn_date_time: Option<String>,
    /// `txnStatus` letter (see [`InquiryRow::status`]).
    #[serde(rename = "txnStatus", default, deserialize_with = "opt_text")]
    pub txn_status: Option<String>,
    /// `requestType` ("R" on recurring rows).
    #[serde(rename = "requestType", default, deserialize_with = "opt_text")]
    pub request_type: Option<String>,
    /// `recurringOrder` (1..n).
    #[serde(rename = "recurringOrder", default, deserialize_with = "opt_i64")]
    pub recurring_order: Option<i64>,
    /// `plannedDateTime` of an instalment.
    #[serde(rename = "plannedDateTime", default, deserialize_with = "opt_text")]
    pub planned_date_time: Option<String>,
    /// `tryCount` of an instalment.
    #[serde(rename = "tryCount", default, deserialize_with = "opt_i64")]
    pub try_count: Option<i64>,
    /// `requestStatus` letter of an instalment (see [`InquiryRow::instalment_status`]).
    #[serde(rename = "requestStatus", default, deserialize_with = "opt_text")]
    pub request_status: Option<String>,
    /// `cancelDate` of a cancelled instalment.
    #[serde(rename = "cancelDate", default, deserialize_with = "opt_text")]
    pub cancel_date: Option<String>,
    /// `preAuthStatus`: `O` open, `C` closed.
    #[serde(rename = "preAuthStatus", default, deserialize_with = "opt_text")]
    pub pre_auth_status: Option<String>,
    /// `preAuthCloseAmount` in minor units.
    #[serde(rename = "preAuthCloseAmount", default, deserialize_with = "opt_minor")]
    pub pre_auth_close_amount_minor: Option<i64>,
    /// `preAuthCloseDate`.
    #[serde(rename = "preAuthCloseDate", default, deserialize_with = "opt_text")]
    pub pre_auth_close_date: Option<String>,
}

impl InquiryRow {
    /// Parsed `txnStatus`.
    pub fn status(&self) -> Option<TxnStatus> {
        self.txn_status.as_deref().map(TxnStatus::from_wire)
    }

    /// Parsed `requestStatus` of a recurring instalment.
    pub fn instalment_status(&self) -> Option<InstalmentStatus> {
        self.request_status
            .as_deref()
            .map(InstalmentStatus::from_wire)
    }

    /// True when this row's own responseCode is `VPS-0000`.
    pub fn is_approved(&self) -> bool {
        self.response_code.as_deref() == Some(APPROVED)
    }
}

/// A successful inquiry reply (outer `VPS-0000`): the rows of one order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inquiry {
    /// Outer `responseCode`.
    pub response_code: String,
    /// Outer `responseMessage`.
    pub response_message: String,
    /// `txnDateTime`.
    pub txn_date_time: Option<String>,
    /// `txnDetailList`.
    pub rows: Vec<InquiryRow>,
}

#[derive(Deserialize)]
struct InquiryWire {
    #[serde(rename = "responseCode", default, deserialize_with = "opt_text")]
    response_code: Option<String>,
    #[serde(rename = "responseMessage", default, deserialize_with = "opt_text")]
    response_message: Option<String>,
    #[serde(rename = "txnDateTime", default, deserialize_with = "opt_text")]
    txn_date_time: Option<String>,
    #[serde(rename = "txnDetailList", default)]
    txn_detail_list: Option<Vec<InquiryRow>>,
}

impl Inquiry {
    /// Parses an inquiry reply (any responseCode).
    pub fn parse(body: &[u8]) -> Result<Inquiry> {
        let w: InquiryWire =
            serde_json::from_slice(body).map_err(|e| Error::Reply(e.to_string()))?;
        Ok(Inquiry {
            response_code: w
                .response_code
                .filter(|c| !c.is_empty())
                .ok_or_else(|| Error::Reply("no responseCode".into()))?,
            response_message: w.response_message.unwrap_or_default(),
            txn_date_time: w.txn_date_time,
            rows: w.txn_detail_list.unwrap_or_default(),
        })
    }
}

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
    /// `orderId`.
    #[serde(rename = "orderId", default, deserialize_with = "opt_text")]
    pub order_id: Option<String>,
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
