//! Shared helpers.

use std::path::Path;
use std::sync::Arc;

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use tahsildar_core::auth::users;
use tahsildar_core::{
    Auth, Clock, DataDir, KdfParams, Origin, Protection, Session, SystemClock, TestClock, Vault,
};

pub const PAN: &str = "4355093000315232";
pub const ADMIN_PASSWORD: &str = "admin password 1";
pub const PASSPHRASE: &str = "a vault passphrase";

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

pub fn fast_passphrase() -> Protection {
    Protection::Passphrase {
        passphrase: secret(PASSPHRASE),
        params: KdfParams::TEST_ONLY_FAST,
    }
}

pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

/// Hash of a file's bytes, or of "absent".
pub fn file_hash(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => hex::encode(Sha256::digest(&bytes)),
        Err(_) => "absent".to_string(),
    }
}

/// Hashes of the database, its WAL and the metadata.
pub fn vault_hashes(dir: &DataDir) -> Vec<String> {
    let wal = dir.root().join("tahsildar.db-wal");
    vec![
        file_hash(&dir.db_path()),
        file_hash(&wal),
        file_hash(&dir.meta_path()),
    ]
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A passphrase-mode vault (cheap KDF) with an administrator, on a test clock.
pub struct Fixture {
    pub _tmp: tempfile::TempDir,
    pub clock: Arc<TestClock>,
    pub vault: Arc<Vault>,
    pub auth: Auth,
    pub admin: Session,
}

impl Fixture {
    pub fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        let clock = Arc::new(TestClock::new("2026-11-27T07:00:00Z".parse().unwrap()));
        let (vault, _) = Vault::create(&dir, &fast_passphrase(), clock.clone()).unwrap();
        users::create_first_admin(&vault, "admin", &secret(ADMIN_PASSWORD), Origin::App).unwrap();
        let vault = Arc::new(vault);
        let auth = Auth::new(vault.clone());
        let admin = auth
            .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
            .unwrap();
        Fixture {
            _tmp: tmp,
            clock,
            vault,
            auth,
            admin,
        }
    }
}

/// Stores a PAN the way card rows will: sealed, fingerprinted, masked.
pub fn put_card(vault: &Vault, pan: &str) -> i64 {
    vault
        .db()
        .write(|tx| {
            tx.execute_batch(
                "CREATE TABLE IF NOT EXISTS test_cards (id INTEGER PRIMARY KEY, pan_sealed BLOB, fingerprint BLOB, masked TEXT)",
            )?;
            tx.execute("INSERT INTO test_cards (masked) VALUES (?1)", [tahsildar_core::mask_pan(pan)])?;
            let id = tx.last_insert_rowid();
            let aad = format!("card:{id}:pan");
            tx.execute(
                "UPDATE test_cards SET pan_sealed = ?2, fingerprint = ?3 WHERE id = ?1",
                rusqlite::params![id, vault.keys().seal(pan.as_bytes(), aad.as_bytes()), vault.keys().fingerprint(pan).as_slice()],
            )?;
            Ok(id)
        })
        .unwrap()
}

pub fn get_card(vault: &Vault, id: i64) -> String {
    let sealed: Vec<u8> = vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT pan_sealed FROM test_cards WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let plain = vault
        .keys()
        .open(&sealed, format!("card:{id}:pan").as_bytes())
        .unwrap();
    String::from_utf8(plain.to_vec()).unwrap()
}
