//! Which stores a report covers: the one asked for (if the user may see it), else every store
//! the user holds `view_reports` on.

use crate::auth::{Permission, Session};
use crate::error::Result;

/// The SQL condition on `column` (a store id) for the stores the report covers.
pub(crate) fn stores(session: &Session, store_id: Option<i64>, column: &str) -> Result<String> {
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
        return Ok(format!("{column} = {id}"));
    }
    // Store ids are integers from the vault: safe to write into the statement.
    Ok(match session.stores_with(Permission::ViewReports)? {
        None => "1".to_string(),
        Some(ids) if ids.is_empty() => "0".to_string(),
        Some(ids) => {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("{column} IN ({})", list.join(","))
        }
    })
}
