//! Large OCPP 2.0.1 messages read from bytes and written to bytes, with
//! `ocpp_types::v201` or with rust-ocpp 3, whichever side this build has
//! (`--features ocpp-types` or `--features rust-ocpp`, see `Cargo.toml`).
//!
//! For each message of `MESSAGES` (the documents are in `src/lib.rs`):
//!
//! - group `read/<message>`: `serde_json::from_slice` into the side's type
//!   (`ocpp` or `rust-ocpp`), and for ocpp-types also
//!   `ocpp_types::from_slice` (`ocpp-api`, the error as data);
//! - group `write/<message>`: `serde_json::to_vec` of the value the side
//!   read (`ocpp` or `rust-ocpp`); rust-ocpp writes times with milliseconds
//!   and numbers as it read them, ocpp-types numbers as `f64`, so the two
//!   outputs differ by a few bytes.
//!
//! Throughput is the document's size. `run.sh` runs both sides into one
//! criterion directory, message by message, and prints the table.

#[cfg(not(any(feature = "ocpp-types", feature = "rust-ocpp")))]
compile_error!("choose the side to measure: --features ocpp-types or --features rust-ocpp");

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use ocpp_messages_bench::{document, with_type, MESSAGES};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::hint::black_box;
use std::time::Duration;

fn benches(c: &mut Criterion) {
    for name in MESSAGES {
        let doc = document(name);
        #[cfg(feature = "ocpp-types")]
        with_type!(ours, name, |T| {
            let api = |doc: &[u8]| ocpp_types::from_slice::<T>(doc).unwrap();
            case::<T, _>(c, name, &doc, "ocpp", Some(api))
        });
        #[cfg(feature = "rust-ocpp")]
        with_type!(theirs, name, |T| {
            case::<T, fn(&[u8]) -> T>(c, name, &doc, "rust-ocpp", None)
        });
    }
}

/// Benchmarks one document both ways, after checking that the side reads
/// it and reads back what it writes. `api` is a second way to read, benched
/// as `ocpp-api`.
fn case<T, A>(c: &mut Criterion, name: &str, doc: &[u8], side: &str, api: Option<A>)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    A: Fn(&[u8]) -> T,
{
    let value: T = serde_json::from_slice(doc)
        .unwrap_or_else(|e| panic!("{side} can't read the {name} document: {e}"));
    let written = serde_json::to_vec(&value).unwrap();
    let again: T = serde_json::from_slice(&written).unwrap();
    assert_eq!(again, value, "{name}: {side} reads back what it wrote");

    let mut group = c.benchmark_group(format!("read/{name}"));
    configure(&mut group, doc.len());
    group.bench_function(side, |b| {
        b.iter(|| serde_json::from_slice::<T>(black_box(doc)).unwrap())
    });
    if let Some(api) = api {
        group.bench_function("ocpp-api", |b| b.iter(|| api(black_box(doc))));
    }
    group.finish();

    let mut group = c.benchmark_group(format!("write/{name}"));
    configure(&mut group, doc.len());
    group.bench_function(side, |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).unwrap())
    });
    group.finish();
}

/// The documents take 1 to 100 µs a run: 60 samples in 3 seconds each.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    group.warm_up_time(Duration::from_secs(1));
    group.sample_size(60);
    group.measurement_time(Duration::from_secs(3));
}

criterion_group! {
    name = messages;
    config = Criterion::default().without_plots();
    targets = benches
}
criterion_main!(messages);
