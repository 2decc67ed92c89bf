//! The Argon2 check a sign-in makes (not a test): `password::verify` with the product's
//! parameters, the median of nine, beside which the start-up benchmark's sign-in time reads.
//!
//! `cargo run --release -p tahsildar-core --example password_bench`

use std::time::{Duration, Instant};

use secrecy::SecretString;
use tahsildar_core::auth::password;

#[path = "common/summary.rs"]
mod summary;

fn main() {
    let secret = SecretString::from("a sign-in password 1".to_string());
    let phc = password::hash(&secret).expect("hash");
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let started = Instant::now();
            assert!(password::verify(&secret, &phc));
            started.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "Argon2 check of a sign-in (password::verify), median of 9: {:.0} ms",
        times[4].as_secs_f64() * 1000.0
    );
    summary::record(
        "Argon2 check of a sign-in (inside the sign-in to the dashboard)",
        "",
        times[4].as_secs_f64() * 1000.0,
        "ms",
        None,
        summary::Target::None,
    );
}
