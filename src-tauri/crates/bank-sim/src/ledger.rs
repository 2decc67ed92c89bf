//! The simulated bank's ledger: its truth about every transaction, optionally kept as JSON lines.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::SimError;

/// State of a ledger row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Approved (charged, authorised, refunded in part or whole: see `refunded_minor`).
    Approved,
    /// Declined by the issuer (or the card checks).
    Declined,
    /// Voided after approval.
    Voided,
    /// A recurring instalment waiting for its planned date.
    Waiting,
    /// A recurring instalment cancelled before being charged.
    Cancelled,
    /// An order id the host reserved without a visible record (fault `hold_without_record`):
    /// inquiries do not find it, the report does not list it, the id cannot be used again.
    Held,
    /// Approved, then reversed by the host itself ("Teknik İptal"): nothing stays charged.
    TechnicallyReversed,
}

/// One transaction at the bank. Holds the masked card number only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Position in the ledger.
    pub id: u64,
    /// Terminal that sent it.
    pub terminal_safe_id: String,
    /// 1000, 1002, 1004 or 1005.
    pub txn_code: String,
    /// Order id (the merchant's for sales and pre-auths, a bank UUID for follow-ups; the track id
    /// for a charged recurring instalment; none for a waiting one).
    pub order_id: Option<String>,
    /// The order this row belongs to (itself for a sale).
    pub org_order_id: Option<String>,
    /// Recurring order track id.
    pub order_track_id: Option<String>,
    /// Instalment number of a recurring row.
    pub recurring_order: Option<u32>,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// ISO 4217 numeric currency.
    pub currency: u16,
    /// Installments (1 = single).
    pub install_count: u32,
    /// Masked card number (`435509******5232`).
    pub masked_pan: String,
    /// Status.
    pub status: EntryStatus,
    /// Refunded so far (sales and closed pre-auths).
    pub refunded_minor: i64,
    /// responseCode given.
    pub response_code: String,
    /// responseMessage given.
    pub response_message: String,
    /// hostResponseCode.
    pub host_response_code: Option<String>,
    /// hostMessage.
    pub host_message: Option<String>,
    /// Authorisation code ("000000" on declines).
    pub auth_code: Option<String>,
    /// Retrieval reference number.
    pub rrn: Option<String>,
    /// System trace number.
    pub stan: u32,
    /// Batch (one per Istanbul day).
    pub batch_number: u32,
    /// Host time `YYYY-MM-DDTHH:MM:SS.mmm` (Istanbul).
    pub time: String,
    /// Planned date of a recurring instalment.
    pub planned_time: Option<String>,
    /// Cancellation date of a cancelled instalment.
    pub cancel_time: Option<String>,
    /// Captured amount of a closed pre-auth.
    pub pre_auth_closed_minor: Option<i64>,
    /// When the pre-auth was closed.
    pub pre_auth_close_time: Option<String>,
    /// The host could not settle the outcome with the issuer (`txnStatus` S).
    #[serde(default)]
    pub suspicious: bool,
}

impl LedgerEntry {
    /// True when money was taken (or authorised) and not voided or reversed; a held id or a
    /// refusal never is.
    pub fn is_charge(&self) -> bool {
        self.status == EntryStatus::Approved
            && matches!(self.txn_code.as_str(), "1000" | "1004" | "1005")
    }
}

/// The ledger holds masked card numbers and amounts: only its owner reads it (0600 on Unix).
fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// The rows plus the optional file they are mirrored to.
pub struct Ledger {
    entries: Vec<LedgerEntry>,
    file: Option<File>,
}

impl Ledger {
    /// An empty in-memory ledger.
    pub fn in_memory() -> Ledger {
        Ledger {
            entries: Vec::new(),
            file: None,
        }
    }

    /// Loads `path` (each line a row snapshot; the last snapshot of an id wins), rewrites it
    /// compactly, and appends to it from then on. A last line cut short by a kill is dropped.
    pub fn open(path: &Path) -> Result<Ledger, SimError> {
        let err = |e: &dyn std::fmt::Display| SimError::Ledger(format!("{}: {e}", path.display()));
        let mut entries: Vec<LedgerEntry> = Vec::new();
        if path.exists() {
            let f = File::open(path).map_err(|e| err(&e))?;
            let lines: Vec<String> = BufReader::new(f)
                .lines()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| err(&e))?
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect();
            let count = lines.len();
            for (n, line) in lines.iter().enumerate() {
                let e: LedgerEntry = match serde_json::from_str(line) {
                    Ok(e) => e,
                    Err(_) if n + 1 == count => break,
                    Err(e) => return Err(err(&format!("line {}: {e}", n + 1))),
                };
                let idx = e.id as usize;
                if idx < entries.len() {
                    entries[idx] = e;
                } else if idx == entries.len() {
                    entries.push(e);
                } else {
                    return Err(err(&format!("line {}: id {} out of order", n + 1, e.id)));
                }
            }
            let tmp = path.with_extension("compact.tmp");
            {
                let mut out = private(OpenOptions::new().create(true).truncate(true).write(true))
                    .open(&tmp)
                    .map_err(|e| err(&e))?;
                for e in &entries {
                    let mut line = serde_json::to_vec(e).expect("ledger rows serialise");
                    line.push(b'\n');
                    out.write_all(&line).map_err(|e| err(&e))?;
                }
                out.sync_all().map_err(|e| err(&e))?;
            }
            std::fs::rename(&tmp, path).map_err(|e| err(&e))?;
        }
        let file = private(OpenOptions::new().create(true).append(true))
            .open(path)
            .map_err(|e| err(&e))?;
        Ok(Ledger {
            entries,
            file: Some(file),
        })
    }

    /// All rows.
    pub fn entries(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// A row by id.
    pub fn get(&self, id: u64) -> &LedgerEntry {
        &self.entries[id as usize]
    }

    /// Appends a row (its id is set here) and returns the id.
    pub fn push(&mut self, mut e: LedgerEntry) -> u64 {
        e.id = self.entries.len() as u64;
        self.persist(&e);
        self.entries.push(e);
        self.entries.len() as u64 - 1
    }

    /// Changes a row and mirrors the new state.
    pub fn update(&mut self, id: u64, f: impl FnOnce(&mut LedgerEntry)) {
        let e = &mut self.entries[id as usize];
        f(e);
        let snapshot = e.clone();
        self.persist(&snapshot);
    }

    fn persist(&mut self, e: &LedgerEntry) {
        if let Some(file) = self.file.as_mut() {
            let mut line = serde_json::to_vec(e).expect("ledger rows serialise");
            line.push(b'\n');
            // One write per row so a kill leaves at most the last line cut short.
            if let Err(err) = file.write_all(&line).and_then(|_| file.flush()) {
                eprintln!("bank-sim: cannot write the ledger file: {err}");
            }
        }
    }
}
