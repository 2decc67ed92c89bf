//! How the client sorts transport results, against small raw servers on loopback: refused,
//! TLS failure, reset after sending, 5xx, 4xx error bodies, 429, unreadable 200 bodies.

use std::time::Duration;

use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    Client, ClientConfig, Failure, InquiryOutcome, OrderRef, OrderTarget, Outcome,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn client(base: &str) -> Client {
    let mut cfg = ClientConfig::new(base, test_terminals::a());
    cfg.connect_timeout = Duration::from_millis(800);
    cfg.timeout = Duration::from_millis(1500);
    Client::new(cfg).unwrap()
}

/// Serves one connection: reads the whole request, then does `reply` with the socket.
async fn one_shot(
    reply: &'static [u8],
    close_without_reply: bool,
) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let (mut s, _) = l.accept().await.unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        // Read headers and the announced body.
        loop {
            let n = s.read(&mut chunk).await.unwrap();
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf[0] == 0x16 {
                // A TLS ClientHello: answer in plain text at once.
                break;
            }
            if let Some(end) = find(&buf, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let len = head
                    .lines()
                    .find_map(|l| {
                        l.strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if buf.len() >= end + 4 + len {
                    break;
                }
            }
        }
        if !close_without_reply {
            s.write_all(reply).await.unwrap();
            s.flush().await.unwrap();
        }
        drop(s);
        buf
    });
    (format!("http://{addr}/api/v1/payment/virtualpos"), task)
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn void_target() -> OrderTarget {
    OrderTarget::OrderId("ORDER-1".into())
}

#[tokio::test]
async fn refused_connection_is_not_sent() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    let c = client(&format!("http://{addr}/api/v1/payment/virtualpos"));
    match c.void(void_target()).await {
        Outcome::NotSent(reason) => assert!(!reason.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn tls_handshake_failure_is_not_sent() {
    // A plain-text server where TLS is expected: the handshake fails, no request is written.
    let (base, task) = one_shot(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", false).await;
    let base = base
        .replace("http://", "https://")
        .replace("127.0.0.1", "localhost");
    let mut cfg = ClientConfig::new(base, test_terminals::a());
    cfg.timeout = Duration::from_millis(1500);
    let c = Client::new(cfg).unwrap();
    match c.void(void_target()).await {
        Outcome::NotSent(_) => {}
        other => panic!("{other:?}"),
    }
    let seen = task.await.unwrap();
    assert!(
        find(&seen, b"auth-hash").is_none(),
        "no HTTP request may have been written"
    );
}

#[tokio::test]
async fn closed_after_sending_is_unknown() {
    let (base, task) = one_shot(b"", true).await;
    match client(&base).void(void_target()).await {
        Outcome::Unknown(_) => {}
        other => panic!("{other:?}"),
    }
    let seen = task.await.unwrap();
    assert!(find(&seen, b"auth-hash").is_some());
}

#[tokio::test]
async fn server_error_is_unknown() {
    let (base, _t) = one_shot(
        b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n",
        false,
    )
    .await;
    assert!(matches!(
        client(&base).void(void_target()).await,
        Outcome::Unknown(_)
    ));
}

#[tokio::test]
async fn unreadable_200_is_unknown() {
    let (base, _t) = one_shot(
        b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n{\"txnCode",
        false,
    )
    .await;
    assert!(matches!(
        client(&base).void(void_target()).await,
        Outcome::Unknown(_)
    ));
    let (base, _t) = one_shot(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", false).await;
    assert!(
        matches!(client(&base).void(void_target()).await, Outcome::Unknown(_)),
        "no responseCode"
    );
}

#[tokio::test]
async fn truncated_body_is_unknown() {
    let (base, _t) = one_shot(
        b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{\"responseCode\":\"VPS-0000\"",
        false,
    )
    .await;
    assert!(matches!(
        client(&base).void(void_target()).await,
        Outcome::Unknown(_)
    ));
}

#[tokio::test]
async fn http_401_and_400_are_rejected_with_the_host_code() {
    let (base, _t) = one_shot(
        b"HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 35\r\n\r\n{\"code\":\"401\",\"message\":\"bad hash\"}",
        false,
    )
    .await;
    match client(&base).void(void_target()).await {
        Outcome::Rejected(e) => {
            assert_eq!(
                (e.http_status, e.code.as_str(), e.message.as_str()),
                (401, "401", "bad hash")
            );
            assert_eq!(e.info().class, tahsildar_akbank::CodeClass::OurError);
        }
        other => panic!("{other:?}"),
    }
    let body = "{\"code\":\"VPS-3001\",\"message\":\"amount alanı patterne uymamaktadır\"}";
    let resp: &'static str = Box::leak(
        format!(
            "HTTP/1.1 400 Bad Request\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let (base, _t) = one_shot(resp.as_bytes(), false).await;
    match client(&base).inquiry(&OrderRef::OrderId("X".into())).await {
        InquiryOutcome::Rejected(e) => assert_eq!(e.code, "VPS-3001"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn throttled_carries_retry_after() {
    let (base, _t) = one_shot(
        b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 7\r\ncontent-length: 0\r\n\r\n",
        false,
    )
    .await;
    assert_eq!(
        client(&base).void(void_target()).await,
        Outcome::Throttled {
            retry_after: Some(Duration::from_secs(7))
        }
    );
}

#[tokio::test]
async fn timeout_after_sending_is_unknown() {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    let _hold = tokio::spawn(async move {
        let (s, _) = l.accept().await.unwrap();
        tokio::time::sleep(Duration::from_secs(5)).await;
        drop(s);
    });
    let mut cfg = ClientConfig::new(
        format!("http://{addr}/api/v1/payment/virtualpos"),
        test_terminals::a(),
    );
    cfg.timeout = Duration::from_millis(300);
    let c = Client::new(cfg).unwrap();
    assert!(matches!(c.void(void_target()).await, Outcome::Unknown(_)));
}

#[tokio::test]
async fn invalid_requests_and_urls_are_refused_before_sending() {
    let (base, task) = one_shot(b"", true).await;
    let c = client(&base);
    match c.void(OrderTarget::OrderId("not valid!".into())).await {
        Outcome::NotSent(r) => assert!(r.contains("invalid request")),
        other => panic!("{other:?}"),
    }
    task.abort();
    assert!(
        Client::new(ClientConfig::new(
            "http://example.com/api",
            test_terminals::a()
        ))
        .is_err()
    );
    assert!(Client::new(ClientConfig::new("not a url", test_terminals::a())).is_err());
    assert!(
        Client::new(ClientConfig::new(
            tahsildar_akbank::TEST_BASE_URL,
            test_terminals::a()
        ))
        .is_ok()
    );
}

#[test]
fn failure_maps_into_each_outcome() {
    let f = Failure::Throttled { retry_after: None };
    assert_eq!(Outcome::from(f.clone()).kind(), "throttled");
    assert!(matches!(
        InquiryOutcome::from(f),
        InquiryOutcome::Throttled { .. }
    ));
}

#[tokio::test]
async fn unresolvable_host_is_not_sent() {
    let mut cfg = ClientConfig::new(
        "https://no-such-host.invalid/api/v1/payment/virtualpos",
        test_terminals::a(),
    );
    cfg.connect_timeout = Duration::from_millis(800);
    cfg.timeout = Duration::from_secs(3);
    let c = Client::new(cfg).unwrap();
    match c.inquiry(&OrderRef::OrderId("X1".into())).await {
        InquiryOutcome::NotSent(_) => {}
        other => panic!("{other:?}"),
    }
}
