//! Permissions (granted per store or for every store) and the role presets.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// One thing a user may do. The snake_case names are stable (stored, shown, sent to the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    CreateCollections,
    ImportBatches,
    SubmitProvisions,
    Void,
    Refund,
    ReplaceCard,
    ViewReports,
    Export,
    ManageStores,
    ManageUsers,
    ViewAudit,
}

impl Permission {
    pub const ALL: &'static [Permission] = &[
        Permission::CreateCollections,
        Permission::ImportBatches,
        Permission::SubmitProvisions,
        Permission::Void,
        Permission::Refund,
        Permission::ReplaceCard,
        Permission::ViewReports,
        Permission::Export,
        Permission::ManageStores,
        Permission::ManageUsers,
        Permission::ViewAudit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Permission::CreateCollections => "create_collections",
            Permission::ImportBatches => "import_batches",
            Permission::SubmitProvisions => "submit_provisions",
            Permission::Void => "void",
            Permission::Refund => "refund",
            Permission::ReplaceCard => "replace_card",
            Permission::ViewReports => "view_reports",
            Permission::Export => "export",
            Permission::ManageStores => "manage_stores",
            Permission::ManageUsers => "manage_users",
            Permission::ViewAudit => "view_audit",
        }
    }

    /// What the permission allows, as an operator reads it.
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            Permission::CreateCollections => ("tahsilat oluşturma", "creating collections"),
            Permission::ImportBatches => ("dosyadan aktarma", "importing files"),
            Permission::SubmitProvisions => ("provizyon gönderme", "sending provisions"),
            Permission::Void => ("iptal", "voids"),
            Permission::Refund => ("iade", "refunds"),
            Permission::ReplaceCard => ("kart değiştirme", "replacing cards"),
            Permission::ViewReports => ("raporları görme", "viewing reports"),
            Permission::Export => ("dışa aktarma", "exports"),
            Permission::ManageStores => ("mağaza yönetimi", "managing stores"),
            Permission::ManageUsers => ("kullanıcı yönetimi", "managing users"),
            Permission::ViewAudit => ("denetim kaydını görme", "viewing the audit log"),
        };
        Text::new(tr, en)
    }

    pub fn from_code(code: &str) -> Option<Permission> {
        Permission::ALL.iter().copied().find(|p| p.code() == code)
    }
}

/// A role preset: a named set of permissions. `Custom` marks a user whose grants were edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, on every store.
    Admin,
    /// Day-to-day work: collections, imports, provisions, voids, card replacement, reports,
    /// exports. Refunds (money going back out) and all settings stay with the administrator.
    Operator,
    /// Everything on its stores (refunds included) except managing users and stores.
    Manager,
    /// Reports only.
    Viewer,
    Custom,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Operator => "operator",
            Role::Manager => "manager",
            Role::Viewer => "viewer",
            Role::Custom => "custom",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [
            Role::Admin,
            Role::Operator,
            Role::Manager,
            Role::Viewer,
            Role::Custom,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    /// The permissions of the preset.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => Permission::ALL,
            Role::Operator => &[
                CreateCollections,
                ImportBatches,
                SubmitProvisions,
                Void,
                ReplaceCard,
                ViewReports,
                Export,
            ],
            Role::Manager => &[
                CreateCollections,
                ImportBatches,
                SubmitProvisions,
                Void,
                Refund,
                ReplaceCard,
                ViewReports,
                Export,
                ViewAudit,
            ],
            Role::Viewer => &[ViewReports],
            Role::Custom => &[],
        }
    }
}

/// Where a grant applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope", content = "store_id")]
pub enum Scope {
    AllStores,
    Store(i64),
}

impl Scope {
    pub(crate) fn store_id(self) -> Option<i64> {
        match self {
            Scope::AllStores => None,
            Scope::Store(id) => Some(id),
        }
    }
}

/// One permission on one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub permission: Permission,
    pub scope: Scope,
}

impl Grant {
    /// The grants of a preset on a scope. Admins always get every store.
    pub fn preset(role: Role, scope: Scope) -> Vec<Grant> {
        let scope = if role == Role::Admin {
            Scope::AllStores
        } else {
            scope
        };
        role.permissions()
            .iter()
            .map(|&permission| Grant { permission, scope })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_may_do_everything_but_manage_users_and_stores() {
        let managed: Vec<Permission> = Permission::ALL
            .iter()
            .copied()
            .filter(|p| !matches!(p, Permission::ManageUsers | Permission::ManageStores))
            .collect();
        assert_eq!(Role::Manager.permissions(), managed.as_slice());
        assert_eq!(Role::from_code("manager"), Some(Role::Manager));
        assert_eq!(Role::Manager.code(), "manager");
    }

    #[test]
    fn a_manager_preset_stays_on_its_store() {
        let grants = Grant::preset(Role::Manager, Scope::Store(7));
        assert!(grants.iter().all(|g| g.scope == Scope::Store(7)));
        assert_eq!(grants.len(), Role::Manager.permissions().len());
    }
}
