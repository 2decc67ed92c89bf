//! The accounts against figures worked out by hand: a day of approvals, a soft decline, a
//! partial refund, a void, a cancelled plan, a second currency and a monthly plan, then the
//! period summary, the ledgers, the arrears (today and, a month and a half on, by age and as of
//! an earlier day) and the coming dues with a card that will have expired.

use jiff::civil::date;
use tahsildar_core::engine::capture::capture;
use tahsildar_core::engine::reversal;
use tahsildar_core::plan::schedule::{Cadence, PlanEnd, Schedule};
use tahsildar_core::plan::{self, CollectionKind, NewPlan, PlanKind, ProvisionKind};
use tahsildar_core::reports::arrears::{ArrearsQuery, ArrearsSort, arrears};
use tahsildar_core::reports::ledger::{LedgerEntry, LedgerQuery, ledger};
use tahsildar_core::reports::summary::{SummaryQuery, summary};
use tahsildar_core::reports::upcoming::{UpcomingQuery, upcoming};
use tahsildar_core::{Currency, EngineConfig, Role, customer};

use crate::world::{APPROVE, APPROVE_MC, HARD_54, SOFT_51, World, card};

fn approved(w: &World, payment: i64) -> i64 {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM attempts WHERE payment_id = ?1 AND state = 'approved'",
                [payment],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

/// A customer's ledger as of today.
fn of(w: &World, customer_id: i64) -> tahsildar_core::reports::ledger::Ledger {
    ledger(
        &w.v.admin,
        &LedgerQuery {
            customer_id,
            as_of: None,
            plan_id: None,
        },
    )
    .unwrap()
}

fn monthly(w: &World, customer_id: i64, amount_minor: i64, count: u32) -> i64 {
    let start = plan::today(w.v.clock.as_ref());
    let schedule = Schedule::new(
        start,
        "1m".parse::<Cadence>().unwrap(),
        PlanEnd::Count(count),
    )
    .unwrap();
    plan::create(
        &w.v.admin,
        &NewPlan {
            customer_id,
            amount_minor,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(schedule),
            description: None,
        },
    )
    .unwrap()
    .id
}

/// The office's day: returns the customers A (paid), B (declined), C (refunded in part),
/// D (voided), G (monthly), H (monthly, card expiring 12/26) and I (paid with its second card
/// after the first was declined). J's pre-authorisation of 100,00 is captured for 60,00.
async fn a_day_of_collections(w: &World) -> [i64; 7] {
    let a = w.v.customer("A", &[APPROVE]);
    let b = w.v.customer("B", &[SOFT_51]);
    let c = w.v.customer("C", &[APPROVE]);
    let d = w.v.customer("D", &[APPROVE_MC]);
    let e = w.v.customer("E", &[APPROVE]);
    let f = w.v.customer("F", &[APPROVE]);
    let g = w.v.customer("G", &[APPROVE_MC]);
    let h = w.v.customer("H", &[]);
    let i = w.v.customer("I", &[HARD_54, APPROVE]);
    let j = w.v.customer("J", &[APPROVE]);
    let mut expiring = card(APPROVE, false);
    expiring.expiry = "12/26".into();
    customer::card::add(&w.v.admin, h, &expiring).unwrap();

    w.v.one_off(a, 100_000);
    w.v.one_off(b, 50_000);
    let refunded = w.v.one_off(c, 30_000);
    let voided = w.v.one_off(d, 20_000);
    plan::create(
        &w.v.admin,
        &NewPlan {
            customer_id: e,
            amount_minor: 5_000,
            currency: Currency::Usd,
            start: plan::today(w.v.clock.as_ref()),
            kind: PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap();
    let cancelled = w.v.one_off(f, 7_000);
    let plan_of_f =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT plan_id FROM payments WHERE id = ?1",
                    [cancelled],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .unwrap();
    plan::cancel(&w.v.admin, plan_of_f).unwrap();
    monthly(w, g, 10_000, 3);
    monthly(w, h, 10_000, 3);
    w.v.one_off(i, 4_000);
    let held =
        w.v.plan_as(j, 10_000, PlanKind::OneOff, ProvisionKind::PreAuth);

    w.engine().run(None).await.unwrap();
    let cfg = EngineConfig::fast();
    reversal::refund(
        &w.v.admin,
        &w.bank(),
        &cfg,
        approved(w, refunded),
        Some(10_000),
    )
    .await
    .unwrap();
    reversal::void(&w.v.admin, &w.bank(), &cfg, approved(w, voided))
        .await
        .unwrap();
    capture(&w.v.admin, &w.bank(), &cfg, approved(w, held), Some(6_000))
        .await
        .unwrap();
    crate::invariants::check(&w.v.vault, &w.sim.ledger(), true);
    [a, b, c, d, g, h, i]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accounts_of_a_day_agree_with_the_figures_worked_out_by_hand() {
    let mut w = World::new().await;
    let [a, b, c, d, g, h, i] = a_day_of_collections(&w).await;
    let today = plan::today(w.v.clock.as_ref());
    assert_eq!(today, date(2026, 11, 27));

    // The day in TRY: A 1.000, B 500, C 300, G 100, H 100, I 40 and J 100 due (D voided, F
    // cancelled); all but B collected, J for the 60 captured of its 100.
    let s = summary(
        &w.v.admin,
        &SummaryQuery {
            store_id: None,
            from: today,
            to: today,
        },
    )
    .unwrap();
    assert_eq!(s.totals.len(), 2, "TRY and USD apart: {s:#?}");
    let try_ = s.totals.iter().find(|t| t.currency == "TRY").unwrap();
    assert_eq!((try_.due.count, try_.due.minor), (7, 214_000));
    assert_eq!((try_.collected.count, try_.collected.minor), (6, 160_000));
    assert_eq!((try_.declined.count, try_.declined.minor), (1, 50_000));
    assert_eq!((try_.pending.count, try_.pending.minor), (0, 0));
    assert_eq!((try_.voided.count, try_.voided.minor), (1, 20_000));
    assert_eq!((try_.cancelled.count, try_.cancelled.minor), (1, 7_000));
    assert_eq!((try_.refunded.count, try_.refunded.minor), (1, 10_000));
    assert_eq!((try_.rate_amount, try_.rate_count), (0.7477, 0.8571));
    let usd = s.totals.iter().find(|t| t.currency == "USD").unwrap();
    assert_eq!(
        (usd.due.minor, usd.collected.minor, usd.rate_amount),
        (5_000, 5_000, 1.0)
    );
    assert_eq!(s.by_day.len(), 2);
    assert_eq!(s.by_month[0].day, "2026-11");
    let reasons: Vec<(Option<&str>, i64)> = s
        .declines
        .iter()
        .map(|d| (d.host_code.as_deref(), d.attempts))
        .collect();
    assert_eq!(reasons, vec![(Some("51"), 1), (Some("54"), 1)]);
    assert!(
        s.declines[1].text.en().contains("expired"),
        "{:?}",
        s.declines[1]
    );
    let recurring = s
        .by_kind
        .iter()
        .find(|k| k.kind == CollectionKind::Recurring)
        .unwrap();
    assert_eq!(
        (recurring.due.minor, recurring.collected.minor),
        (20_000, 20_000)
    );

    // Ledgers: what each customer owes after each line.
    let lc = of(&w, c);
    let entries: Vec<(LedgerEntry, i64, i64)> = lc
        .lines
        .iter()
        .map(|l| (l.entry, l.amount_minor, l.balance_minor))
        .collect();
    assert_eq!(
        entries,
        vec![
            (LedgerEntry::Due, 30_000, 30_000),
            (LedgerEntry::Charge, 30_000, 0),
            (LedgerEntry::Refund, 10_000, 0),
        ]
    );
    let t = &lc.totals[0];
    assert_eq!(
        (
            t.due_minor,
            t.paid_minor,
            t.refunded_minor,
            t.arrears_minor,
            t.balance_minor
        ),
        (30_000, 30_000, 10_000, 0, 0)
    );
    let ld = of(&w, d);
    assert_eq!(
        ld.lines
            .iter()
            .map(|l| (l.entry, l.balance_minor))
            .collect::<Vec<_>>(),
        vec![(LedgerEntry::Charge, -20_000), (LedgerEntry::Void, 0)],
        "a voided payment is neither due nor paid"
    );
    let lb = of(&w, b);
    assert_eq!(lb.totals[0].arrears_minor, 50_000);
    let decline = lb
        .lines
        .iter()
        .find(|l| l.entry == LedgerEntry::Decline)
        .unwrap();
    assert_eq!(decline.host_code.as_deref(), Some("51"));
    assert!(
        decline.reason.as_ref().unwrap().tr().contains("bakiye"),
        "{decline:?}"
    );
    assert!(lb.lines[0].owed);
    assert_eq!(of(&w, a).totals[0].arrears_minor, 0);
    // I: declined on its first card, charged on the second.
    let li = of(&w, i);
    assert_eq!(
        li.lines
            .iter()
            .map(|l| (l.entry, l.balance_minor))
            .collect::<Vec<_>>(),
        vec![
            (LedgerEntry::Due, 4_000),
            (LedgerEntry::Decline, 4_000),
            (LedgerEntry::Charge, 0)
        ]
    );
    assert_eq!(li.lines[2].masked_pan.as_deref(), Some("435509******5232"));

    // Arrears today: B alone.
    let now = arrears(&w.v.admin, &ArrearsQuery::default()).unwrap();
    assert_eq!(now.total, 1);
    assert_eq!(
        (
            now.rows[0].reference.as_str(),
            now.rows[0].arrears_minor,
            now.rows[0].ageing.days_0_30
        ),
        ("B", 50_000, 50_000)
    );

    // The coming month, today included: B's due still owed today, G's and H's December dues;
    // H's January due, beyond the end of its card's December, is announced in a 62-day window.
    let month = upcoming(
        &w.v.admin,
        &UpcomingQuery {
            store_id: None,
            days: Some(31),
        },
    )
    .unwrap();
    let december: Vec<(&str, i64, i64)> = month
        .days
        .iter()
        .map(|d| (d.day.as_str(), d.due.count, d.due.minor))
        .collect();
    assert_eq!(
        december,
        vec![("2026-11-27", 1, 50_000), ("2026-12-27", 2, 20_000)]
    );
    assert!(month.expiring.is_empty());
    let two = upcoming(
        &w.v.admin,
        &UpcomingQuery {
            store_id: None,
            days: Some(62),
        },
    )
    .unwrap();
    assert_eq!(two.expiring.len(), 1, "{two:#?}");
    assert_eq!(
        (
            two.expiring[0].customer_id,
            two.expiring[0].due_date.as_str(),
            two.expiring[0].valid_through.as_str()
        ),
        (h, "2027-01-27", "2026-12-31")
    );

    // Forty days on (nothing run since): B is 40 days late, G's and H's December dues 10.
    w.v.advance_days(40);
    let later = arrears(
        &w.v.admin,
        &ArrearsQuery {
            sort: ArrearsSort::Amount,
            ..ArrearsQuery::default()
        },
    )
    .unwrap();
    let rows: Vec<(&str, i64, i64, i64)> = later
        .rows
        .iter()
        .map(|r| {
            (
                r.reference.as_str(),
                r.arrears_minor,
                r.ageing.days_0_30,
                r.ageing.days_31_60,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("B", 50_000, 0, 50_000),
            ("G", 10_000, 10_000, 0),
            ("H", 10_000, 10_000, 0)
        ]
    );
    assert_eq!(later.rows[1].oldest_due, "2026-12-27");
    assert_eq!(
        (
            later.totals[0].arrears_minor,
            later.totals[0].customers,
            later.totals[0].payments
        ),
        (70_000, 3, 3)
    );
    // As of the first day, only B owed: what fell due later does not count, nor what was paid.
    let then = arrears(
        &w.v.admin,
        &ArrearsQuery {
            as_of: Some(today),
            ..ArrearsQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        then.rows
            .iter()
            .map(|r| r.reference.as_str())
            .collect::<Vec<_>>(),
        vec!["B"]
    );
    let lg = of(&w, g);
    let owed: Vec<(&str, bool)> = lg
        .lines
        .iter()
        .filter(|l| l.entry == LedgerEntry::Due)
        .map(|l| (l.date.as_str(), l.owed))
        .collect();
    assert_eq!(owed, vec![("2026-11-27", false), ("2026-12-27", true)]);
    assert_eq!(lg.totals[0].balance_minor, 10_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_sees_the_accounts_of_their_stores_only() {
    let w = World::new().await;
    a_day_of_collections(&w).await;
    let (_, viewer) = w.v.branch_viewer();
    let today = plan::today(w.v.clock.as_ref());
    let s = summary(
        &viewer,
        &SummaryQuery {
            store_id: None,
            from: today,
            to: today,
        },
    )
    .unwrap();
    assert!(s.totals.is_empty(), "{s:#?}");
    assert_eq!(arrears(&viewer, &ArrearsQuery::default()).unwrap().total, 0);
    let refused = summary(
        &viewer,
        &SummaryQuery {
            store_id: Some(w.v.store_id),
            from: today,
            to: today,
        },
    )
    .unwrap_err();
    assert!(
        matches!(refused, tahsildar_core::Error::PermissionDenied { .. }),
        "{refused:?}"
    );
    let backwards = summary(
        &w.v.admin,
        &SummaryQuery {
            store_id: None,
            from: today,
            to: date(2026, 11, 1),
        },
    )
    .unwrap_err();
    assert!(matches!(
        backwards,
        tahsildar_core::Error::InvalidInput { field: "from", .. }
    ));
}

mod exports {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    use tahsildar_core::Lang;
    use tahsildar_core::export::{ExportFormat, ExportRequest, export};
    use tahsildar_core::payments::page::PaymentQuery;
    use tahsildar_core::reports::arrears::ArrearsQuery;
    use tahsildar_core::reports::ledger::LedgerQuery;

    use super::*;

    fn sheet_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let range = book.worksheet_range(sheet).unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn exports_are_typed_masked_and_never_run_a_formula() {
        let w = World::new().await;
        let [a, ..] = a_day_of_collections(&w).await;
        // A name a spreadsheet would take for a formula.
        let risky = w.v.customer("=HYPERLINK(\"x\")", &[APPROVE]);
        w.v.one_off(risky, 1_234);
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("odemeler.xlsx");
        let all = ExportRequest::Payments {
            query: PaymentQuery::default(),
        };
        let written = export(&w.v.admin, &all, ExportFormat::Xlsx, Lang::Tr, &xlsx).unwrap();
        assert_eq!(
            written.rows, 15,
            "every payment, the future ones too: {written:?}"
        );
        let rows = sheet_rows(&xlsx, "Ödemeler");
        assert_eq!(rows[0][0], Data::String("No".into()));
        assert_eq!(rows[0][5], Data::String("Tutar".into()));
        let first_a = rows
            .iter()
            .find(|r| r[2] == Data::String("A".into()))
            .unwrap();
        assert_eq!(first_a[5], Data::Float(1000.0), "an amount is a number");
        assert!(
            matches!(first_a[4], Data::DateTime(_)),
            "a due date is a date: {:?}",
            first_a[4]
        );
        assert_eq!(first_a[8], Data::String("435509******5232".into()));
        let formula = rows
            .iter()
            .find(|r| r[2] == Data::String("=HYPERLINK(\"x\")".into()))
            .expect("the risky reference, as a string cell");
        assert_eq!(formula[5], Data::Float(12.34));
        let everything = format!("{rows:?}");
        assert!(!everything.contains(APPROVE) && !everything.contains(SOFT_51));

        // CSV as a Turkish Excel opens it, formulas neutralised.
        let csv = dir.path().join("odemeler.csv");
        export(&w.v.admin, &all, ExportFormat::Csv, Lang::Tr, &csv).unwrap();
        let bytes = std::fs::read(&csv).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "UTF-8 with a byte-order mark"
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("No;Mağaza;Müşteri no;"), "{text}");
        assert!(text.contains(";1000,00;TRY;"), "{text}");
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
        assert!(!text.contains(APPROVE));
        let mut reader = csv_rows(&text);
        assert_eq!(reader.remove(0)[0], "No");
        assert!(reader.iter().all(|r| r.len() == 12));

        // Windows-1254 keeps the Turkish letters.
        let legacy = dir.path().join("eski.csv");
        export(
            &w.v.admin,
            &all,
            ExportFormat::CsvWindows1254,
            Lang::Tr,
            &legacy,
        )
        .unwrap();
        let legacy = std::fs::read(&legacy).unwrap();
        let (decoded, _, errors) = encoding_rs::WINDOWS_1254.decode(&legacy);
        assert!(
            !errors && decoded.starts_with("No;Mağaza;Müşteri no;"),
            "{decoded}"
        );

        // The ledger, the arrears and the summary, in English.
        let ledger = dir.path().join("ledger.xlsx");
        let request = ExportRequest::Ledger {
            query: LedgerQuery {
                customer_id: a,
                as_of: None,
                plan_id: None,
            },
        };
        export(&w.v.admin, &request, ExportFormat::Xlsx, Lang::En, &ledger).unwrap();
        let rows = sheet_rows(&ledger, "Ledger A");
        assert_eq!(rows[1][1], Data::String("Due".into()));
        assert_eq!(
            (rows[2][1].clone(), rows[2][3].clone()),
            (Data::String("Charge".into()), Data::Float(0.0))
        );
        let arrears = dir.path().join("arrears.xlsx");
        let request = ExportRequest::Arrears {
            query: ArrearsQuery::default(),
        };
        assert_eq!(
            export(&w.v.admin, &request, ExportFormat::Xlsx, Lang::En, &arrears)
                .unwrap()
                .rows,
            2
        );
        let rows = sheet_rows(&arrears, "Arrears");
        assert_eq!(rows[1][0], Data::String("B".into()));
        assert_eq!(rows[1][3], Data::Float(500.0));
        let today = plan::today(w.v.clock.as_ref());
        let summary = dir.path().join("summary.xlsx");
        let request = ExportRequest::Summary {
            query: SummaryQuery {
                store_id: None,
                from: today,
                to: today,
            },
        };
        export(&w.v.admin, &request, ExportFormat::Xlsx, Lang::En, &summary).unwrap();
        let rows = sheet_rows(&summary, "Summary");
        assert_eq!(
            (rows[1][0].clone(), rows[1][1].clone(), rows[1][3].clone()),
            (
                Data::String("TRY".into()),
                Data::String("Due".into()),
                Data::Float(2152.34)
            ),
            "the day's dues and the risky reference's 12,34"
        );

        // Audited, and refused to a user without the export permission.
        let audited: i64 =
            w.v.vault
                .db()
                .read(|c| {
                    Ok(c.query_row(
                        "SELECT count(*) FROM audit_log WHERE action = 'export'",
                        [],
                        |r| r.get(0),
                    )?)
                })
                .unwrap();
        assert_eq!(audited, 6);
        let viewer = w.v.signed_in(
            "viewer",
            Role::Viewer,
            tahsildar_core::Scope::Store(w.v.store_id),
        );
        let refused = export(
            &viewer,
            &all,
            ExportFormat::Csv,
            Lang::Tr,
            &dir.path().join("x.csv"),
        )
        .unwrap_err();
        assert!(
            matches!(refused, tahsildar_core::Error::PermissionDenied { .. }),
            "{refused:?}"
        );
        assert!(
            !dir.path().join("x.csv").exists(),
            "nothing written when refused"
        );
    }

    /// The fields of each line of a `;` CSV (the quoting of the export's writer).
    fn csv_rows(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for line in text.split("\r\n").filter(|l| !l.is_empty()) {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(ch) = chars.next() {
                match (ch, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    ('"', _) => quoted = !quoted,
                    (';', false) => fields.push(std::mem::take(&mut field)),
                    _ => field.push(ch),
                }
            }
            fields.push(field);
            rows.push(fields);
        }
        rows
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runs_of_a_period_are_listed_with_their_counts() {
    let w = World::new().await;
    let paying = w.v.customer("R-1", &[APPROVE]);
    w.v.one_off(paying, 10_000);
    let expired = w.v.customer("R-2", &[HARD_54]);
    w.v.one_off(expired, 5_000);
    let ran = w.engine().run(None).await.unwrap();
    assert_eq!(
        (ran.payments, ran.approved, ran.attention),
        (2, 1, 1),
        "{ran:?}"
    );

    let today = plan::today(w.v.clock.as_ref());
    let runs_of = |session: &tahsildar_core::Session, from, to| {
        summary(
            session,
            &SummaryQuery {
                store_id: None,
                from,
                to,
            },
        )
        .unwrap()
        .runs
    };
    let runs = runs_of(&w.v.admin, today, today);
    assert_eq!(runs.len(), 1, "{runs:#?}");
    let run = &runs[0];
    assert_eq!(
        (
            run.payments,
            run.approved,
            run.declined,
            run.attention,
            run.unresolved
        ),
        (2, 1, 0, 1, 0)
    );
    assert_eq!(run.store, None, "the scheduler's runs cover every store");
    assert!(!run.held);
    assert!(run.started_at <= run.finished_at, "{run:?}");
    let yesterday = today.yesterday().unwrap();
    assert!(runs_of(&w.v.admin, yesterday, yesterday).is_empty());
    // A run over every store is not shown to a user who sees only some of them.
    let (_, viewer) = w.v.branch_viewer();
    assert!(runs_of(&viewer, today, today).is_empty());
}
