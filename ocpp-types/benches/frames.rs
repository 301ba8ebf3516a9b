//! Reading OCPP-J CALL frames with `rpc::Endpoint::read`, against reading
//! the payload alone and against the usual two passes.
//!
//! For four real messages (`examples/data`), in the same run:
//!
//! - `frame`: `Endpoint::read` of the CALL frame: the frame's elements, then
//!   the payload by the type its action names, in one pass;
//! - `session`: `Session::receive` of the same frame and `poll_event` of
//!   what it was (the session's own bookkeeping on top of `frame`);
//! - `payload`: `ocpp_types::from_str` of the payload alone, into its type
//!   (the floor: a frame reader can't do less);
//! - `two-pass`: the frame into a `serde_json::Value`, then the payload's
//!   `Value` into its type with `serde_json::from_value`, as frame readers
//!   that don't know the type up front do.
//!
//! Run: `cargo bench -p ocpp-types --features v16,v201 --bench frames`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocpp_types::rpc::{Config, Endpoint, Event, Messages, Session};
use ocpp_types::OcppType;
use std::hint::black_box;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data");

fn case<M: Messages, T: OcppType>(c: &mut Criterion, action: &str, file: &str) {
    let payload = std::fs::read_to_string(format!("{DATA}/{file}")).expect("a sample");
    let payload = payload.trim();
    let frame = format!(r#"[2,"c0a8f1e2-5b7d-4c39-9e21-7f3b6a1d0e44","{action}",{payload}]"#);
    let mut endpoint = Endpoint::<M>::csms();
    endpoint.read(&frame).expect("a valid frame");

    let mut group = c.benchmark_group(format!("frames/{}", T::NAME));
    group.throughput(Throughput::Bytes(frame.len() as u64));
    group.bench_function("frame", |b| {
        b.iter(|| endpoint.read(black_box(&frame)).unwrap())
    });
    let mut session = Session::<M>::csms(Config::default());
    let now = std::time::Instant::now();
    group.bench_function("session", |b| {
        b.iter(|| {
            session.receive(black_box(&frame), now);
            match session.poll_event() {
                Some(Event::Request(incoming)) => incoming,
                other => panic!("{other:?}"),
            }
        })
    });
    group.bench_function("payload", |b| {
        b.iter(|| ocpp_types::from_str::<T>(black_box(payload)).unwrap())
    });
    group.bench_function("two-pass", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_str(black_box(&frame)).unwrap();
            let serde_json::Value::Array(mut elements) = value else {
                panic!("a frame")
            };
            serde_json::from_value::<T>(elements.pop().unwrap()).unwrap()
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    use ocpp_types::{v16, v201};
    case::<v16::Request, v16::BootNotificationRequest>(
        c,
        "BootNotification",
        "v16/BootNotificationRequest/valid-abb-terra-ac.json",
    );
    case::<v16::Request, v16::MeterValuesRequest>(
        c,
        "MeterValues",
        "v16/MeterValuesRequest/valid-energy-current-per-phase-soc.json",
    );
    case::<v201::Request, v201::TransactionEventRequest>(
        c,
        "TransactionEvent",
        "v201/TransactionEventRequest/valid-updated-meter-values.json",
    );
    case::<v201::Request, v201::NotifyReportRequest>(
        c,
        "NotifyReport",
        "v201/NotifyReportRequest/valid-several-report-entries.json",
    );
}

criterion_group!(frames, benches);
criterion_main!(frames);
