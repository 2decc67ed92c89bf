//! Users, roles, per-store permissions, sign-in and sessions.

pub mod lockout;
pub mod password;
pub mod permission;
pub(crate) mod reach;
pub mod session;
pub mod users;
pub mod whoami;

pub use lockout::Lockout;
pub use permission::{Grant, Permission, Role, RolePreset, Scope, presets};
pub use session::{Auth, IDLE_TIMEOUT, LOCKOUT, MAX_FAILED_ATTEMPTS, Session};
pub use users::{NewUser, UserInfo};
pub use whoami::{PermissionScope, SessionInfo, session_info};
