//! Arguments of the collection commands: customers, cards, plans, runs, payments.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer to a store.
    Add(CustomerAddArgs),
    /// Archive a customer: its running plans are cancelled, its history kept, and nothing is
    /// charged or added until it is taken out of the archive.
    Archive(CustomerRefArgs),
    /// Take a customer out of the archive (its cancelled plans stay cancelled).
    Unarchive(CustomerRefArgs),
}

#[derive(Debug, Args)]
pub struct CustomerRefArgs {
    #[arg(long, value_name = "STORE")]
    pub store: String,
    #[arg(long = "ref", value_name = "REF")]
    pub reference: String,
}

#[derive(Debug, Args)]
pub struct CustomerAddArgs {
    #[arg(long, value_name = "STORE")]
    pub store: String,
    /// The store's own reference (member, flat or policy number).
    #[arg(long = "ref", value_name = "REF")]
    pub reference: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a card to a customer (the number is read from an environment variable).
    Add(CardAddArgs),
    /// Replace a card with a new one (the number is read from an environment variable): the
    /// new card takes the old one's place and the payments waiting on it; the old one is kept
    /// for the history and never charged again.
    Replace {
        /// The card's id (`customers --json` lists them).
        #[arg(long, value_name = "ID")]
        card: i64,
        #[command(flatten)]
        new: TypedCardArgs,
    },
}

/// A card as given on the command line: its number in an environment variable, never in
/// the arguments.
#[derive(Debug, Args)]
pub struct TypedCardArgs {
    /// Name of the environment variable holding the card number.
    #[arg(long, value_name = "VAR")]
    pub pan_env: String,
    /// MM/YY.
    #[arg(long, value_name = "MM/YY")]
    pub expiry: String,
    #[arg(long)]
    pub holder: Option<String>,
}

#[derive(Debug, Args)]
pub struct CardAddArgs {
    #[arg(long, value_name = "STORE")]
    pub store: String,
    #[arg(long = "ref", value_name = "REF")]
    pub reference: String,
    #[command(flatten)]
    pub card: TypedCardArgs,
    /// Add after the existing cards instead of as the new primary card.
    #[arg(long)]
    pub alternate: bool,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[arg(long, value_name = "STORE")]
    pub store: String,
    #[arg(long = "ref", value_name = "REF")]
    pub reference: String,
    /// 1.234,50 or 1234.50.
    #[arg(long)]
    pub amount: String,
    #[arg(long, default_value = "TRY")]
    pub currency: String,
    /// First (or only) due date, YYYY-MM-DD; default today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Bank installments (2 up to the store's maximum).
    #[arg(long, value_name = "N", conflicts_with = "every")]
    pub installments: Option<u8>,
    /// Recurring: 1m, 2w, 10d.
    #[arg(long, value_name = "CADENCE")]
    pub every: Option<String>,
    /// Number of recurring payments.
    #[arg(long, value_name = "N", requires = "every", conflicts_with = "until")]
    pub count: Option<u32>,
    /// Last date of recurring payments.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "every")]
    pub until: Option<String>,
    /// Merchant instalments: --amount is a total split over the recurring payments (the
    /// remainder kuruş on the last).
    #[arg(long, requires = "every")]
    pub split: bool,
    #[arg(long)]
    pub description: Option<String>,
    /// Pre-authorise instead of charging: the amount is held on the card until `capture` (or
    /// `void`). One-off and installment collections only.
    #[arg(long, conflicts_with = "every")]
    pub pre_auth: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[arg(long, value_name = "STORE")]
    pub store: Option<String>,
    /// Base URL of the simulator for sandbox stores (also TAHSILDAR_SANDBOX_URL).
    #[arg(long, value_name = "URL", env = "TAHSILDAR_SANDBOX_URL")]
    pub sandbox_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Match this day (YYYY-MM-DD, Istanbul) against the bank's history report, settled or not.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub day: Option<String>,
}

#[derive(Debug, Args)]
pub struct PaymentsArgs {
    #[arg(long, value_name = "STORE")]
    pub store: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due_from: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due_to: Option<String>,
    /// Only the payments of this import batch.
    #[arg(long, value_name = "ID")]
    pub batch: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Stop taking the plan's payments.
    Pause { plan: i64 },
    /// Take them again (payments that fell due meanwhile are skipped).
    Resume { plan: i64 },
    /// Cancel the payments not yet taken; history is kept.
    Cancel { plan: i64 },
    /// A new amount for the scheduled payments due from a date on (default today).
    Amount {
        plan: i64,
        #[arg(long)]
        amount: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Show what would change without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// A new end: payments beyond it are cancelled, a later end adds the missing ones.
    End {
        plan: i64,
        /// This many payments in all.
        #[arg(long, value_name = "N", conflicts_with = "until")]
        count: Option<u32>,
        /// The last due date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Do not collect one scheduled payment; the rest of the plan stays.
    Skip {
        plan: i64,
        #[arg(long, value_name = "ID")]
        payment: i64,
        #[arg(long)]
        dry_run: bool,
    },
}

/// The collection commands: customers, cards, collections, runs and payments.
#[derive(Debug, Subcommand)]
pub enum CollectionCommand {
    /// Customers of a store.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// List customers (cards masked).
    Customers {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
    },
    /// Cards of a customer.
    #[command(subcommand)]
    Card(CardCommand),
    /// Set up a collection: one-off, bank installments or recurring.
    Collect(CollectArgs),
    /// Charge everything due now and wait until done.
    Run(RunArgs),
    /// Run the background scheduler in the foreground until interrupted (Ctrl+C): each store
    /// at its run time, and at once for payments left from days this PC was off.
    Schedule(RunArgs),
    /// Resolve attempts whose outcome is not known, by asking the bank, and match the days not
    /// yet settled (or one day, with --day) against the bank's history report.
    Reconcile(ReconcileArgs),
    /// List payments.
    Payments(PaymentsArgs),
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
        #[command(flatten)]
        card: TypedCardArgs,
        /// Also keep the card on file as the customer's primary card.
        #[arg(long)]
        keep: bool,
    },
    /// Pause, resume, cancel a plan or change its amount.
    #[command(subcommand)]
    Plan(PlanCommand),
}
