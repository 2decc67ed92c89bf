//! Permissions (granted per store or for every store) and the role presets.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::stored::stored_enum;

stored_enum! {
    /// One thing a user may do, granted per store or for every store.
    #[derive(PartialOrd, Ord)]
    pub enum Permission {
        CreateCollections = "create_collections",
        ImportBatches = "import_batches",
        SubmitProvisions = "submit_provisions",
        Void = "void",
        Refund = "refund",
        ReplaceCard = "replace_card",
        ViewReports = "view_reports",
        Export = "export",
        ManageStores = "manage_stores",
        ManageUsers = "manage_users",
        ViewAudit = "view_audit",
    }
}

impl Permission {
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
}

stored_enum! {
    /// A role preset: a named set of permissions. `Custom` marks a user whose grants were edited.
    pub enum Role {
        /// Everything, on every store.
        Admin = "admin",
        /// Day-to-day work: collections, imports, provisions, voids, card replacement, reports,
        /// exports. Refunds (money going back out) and all settings stay with the administrator.
        Operator = "operator",
        /// Everything on its stores (refunds included) except managing users and stores.
        Manager = "manager",
        /// Reports only.
        Viewer = "viewer",
        Custom = "custom",
    }
}

impl Role {
    /// The permissions of the preset.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &Permission::ALL,
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
        assert_eq!(Role::parse("manager"), Some(Role::Manager));
        assert_eq!(Role::Manager.as_str(), "manager");
    }

    #[test]
    fn a_manager_preset_stays_on_its_store() {
        let grants = Grant::preset(Role::Manager, Scope::Store(7));
        assert!(grants.iter().all(|g| g.scope == Scope::Store(7)));
        assert_eq!(grants.len(), Role::Manager.permissions().len());
    }
}
