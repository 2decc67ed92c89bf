//! The HTTP side: a loopback listener that can really stop accepting, per-connection control
//! (to drop a connection without replying), fault injection, and admin endpoints.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tower::ServiceExt as _;

use crate::config::SimConfig;
use crate::delivery::{Delivery, decide};
use crate::error::SimError;
use crate::faults::{FaultDice, Faults};
use crate::host::{Endpoint, HostState, Rules};
use crate::ledger::{Ledger, LedgerEntry};

/// Path prefix of the bank API.
pub const API_PREFIX: &str = "/api/v1/payment/virtualpos";

struct Shared {
    host: Mutex<HostState>,
    faults: Mutex<Faults>,
    dice: Mutex<FaultDice>,
    /// Bumped on every fault change, so a timed refusal ends only the refusal that set it.
    generation: Mutex<u64>,
    accepting: watch::Sender<bool>,
    /// Bound when a refusal ends, before the fault change returns, so a client that connects
    /// right after it is queued by the system instead of refused; the serve loop takes it.
    reopened: Mutex<Option<std::net::TcpListener>>,
    addr: SocketAddr,
}

/// Ends a refusal: binds the address again at once (if the serve loop still holds the old
/// listener, it goes on with that one), then lets the serve loop accept.
fn reopen(shared: &Shared) {
    if let Ok(listener) = std::net::TcpListener::bind(shared.addr)
        && listener.set_nonblocking(true).is_ok()
    {
        *lock(&shared.reopened) = Some(listener);
    }
    shared.accepting.send_replace(true);
}

#[derive(Clone)]
struct ConnKill(Arc<Notify>);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn apply_faults(shared: &Arc<Shared>, f: Faults) {
    let generation = {
        let mut g = lock(&shared.generation);
        *g += 1;
        *g
    };
    let refuse = f.refuse_connections;
    let refuse_for = f.refuse_for_ms;
    *lock(&shared.faults) = f;
    if refuse {
        shared.accepting.send_replace(false);
    } else if !*shared.accepting.borrow() {
        reopen(shared);
    }
    if refuse && refuse_for > 0 {
        let s = shared.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(refuse_for)).await;
            if *lock(&s.generation) == generation {
                lock(&s.faults).refuse_connections = false;
                reopen(&s);
            }
        });
    }
}

/// Starts simulators.
pub struct Simulator;

impl Simulator {
    /// Binds 127.0.0.1:`port` and serves until the handle is shut down or dropped.
    pub async fn start(config: SimConfig) -> Result<SimHandle, SimError> {
        let ledger = match &config.ledger_path {
            Some(p) => Ledger::open(p)?,
            None => Ledger::in_memory(),
        };
        let listener = TcpListener::bind(("127.0.0.1", config.port))
            .await
            .map_err(|source| SimError::Bind {
                port: config.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SimError::Bind {
            port: config.port,
            source,
        })?;
        let (accepting, _) = watch::channel(true);
        let shared = Arc::new(Shared {
            host: Mutex::new(HostState::new(
                ledger,
                config.terminals.clone(),
                config.seed,
                config.clock.clone(),
            )),
            faults: Mutex::new(Faults::default()),
            dice: Mutex::new(FaultDice::new(config.seed)),
            generation: Mutex::new(0),
            accepting,
            reopened: Mutex::new(None),
            addr,
        });
        apply_faults(&shared, config.faults.clone());
        let router = Router::new()
            .route(
                &format!("{API_PREFIX}/transaction/process"),
                post(transaction),
            )
            .route(
                &format!("{API_PREFIX}/portal/report/transaction"),
                post(report),
            )
            .route("/__sim/ledger", get(ledger_json))
            .route("/__sim/faults", get(get_faults).put(put_faults))
            .with_state(shared.clone());
        let (shutdown, shutdown_rx) = watch::channel(false);
        let task = tokio::spawn(serve(shared.clone(), listener, router, shutdown_rx));
        Ok(SimHandle {
            shared,
            shutdown,
            task: Some(task),
        })
    }
}

/// A running simulator. Dropping it stops the listener.
pub struct SimHandle {
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT/api/v1/payment/virtualpos`.
    pub fn base_url(&self) -> String {
        format!("http://{}{API_PREFIX}", self.shared.addr)
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// A copy of the ledger.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        lock(&self.shared.host).ledger().to_vec()
    }

    /// Current faults.
    pub fn faults(&self) -> Faults {
        lock(&self.shared.faults).clone()
    }

    /// Replaces the faults (takes effect for the next request; a refusal closes the listener).
    pub fn set_faults(&self, faults: Faults) {
        apply_faults(&self.shared, faults);
    }

    /// Stops the listener and waits for it.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

async fn serve(
    shared: Arc<Shared>,
    first: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut listener = Some(first);
    let mut accepting = shared.accepting.subscribe();
    let (close_idle, _) = watch::channel(0u64);
    loop {
        let want = *accepting.borrow_and_update();
        let reopened = lock(&shared.reopened).take().map(TcpListener::from_std);
        if want && listener.is_none() {
            let bound = match reopened {
                Some(from_std) => from_std,
                None => TcpListener::bind(shared.addr).await,
            };
            match bound {
                Ok(l) => listener = Some(l),
                Err(e) => {
                    eprintln!("bank-sim: cannot reopen {}: {e}", shared.addr);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            }
        } else if !want && listener.is_some() {
            listener = None;
            close_idle.send_modify(|g| *g += 1);
        }
        tokio::select! {
            _ = shutdown.changed() => break,
            _ = accepting.changed() => continue,
            accepted = async { listener.as_ref().expect("guarded").accept().await }, if listener.is_some() => {
                if let Ok((stream, _)) = accepted {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(connection(stream, router.clone(), close_idle.subscribe()));
                }
            }
        }
    }
    drop(listener);
    close_idle.send_modify(|g| *g += 1);
}

async fn connection(
    stream: tokio::net::TcpStream,
    router: Router,
    mut close_idle: watch::Receiver<u64>,
) {
    let kill = Arc::new(Notify::new());
    let for_requests = ConnKill(kill.clone());
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(for_requests.clone());
        router.clone().oneshot(req)
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc);
    tokio::pin!(conn);
    close_idle.borrow_and_update();
    let mut closing = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            // Dropping the connection closes the socket without a reply.
            _ = kill.notified() => break,
            changed = close_idle.changed(), if !closing => {
                closing = true;
                if changed.is_ok() {
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

async fn transaction(
    State(s): State<Arc<Shared>>,
    Extension(kill): Extension<ConnKill>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    bank(s, kill, Endpoint::Transaction, headers, body).await
}

async fn report(
    State(s): State<Arc<Shared>>,
    Extension(kill): Extension<ConnKill>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    bank(s, kill, Endpoint::History, headers, body).await
}

async fn bank(
    s: Arc<Shared>,
    kill: ConnKill,
    endpoint: Endpoint,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (faults, plan) = {
        let f = lock(&s.faults).clone();
        let p = lock(&s.dice).plan(&f);
        (f, p)
    };
    let delay = Duration::from_millis(plan.delay_ms);
    if plan.throttle || plan.error_before {
        tokio::time::sleep(delay).await;
    }
    if plan.throttle {
        let body = serde_json::json!({"code": "429", "message": "Too Many Requests"});
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, faults.retry_after_secs.to_string())],
            axum::Json(body),
        )
            .into_response();
    }
    if plan.error_before {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "<html><body>503 Service Unavailable</body></html>",
        )
            .into_response();
    }
    let auth = headers.get("auth-hash").and_then(|v| v.to_str().ok());
    let rules = Rules::new(&faults, &plan);
    // The host books at once and answers after the delay, so a client that gives up during a
    // long delay leaves a booked transaction behind, as a slow real host would.
    let answer = lock(&s.host).handle_with(endpoint, auth, &body, &rules);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let delivery = decide(&mut lock(&s.host), &plan, &answer);
    match delivery {
        Delivery::Drop => {
            kill.0.notify_one();
            // Never answers: the connection task drops the socket.
            std::future::pending().await
        }
        Delivery::Page(status, page) => (status, page).into_response(),
        Delivery::Json(status, body) => (status, axum::Json(body)).into_response(),
        Delivery::Truncated(status, cut) => {
            (status, [(header::CONTENT_TYPE, "application/json")], cut).into_response()
        }
    }
}

async fn ledger_json(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(lock(&s.host).ledger().to_vec()).into_response()
}

async fn get_faults(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(lock(&s.faults).clone()).into_response()
}

async fn put_faults(State(s): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            apply_faults(&s, f.clone());
            axum::Json(f).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("faults: {e}")).into_response(),
    }
}
