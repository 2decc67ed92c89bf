//! The SQLCipher database: safe opening (never create, never modify a file that does not open),
//! pragmas, embedded migrations, and the connection model.
//!
//! Connection model: one writer connection behind a mutex (every write is an IMMEDIATE
//! transaction, so concurrent writers queue here instead of failing with SQLITE_BUSY) and one
//! reader connection behind its own mutex; in WAL mode a read never waits for a write. The API
//! is blocking; async callers use `spawn_blocking`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::keys::DataKey;

/// SQLCipher's page size (the default of SQLCipher 4).
pub const PAGE_SIZE: u64 = 4096;
const SQLITE_PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Embedded migrations, applied in order and recorded in `schema_migrations`.
const MIGRATIONS: &[(u32, &str, &str)] = &[
    (
        1,
        "stores",
        include_str!("../../migrations/0001_stores.sql"),
    ),
    (
        2,
        "users_and_grants",
        include_str!("../../migrations/0002_users_and_grants.sql"),
    ),
    (
        3,
        "audit_log",
        include_str!("../../migrations/0003_audit_log.sql"),
    ),
    (
        4,
        "collections",
        include_str!("../../migrations/0004_collections.sql"),
    ),
    (
        5,
        "import_batches",
        include_str!("../../migrations/0005_import_batches.sql"),
    ),
    (
        6,
        "pre_auth_and_follow_ups",
        include_str!("../../migrations/0006_pre_auth_and_follow_ups.sql"),
    ),
    (
        7,
        "payment_indexes",
        include_str!("../../migrations/0007_payment_indexes.sql"),
    ),
    (
        8,
        "manager_role",
        include_str!("../../migrations/0008_manager_role.sql"),
    ),
    (
        9,
        "attempt_edges",
        include_str!("../../migrations/0009_attempt_edges.sql"),
    ),
    (
        10,
        "settlement",
        include_str!("../../migrations/0010_settlement.sql"),
    ),
    (11, "runs", include_str!("../../migrations/0011_runs.sql")),
    (
        12,
        "day_totals",
        include_str!("../../migrations/0012_day_totals.sql"),
    ),
    (
        13,
        "attempt_batch_number",
        include_str!("../../migrations/0013_attempt_batch_number.sql"),
    ),
    (
        14,
        "must_change_password",
        include_str!("../../migrations/0014_must_change_password.sql"),
    ),
    (
        15,
        "backup_schedule",
        include_str!("../../migrations/0015_backup_schedule.sql"),
    ),
    (
        16,
        "customer_search_keys",
        include_str!("../../migrations/0016_customer_search_keys.sql"),
    ),
    (
        17,
        "customer_archive",
        include_str!("../../migrations/0017_customer_archive.sql"),
    ),
    (
        18,
        "payment_customer_key",
        include_str!("../../migrations/0018_payment_customer_key.sql"),
    ),
    (
        19,
        "store_retry_days",
        include_str!("../../migrations/0019_store_retry_days.sql"),
    ),
    (
        20,
        "card_instruction_scans",
        include_str!("../../migrations/0020_card_instruction_scans.sql"),
    ),
];

/// An open vault database, shareable across threads (`Arc<Db>`).
pub struct Db {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Sets the key; must be the first statement on a connection.
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    // A wrong key is reported as an error; SQLCipher's own log line on stderr adds nothing.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", key.sqlcipher_pragma().as_str())?;
    Ok(())
}

/// `PRAGMA cipher_version` must be non-empty, else the linked library is plain SQLite.
pub(crate) fn check_sqlcipher(conn: &Connection) -> Result<()> {
    let version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    match version {
        Some(v) if !v.is_empty() => Ok(()),
        _ => Err(Error::NotSqlcipher),
    }
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

/// Checks the file before SQLite sees it: present, whole pages, not a plaintext SQLite file.
pub(crate) fn check_file(path: &Path) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::VaultMissing(path.to_path_buf()));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        let shown = path.display();
        return Err(Error::VaultForeign(Text::new(
            format!("{shown} bir dosya değil"),
            format!("{shown} is not a file"),
        )));
    }
    let len = meta.len();
    if len < PAGE_SIZE || len % PAGE_SIZE != 0 {
        return Err(Error::VaultDamaged(Text::new(
            format!(
                "boyutu {len} bayt, {PAGE_SIZE} baytlık sayfaların tam katı değil (kesilmiş olabilir)"
            ),
            format!(
                "size {len} bytes is not a whole number of {PAGE_SIZE}-byte pages (truncated?)"
            ),
        )));
    }
    let mut header = [0u8; 16];
    use std::io::Read;
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|e| Error::io(path, e))?;
    if &header == SQLITE_PLAIN_HEADER {
        return Err(Error::VaultForeign(Text::new(
            "şifrelenmemiş bir SQLite veritabanı",
            "an unencrypted SQLite database",
        )));
    }
    Ok(())
}

/// Opens read-only with `key` and reads the schema: proves the key without writing anything.
/// `key_matches_meta` tells a damaged file (right key, unreadable) from a wrong key.
pub(crate) fn verify_readonly(path: &Path, key: &DataKey, key_matches_meta: bool) -> Result<()> {
    check_file(path)?;
    let created =
        [sibling(path, "-wal"), sibling(path, "-shm")].map(|p| (!p.exists()).then_some(p));
    let result = verify_readonly_inner(path, key, key_matches_meta);
    if result.is_err() {
        // SQLite may have created an empty WAL index beside the file; a failed open leaves no trace.
        for p in created.into_iter().flatten() {
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

fn verify_readonly_inner(path: &Path, key: &DataKey, key_matches_meta: bool) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    check_sqlcipher(&conn)?;
    let tables: std::result::Result<i64, _> = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        [],
        |r| r.get(0),
    );
    match tables {
        Ok(1) => check_page_count(path, &conn),
        Ok(_) => Err(Error::VaultForeign(Text::new(
            "bu veritabanında Tahsildar tabloları yok",
            "no Tahsildar schema in this database",
        ))),
        Err(e) if is_not_a_database(&e) => {
            if key_matches_meta {
                Err(Error::VaultDamaged(Text::new(
                    "doğru anahtar dosyayı çözmüyor",
                    "the right key does not decrypt the file",
                )))
            } else {
                Err(Error::VaultWrongKey)
            }
        }
        Err(e) => Err(unreadable(&e)),
    }
}

/// Without a WAL, the database header's page count must match the file: a file cut at a page
/// boundary is caught here, before anything is opened for writing.
fn check_page_count(path: &Path, conn: &Connection) -> Result<()> {
    let wal = sibling(path, "-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    if wal_len > 0 {
        return Ok(());
    }
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(|e| unreadable(&e))?;
    let pages = pages.max(0) as u64;
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if pages * PAGE_SIZE != len {
        let held = len / PAGE_SIZE;
        return Err(Error::VaultDamaged(Text::new(
            format!("dosyada {pages} sayfanın yalnızca {held} tanesi var (kesilmiş olabilir)"),
            format!("the file holds {held} of {pages} pages (truncated?)"),
        )));
    }
    Ok(())
}

pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The file could not be read: SQLite's own words as the technical detail.
fn unreadable(e: &rusqlite::Error) -> Error {
    Error::VaultDamaged(Text::new(
        format!("dosya okunamadı; teknik ayrıntı: {e}"),
        format!("the file could not be read; technical detail: {e}"),
    ))
}

/// Errors met while opening a verified file mean damage, not a bug.
fn damaged(e: Error) -> Error {
    match e {
        Error::Database(rusqlite::Error::SqliteFailure(f, msg))
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
        {
            let why = msg.unwrap_or_else(|| f.to_string());
            Error::VaultDamaged(Text::new(
                format!("SQLite dosyayı okuyamadı; teknik ayrıntı: {why}"),
                format!("SQLite could not read the file; technical detail: {why}"),
            ))
        }
        other => other,
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!(
            "journal mode {mode}, expected wal"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Every page read from the file is decrypted and authenticated: a page cache of up to
    // 64 MiB per connection (taken only as pages are read) keeps a large vault's indexes and
    // recent rows decrypted, and sorting and grouping stay in memory.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // The engine's and the import's statements, prepared once per connection and kept.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// How many prepared statements each connection keeps.
const STATEMENT_CACHE: usize = 64;

/// The page cache of each connection, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

fn open_keyed(path: &Path, key: &DataKey, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key)?;
    check_sqlcipher(&conn)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    configure(&conn)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )",
    )?;
    let applied: Vec<u32> = {
        let mut stmt = conn.prepare("SELECT version FROM schema_migrations")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    // Rebuilding a table means dropping it, which foreign keys would refuse.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = apply_migrations(conn, &applied);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

/// What a migration needs the program for: filling new columns with values SQL cannot make.
fn after_migration(tx: &rusqlite::Transaction, version: u32) -> Result<()> {
    match version {
        16 => crate::customer::fill_search_keys(tx),
        _ => Ok(()),
    }
}

/// Applies, in order, every migration not recorded as applied.
fn apply_migrations(conn: &mut Connection, applied: &[u32]) -> Result<()> {
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.contains(&m.0)) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let failed = |detail: String| Error::Migration { version, detail };
        tx.execute_batch(sql).map_err(|e| failed(e.to_string()))?;
        after_migration(&tx, version).map_err(|e| failed(e.to_string()))?;
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(failed(format!("{broken} rows break a foreign key")));
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![version, name, jiff::Timestamp::now().to_string()],
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// An in-memory database with every migration applied (for tests of the schema).
#[cfg(test)]
pub(crate) fn migrated_in_memory() -> Connection {
    let mut conn = Connection::open_in_memory().expect("an in-memory database");
    migrate(&mut conn).expect("the migrations apply");
    conn
}

/// What SQLite plans for a statement, one step a line (for tests that a query uses its index).
#[cfg(test)]
pub(crate) fn query_plan(
    conn: &Connection,
    sql: &str,
    values: &[rusqlite::types::Value],
) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("a statement");
    stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(3))
        .expect("its plan")
        .collect::<std::result::Result<_, _>>()
        .expect("its steps")
}

impl Db {
    /// Creates a new database at `path`, which must not exist.
    pub(crate) fn create(path: &Path, key: &DataKey) -> Result<Db> {
        if path.exists() {
            return Err(Error::VaultExists(path.to_path_buf()));
        }
        // Made private first: SQLite then gives its WAL and shared-memory files the same mode.
        crate::paths::create_private(path, false)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut writer = open_keyed(path, key, flags)?;
        migrate(&mut writer)?;
        Self::finish(path, key, writer)
    }

    /// Opens an existing database: verifies the key read-only first, and only then opens it
    /// for writing and applies pending migrations. Never creates a file.
    pub(crate) fn open(path: &Path, key: &DataKey, key_matches_meta: bool) -> Result<Db> {
        verify_readonly(path, key, key_matches_meta)?;
        let wal = sibling(path, "-wal");
        let shm = sibling(path, "-shm");
        let had_wal = wal.exists();
        let opened = (|| {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let mut writer = open_keyed(path, key, flags)?;
            migrate(&mut writer)?;
            Self::finish(path, key, writer)
        })();
        if opened.is_err()
            && !had_wal
            && std::fs::metadata(&wal)
                .map(|m| m.len() == 0)
                .unwrap_or(false)
        {
            // Leave no trace of a failed open: drop the empty WAL this attempt created.
            let _ = std::fs::remove_file(&wal);
            let _ = std::fs::remove_file(&shm);
        }
        opened.map_err(damaged)
    }

    fn finish(path: &Path, key: &DataKey, writer: Connection) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let reader = open_keyed(path, key, flags)?;
        reader.pragma_update(None, "query_only", "ON")?;
        Ok(Db {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in an IMMEDIATE transaction on the writer connection and commits when it
    /// returns `Ok`; an `Err` rolls everything back.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` on the reader connection (query-only).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = lock(&self.reader);
        f(&conn)
    }

    /// Runs `f` with the writer connection itself, outside any transaction (backup export).
    pub(crate) fn with_writer<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = lock(&self.writer);
        f(&conn)
    }

    /// `PRAGMA integrity_check` says `ok`.
    pub fn integrity_ok(&self) -> Result<bool> {
        self.read(|c| {
            let result: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            Ok(result == "ok")
        })
    }

    /// Versions of every migration this program knows, in order.
    pub fn known_migrations() -> Vec<u32> {
        MIGRATIONS.iter().map(|m| m.0).collect()
    }

    /// Versions of the applied migrations, in order.
    pub fn applied_migrations(&self) -> Result<Vec<u32>> {
        self.read(|c| {
            let mut stmt = c.prepare("SELECT version FROM schema_migrations ORDER BY version")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<Vec<u32>, _>>()?)
        })
    }
}
