//! The protocol vectors (tests/data/vectors.json, a copy of the shared protocol file): hashes
//! verify, replies parse, and our request bodies are byte-for-byte the vector bodies.

use serde_json::Value;
use tahsildar_akbank::reply::{HistoryAnswer, Inquiry, TxnReply, encode_report_data};
use tahsildar_akbank::{
    CancelRecurringRequest, Card, Credentials, Currency, Cvv, Envelope, Expiry, FrequencyCycle,
    HistoryQuery, Money, OrderRef, OrderTarget, Pan, PostAuthRequest, Recurrence,
    RecurringSaleRequest, RefundRequest, Request, SaleRequest, VoidRequest, sign,
};

const VECTORS: &str = include_str!("data/vectors.json");

fn vectors() -> Vec<Value> {
    serde_json::from_str::<Value>(VECTORS)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn field<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{} has no {k}", v["name"]))
}

#[test]
fn public_hashes_verify() {
    let mut public = 0;
    for v in vectors() {
        if v["hash_origin"] != "public" {
            continue;
        }
        public += 1;
        let got = sign(field(&v, "secretKey"), field(&v, "body").as_bytes());
        assert_eq!(got, field(&v, "expected_auth_hash"), "{}", v["name"]);
        assert!(tahsildar_akbank::sign::verify(
            field(&v, "secretKey"),
            field(&v, "body").as_bytes(),
            field(&v, "expected_auth_hash")
        ));
    }
    assert_eq!(public, 7, "the protocol lists 7 public vectors");
}

#[test]
fn computed_hashes_still_match() {
    for v in vectors() {
        if v["hash_origin"] == "computed" {
            let got = sign(field(&v, "secretKey"), field(&v, "body").as_bytes());
            assert_eq!(got, field(&v, "expected_auth_hash"), "{}", v["name"]);
        }
    }
}

#[test]
fn hex_decoded_key_gives_another_hash() {
    let v = &vectors()[0];
    let key = field(v, "secretKey");
    let decoded: Vec<u8> = (0..key.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&key[i..i + 2], 16).unwrap())
        .collect();
    let as_text = String::from_utf8(decoded).unwrap();
    assert_ne!(
        sign(&as_text, field(v, "body").as_bytes()),
        field(v, "expected_auth_hash")
    );
}

#[test]
fn every_reply_parses() {
    let mut parsed = 0;
    for v in vectors() {
        let resp = &v["response"];
        if resp.is_null() {
            continue;
        }
        let name = field(&v, "name");
        let bytes = serde_json::to_vec(resp).unwrap();
        let path = field(&v, "http_path");
        if path.ends_with("/portal/report/transaction") {
            // The vector abbreviates `data`; the envelope must parse and the placeholder must be
            // refused as data, then a real gzip+base64 payload decodes.
            assert!(
                HistoryAnswer::parse(&bytes).is_err(),
                "{name}: placeholder data must not decode"
            );
            let mut real = resp.clone();
            let payload = br#"{"txnDateTime":"2024-04-25T09:59:06.582","terminal":{},"txnDetailList":[{"txnCode":"1000","responseCode":"VPS-0000","hostResponseCode":"00","hostResponseMessage":"000 ONAY KODU","orderId":"20240414AAAA","amount":12.3,"currencyCode":949,"installmentCount":1,"rrn":410524358877,"txnStatus":"Ba\u015far\u0131l\u0131"},{"txnCode":"1000","orderId":"20240414BBBB","amount":1,"txnStatus":"Teknik \u0130ptal"}]}"#;
            real["data"] = Value::String(encode_report_data(payload));
            match HistoryAnswer::parse(&serde_json::to_vec(&real).unwrap()).unwrap() {
                HistoryAnswer::Report(r) => {
                    assert_eq!(
                        r.request_id.as_deref(),
                        Some("VPS00020599122225999999999920240425095907000052")
                    );
                    assert_eq!(r.rows.len(), 2);
                    assert_eq!(r.rows[0].amount_minor, Some(1230));
                    assert_eq!(r.rows[0].rrn.as_deref(), Some("410524358877"));
                    assert_eq!(r.rows[0].txn_status.as_deref(), Some("Başarılı"));
                    assert_eq!(r.rows[1].response_code, None);
                }
                other => panic!("{name}: {other:?}"),
            }
        } else if field(&v, "body").contains("\"txnCode\":\"1010\"") {
            let inq = Inquiry::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(inq.response_code, resp["responseCode"].as_str().unwrap());
            let list = resp["txnDetailList"]
                .as_array()
                .map(|a| a.len())
                .unwrap_or(0);
            assert_eq!(inq.rows.len(), list, "{name}");
            for (row, raw) in inq
                .rows
                .iter()
                .zip(resp["txnDetailList"].as_array().into_iter().flatten())
            {
                // Amounts exactly, by decimal text.
                let text = raw["amount"].to_string();
                assert_eq!(
                    row.amount_minor,
                    Some(tahsildar_akbank::money::decimal_to_minor(&text).unwrap())
                );
            }
        } else {
            let r = TxnReply::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                r.response_code,
                resp["responseCode"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(r.txn_code, resp["txnCode"].as_str().unwrap(), "{name}");
            if let Some(auth) = resp["transaction"]["authCode"].as_str() {
                assert_eq!(r.auth_code.as_deref(), Some(auth));
            }
            if let Some(rrn) = resp["transaction"]["rrn"].as_str() {
                assert_eq!(r.rrn.as_deref(), Some(rrn));
            }
            assert_eq!(
                r.host_response_code.as_deref(),
                resp["hostResponseCode"].as_str()
            );
        }
        parsed += 1;
    }
    assert!(parsed >= 14, "parsed {parsed}");
}

#[test]
fn inquiry_fixture_fields() {
    let v = vectors()
        .into_iter()
        .find(|v| v["name"] == "recurring_inquiry_1010")
        .unwrap();
    let inq = Inquiry::parse(&serde_json::to_vec(&v["response"]).unwrap()).unwrap();
    assert_eq!(inq.rows.len(), 3);
    assert_eq!(inq.rows[0].amount_minor, Some(500));
    assert_eq!(inq.rows[0].recurring_order, Some(1));
    assert_eq!(
        inq.rows[0].instalment_status(),
        Some(tahsildar_akbank::InstalmentStatus::Charged)
    );
    assert_eq!(
        inq.rows[2].instalment_status(),
        Some(tahsildar_akbank::InstalmentStatus::Waiting)
    );
    assert_eq!(
        inq.rows[2].planned_date_time.as_deref(),
        Some("2024-10-17T15:23:11.846")
    );
    let v = vectors()
        .into_iter()
        .find(|v| v["name"] == "order_inquiry_1010")
        .unwrap();
    let inq = Inquiry::parse(&serde_json::to_vec(&v["response"]).unwrap()).unwrap();
    let state = tahsildar_akbank::order_state::interpret_rows(&inq.rows, "20240415ABDD");
    match state {
        tahsildar_akbank::OrderState::Approved {
            row,
            refunded_minor,
        } => {
            assert_eq!(row.auth_code.as_deref(), Some("305957"));
            assert_eq!(row.amount_minor, Some(101));
            assert_eq!(refunded_minor, 0);
        }
        other => panic!("{other:?}"),
    }
}

fn test_card() -> Card {
    Card {
        pan: Pan::parse("4355093000315232").unwrap(),
        expiry: Expiry::parse("1140").unwrap(),
        cvv: Some(Cvv::parse("471").unwrap()),
        holder: None,
    }
}

fn sale(order: &str, install: u8, moto: u8) -> SaleRequest {
    SaleRequest {
        order_id: order.into(),
        amount: Money::new(101, Currency::Try),
        card: test_card(),
        install_count: install,
        moto_ind: moto,
        customer_ip: "127.0.0.1".into(),
        customer_email: None,
    }
}

fn recurring(track: &str, interval: u8, n: u16) -> RecurringSaleRequest {
    RecurringSaleRequest {
        track_id: track.into(),
        amount: Money::new(101, Currency::Try),
        card: test_card(),
        recurrence: Recurrence {
            interval,
            cycle: FrequencyCycle::Month,
            number_of_payments: n,
        },
        moto_ind: 1,
        customer_ip: "127.0.0.1".into(),
    }
}

#[test]
fn request_bodies_match_vectors_byte_for_byte() {
    let creds = Credentials::new(
        "2023090417500272654BD9A49CF07574",
        "2023090417500284633D137A249DBBEB",
        "unused",
    );
    let env = Envelope {
        request_date_time: "2024-04-20T13:48:02.000".into(),
        random_number: "59EED19EC4FA761B8D147F5175C915EFD69D193ED96114F9690505EDB02FF5FD3CB161A15FD5EFFB294177291DC27B2A9F58FB1DA6F2F4617762AF180A023A33".into(),
    };
    let dt = |s: &str| s.parse::<jiff::civil::DateTime>().unwrap();
    let mut checked = 0;
    for v in vectors() {
        let name = field(&v, "name");
        let body = field(&v, "body");
        if !body.starts_with('{') {
            continue; // 3D form strings, not JSON requests
        }
        let s;
        let p;
        let r;
        let vd;
        let c;
        let o;
        let h;
        let rec;
        let req = match name {
            "public_json_body_order_inquiry_1010" => {
                o = OrderRef::OrderId("2024042053E2".into());
                Request::Inquiry(&o)
            }
            "sale_1000" => {
                s = sale("20240418BA6C", 1, 0);
                Request::Sale(&s)
            }
            "moto_sale_1000_motoInd_1" => {
                s = sale("MOTO-20240420-0001", 1, 1);
                Request::Sale(&s)
            }
            "installment_sale_1000" => {
                s = sale("b9ebfdc5-304f-49c2-8065-a2c7481a5d1f", 2, 0);
                Request::Sale(&s)
            }
            "declined_sale_1000" => {
                s = sale("20240423303F", 2, 0);
                Request::Sale(&s)
            }
            "duplicate_order_id_1000" => {
                s = sale("202404142607", 2, 0);
                Request::Sale(&s)
            }
            "refund_1002" => {
                r = RefundRequest {
                    target: OrderTarget::OrderId("20240415E30D".into()),
                    amount: Some(Money::new(101, Currency::Try)),
                };
                Request::Refund(&r)
            }
            "cancel_1003" => {
                vd = VoidRequest {
                    target: OrderTarget::OrderId("b9ebfdc5-304f-49c2-8065-a2c7481a5d1f".into()),
                };
                Request::Void(&vd)
            }
            "recurring_sale_1000" => {
                rec = recurring("c3978ccf-6ef6-41e3-a987-8ca7e185c94e", 1, 4);
                Request::RecurringSale(&rec)
            }
            "recurring_sale_not_permitted" => {
                rec = recurring("20240414F00D3A1B2C3D4E5F60718293A4B5", 3, 2);
                Request::RecurringSale(&rec)
            }
            "order_inquiry_1010" => {
                o = OrderRef::OrderId("20240415ABDD".into());
                Request::Inquiry(&o)
            }
            "order_inquiry_not_found_1010" => {
                o = OrderRef::OrderId("2024041426072".into());
                Request::Inquiry(&o)
            }
            "recurring_inquiry_1010" => {
                o = OrderRef::TrackId("202404176A19A9AFE57F9641B34F95C9A2F2".into());
                Request::Inquiry(&o)
            }
            "pre_auth_1004" => {
                s = sale("0b06dc46-3243-4453-805f-d01cf51619fe", 1, 0);
                Request::PreAuth(&s)
            }
            "post_auth_1005" => {
                p = PostAuthRequest {
                    order_id: "0b06dc46-3243-4453-805f-d01cf51619fe".into(),
                    amount: Money::new(101, Currency::Try),
                    customer_ip: "127.0.0.1".into(),
                };
                Request::PostAuth(&p)
            }
            "cancel_pending_recurring_instalment_1013" => {
                c = CancelRecurringRequest {
                    track_id: "2020110828BC".into(),
                    recurring_order: Some(2),
                };
                Request::CancelRecurring(&c)
            }
            "transaction_history_report" => {
                h = HistoryQuery::Range {
                    start: dt("2024-04-13T13:00:00"),
                    end: dt("2024-04-14T13:00:00"),
                };
                Request::History(&h)
            }
            other => panic!("no request builder mapped for vector {other}"),
        };
        let built = req.body(&creds.terminal, &env).unwrap();
        assert_eq!(std::str::from_utf8(&built).unwrap(), body, "{name}");
        if let Some(path) = v["http_path"].as_str() {
            assert!(path.ends_with(req.path()), "{name}: {path}");
        }
        checked += 1;
    }
    assert_eq!(checked, 17);
}

#[test]
fn full_refund_omits_transaction_and_instalment_targets_use_track_id() {
    let creds = Credentials::new("M", "T", "k");
    let env = Envelope {
        request_date_time: "2024-04-20T13:48:02.000".into(),
        random_number: "AB".into(),
    };
    let r = RefundRequest {
        target: OrderTarget::OrderId("X1".into()),
        amount: None,
    };
    let body = Request::Refund(&r).body(&creds.terminal, &env).unwrap();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v.get("transaction").is_none());
    let vd = VoidRequest {
        target: OrderTarget::Instalment {
            track_id: "TRK-1".into(),
            recurring_order: 2,
        },
    };
    let body = Request::Void(&vd).body(&creds.terminal, &env).unwrap();
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        r#"{"terminal":{"merchantSafeId":"M","terminalSafeId":"T"},"txnCode":"1003","version":"1.00","requestDateTime":"2024-04-20T13:48:02.000","randomNumber":"AB","recurring":{"recurringOrder":2},"order":{"orderTrackId":"TRK-1"}}"#
    );
    let bad = VoidRequest {
        target: OrderTarget::OrderId("has space".into()),
    };
    assert!(Request::Void(&bad).body(&creds.terminal, &env).is_err());
    let h = HistoryQuery::Range {
        start: "2024-04-13T13:00:00".parse().unwrap(),
        end: "2024-04-14T13:00:01".parse().unwrap(),
    };
    assert!(
        Request::History(&h).body(&creds.terminal, &env).is_err(),
        "more than one day"
    );
}

#[test]
fn no_card_data_in_debug_or_errors() {
    let s = sale("DEBUG-1", 1, 0);
    let text = format!("{s:?} {:?}", Request::Sale(&s));
    assert!(!text.contains("4355093000315232"), "{text}");
    assert!(!text.contains("471"), "{text}");
    assert!(text.contains("435509******5232"));
    let creds = tahsildar_akbank::terminal::test_terminals::a();
    let cfg = tahsildar_akbank::ClientConfig::new(tahsildar_akbank::TEST_BASE_URL, creds);
    let text = format!(
        "{cfg:?} {:?}",
        tahsildar_akbank::Client::new(cfg.clone()).unwrap()
    );
    assert!(!text.contains(tahsildar_akbank::terminal::test_terminals::A_SECRET_KEY));
    let err = Pan::parse("4355093000315231").unwrap_err();
    assert!(!format!("{err} {err:?}").contains("4355093000315231"));
}
