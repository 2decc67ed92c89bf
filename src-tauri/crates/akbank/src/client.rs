//! The HTTP client: signs each request, sends it, and sorts the result into an outcome.

use std::error::Error as _;
use std::time::Duration;

use secrecy::ExposeSecret;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::outcome::{ApiError, Failure, HistoryOutcome, InquiryOutcome, Outcome};
use crate::reply::{self, HistoryAnswer, Inquiry, TxnReply};
use crate::request::{
    CancelRecurringRequest, Envelope, HistoryQuery, OrderRef, OrderTarget, PostAuthRequest,
    RecurringSaleRequest, RefundRequest, Request, SaleRequest, VoidRequest,
};
use crate::terminal::Credentials;

/// Akbank's test host.
pub const TEST_BASE_URL: &str = "https://apipre.akbank.com/api/v1/payment/virtualpos";
/// Akbank's production host.
pub const LIVE_BASE_URL: &str = "https://api.akbank.com/api/v1/payment/virtualpos";

/// Client settings.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL ending in `/api/v1/payment/virtualpos`; `https://`, or `http://` to a loopback
    /// address only (the built-in simulator).
    pub base_url: String,
    /// Terminal and secret key.
    pub credentials: Credentials,
    /// Time allowed to open the connection (TCP + TLS).
    pub connect_timeout: Duration,
    /// Time allowed for the whole exchange.
    pub timeout: Duration,
    /// Idle pooled connections kept per host.
    pub pool_max_idle_per_host: usize,
}

impl ClientConfig {
    /// Settings with defaults: 10 s to connect, 60 s overall.
    pub fn new(base_url: impl Into<String>, credentials: Credentials) -> ClientConfig {
        ClientConfig {
            base_url: base_url.into(),
            credentials,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            pool_max_idle_per_host: 16,
        }
    }
}

/// What came back over the wire, before interpretation.
#[derive(Debug)]
pub enum Exchange {
    /// HTTP 200 with its body.
    Body(Vec<u8>),
    /// Anything else.
    Failure(Failure),
}

/// The virtual POS client. Cheap to clone; share one per terminal.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .finish()
    }
}

fn is_loopback_host(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn error_chain(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// Sorts a transport error: only a failure to connect proves nothing was sent.
fn classify_error(e: &reqwest::Error) -> Failure {
    if e.is_connect() || e.is_builder() {
        Failure::NotSent(error_chain(e))
    } else {
        Failure::Unknown(error_chain(e))
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // HTTP-date form.
    let ts = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let wait = ts.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

fn api_error(status: u16, body: &[u8]) -> ApiError {
    #[derive(serde::Deserialize)]
    struct ErrWire {
        #[serde(default, deserialize_with = "crate::wire_de::opt_text")]
        code: Option<String>,
        #[serde(default, deserialize_with = "crate::wire_de::opt_text")]
        message: Option<String>,
    }
    match serde_json::from_slice::<ErrWire>(body) {
        Ok(w) => ApiError {
            http_status: status,
            code: w.code.unwrap_or_default(),
            message: w.message.unwrap_or_default(),
        },
        Err(_) => ApiError {
            http_status: status,
            code: String::new(),
            message: String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
        },
    }
}

impl Client {
    /// A client; fails on an unusable base URL or TLS setup.
    pub fn new(config: ClientConfig) -> Result<Client> {
        let base = config.base_url.trim_end_matches('/').to_string();
        let url =
            reqwest::Url::parse(&base).map_err(|e| Error::Config(format!("base URL: {e}")))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback_host(&url) => {}
            "http" => {
                return Err(Error::Config(
                    "plain http is only allowed to a loopback address".into(),
                ));
            }
            other => return Err(Error::Config(format!("unsupported scheme {other}"))),
        }
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .pool_max_idle_per_host(config.pool_max_idle_per_host)
            .redirect(reqwest::redirect::Policy::none())
            .tls_version_min(reqwest::tls::Version::TLS_1_2)
            .https_only(url.scheme() == "https")
            .user_agent(concat!("tahsildar/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config(error_chain(&e)))?;
        Ok(Client {
            http,
            base_url: base,
            credentials: config.credentials,
        })
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Signs and sends a request with a fresh envelope; returns the raw exchange.
    pub async fn send(&self, request: Request<'_>) -> Exchange {
        self.send_with(request, &Envelope::fresh()).await
    }

    /// Signs and sends a request with the given envelope.
    pub async fn send_with(&self, request: Request<'_>, envelope: &Envelope) -> Exchange {
        let body = match request.body(&self.credentials.terminal, envelope) {
            Ok(b) => b,
            Err(e) => return Exchange::Failure(Failure::NotSent(format!("invalid request: {e}"))),
        };
        self.post(request.path(), body).await
    }

    /// Sends already-built body bytes to `path` (signing them). Used by [`Client::send`].
    pub async fn post(&self, path: &str, body: Zeroizing<Vec<u8>>) -> Exchange {
        let hash = crate::sign::sign(self.credentials.secret_key.expose_secret(), &body);
        let url = format!("{}{}", self.base_url, path);
        // The body buffer is handed over as the owner of the bytes and zeroised when dropped.
        let bytes = bytes::Bytes::from_owner(ZeroizingBody(body));
        let sent = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json")
            .header("auth-hash", hash)
            .body(bytes)
            .send()
            .await;
        let resp = match sent {
            Ok(r) => r,
            Err(e) => return Exchange::Failure(classify_error(&e)),
        };
        let status = resp.status().as_u16();
        if status == 429 {
            let retry_after = retry_after(resp.headers());
            return Exchange::Failure(Failure::Throttled { retry_after });
        }
        let refused = (400..=499).contains(&status) && status != 408;
        let body = match resp.bytes().await {
            Ok(b) => b,
            // The status line already says the request was refused; only the text is lost.
            Err(_) if refused => bytes::Bytes::new(),
            Err(e) => {
                return Exchange::Failure(Failure::Unknown(format!(
                    "HTTP {status}, body unreadable: {}",
                    error_chain(&e)
                )));
            }
        };
        match status {
            200 => Exchange::Body(body.to_vec()),
            _ if refused => Exchange::Failure(Failure::Rejected(api_error(status, &body))),
            _ => Exchange::Failure(Failure::Unknown(format!("HTTP {status}"))),
        }
    }

    async fn transaction(&self, request: Request<'_>) -> Outcome {
        match self.send(request).await {
            Exchange::Failure(f) => f.into(),
            Exchange::Body(b) => match TxnReply::parse(&b) {
                Ok(r) if r.is_approved() => Outcome::Approved(r),
                Ok(r) => Outcome::Declined(r),
                Err(e) => Outcome::Unknown(format!("HTTP 200 with an unreadable body: {e}")),
            },
        }
    }

    /// Sale (1000), single or with installments (`install_count` 2..=12).
    pub async fn sale(&self, req: &SaleRequest) -> Outcome {
        self.transaction(Request::Sale(req)).await
    }

    /// Pre-authorization (1004).
    pub async fn pre_auth(&self, req: &SaleRequest) -> Outcome {
        self.transaction(Request::PreAuth(req)).await
    }

    /// Post-authorization (1005) of a pre-auth.
    pub async fn post_auth(&self, req: &PostAuthRequest) -> Outcome {
        self.transaction(Request::PostAuth(req)).await
    }

    /// Refund (1002): `None` refunds the full amount, `Some` a part.
    pub async fn refund(&self, target: OrderTarget, amount: Option<Money>) -> Outcome {
        self.transaction(Request::Refund(&RefundRequest { target, amount }))
            .await
    }

    /// Void (1003).
    pub async fn void(&self, target: OrderTarget) -> Outcome {
        self.transaction(Request::Void(&VoidRequest { target }))
            .await
    }

    /// Recurring sale (1000 with `recurring`, keyed by `orderTrackId`).
    pub async fn recurring_sale(&self, req: &RecurringSaleRequest) -> Outcome {
        self.transaction(Request::RecurringSale(req)).await
    }

    /// Cancels pending recurring instalments (1013): one, or all when `None`.
    pub async fn cancel_recurring(&self, track_id: &str, recurring_order: Option<u32>) -> Outcome {
        let req = CancelRecurringRequest {
            track_id: track_id.to_string(),
            recurring_order,
        };
        self.transaction(Request::CancelRecurring(&req)).await
    }

    /// Order inquiry (1010).
    pub async fn inquiry(&self, order: &OrderRef) -> InquiryOutcome {
        match self.send(Request::Inquiry(order)).await {
            Exchange::Failure(f) => f.into(),
            Exchange::Body(b) => match Inquiry::parse(&b) {
                Ok(i) if i.response_code == reply::APPROVED => InquiryOutcome::Found(i),
                Ok(i) if i.response_code == reply::NOT_FOUND => {
                    InquiryOutcome::NotFound(i.response_message)
                }
                Ok(i) => InquiryOutcome::Failed(i),
                Err(e) => InquiryOutcome::Unknown(format!("HTTP 200 with an unreadable body: {e}")),
            },
        }
    }

    /// History report (range of at most one day, or a batch).
    pub async fn history(&self, query: &HistoryQuery) -> HistoryOutcome {
        match self.send(Request::History(query)).await {
            Exchange::Failure(f) => f.into(),
            Exchange::Body(b) => match HistoryAnswer::parse(&b) {
                Ok(HistoryAnswer::Report(r)) => HistoryOutcome::Report(r),
                Ok(HistoryAnswer::Failed { code, message }) => {
                    HistoryOutcome::Failed { code, message }
                }
                Err(e) => HistoryOutcome::Unknown(format!("HTTP 200 with an unreadable body: {e}")),
            },
        }
    }
}

struct ZeroizingBody(Zeroizing<Vec<u8>>);

impl AsRef<[u8]> for ZeroizingBody {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}
