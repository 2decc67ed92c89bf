//! Reading one stretch of the bank's history report. The host answers at most one day per
//! request and refuses more than 9999 rows (VPS-2235); a stretch that is refused for its size is
//! asked for in two halves, down to a minute.

use jiff::civil::DateTime;
use jiff::{SignedDuration, ToSpan};
use tahsildar_akbank::{Client, HistoryOutcome, HistoryQuery, HistoryRow};

use crate::i18n::Text;

/// The report's refusal of too many rows.
const TOO_MANY_ROWS: &str = "VPS-2235";

/// Why a stretch of the report could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FetchError(pub Text);

/// The report's rows from `start` to `end` (Istanbul, both included).
pub(crate) async fn rows(
    client: &Client,
    start: DateTime,
    end: DateTime,
) -> Result<Vec<HistoryRow>, FetchError> {
    let mut out = Vec::new();
    let mut stack = vec![(start, end)];
    while let Some((start, end)) = stack.pop() {
        match client.history(&HistoryQuery::Range { start, end }).await {
            HistoryOutcome::Report(report) => out.extend(report.rows),
            HistoryOutcome::Failed { code, .. }
                if code == TOO_MANY_ROWS
                    && end.duration_since(start) > SignedDuration::from_mins(1) =>
            {
                let half = start
                    .checked_add(SignedDuration::from_nanos(
                        end.duration_since(start).as_nanos() as i64 / 2,
                    ))
                    .unwrap_or(start);
                let after = half.checked_add(1.millisecond()).unwrap_or(half);
                stack.push((after, end));
                stack.push((start, half));
            }
            HistoryOutcome::Failed { code, message } => {
                return Err(FetchError(Text::new(
                    format!("banka raporu vermedi ({code} {message})"),
                    format!("the bank gave no report ({code} {message})"),
                )));
            }
            HistoryOutcome::NotSent(reason) | HistoryOutcome::Unknown(reason) => {
                return Err(FetchError(Text::new(
                    format!("bankaya ulaşılamadı; teknik ayrıntı: {reason}"),
                    format!("the bank could not be reached; technical detail: {reason}"),
                )));
            }
            HistoryOutcome::Rejected(e) => {
                return Err(FetchError(Text::new(
                    format!("banka rapor isteğini reddetti ({e})"),
                    format!("the bank refused the report request ({e})"),
                )));
            }
            HistoryOutcome::Throttled { .. } => {
                return Err(FetchError(Text::new(
                    "banka yavaşlamamızı istedi; daha sonra yeniden denenecek",
                    "the bank asked to slow down; it is tried again later",
                )));
            }
        }
    }
    Ok(out)
}
