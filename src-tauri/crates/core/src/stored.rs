//! Every state the vault stores is one enum, declared once with [`stored_enum!`]: its variants
//! and the stable name each is stored under. The same name is what the window receives (serde,
//! and a TypeScript union with the `specta` feature), what the command line prints and what the
//! schema's `CHECK` allows (`tests::the_schema_allows_exactly_the_stored_names`). Words for
//! people (`text()`) are written beside each enum, as exhaustive matches.
//!
//! In SQL a state is bound as a parameter (`ToSql`) or spelled with [`sql_list`], never as a
//! string literal, so a renamed or removed state fails to compile instead of matching nothing.

/// Declares a stored enum:
///
/// ```ignore
/// stored_enum! {
///     /// Where a store's day stands.
///     pub enum DayState {
///         /// Every row matched.
///         Settled = "settled",
///         Pending = "pending",
///     }
/// }
/// ```
///
/// gives the enum with `ALL`, `as_str`, `parse`, `ToSql`, `FromSql`, `Display`, serde under
/// the stored names and, with the `specta` feature, its TypeScript type.
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; <[&str]>::len(&[$($text),+])] = [$($name::$variant),+];

            /// The stable name stored in the vault.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value stored under `text`, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} {text:?} in the vault", stringify!($name)).into(),
                    )
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::stored::Stored for $name {
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

pub(crate) use stored_enum;

/// A value stored under a stable name.
pub trait Stored: Copy {
    fn name(self) -> &'static str;
}

/// A stored state with its allowed steps, kept in one column of one table.
pub(crate) trait StateMachine: Stored + rusqlite::types::ToSql + std::fmt::Display {
    /// The table and column the state is stored in, and what one row is called in an error.
    const TABLE: &'static str;
    const COLUMN: &'static str;
    const NOUN: &'static str;
    /// Whether a row may go from `self` to `next`.
    fn allows(self, next: Self) -> bool;
}

/// Moves the rows `rows` picks (SQL over the state's table, e.g. `id = :id`) that are still in
/// one of `from` to `to`, setting `also` in the same statement (e.g. `updated_at = :now`, or
/// empty); `params` are the named parameters of `rows` and `also`. Returns how many changed: a
/// row no longer in `from` (another writer moved it first) is left as it is.
///
/// A step the state machine does not allow is an error, not a debug assertion: `from` and `to`
/// are fixed at each call, so a wrong pair is a mistake in the calling code that fails the
/// first test taking that path, and in a release build it still writes nothing instead of a
/// state the rest of the program does not expect.
pub(crate) fn transition<S: StateMachine>(
    tx: &rusqlite::Transaction,
    rows: &str,
    from: &[S],
    to: S,
    also: &str,
    params: &[(&str, &dyn rusqlite::types::ToSql)],
) -> crate::error::Result<usize> {
    if let Some(bad) = from.iter().find(|f| !f.allows(to)) {
        return Err(crate::error::Error::Internal(format!(
            "a {} may not go from {bad} to {to}",
            S::NOUN
        )));
    }
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(", {also}")
    };
    let (table, column) = (S::TABLE, S::COLUMN);
    let sql = format!(
        "UPDATE {table} SET {column} = :to{also} WHERE ({rows}) AND {column} IN ({})",
        sql_list(from)
    );
    let mut params = params.to_vec();
    params.push((":to", &to));
    Ok(tx.prepare_cached(&sql)?.execute(params.as_slice())?)
}

/// `'a', 'b'` for an SQL `IN (…)` made of stored names.
pub fn sql_list<T: Stored>(values: &[T]) -> String {
    values
        .iter()
        .map(|v| format!("'{}'", v.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    stored_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn names_round_trip_through_text_json_and_sql() {
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.as_str()), Some(colour));
            assert_eq!(serde_json::to_value(colour).unwrap(), colour.as_str());
            assert_eq!(colour.to_string(), colour.as_str());
        }
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(sql_list(&Colour::ALL), "'red', 'dark_blue'");

        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: Colour = c
            .query_row("SELECT ?1", [Colour::DarkBlue], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Colour::DarkBlue);
        let err = c
            .query_row("SELECT 'green'", [], |r| r.get::<_, Colour>(0))
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown Colour \"green\""),
            "{err}"
        );
    }

    /// The names a column's `CHECK (column IN (…))` allows, read from the schema as migrated.
    fn allowed(conn: &rusqlite::Connection, table: &str, column: &str) -> Vec<String> {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("table {table}: {e}"));
        let check = format!("CHECK ({column} IN (");
        let start = sql
            .find(&check)
            .unwrap_or_else(|| panic!("{table}.{column} has no CHECK list"))
            + check.len();
        let end = start + sql[start..].find(')').unwrap();
        sql[start..end]
            .split(',')
            .map(|n| n.trim().trim_matches('\'').to_string())
            .collect()
    }

    fn names<T: Stored>(all: &[T]) -> Vec<String> {
        all.iter().map(|v| v.name().to_string()).collect()
    }

    #[test]
    fn the_schema_allows_exactly_the_stored_names() {
        use crate::auth::Role;
        use crate::engine::attempt_state::AttemptState;
        use crate::engine::follow_up::{FollowUpKind, FollowUpState};
        use crate::payments::PaymentStatus;
        use crate::plan::terms::{CollectionKind, PlanStatus, ProvisionKind};
        use crate::settlement::{DayState, DifferenceKind};
        use crate::store::Environment;

        let conn = crate::vault::db::migrated_in_memory();
        let cases = [
            ("stores", "environment", names(&Environment::ALL)),
            (
                "customers",
                "status",
                names(&crate::customer::CustomerStatus::ALL),
            ),
            ("users", "role", names(&Role::ALL)),
            ("plans", "kind", names(&CollectionKind::ALL)),
            ("plans", "status", names(&PlanStatus::ALL)),
            ("payments", "status", names(&PaymentStatus::ALL)),
            ("attempts", "state", names(&AttemptState::ALL)),
            ("attempts", "kind", names(&ProvisionKind::ALL)),
            ("reversals", "kind", names(&FollowUpKind::ALL)),
            ("reversals", "state", names(&FollowUpState::ALL)),
            ("settlement_days", "state", names(&DayState::ALL)),
            (
                "settlement_differences",
                "kind",
                names(&DifferenceKind::ALL),
            ),
            (
                "card_instruction_scans",
                "media_type",
                names(&crate::customer::instruction_scan::ScanType::ALL),
            ),
        ];
        for (table, column, mut expected) in cases {
            let mut allowed = allowed(&conn, table, column);
            allowed.sort();
            expected.sort();
            assert_eq!(allowed, expected, "{table}.{column}");
        }
    }
}
