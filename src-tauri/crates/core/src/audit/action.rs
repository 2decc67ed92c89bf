//! Stable codes of audit actions, results and origins.

use serde::Serialize;

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the log.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

codes!(
    /// What was done.
    AuditAction {
        SignIn => "auth.sign_in",
        SignInFailed => "auth.sign_in_failed",
        Lockout => "auth.lockout",
        SignOut => "auth.sign_out",
        PermissionDenied => "auth.permission_denied",
        UserCreate => "user.create",
        UserUnlock => "user.unlock",
        UserDisable => "user.disable",
        UserEnable => "user.enable",
        UserPasswordChange => "user.password_change",
        UserGrantsChange => "user.grants_change",
        StoreCreate => "store.create",
        StoreUpdate => "store.update",
        StoreCredentialsChange => "store.credentials_change",
        CustomerAdd => "customer.add",
        PlanCreate => "plan.create",
        PlanChange => "plan.change",
        CardAdd => "card.add",
        CardReplace => "card.replace",
        ImportCommit => "import.commit",
        ImportCancel => "import.cancel",
        ProvisionSubmit => "provision.submit",
        ProvisionOutcome => "provision.outcome",
        ProvisionWithdraw => "provision.withdraw",
        ProvisionReview => "provision.review",
        Void => "payment.void",
        SettlementDay => "settlement.day",
        SettlementResolve => "settlement.resolve",
        Refund => "payment.refund",
        Export => "export",
        Receipt => "receipt.save",
        SupportBundle => "support.bundle",
        VaultCreate => "vault.create",
        VaultRecoveryUnlock => "vault.recovery_unlock",
        Backup => "vault.backup",
        Restore => "vault.restore",
    }
);

codes!(
    /// How it ended.
    AuditResult {
        Ok => "ok",
        Failed => "failed",
        Denied => "denied",
    }
);

codes!(
    /// Where it came from.
    Origin {
        App => "app",
        Cli => "cli",
        Scheduler => "scheduler",
    }
);
