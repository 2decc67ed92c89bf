//! The log a support call reads, and what no log or output ever shows: flows with known card
//! numbers, expiries and secrets (some of them failing, one of them panicking), then every log
//! file, stdout and stderr searched for them.

use std::process::Output;

use crate::world::{ADMIN_PASSWORD, APPROVE, Data, PASSPHRASE, Sim, ok};

const DECLINE: &str = "4000000000009995";
const LUHN_BAD: &str = "4355093000315233";
const STORE_SECRET: &str = "3230323330393034313735303032363031353172675f357637355f3273387373";
const WRONG_PASSWORD: &str = "not the admin password";

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every file in a zip, by name, with its text.
fn bundle_entries(path: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut file, &mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn no_card_data_or_secret_reaches_a_log_or_the_output() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    let mut seen = String::new();
    let mut step = |args: &[&str], envs: &[(&str, &str)]| -> Output {
        let mut c = d.cmd();
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.args(args).output().unwrap();
        seen.push_str(&text(&out));
        out
    };
    let expiry = {
        let today = tahsildar_core::plan::today(&tahsildar_core::SystemClock);
        format!("{:02}/{:02}", today.month(), (today.year() + 4) % 100)
    };
    // A store with a secret key; customers with a good, a declining and a mistyped card.
    ok(step(
        &[
            "store",
            "add",
            "Merkez",
            "--env",
            "test",
            "--merchant-safe-id",
            "2023090417500272654BD9A49CF07574",
            "--terminal-safe-id",
            "2023090417500284633D137A249DBBEB",
            "--secret-key-env",
            "STORE_SECRET",
        ],
        &[("STORE_SECRET", STORE_SECRET)],
    ));
    for (reference, pan) in [("L-1", APPROVE), ("L-2", DECLINE)] {
        ok(step(
            &[
                "customer", "add", "--store", "Sandbox", "--ref", reference, "--name", "Ayşe",
            ],
            &[],
        ));
        ok(step(
            &[
                "card",
                "add",
                "--store",
                "Sandbox",
                "--ref",
                reference,
                "--pan-env",
                "PAN",
                "--expiry",
                &expiry,
            ],
            &[("PAN", pan)],
        ));
        ok(step(
            &[
                "collect", "--store", "Sandbox", "--ref", reference, "--amount", "75",
            ],
            &[],
        ));
    }
    let refused = step(
        &[
            "card",
            "add",
            "--store",
            "Sandbox",
            "--ref",
            "L-1",
            "--pan-env",
            "PAN",
            "--expiry",
            &expiry,
        ],
        &[("PAN", LUHN_BAD)],
    );
    assert!(!refused.status.success());
    // A panic while a request with its card is in memory.
    let panicked = step(&["run"], &[("TAHSILDAR_FAILPOINT", "panic_with_card")]);
    assert!(
        String::from_utf8_lossy(&panicked.stderr).contains("panic_with_card"),
        "{}",
        text(&panicked)
    );
    ok(step(&["run"], &[]));
    let payments = ok(step(&["payments", "--status", "paid"], &[]));
    let attempt = payments[0]["attempt_id"].as_i64().unwrap().to_string();
    ok(step(&["refund", &attempt, "--amount", "25"], &[]));
    // A spreadsheet with card numbers, a security code column and a bad row.
    let file = d.dir.with_file_name("kartlar.csv");
    std::fs::write(
        &file,
        format!(
            "Abone No;Ad Soyad;Kart No;Son Kullanma;CVV;Tutar\n\
             I-1;Ali Veli;{APPROVE};{expiry};987;10,00\n\
             I-2;Ali Veli;{LUHN_BAD};{expiry};987;10,00\n"
        ),
    )
    .unwrap();
    step(
        &[
            "import",
            file.to_str().unwrap(),
            "--store",
            "Sandbox",
            "--dry-run",
        ],
        &[],
    );
    // A wrong password.
    let wrong = step(&["payments"], &[("TAHSILDAR_PASSWORD", WRONG_PASSWORD)]);
    assert!(!wrong.status.success());

    // The log says what happened, by ids and codes.
    let logs = tahsildar_core::logging::log_dir(&d.dir);
    let mut log = String::new();
    for entry in std::fs::read_dir(&logs).unwrap() {
        log.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    // The support bundle carries those logs and a description, never the vault.
    let bundle_file = d.dir.with_file_name("destek.zip");
    let written = ok(step(
        &["support-bundle", "--out", bundle_file.to_str().unwrap()],
        &[],
    ));
    let bundle = bundle_entries(&bundle_file);
    assert_eq!(
        written["bundle"]["log_files"].as_u64(),
        Some(bundle.len() as u64 - 1)
    );
    assert!(bundle[0].0 == "about.txt" && bundle[0].1.contains("migrations:"));
    assert!(
        bundle
            .iter()
            .skip(1)
            .all(|(name, _)| name.starts_with("logs/cli-"))
    );
    assert!(
        bundle
            .iter()
            .any(|(_, text)| text.contains("attempt written ahead"))
    );
    let bundled: String = bundle
        .iter()
        .map(|(name, text)| format!("{name}{text}"))
        .collect();
    for kept_out in [
        "tahsildar.db",
        "vault.json",
        "sandbox-ledger",
        "SQLite format",
    ] {
        assert!(!bundled.contains(kept_out), "{kept_out} in the bundle");
    }
    log.push_str(&bundled);
    for expected in [
        "attempt written ahead",
        "sent",
        "attempt settled",
        "run finished",
        "follow-up settled",
        "signed in",
        "sign-in failed",
        "panic",
        "day matched",
    ] {
        assert!(log.contains(expected), "the log lacks {expected:?}");
    }
    let everything = format!("{log}{seen}");
    let spaced = |pan: &str| {
        format!(
            "{} {} {} {}",
            &pan[..4],
            &pan[4..8],
            &pan[8..12],
            &pan[12..]
        )
    };
    for secret in [
        APPROVE,
        DECLINE,
        LUHN_BAD,
        STORE_SECRET,
        ADMIN_PASSWORD,
        WRONG_PASSWORD,
        PASSPHRASE,
        &expiry,
    ] {
        assert!(!everything.contains(secret), "{secret:?} was shown");
    }
    for pan in [APPROVE, DECLINE, LUHN_BAD] {
        assert!(!everything.contains(&spaced(pan)));
    }
    // The security code as a number of its own (not inside a timestamp's digits).
    let standalone = everything.match_indices("987").any(|(i, _)| {
        let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
        !digit(everything.as_bytes().get(i.wrapping_sub(1)))
            && !digit(everything.as_bytes().get(i + 3))
    });
    assert!(!standalone, "the security code was shown");
}
