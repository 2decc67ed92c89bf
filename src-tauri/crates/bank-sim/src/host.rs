//! The simulated host: envelope and signature checks, then dispatch by txnCode.

use std::collections::HashMap;

use serde_json::{Value, json};
use tahsildar_akbank::sign::{format_date_time, istanbul, parse_date_time, verify};

use crate::clock::SimClock;
use crate::config::SimTerminal;
use crate::faults::{FaultDice, FaultPlan, Faults};
use crate::ledger::{EntryStatus, Ledger, LedgerEntry};

/// Which endpoint was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/transaction/process`.
    Transaction,
    /// `/portal/report/transaction`.
    History,
}

/// The host's answer to one request.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
    /// Drop the connection instead of replying (test card 4000000000000119).
    pub drop_connection: bool,
    /// The sale or pre-auth row this request booked.
    pub booked: Option<u64>,
    /// The txnCode of a transaction request that got as far as dispatch.
    pub txn_code: Option<String>,
    /// The order id was held without a record (fault `hold_without_record`): answer HTTP 504.
    pub held: bool,
}

impl Answer {
    pub(crate) fn ok(body: Value) -> Answer {
        Answer {
            status: 200,
            body,
            drop_connection: false,
            booked: None,
            txn_code: None,
            held: false,
        }
    }

    pub(crate) fn http_error(status: u16, code: &str, message: &str) -> Answer {
        Answer {
            status,
            body: json!({"code": code, "message": message}),
            drop_connection: false,
            booked: None,
            txn_code: None,
            held: false,
        }
    }

    pub(crate) fn pattern(field: &str) -> Answer {
        Answer::http_error(
            400,
            "VPS-3001",
            &format!("{field} alanı patterne uymamaktadır"),
        )
    }

    pub(crate) fn missing(field: &str) -> Answer {
        Answer::http_error(400, "400", &format!("{field} alanı zorunludur"))
    }
}

/// How the host treats one request: its switches, and the drawn faults that change the
/// processing itself (the others change only the reply).
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    /// Reserve a new sale's order id without a visible record.
    pub hold_without_record: bool,
    /// Inquiries list no refund rows.
    pub inquiry_omits_refunds: bool,
    /// A void of a captured pre-auth voids the pre-auth row too.
    pub void_after_capture_voids_pre_auth: bool,
    /// Instalments on the Mastercard test card get VPS-1044.
    pub mastercard_test_card_not_onus: bool,
}

impl Rules {
    /// The rules of one request under `faults`, with the faults drawn for it.
    pub fn new(faults: &Faults, plan: &FaultPlan) -> Rules {
        Rules {
            hold_without_record: plan.hold,
            inquiry_omits_refunds: faults.inquiry_omits_refunds,
            void_after_capture_voids_pre_auth: faults.void_after_capture_voids_pre_auth,
            mastercard_test_card_not_onus: faults.mastercard_test_card_not_onus,
        }
    }
}

/// Everything the host knows.
pub struct HostState {
    pub(crate) ledger: Ledger,
    pub(crate) terminals: Vec<SimTerminal>,
    pub(crate) dice: FaultDice,
    pub(crate) stan: u32,
    /// `terminal|key` -> ledger ids, for order ids, org order ids and track ids.
    pub(crate) index: HashMap<String, Vec<u64>>,
    pub(crate) clock: SimClock,
}

/// The request time and derived values.
pub(crate) struct Now {
    pub(crate) text: String,
    pub(crate) zoned: jiff::ZonedDateTime,
    pub(crate) batch: u32,
}

impl Now {
    pub(crate) fn get(clock: &SimClock) -> Now {
        let ts = clock.now();
        let zoned = ts.to_zoned_datetime(istanbul());
        let base = jiff::civil::date(2024, 1, 1);
        let days = zoned.date().duration_since(base).as_secs() / 86_400;
        Now {
            text: format_date_time(ts),
            zoned,
            batch: (days.max(0) + 1) as u32,
        }
    }
}

pub(crate) fn key(terminal: &str, id: &str) -> String {
    format!("{terminal}|{id}")
}

impl HostState {
    /// A host over a ledger; `seed` drives auth codes, RRNs and bank order ids.
    pub fn new(
        ledger: Ledger,
        terminals: Vec<SimTerminal>,
        seed: u64,
        clock: SimClock,
    ) -> HostState {
        let mut h = HostState {
            stan: ledger.entries().iter().map(|e| e.stan).max().unwrap_or(0),
            ledger,
            terminals,
            dice: FaultDice::new(seed ^ 0x5EED_BA4C),
            index: HashMap::new(),
            clock,
        };
        let entries: Vec<LedgerEntry> = h.ledger.entries().to_vec();
        for e in &entries {
            h.index_entry(e);
        }
        h
    }

    pub(crate) fn index_entry(&mut self, e: &LedgerEntry) {
        let mut keys: Vec<&String> = Vec::new();
        for k in [&e.order_id, &e.org_order_id, &e.order_track_id]
            .into_iter()
            .flatten()
        {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        for k in keys {
            self.index
                .entry(key(&e.terminal_safe_id, k))
                .or_default()
                .push(e.id);
        }
    }

    /// Appends and indexes a row.
    pub(crate) fn book(&mut self, e: LedgerEntry) -> u64 {
        let id = self.ledger.push(e);
        let e = self.ledger.get(id).clone();
        self.index_entry(&e);
        id
    }

    /// Rows that mention `id` (as order id, org order id or track id), in booking order.
    pub(crate) fn rows_for(&self, terminal: &str, id: &str) -> Vec<&LedgerEntry> {
        self.index
            .get(&key(terminal, id))
            .map(|ids| ids.iter().map(|i| self.ledger.get(*i)).collect())
            .unwrap_or_default()
    }

    pub(crate) fn next_stan(&mut self) -> u32 {
        self.stan = self.stan % 999_999 + 1;
        self.stan
    }

    /// Marks a booked row suspicious (`txnStatus` S in inquiries).
    pub fn mark_suspicious(&mut self, id: u64) {
        self.ledger.update(id, |e| e.suspicious = true);
    }

    /// Reverses an approved sale or pre-auth at the host ("Teknik İptal"), as the real host
    /// does with some interrupted transactions. False (nothing changed) for any other row: a
    /// decline has nothing to reverse, and a recurring order would leave its plan behind.
    pub fn reverse_technically(&mut self, id: u64) -> bool {
        let e = self.ledger.get(id);
        let reversible = e.status == EntryStatus::Approved
            && matches!(e.txn_code.as_str(), "1000" | "1004")
            && e.recurring_order.is_none();
        if reversible {
            self.ledger
                .update(id, |e| e.status = EntryStatus::TechnicallyReversed);
        }
        reversible
    }

    /// The ledger rows.
    pub fn ledger(&self) -> &[LedgerEntry] {
        self.ledger.entries()
    }

    /// Answers one request as the plain host.
    pub fn handle(&mut self, endpoint: Endpoint, auth_hash: Option<&str>, body: &[u8]) -> Answer {
        self.handle_with(endpoint, auth_hash, body, &Rules::default())
    }

    /// Answers one request under `rules`.
    pub fn handle_with(
        &mut self,
        endpoint: Endpoint,
        auth_hash: Option<&str>,
        body: &[u8],
        rules: &Rules,
    ) -> Answer {
        let Ok(req) = serde_json::from_slice::<Value>(body) else {
            return Answer::http_error(400, "400", "İstek gövdesi geçerli bir JSON değil");
        };
        if !req.is_object() {
            return Answer::http_error(400, "400", "İstek gövdesi geçerli bir JSON değil");
        }
        let merchant = req["terminal"]["merchantSafeId"].as_str();
        let terminal_id = req["terminal"]["terminalSafeId"].as_str();
        let Some(terminal) = self
            .terminals
            .iter()
            .find(|t| {
                Some(t.merchant_safe_id.as_str()) == merchant
                    && Some(t.terminal_safe_id.as_str()) == terminal_id
            })
            .cloned()
        else {
            return Answer::http_error(
                401,
                "401",
                "Unauthorized: bilinmeyen üye işyeri ya da terminal",
            );
        };
        match auth_hash {
            Some(h) if verify(&terminal.secret_key, body, h) => {}
            _ => return Answer::http_error(401, "401", "Unauthorized: auth-hash doğrulanamadı"),
        }
        let rn = req["randomNumber"].as_str();
        match rn {
            None => return Answer::missing("randomNumber"),
            Some(r) if r.len() != 128 || !r.bytes().all(|b| b.is_ascii_hexdigit()) => {
                return Answer::pattern("randomNumber");
            }
            Some(_) => {}
        }
        let now = Now::get(&self.clock);
        if endpoint == Endpoint::History {
            return crate::report::history(self, &terminal, &req, &now);
        }
        match req["version"].as_str() {
            Some("1.00") => {}
            Some(_) => return Answer::pattern("version"),
            None => return Answer::missing("version"),
        }
        let Some(txn_code) = req["txnCode"].as_str().map(str::to_string) else {
            return Answer::missing("txnCode");
        };
        match req["requestDateTime"].as_str() {
            Some(s) if parse_date_time(s).is_some() => {}
            _ => {
                return Answer::ok(reply_head(
                    &txn_code,
                    &terminal,
                    &now,
                    "VPS-1073",
                    "Geçerli talep tarihi giriniz",
                ));
            }
        }
        let ctx = crate::txn::Ctx {
            terminal: &terminal,
            req: &req,
            now: &now,
            txn_code: &txn_code,
            rules,
        };
        let result = match txn_code.as_str() {
            "1000" if req.get("recurring").is_some() => crate::txn::recurring_sale(self, &ctx),
            "1000" | "1004" => crate::txn::sale(self, &ctx),
            "1005" => crate::followup::post_auth(self, &ctx),
            "1002" => crate::followup::refund(self, &ctx),
            "1003" => crate::followup::void(self, &ctx),
            "1013" => crate::followup::cancel_recurring(self, &ctx),
            "1010" => crate::inquiry::inquiry(self, &ctx),
            _ => Err(Answer::pattern("txnCode")),
        };
        let mut answer = result.unwrap_or_else(|a| a);
        answer.txn_code = Some(txn_code);
        answer
    }
}

/// The common head of every transaction reply.
pub(crate) fn reply_head(
    txn_code: &str,
    t: &SimTerminal,
    now: &Now,
    code: &str,
    message: &str,
) -> Value {
    json!({
        "txnCode": txn_code,
        "responseCode": code,
        "responseMessage": message,
        "txnDateTime": now.text,
        "terminal": {"merchantSafeId": t.merchant_safe_id, "terminalSafeId": t.terminal_safe_id},
    })
}

/// An amount as a JSON number written from its exact decimal text (`1.01`, `5`).
pub(crate) fn amount_number(minor: i64) -> Value {
    let text = if minor % 100 == 0 {
        (minor / 100).to_string()
    } else {
        tahsildar_akbank::money::minor_to_wire(minor)
    };
    serde_json::from_str(&text).expect("a decimal number")
}
