//! An Akbank-compatible virtual POS host for sandbox mode and tests: it checks signatures and
//! field formats like the real host, keeps a ledger (its truth), answers inquiries and the
//! history report, knows the test cards, and injects faults on demand with a seeded generator.
//!
//! # Endpoints (on `127.0.0.1:PORT`)
//! * `POST /api/v1/payment/virtualpos/transaction/process`: txnCodes 1000 (with or without
//!   `recurring`), 1002, 1003, 1004, 1005, 1010, 1013.
//! * `POST /api/v1/payment/virtualpos/portal/report/transaction`: history (gzip+base64 `data`).
//! * `GET /__sim/ledger` (the ledger as JSON), `GET`/`PUT /__sim/faults` ([`Faults`] as JSON).
//!
//! # Checks, in order
//! Unparsable JSON: HTTP 400 `{code:"400"}`. Unknown terminal or bad `auth-hash`: HTTP 401
//! `{code:"401"}`. Missing field: HTTP 400 `{code:"400"}`. A field that does not match its
//! pattern (amount `^\d+\.\d{2}$`, card number, cvv2, expireDate `MMYY`, randomNumber, currency,
//! installCount 1..=12): HTTP 400 `{code:"VPS-3001"}`. Bad `requestDateTime`: HTTP 200 with
//! `VPS-1073` (format only; clock skew is not checked).
//!
//! # Business answers (HTTP 200)
//! Used order or track id, declined ones too: VPS-1013. Unknown original: VPS-1007. Already
//! voided: VPS-1008. Refund above what remains captured, or capture above the pre-auth:
//! VPS-1005 with host 13. Refund of an open pre-auth, void after a partial refund, second
//! capture: VPS-1005 with host 12. Recurring on a terminal without permission: VPS-1061; bad
//! recurring fields: VPS-1055; nothing pending to cancel: VPS-1059. Inquiry of nothing: VPS-1123.
//! Follow-ups (1002, 1005) get a bank UUID order id with `orgOrderId` = the original.
//!
//! Refusals before the issuer that the host still records (`rrn` "0", batch 0, no host code; the
//! order id is spent, later uses get VPS-1013, the report lists a "Başarısız" row in batch 0):
//! an instalment sale or pre-auth on a card of another bank gets VPS-1044 "Not-Onus Kart hatalı
//! taksit"; an American Express card gets VPS-1066.
//!
//! A void (1003) of a captured pre-auth voids the post-auth (1005) row only, as on Akbank's test
//! host: the pre-auth row stays `txnStatus` N and reopens (`preAuthStatus` O, close amount 0,
//! close date 1900-01-01), its hold standing; a second void releases the pre-auth, a third gets
//! VPS-1008. With `void_after_capture_voids_pre_auth` both rows are voided at once. A void,
//! refund or capture of a sale the host reversed itself gets VPS-1008.
//!
//! An inquiry lists an order's refund (1002) rows, and a fully refunded row shows R; whether
//! Akbank's host does is not known, so `inquiry_omits_refunds` leaves them out (the row stays N,
//! however much is refunded). A reversed row ("Teknik İptal") shows R without response, host or
//! authorisation code.
//!
//! The history report lists sales, pre-auths, post-auths and refunds (follow-ups with the bank's
//! order id and `orgOrderId` = the merchant's), declines and refusals before the issuer
//! ("Başarısız"), voided rows ("İptal": a void changes the row's status and adds no row of its
//! own) and host reversals ("Teknik İptal", no responseCode). Each row belongs to the Istanbul
//! day of its `txnDateTime`, the time it was booked (a void the next day leaves the row on its
//! own day). Held ids and planned instalments are not listed.
//!
//! # Test cards (any future expiry; an expired one gets host 54, a bad Luhn number host 14)
//! 4355093000315232 and 5218076007402834 (and any other valid number) approve, instalments
//! included; 4000000000000002 declines 05; 4000000000009995 declines 51; 4000000000000069
//! declines 54; 4000000000000127 declines 14; 4000000000000119 is booked as approved and the
//! connection is then closed without a reply; 5105105105105100 is another bank's card (single
//! payments approve, instalments get VPS-1044, as do instalments on 5218076007402834 with
//! `mastercard_test_card_not_onus`); American Express numbers get VPS-1066.
//!
//! A suspicious booking (fault `suspicious_after_booking`) shows `txnStatus` S until voided.
//!
//! # Faults
//! See [`Faults`]: latency and jitter (the host books first, then waits), 429 and 503 before
//! booking (nothing booked), drop / 500 / truncated body / suspicious + 504 after booking, and a
//! real refusal (listener closed, reopened on the same port). Also: an order id held without a
//! record (504; inquiry VPS-1123, the id again VPS-1013), an unlisted responseCode after booking
//! (`VPS-9997`, [`UNLISTED_CODE`]), a lost reply to refunds, voids and captures only, and a sale
//! reversed by the host ("Teknik İptal") with the connection dropped. Every fault and switch can
//! be set at start ([`SimConfig::faults`], a command-line flag) and at run time
//! (`PUT /__sim/faults`). One seed gives one sequence of faults; faults added later draw from a
//! second generator, so a seed gives the same earlier faults as before they existed.

pub mod cards;
pub mod clock;
pub mod config;
mod delivery;
pub mod error;
pub mod faults;
mod fields;
mod followup;
pub mod host;
mod inquiry;
pub mod ledger;
mod refusals;
pub mod report;
pub mod server;
mod txn;

pub use clock::SimClock;
pub use config::{SimConfig, SimTerminal};
pub use delivery::{UNLISTED_CODE, UNLISTED_MESSAGE};
pub use error::SimError;
pub use faults::Faults;
pub use ledger::{EntryStatus, LedgerEntry};
pub use server::{API_PREFIX, SimHandle, Simulator};
