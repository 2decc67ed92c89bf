//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "tahsildar-cli", version, about = "Tahsildar without a window")]
pub struct Cli {
    /// Data directory (default: the app's, or TAHSILDAR_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as this user (password in TAHSILDAR_PASSWORD).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// Name of the environment variable holding the vault passphrase (passphrase mode).
    #[arg(long, global = true, value_name = "VAR")]
    pub passphrase_env: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the vault and its administrator; prints the recovery key once.
    Init {
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// Open the vault with its recovery key and keep the key on this PC (keyring, or the
    /// passphrase given with --passphrase-env).
    Unlock {
        #[arg(long, value_name = "VAR")]
        recovery_key_env: String,
    },
    /// Users and their permissions.
    #[command(subcommand)]
    User(UserCommand),
    /// Stores (Akbank virtual POS terminals).
    #[command(subcommand)]
    Store(StoreCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write an encrypted backup of the vault.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_name = "VAR")]
        backup_passphrase_env: String,
    },
    /// Customers of a store.
    #[command(subcommand)]
    Customer(crate::collect_args::CustomerCommand),
    /// List customers (cards masked).
    Customers {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
    },
    /// Cards of a customer.
    #[command(subcommand)]
    Card(crate::collect_args::CardCommand),
    /// Set up a collection: one-off, bank installments or recurring.
    Collect(crate::collect_args::CollectArgs),
    /// Charge everything due now and wait until done.
    Run(crate::collect_args::RunArgs),
    /// Run the background scheduler in the foreground until interrupted (Ctrl+C): each store
    /// at its run time, and at once for payments left from days this PC was off.
    Schedule(crate::collect_args::RunArgs),
    /// Resolve attempts whose outcome is not known, by asking the bank, and match the days not
    /// yet settled (or one day, with --day) against the bank's history report.
    Reconcile(crate::collect_args::ReconcileArgs),
    /// An attempt in manual review: where it stands, or (with a flag) ask the bank, send the
    /// same order id again or close it as not charged.
    Review(crate::review_cmds::ReviewArgs),
    /// The daily settlement against the bank's history report.
    #[command(subcommand)]
    Settlement(crate::review_cmds::SettlementCommand),
    /// List payments.
    Payments(crate::collect_args::PaymentsArgs),
    /// Payments an operator must act on.
    Attention {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
    },
    /// Void an approved attempt (same day); an attempt whose outcome is not known yet is voided
    /// once reconciliation settles it.
    Void {
        attempt: i64,
        #[arg(long, value_name = "URL", env = "TAHSILDAR_SANDBOX_URL")]
        sandbox_url: Option<String>,
    },
    /// Refund an approved attempt, in full or in part.
    Refund {
        attempt: i64,
        #[arg(long)]
        amount: Option<String>,
        #[arg(long, value_name = "URL", env = "TAHSILDAR_SANDBOX_URL")]
        sandbox_url: Option<String>,
    },
    /// Capture an approved pre-authorisation, in full or in part (never above the authorised
    /// amount).
    Capture {
        attempt: i64,
        #[arg(long)]
        amount: Option<String>,
        #[arg(long, value_name = "URL", env = "TAHSILDAR_SANDBOX_URL")]
        sandbox_url: Option<String>,
    },
    /// Put another card on a payment; the next run charges it.
    Retry {
        payment: i64,
        #[arg(long, value_name = "VAR")]
        pan_env: String,
        #[arg(long, value_name = "MM/YY")]
        expiry: String,
        #[arg(long)]
        holder: Option<String>,
        /// Also keep the card on file as the customer's primary card.
        #[arg(long)]
        keep: bool,
    },
    /// Pause, resume, cancel a plan or change its amount.
    #[command(subcommand)]
    Plan(crate::collect_args::PlanCommand),
    /// Import collections from a spreadsheet (.xlsx, .xls, .ods, .csv, .txt): prints the
    /// dry-run report, then commits the rows without errors unless --dry-run is given.
    Import(crate::import_cmds::ImportArgs),
    /// List import batches.
    Batches {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
    },
    /// Act on an import batch.
    #[command(subcommand)]
    Batch(crate::import_cmds::BatchCommand),
    /// Write the import template (.xlsx) to a file.
    Template {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup into the data directory (re-keyed to this PC).
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "VAR")]
        backup_passphrase_env: String,
        /// Confirm replacing an existing vault (its files are kept beside the new one).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Manager,
    Operator,
    Viewer,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user with a role preset (password in the variable named by --password-env).
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Limit the preset to one store (name or id); default every store.
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "VAR", default_value = "TAHSILDAR_NEW_PASSWORD")]
        password_env: String,
    },
    /// Lift a lockout.
    Unlock { name: String },
    /// List users and their permissions.
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EnvArg {
    Sandbox,
    Test,
    Live,
}

#[derive(Debug, Args)]
pub struct StoreAddArgs {
    pub name: String,
    #[arg(long = "env", value_enum)]
    pub environment: EnvArg,
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long, value_name = "ID", requires_all = ["terminal_safe_id", "secret_key_env"])]
    pub merchant_safe_id: Option<String>,
    #[arg(long, value_name = "ID", requires = "merchant_safe_id")]
    pub terminal_safe_id: Option<String>,
    #[arg(long, value_name = "VAR", requires = "merchant_safe_id")]
    pub secret_key_env: Option<String>,
    #[arg(long, value_name = "N")]
    pub concurrency: Option<u32>,
    #[arg(long, value_name = "R")]
    pub rate: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Add a store.
    Add(StoreAddArgs),
    /// List the stores you may see.
    List,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the hash chain; names the first broken or missing link.
    Verify,
}
