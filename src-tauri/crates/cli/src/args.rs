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
    /// Restore a backup into the data directory (re-keyed to this PC).
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "VAR")]
        backup_passphrase_env: String,
        /// Confirm replacing an existing vault (its files are kept beside the new one).
        #[arg(long)]
        yes: bool,
    },
    /// Write a support bundle: the log files and a short description of this installation,
    /// never the vault or any card data.
    SupportBundle {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The accounts: a period's summary, a customer's ledger, the arrears, the coming dues.
    #[command(subcommand)]
    Report(crate::report_cmds::ReportCommand),
    /// The reports as files an office opens in Excel (XLSX or CSV).
    #[command(subcommand)]
    Export(crate::export_cmds::ExportCommand),
    /// Receipts (dekont) as one PDF, a page each: `receipt ATTEMPT [--kind sale|refund|void]`,
    /// `receipt --payment ID [--kind ...]`, `receipt --batch N`, or `receipt --from YYYY-MM-DD
    /// --to YYYY-MM-DD [--store S]`; always `--out FILE.pdf`.
    Receipt(crate::receipt_cmds::ReceiptArgs),
    /// Customers, cards, collections, runs and payments.
    #[command(flatten)]
    Collections(crate::collect_args::CollectionCommand),
    /// Spreadsheet imports and their batches.
    #[command(flatten)]
    Imports(crate::import_cmds::ImportCommand),
    /// Manual review and the daily settlement.
    #[command(flatten)]
    Bank(crate::review_cmds::BankCommand),
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
    /// Disable a user: they can no longer sign in.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
    /// Change your own password: the current one in TAHSILDAR_PASSWORD, the new one in the
    /// variable named by --new-password-env (also after an administrator reset it).
    Password {
        #[arg(long, value_name = "VAR", default_value = "TAHSILDAR_NEW_PASSWORD")]
        new_password_env: String,
    },
    /// Reset another user's password (in the variable named by --password-env); they must
    /// choose a new one at their next sign-in.
    Reset {
        name: String,
        #[arg(long, value_name = "VAR", default_value = "TAHSILDAR_NEW_PASSWORD")]
        password_env: String,
    },
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
    /// The entries, newest first, filtered by user, action, store and days.
    List(crate::audit_cmds::AuditListArgs),
}
