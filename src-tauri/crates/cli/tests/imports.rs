//! Spreadsheet imports through the command line, in passphrase mode: the report's JSON shape
//! and Turkish text, commit and batches, the template filled with 1,000 rows, and a process
//! killed halfway through a commit.

mod common;

use std::path::{Path, PathBuf};

use common::{Cli, acting, expiry_in, fails, init_passphrase, ok, run, today};
use serde_json::Value;

const PANS: [&str; 4] = [
    "4355093000315232",
    "5218076007402834",
    "4355 0930 0031 5232",
    "5218-0760-0740-2834",
];

fn admin(cli: &Cli, args: &[&str]) -> std::process::Output {
    run(acting(cli, "admin"), args)
}

fn assert_no_pan(out: &std::process::Output) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for pan in PANS {
        assert!(!text.contains(pan), "a clear card number in the output");
    }
}

fn rules_csv(dir: &Path) -> PathBuf {
    let path = dir.join("kurallar.csv");
    let valid = expiry_in(4);
    std::fs::write(
        &path,
        format!(
            "Abone No;Ad Soyad;Kart No;Son Kullanma;Tutar;Vade Tarihi\n\
             K-1;Ayşe Yılmaz;4355093000315232;{valid};1.250,00;\n\
             K-2;Ömer Çelik;4355093000315233;{valid};100,00;\n\
             K-3;İsmail Işık;5218076007402834;01/20;100,00;\n\
             K-4;Şule Öztürk;5218076007402834;{valid};0,00;\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn the_dry_run_report_as_json_and_in_turkish() {
    let cli = Cli::new();
    init_passphrase(&cli);
    let path = rules_csv(cli.tmp());
    let file = path.to_str().unwrap();
    let out = admin(&cli, &["import", file, "--store", "Sandbox", "--dry-run"]);
    assert_no_pan(&out);
    let v = ok(out);
    assert_eq!(
        (&v["rows"], &v["ok"], &v["warnings"], &v["errors"]),
        (
            &Value::from(4),
            &Value::from(1),
            &Value::from(0),
            &Value::from(3)
        )
    );
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["batch"], Value::Null);
    let problems = v["problems"].as_array().unwrap();
    let find = |row: u64, code: &str| {
        problems
            .iter()
            .find(|p| p["row"] == row && p["code"] == code)
            .unwrap_or_else(|| panic!("row {row} {code}: {problems:?}"))
    };
    let p = find(3, "card_invalid");
    assert_eq!(
        (&p["field"], &p["severity"], &p["column"]),
        (
            &Value::from("pan"),
            &Value::from("error"),
            &Value::from("C")
        )
    );
    assert!(p["message"].as_str().unwrap().contains("card number"));
    assert_eq!(find(4, "card_expired")["field"], "expiry");
    assert_eq!(find(5, "amount_not_positive")["field"], "amount");
    let totals = v["totals"].as_array().unwrap();
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0]["currency"], "TRY");
    assert_eq!(totals[0]["payments"], 1);
    assert_eq!(totals[0]["amount_minor"], 125_000);
    assert!(totals[0]["due_date"].as_str().unwrap().len() == 10);
    // Nothing stored.
    assert_eq!(ok(admin(&cli, &["batches"])), Value::Array(vec![]));

    // People get Turkish by default.
    let mut c = cli.cmd_no_bus();
    c.env("LANG", "tr_TR.UTF-8").args([
        "--passphrase-env",
        "VAULT_PASS",
        "--user",
        "admin",
        "import",
        file,
        "--store",
        "Sandbox",
        "--dry-run",
    ]);
    let out = c.output().unwrap();
    assert_no_pan(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("(4 satır): 1 uygun, 0 uyarılı, 3 hatalı"),
        "{text}"
    );
    assert!(
        text.contains("Satır 3, C: hata: Kart numarası geçersiz"),
        "{text}"
    );
    assert!(text.contains("1.250,00 TRY"), "{text}");
    assert!(text.contains("Deneme: hiçbir şey kaydedilmedi."), "{text}");
}

#[test]
fn a_commit_prints_the_batch_and_the_batch_can_be_cancelled() {
    let cli = Cli::new();
    init_passphrase(&cli);
    // Three one-off payments due today.
    let file = cli.tmp().join("aidatlar.csv");
    std::fs::write(
        &file,
        format!(
            "Abone No;Ad Soyad;Kart Numarası;Son Kullanma;Tutar;Açıklama\n\
             1001;Ayşe Yılmaz;4355093000315232;{0};1.234,56;Ocak aidatı\n\
             1002;İsmail Işık;5218076007402834;{0};1.234;Şubat aidatı\n\
             1003;Gülşen Çakır;4355093000315232;{0};99,90;\"Mart; Nisan\"\n",
            expiry_in(4)
        ),
    )
    .unwrap();
    let out = admin(
        &cli,
        &["import", file.to_str().unwrap(), "--store", "Sandbox"],
    );
    assert_no_pan(&out);
    let v = ok(out);
    let batch = v["batch"].as_i64().unwrap();
    assert_eq!(
        (v["ok"].as_i64(), v["dry_run"].as_bool()),
        (Some(3), Some(false))
    );
    let batches = ok(admin(&cli, &["batches", "--store", "Sandbox"]));
    assert_eq!(batches[0]["id"], batch);
    assert_eq!(batches[0]["file_name"], "aidatlar.csv");
    assert_eq!(batches[0]["payments_pending"], 3);
    let payments = ok(admin(&cli, &["payments", "--batch", &batch.to_string()]));
    assert_eq!(payments.as_array().unwrap().len(), 3);
    // The same file again: a warning naming the batch, every row refused, nothing stored.
    let again = fails(admin(
        &cli,
        &["import", file.to_str().unwrap(), "--store", "Sandbox"],
    ));
    assert_eq!(again["code"], "import_nothing_to_commit");
    let report = ok(admin(
        &cli,
        &[
            "import",
            file.to_str().unwrap(),
            "--store",
            "Sandbox",
            "--dry-run",
        ],
    ));
    assert_eq!(report["same_file_batch"], batch);
    assert_eq!(report["errors"], 3);
    let cancel = ok(admin(&cli, &["batch", "cancel", &batch.to_string()]));
    assert_eq!(
        (cancel["cancelled"].as_i64(), cancel["kept"].as_i64()),
        (Some(3), Some(0))
    );
    let payments = ok(admin(
        &cli,
        &[
            "payments",
            "--batch",
            &batch.to_string(),
            "--status",
            "cancelled",
        ],
    ));
    assert_eq!(payments.as_array().unwrap().len(), 3);
    assert_eq!(
        fails(admin(&cli, &["batch", "cancel", &batch.to_string()]))["code"],
        "wrong_state"
    );
    ok(admin(&cli, &["audit", "verify"]));
}

const TEMPLATE_HEADERS: [&str; 17] = [
    "Abone No",
    "Ad Soyad",
    "Kart No",
    "Son Kullanma",
    "Tutar",
    "Para Birimi",
    "Taksit",
    "Vade Tarihi",
    "Periyot",
    "Ödeme Sayısı",
    "Açıklama",
    "Yedek Kart",
    "Yedek Kart Son Kullanma",
    "E-posta",
    "Telefon",
    "Talimat Tarihi",
    "Talimat No",
];

#[test]
fn the_template_filled_with_a_thousand_rows_imports_without_errors() {
    use calamine::Reader;
    let cli = Cli::new();
    init_passphrase(&cli);
    let template = cli.tmp().join("sablon.xlsx");
    ok(admin(
        &cli,
        &["template", "--out", template.to_str().unwrap()],
    ));
    // The template's headers, as a user's spreadsheet program would keep them.
    let mut book = calamine::open_workbook_auto(&template).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(headers, TEMPLATE_HEADERS);
    // Fill it: 1,000 rows, card columns as text, amounts as numbers, dates as dates. The first
    // due dates fall on the 28 days after today.
    let first_due = |i: u32| today().checked_add(jiff::Span::new().days(1 + i64::from(i % 28)));
    // One row in four gives the card's signed instruction, dated three days ago.
    let signed_on = today().checked_sub(jiff::Span::new().days(3)).unwrap();
    let signed = rust_xlsxwriter::ExcelDateTime::from_ymd(
        signed_on.year() as u16,
        signed_on.month() as u8,
        signed_on.day() as u8,
    )
    .unwrap();
    let (visa_expiry, mc_expiry) = (expiry_in(3), expiry_in(4));
    let filled = cli.tmp().join("aralik.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(&sheet).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for i in 0..1000u32 {
        let r = i + 1;
        let (pan, expiry) = if i % 2 == 0 {
            ("4355093000315232", visa_expiry.as_str())
        } else {
            ("5218076007402834", mc_expiry.as_str())
        };
        ws.write_string(r, 0, format!("D-{i:04}")).unwrap();
        ws.write_string(r, 1, format!("Sakin {i}")).unwrap();
        ws.write_string(r, 2, pan).unwrap();
        ws.write_string(r, 3, expiry).unwrap();
        ws.write_number(r, 4, 1250.0 + f64::from(i % 7) * 10.5)
            .unwrap();
        ws.write_string(r, 5, "TRY").unwrap();
        ws.write_number(r, 6, if i % 10 == 0 { 3.0 } else { 1.0 })
            .unwrap();
        let d = first_due(i).unwrap();
        let due = rust_xlsxwriter::ExcelDateTime::from_ymd(
            d.year() as u16,
            d.month() as u8,
            d.day() as u8,
        )
        .unwrap();
        ws.write_datetime_with_format(r, 7, &due, &date).unwrap();
        if i % 5 == 0 {
            ws.write_string(r, 8, "aylık").unwrap();
            ws.write_number(r, 9, 12.0).unwrap();
            ws.write_number(r, 6, 1.0).unwrap();
        }
        ws.write_string(r, 10, "Aralık aidatı").unwrap();
        ws.write_string(r, 14, "0532 123 45 67").unwrap();
        if i % 4 == 0 {
            ws.write_datetime_with_format(r, 15, &signed, &date)
                .unwrap();
            ws.write_string(r, 16, format!("MO-{i:04}")).unwrap();
        }
    }
    wb.save(&filled).unwrap();
    let out = admin(
        &cli,
        &[
            "import",
            filled.to_str().unwrap(),
            "--store",
            "Sandbox",
            "--dry-run",
        ],
    );
    assert_no_pan(&out);
    let v = ok(out);
    assert_eq!(
        (v["rows"].as_i64(), v["errors"].as_i64(), v["ok"].as_i64()),
        (Some(1000), Some(0), Some(1000)),
        "{}",
        v["problems"]
    );
    assert_eq!(v["new_customers"], 1000);
    // 800 single or installment payments and 200 monthly plans of 12.
    assert_eq!(v["payments"], 800 + 200 * 12);
    // Every row's first payment falls in those 28 days; a monthly plan's next ones later.
    let last_first_due = first_due(27).unwrap().to_string();
    let first_dues: i64 = v["totals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["due_date"].as_str().unwrap() <= last_first_due.as_str())
        .map(|t| t["payments"].as_i64().unwrap())
        .sum();
    assert_eq!(first_dues, 1000);
}

/// SIGABRT, which `std::process::abort` raises.
#[cfg(unix)]
fn libc_sigabrt() -> i32 {
    6
}

#[test]
fn a_process_killed_halfway_through_a_commit_leaves_nothing() {
    let cli = Cli::new();
    init_passphrase(&cli);
    // Two plans, 12 monthly and 4 quarterly payments, starting next month.
    let file = cli.tmp().join("uyeler.csv");
    let start = |days: i64| {
        let d = today().checked_add(jiff::Span::new().days(days)).unwrap();
        format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
    };
    std::fs::write(
        &file,
        format!(
            "Üye No;Müşteri;Kart No;Son Kullanma;Tutar;Periyot;Ödeme Sayısı;Vade\n\
             U-01;Şule Öztürk;4355093000315232;{};350,00;aylık;12;{}\n\
             U-02;Çağrı Ünal;5218076007402834;{};350,50;3 ayda bir;4;{}\n",
            expiry_in(3),
            start(30),
            expiry_in(4),
            start(31),
        ),
    )
    .unwrap();
    let mut c = acting(&cli, "admin");
    c.env("TAHSILDAR_FAILPOINT", "import_mid_commit").args([
        "import",
        file.to_str().unwrap(),
        "--store",
        "Sandbox",
    ]);
    let out = c.output().unwrap();
    assert!(!out.status.success(), "the failpoint aborts the process");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(libc_sigabrt()), "{out:?}");
    }
    assert_no_pan(&out);
    assert_eq!(ok(admin(&cli, &["batches"])), Value::Array(vec![]));
    assert_eq!(ok(admin(&cli, &["customers"])), Value::Array(vec![]));
    assert_eq!(ok(admin(&cli, &["payments"])), Value::Array(vec![]));
    ok(admin(&cli, &["audit", "verify"]));
    // The same file goes in whole afterwards.
    let v = ok(admin(
        &cli,
        &["import", file.to_str().unwrap(), "--store", "Sandbox"],
    ));
    assert!(v["batch"].as_i64().is_some());
    assert_eq!(ok(admin(&cli, &["payments"])).as_array().unwrap().len(), 16);
}

#[test]
fn a_mapping_file_names_columns_the_headers_do_not() {
    let cli = Cli::new();
    init_passphrase(&cli);
    let path = cli.tmp().join("kodlu.csv");
    let valid = expiry_in(4);
    std::fs::write(
        &path,
        format!(
            "Kod X;Ad Soyad;Kart No;Son Kullanma;Tutar\n\
             K-1;Ayşe Yılmaz;4355093000315232;{valid};100,00\n\
             K-2;Ömer Çelik;5218076007402834;{valid};200,00\n"
        ),
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let v = ok(admin(
        &cli,
        &["import", file, "--store", "Sandbox", "--dry-run"],
    ));
    assert_eq!(v["errors"], 2);
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "reference_missing")
    );
    let mapping = cli.tmp().join("map.json");
    std::fs::write(&mapping, r#"{"columns": {"Kod X": "reference"}}"#).unwrap();
    let v = ok(admin(
        &cli,
        &[
            "import",
            file,
            "--store",
            "Sandbox",
            "--mapping",
            mapping.to_str().unwrap(),
        ],
    ));
    assert_eq!((v["ok"].as_i64(), v["errors"].as_i64()), (Some(2), Some(0)));
    assert!(v["batch"].as_i64().is_some());
    let customers = ok(admin(&cli, &["customers", "--store", "Sandbox"]));
    let refs: Vec<&str> = customers
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ref"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["K-1", "K-2"]);
    // A mapping naming a column that is not there is refused with a clear error.
    std::fs::write(&mapping, r#"{"columns": {"Yok": "reference"}}"#).unwrap();
    let err = fails(admin(
        &cli,
        &[
            "import",
            file,
            "--store",
            "Sandbox",
            "--dry-run",
            "--mapping",
            mapping.to_str().unwrap(),
        ],
    ));
    assert!(err["message"].as_str().unwrap().contains("Yok"), "{err}");
}
