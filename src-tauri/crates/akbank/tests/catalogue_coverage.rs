//! Every VPS code and host code named in the protocol notes has a catalogue entry with messages.

use tahsildar_akbank::catalogue::{self, CodeClass};

const PROTOCOL: &str = include_str!("data/PROTOCOL.md");

fn vps_codes() -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = PROTOCOL;
    while let Some(i) = rest.find("VPS-") {
        let code: String = rest[i..].chars().take(8).collect();
        if code[4..].chars().all(|c| c.is_ascii_digit()) && code.len() == 8 && !out.contains(&code)
        {
            out.push(code);
        }
        rest = &rest[i + 4..];
    }
    out
}

/// Two-digit codes in backticks on the "Host codes" and the proc-codes lines.
fn host_codes() -> Vec<String> {
    let mut out = Vec::new();
    for line in PROTOCOL.lines() {
        let host_line = line.starts_with("Host codes");
        let proc_line = line.contains("Proc codes:");
        if !(host_line || proc_line) {
            continue;
        }
        if host_line {
            for part in line.split('`').skip(1).step_by(2) {
                if part.len() == 2 && part.chars().all(|c| c.is_ascii_digit()) {
                    out.push(part.to_string());
                }
            }
        } else {
            let list = line.split("Proc codes:").nth(1).unwrap();
            for tok in list.split(|c: char| !c.is_ascii_digit() && c != '/') {
                for t in tok.split('/') {
                    if t.len() == 2 {
                        out.push(t.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_protocol_vps_code_is_described() {
    let codes = vps_codes();
    assert!(codes.len() >= 16, "{codes:?}");
    for c in &codes {
        let info = catalogue::vps(c).unwrap_or_else(|| panic!("{c} missing from the catalogue"));
        assert!(!info.tr.is_empty() && !info.en.is_empty());
    }
}

#[test]
fn every_protocol_host_code_is_described() {
    let codes = host_codes();
    for expected in [
        "00", "05", "09", "14", "19", "83", "96", "51", "54", "57", "62", "01", "02", "12", "99",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "parser missed {expected}: {codes:?}"
        );
    }
    let extra = ["41", "43", "91"];
    for c in codes.iter().map(String::as_str).chain(extra) {
        let info = catalogue::host(c).unwrap_or_else(|| panic!("host code {c} missing"));
        assert!(!info.tr.is_empty() && !info.en.is_empty());
        let described = catalogue::describe("VPS-1005", Some(c));
        if c == "00" {
            assert_eq!(info.class, CodeClass::Approved);
        } else {
            assert_eq!(described.code, c);
            assert_ne!(described.class, CodeClass::Approved, "{c}");
        }
    }
}
