//! `tahsildar-bank-sim`: runs the simulated Akbank host on a loopback port until killed.
//! Prints the base URL on the first line of stdout.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Parser;
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_bank_sim::{Faults, SimConfig, SimTerminal, Simulator};

/// Simulated Akbank virtual POS host.
#[derive(Parser)]
#[command(name = "tahsildar-bank-sim", version)]
struct Args {
    /// Loopback port (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// merchantSafeId of the terminal (default: public test terminal A).
    #[arg(long, default_value = test_terminals::A_MERCHANT_SAFE_ID)]
    merchant_safe_id: String,
    /// terminalSafeId of the terminal.
    #[arg(long, default_value = test_terminals::A_TERMINAL_SAFE_ID)]
    terminal_safe_id: String,
    /// Secret key of the terminal.
    #[arg(long, default_value = test_terminals::A_SECRET_KEY, hide_default_value = true)]
    secret_key: String,
    /// Allow recurring orders on this terminal (test terminal B always allows them).
    #[arg(long)]
    recurring_allowed: bool,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep the ledger in this JSON-lines file (reloaded on start).
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// Delay before every answer, ms.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Extra random delay up to this many ms.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Probability of booking then closing the connection without a reply.
    #[arg(long, default_value_t = 0.0)]
    drop_after_booking: f64,
    /// Probability of HTTP 503 before processing (nothing booked).
    #[arg(long, default_value_t = 0.0)]
    error_5xx_before_booking: f64,
    /// Probability of booking then answering HTTP 500.
    #[arg(long, default_value_t = 0.0)]
    error_5xx_after_booking: f64,
    /// Probability of booking then answering an unparsable body.
    #[arg(long, default_value_t = 0.0)]
    malformed_after_booking: f64,
    /// Probability of booking, marking it suspicious (txnStatus S) and answering HTTP 504.
    #[arg(long, default_value_t = 0.0)]
    suspicious_after_booking: f64,
    /// Probability of HTTP 429 with Retry-After (nothing booked).
    #[arg(long, default_value_t = 0.0)]
    throttle_429: f64,
    /// Retry-After seconds of a 429.
    #[arg(long, default_value_t = 1)]
    retry_after_secs: u64,
    /// Probability of holding a new sale's order id without a record and answering HTTP 504
    /// (inquiry: VPS-1123; the same id again: VPS-1013).
    #[arg(long, default_value_t = 0.0)]
    hold_without_record: f64,
    /// Probability of booking then answering HTTP 200 with the unlisted code VPS-9997.
    #[arg(long, default_value_t = 0.0)]
    unlisted_code_after_booking: f64,
    /// Probability of booking a refund, void or post-auth then closing the connection without a
    /// reply (sales and inquiries answer).
    #[arg(long, default_value_t = 0.0)]
    drop_follow_up_reply: f64,
    /// Probability of booking an approved sale, reversing it at the host ("Teknik İptal") and
    /// closing the connection without a reply.
    #[arg(long, default_value_t = 0.0)]
    technical_reversal_after_booking: f64,
    /// Inquiries list no refund rows (the report still does).
    #[arg(long)]
    inquiry_omits_refunds: bool,
    /// A void of a captured pre-auth voids the pre-auth too (Akbank's test host voids only the
    /// post-auth and reopens the pre-auth).
    #[arg(long)]
    void_after_capture_voids_pre_auth: bool,
    /// Instalments on the Mastercard test card get VPS-1044, as for a card of another bank.
    #[arg(long)]
    mastercard_test_card_not_onus: bool,
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    let mut terminals = vec![SimTerminal {
        merchant_safe_id: a.merchant_safe_id,
        terminal_safe_id: a.terminal_safe_id,
        secret_key: a.secret_key,
        recurring_allowed: a.recurring_allowed,
    }];
    let b = SimTerminal::test_b();
    if terminals[0].terminal_safe_id != b.terminal_safe_id {
        terminals.push(b);
    }
    let config = SimConfig {
        port: a.port,
        terminals,
        seed: a.seed,
        ledger_path: a.ledger,
        faults: Faults {
            latency_ms: a.latency_ms,
            jitter_ms: a.jitter_ms,
            drop_after_booking: a.drop_after_booking,
            error_5xx_before_booking: a.error_5xx_before_booking,
            error_5xx_after_booking: a.error_5xx_after_booking,
            malformed_after_booking: a.malformed_after_booking,
            suspicious_after_booking: a.suspicious_after_booking,
            throttle_429: a.throttle_429,
            retry_after_secs: a.retry_after_secs,
            hold_without_record: a.hold_without_record,
            unlisted_code_after_booking: a.unlisted_code_after_booking,
            drop_follow_up_reply: a.drop_follow_up_reply,
            technical_reversal_after_booking: a.technical_reversal_after_booking,
            inquiry_omits_refunds: a.inquiry_omits_refunds,
            void_after_capture_voids_pre_auth: a.void_after_capture_voids_pre_auth,
            mastercard_test_card_not_onus: a.mastercard_test_card_not_onus,
            ..Faults::NONE
        },
        ..SimConfig::default()
    };
    let handle = match Simulator::start(config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("tahsildar-bank-sim: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", handle.base_url());
    let _ = out.flush();
    let _ = tokio::signal::ctrl_c().await;
    handle.shutdown().await;
}
