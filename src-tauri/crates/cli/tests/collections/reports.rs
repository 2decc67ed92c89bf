//! The accounts on the command line: a day with an approval, a decline and a partial refund,
//! then `report summary|ledger|arrears|upcoming` as scripts read them (`--json`, amounts as
//! two-decimal strings per currency) and as people read them in Turkish.

use tahsildar_core::SystemClock;

use crate::world::{Data, Sim, attempt_of, ok};

#[test]
fn the_accounts_of_a_day_as_scripts_and_people_read_them() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("R-1", "CARD_A", "1.234,50");
    d.due("R-2", "CARD_DECLINE", "100");
    let summary = d.run(&["run"]);
    assert_eq!(
        (summary["approved"].as_i64(), summary["declined"].as_i64()),
        (Some(1), Some(1)),
        "{summary}"
    );
    d.run(&["refund", &attempt_of(&d, "paid"), "--amount", "34,50"]);
    let today = tahsildar_core::plan::today(&SystemClock).to_string();

    let s = d.run(&[
        "report", "summary", "--store", "Sandbox", "--from", &today, "--to", &today,
    ]);
    assert_eq!(
        s["due"]["TRY"],
        serde_json::json!({ "count": 2, "amount": "1334.50" }),
        "{s}"
    );
    assert_eq!(s["collected"]["TRY"]["amount"], "1234.50");
    assert_eq!(s["declined"]["TRY"]["amount"], "100.00");
    assert_eq!(s["pending"]["TRY"]["count"], 0);
    assert_eq!(s["refunded"]["TRY"]["amount"], "34.50");
    assert_eq!(s["voided"]["TRY"]["count"], 0);
    assert_eq!(s["collection_rate"]["TRY"]["count"], 0.5);
    assert_eq!(s["by_day"][0]["day"], today.as_str());
    assert_eq!(s["declines"][0]["host_code"], "51");

    let ledger = d.run(&["report", "ledger", "--store", "Sandbox", "--ref", "R-1"]);
    let entries: Vec<&str> = ledger["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["entry"].as_str().unwrap())
        .collect();
    assert_eq!(entries, ["due", "charge", "refund"], "{ledger}");
    assert_eq!(
        (
            &ledger["due"]["TRY"],
            &ledger["paid"]["TRY"],
            &ledger["refunded"]["TRY"],
            &ledger["arrears"]["TRY"]
        ),
        (
            &"1234.50".into(),
            &"1234.50".into(),
            &"34.50".into(),
            &"0.00".into()
        )
    );
    assert_eq!(ledger["lines"][1]["masked_pan"], "435509******5232");

    let arrears = d.run(&["report", "arrears", "--store", "Sandbox"]);
    let owing = &arrears["customers"];
    assert_eq!(owing.as_array().unwrap().len(), 1, "{arrears}");
    assert_eq!(
        (
            owing[0]["ref"].as_str(),
            owing[0]["arrears"].as_str(),
            owing[0]["oldest_due"].as_str()
        ),
        (Some("R-2"), Some("100.00"), Some(today.as_str()))
    );
    assert_eq!(owing[0]["buckets"]["0-30"], "100.00");

    let coming = d.run(&["report", "upcoming", "--store", "Sandbox", "--days", "7"]);
    assert_eq!(coming["days"][0]["amount"], "100.00", "{coming}");
    let refused = d
        .cmd()
        .args(["report", "upcoming", "--days", "400"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("days"));

    // The same as files: the refunded payments as XLSX, the arrears as CSV.
    let xlsx = d.dir.with_file_name("iadeler.xlsx");
    let written = d.run(&[
        "export",
        "payments",
        "--status",
        "partially_refunded",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(written["rows"], 1, "{written}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "Payments").unwrap();
    let row: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        (row[2].as_str(), row[5].as_str()),
        ("R-1", "1234.5"),
        "{row:?}"
    );
    assert_eq!(row[8], "435509******5232");
    let csv = d.dir.with_file_name("borclular.csv");
    d.run(&[
        "export",
        "arrears",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.contains("R-2;") && text.contains(";100,00;"),
        "{text}"
    );

    // For people, in Turkish.
    let text = ok(d
        .text_cmd("tr_TR.UTF-8")
        .args(["report", "arrears", "--store", "Sandbox"])
        .output()
        .unwrap());
    let text = text.as_str().unwrap();
    assert!(
        text.contains("borçlular") && text.contains("R-2") && text.contains("100,00 TRY"),
        "{text}"
    );
}
