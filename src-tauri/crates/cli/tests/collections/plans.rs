//! `plan amount --from`, `plan end`, `plan skip` with `--dry-run`, merchant instalments with
//! `collect --split`, and a change refused in the plan's state. Dates lie far ahead, so the
//! test does not depend on the day it runs.

use serde_json::Value;

use crate::world::{Data, Sim, ok};

fn amounts(d: &Data, plan: &str) -> Vec<(String, String, String)> {
    let vault = d.vault();
    vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT due_date, amount_minor, status FROM payments WHERE plan_id = ?1
                 ORDER BY occurrence",
            )?;
            let rows = stmt.query_map([plan], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)?.to_string(), r.get(2)?))
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn effects(v: &Value) -> Vec<(String, String)> {
    v["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["due_date"].as_str().unwrap().to_string(),
                p["effect"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn plan_changes_show_what_they_change_and_dry_runs_save_nothing() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("P-1", "CARD_A", "100");
    let created = d.run(&[
        "collect",
        "--store",
        "Sandbox",
        "--ref",
        "P-1",
        "--amount",
        "1.000,00",
        "--date",
        "2099-01-10",
        "--every",
        "1m",
        "--count",
        "3",
        "--split",
    ]);
    let plan = created["plan"].to_string();
    let split: Vec<String> = amounts(&d, &plan).into_iter().map(|p| p.1).collect();
    assert_eq!(
        split,
        ["33333", "33333", "33334"],
        "the remainder on the last"
    );

    let dry = d.run(&[
        "plan",
        "amount",
        &plan,
        "--amount",
        "400",
        "--from",
        "2099-02-01",
        "--dry-run",
    ]);
    assert_eq!(dry["saved"], false);
    assert_eq!(
        effects(&dry),
        [
            ("2099-02-10".to_string(), "amount".to_string()),
            ("2099-03-10".to_string(), "amount".to_string())
        ]
    );
    assert_eq!(amounts(&d, &plan)[1].1, "33333", "a dry run saves nothing");
    let saved = d.run(&[
        "plan",
        "amount",
        &plan,
        "--amount",
        "400",
        "--from",
        "2099-02-01",
    ]);
    assert_eq!(
        saved["payments"], dry["payments"],
        "the dry run is what was saved"
    );
    let now: Vec<String> = amounts(&d, &plan).into_iter().map(|p| p.1).collect();
    assert_eq!(now, ["33333", "40000", "40000"]);

    let longer = d.run(&["plan", "end", &plan, "--until", "2099-05-10"]);
    assert_eq!(
        effects(&longer),
        [
            ("2099-04-10".to_string(), "added".to_string()),
            ("2099-05-10".to_string(), "added".to_string())
        ]
    );
    let skip_id = {
        let vault = d.vault();
        vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT id FROM payments WHERE plan_id = ?1 AND due_date = '2099-04-10'",
                    [&plan],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .unwrap()
            .to_string()
    };
    let skipped = d.run(&["plan", "skip", &plan, "--payment", &skip_id]);
    assert_eq!(
        effects(&skipped),
        [("2099-04-10".to_string(), "cancelled".to_string())]
    );
    let shorter = d.run(&["plan", "end", &plan, "--count", "2"]);
    assert_eq!(
        effects(&shorter),
        [
            ("2099-03-10".to_string(), "cancelled".to_string()),
            ("2099-05-10".to_string(), "cancelled".to_string())
        ]
    );
    let statuses: Vec<String> = amounts(&d, &plan).into_iter().map(|p| p.2).collect();
    assert_eq!(
        statuses,
        [
            "scheduled",
            "scheduled",
            "cancelled",
            "cancelled",
            "cancelled"
        ]
    );

    // People read the change in their language; a resume of an active plan is refused.
    let text = d
        .text_cmd("tr_TR.UTF-8")
        .args(["plan", "amount", &plan, "--amount", "450", "--dry-run"])
        .output()
        .unwrap();
    let text = ok(text);
    let text = text.as_str().unwrap();
    assert!(text.contains("kaydedilmedi"), "{text}");
    assert!(text.contains("400,00 TRY → 450,00 TRY"), "{text}");
    let out = d.cmd().args(["plan", "resume", &plan]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not paused"), "{err}");
}
