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

/// A role preset as the window shows it: the permissions it fills in on a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RolePreset {
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// True when the preset always applies on every store (the administrator).
    pub all_stores_only: bool,
}

/// The presets a user's permissions can be filled from, in the order the window offers them.
pub fn presets() -> Vec<RolePreset> {
    [Role::Admin, Role::Manager, Role::Operator, Role::Viewer]
        .into_iter()
        .map(|role| RolePreset {
            role,
            permissions: role.permissions().to_vec(),
            all_stores_only: role == Role::Admin,
        })
        .collect()
}

impl Role {
    /// The preset a set of grants is, or `Custom`: the same preset's permissions on each scope
    /// it names (the administrator's on every store only).
    pub fn of_grants(grants: &[Grant]) -> Role {
        let mut scopes: Vec<Scope> = grants.iter().map(|g| g.scope).collect();
        scopes.sort_by_key(|s| s.store_id());
        scopes.dedup();
        let permissions_on = |scope: Scope| {
            let mut on: Vec<Permission> = grants
                .iter()
                .filter(|g| g.scope == scope)
                .map(|g| g.permission)
                .collect();
            on.sort();
            on.dedup();
            on
        };
        let Some(&first) = scopes.first() else {
            return Role::Custom;
        };
        let first_set = permissions_on(first);
        if scopes.iter().any(|&s| permissions_on(s) != first_set) {
            return Role::Custom;
        }
        [Role::Admin, Role::Manager, Role::Operator, Role::Viewer]
            .into_iter()
            .find(|role| {
                let mut preset = role.permissions().to_vec();
                preset.sort();
                preset == first_set && (*role != Role::Admin || scopes == [Scope::AllStores])
            })
            .unwrap_or(Role::Custom)
    }
}

impl Grant {
    /// The grants without repeats or a store's grant that the same permission on every store
    /// already covers, in a stable order (by permission, every store first).
    pub fn normalised(grants: &[Grant]) -> Vec<Grant> {
        let everywhere: Vec<Permission> = grants
            .iter()
            .filter(|g| g.scope == Scope::AllStores)
            .map(|g| g.permission)
            .collect();
        let mut kept: Vec<Grant> = grants
            .iter()
            .copied()
            .filter(|g| g.scope == Scope::AllStores || !everywhere.contains(&g.permission))
            .collect();
        kept.sort_by_key(|g| (g.permission, g.scope.store_id()));
        kept.dedup();
        kept
    }

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
    fn grants_name_their_preset_or_custom() {
        let admin = Grant::preset(Role::Admin, Scope::AllStores);
        assert_eq!(Role::of_grants(&admin), Role::Admin);
        let mut two = Grant::preset(Role::Manager, Scope::Store(1));
        two.extend(Grant::preset(Role::Manager, Scope::Store(2)));
        assert_eq!(Role::of_grants(&two), Role::Manager);
        two.pop();
        assert_eq!(Role::of_grants(&two), Role::Custom);
        let admin_on_one = Grant::preset(Role::Admin, Scope::AllStores)
            .into_iter()
            .map(|g| Grant {
                scope: Scope::Store(1),
                ..g
            })
            .collect::<Vec<_>>();
        assert_eq!(Role::of_grants(&admin_on_one), Role::Custom);
        assert_eq!(Role::of_grants(&[]), Role::Custom);
    }

    #[test]
    fn normalising_drops_what_every_store_already_covers() {
        let everywhere = Grant {
            permission: Permission::Refund,
            scope: Scope::AllStores,
        };
        let on_one = Grant {
            permission: Permission::Refund,
            scope: Scope::Store(3),
        };
        let other = Grant {
            permission: Permission::Void,
            scope: Scope::Store(3),
        };
        assert_eq!(
            Grant::normalised(&[other, on_one, everywhere, other]),
            vec![other, everywhere]
        );
    }

    #[test]
    fn a_manager_preset_stays_on_its_store() {
        let grants = Grant::preset(Role::Manager, Scope::Store(7));
        assert!(grants.iter().all(|g| g.scope == Scope::Store(7)));
        assert_eq!(grants.len(), Role::Manager.permissions().len());
    }
}
