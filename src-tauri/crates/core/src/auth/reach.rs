//! What a user who manages users may change: nobody grants or takes away a permission they do
//! not hold on that store, nor manages users on a store where they do not, and nobody resets
//! the password of, unlocks or disables a user who holds more than they do.

use rusqlite::{Connection, OptionalExtension};

use crate::auth::permission::{Grant, Permission, Scope};
use crate::error::{Error, Result};

/// The grants one user holds.
pub(crate) struct Holdings {
    grants: Vec<Grant>,
}

impl Holdings {
    /// The grants of user `user_id` as the database has them now.
    pub(crate) fn of(c: &Connection, user_id: i64) -> Result<Holdings> {
        Ok(Holdings {
            grants: grants_of(c, user_id)?,
        })
    }

    /// True when these grants include `grant`: the same permission on every store, or on its
    /// store.
    pub(crate) fn holds(&self, grant: Grant) -> bool {
        self.grants.iter().any(|g| {
            g.permission == grant.permission
                && (g.scope == Scope::AllStores || g.scope == grant.scope)
        })
    }

    /// Refuses a change of a user's grants from `before` to `after` when the acting user (these
    /// holdings) does not hold, on its scope, a grant added or taken away, or does not manage
    /// users there. The first such grant is named (by permission, then store).
    pub(crate) fn check_change(
        &self,
        c: &Connection,
        before: &[Grant],
        after: &[Grant],
    ) -> Result<()> {
        let before = Grant::normalised(before);
        let after = Grant::normalised(after);
        let mut changed: Vec<Grant> = before
            .iter()
            .filter(|g| !after.contains(g))
            .chain(after.iter().filter(|g| !before.contains(g)))
            .copied()
            .collect();
        changed.sort_by_key(|g| (g.permission, g.scope.store_id()));
        for grant in changed {
            let manage = Grant {
                permission: Permission::ManageUsers,
                scope: grant.scope,
            };
            for needed in [grant, manage] {
                if !self.holds(needed) {
                    return Err(Error::GrantBeyondOwn {
                        permission: needed.permission,
                        store: store_name(c, needed.scope)?,
                    });
                }
            }
        }
        Ok(())
    }

    /// Refuses acting on user `name` (who holds `theirs`) when they hold a grant these holdings
    /// do not.
    pub(crate) fn check_covers(&self, c: &Connection, name: &str, theirs: &[Grant]) -> Result<()> {
        let mut theirs = Grant::normalised(theirs);
        theirs.sort_by_key(|g| (g.permission, g.scope.store_id()));
        match theirs.into_iter().find(|g| !self.holds(*g)) {
            None => Ok(()),
            Some(beyond) => Err(Error::UserBeyondOwn {
                user: name.to_string(),
                permission: beyond.permission,
                store: store_name(c, beyond.scope)?,
            }),
        }
    }
}

/// A user's grants as stored.
pub(crate) fn grants_of(c: &Connection, user_id: i64) -> Result<Vec<Grant>> {
    let mut stmt = c.prepare(
        "SELECT store_id, permission FROM user_grants WHERE user_id = ?1 ORDER BY permission, store_id",
    )?;
    let rows = stmt
        .query_map([user_id], |r| {
            Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(store, code)| {
            Some(Grant {
                permission: Permission::parse(&code)?,
                scope: store.map_or(Scope::AllStores, Scope::Store),
            })
        })
        .collect())
}

/// The store's name for a message (`None` for every store; the id when it has no row).
fn store_name(c: &Connection, scope: Scope) -> Result<Option<String>> {
    let Scope::Store(id) = scope else {
        return Ok(None);
    };
    let name: Option<String> = c
        .query_row("SELECT name FROM stores WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(Some(name.unwrap_or_else(|| id.to_string())))
}

/// Refuses a change after which no enabled user manages users on every store (nobody could
/// then give or take any permission on a store that is added later).
pub(crate) fn check_someone_administers(c: &Connection) -> Result<()> {
    let someone: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM users u JOIN user_grants g ON g.user_id = u.id
             WHERE u.disabled = 0 AND g.permission = 'manage_users' AND g.store_id IS NULL)",
        [],
        |r| r.get(0),
    )?;
    if someone {
        Ok(())
    } else {
        Err(Error::invalid(
            "grants",
            crate::i18n::Text::new(
                "En az bir etkin kullanıcı tüm mağazalarda kullanıcı yönetimi yetkisini korumalı.",
                "At least one enabled user must keep managing users on every store.",
            ),
        ))
    }
}
