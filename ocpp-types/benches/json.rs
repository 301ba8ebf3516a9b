//! JSON speed of the code `#[ocpp_type]` generates, against serde_derive.
//!
//! For each document of the corpus (one realistic document of each of the
//! eight spec types, and `GetConfigurationResponse`s of 10, 1,000 and
//! 100,000 keys), in the same run:
//!
//! - group `deserialize/<case>`: `serde_json::from_slice` into our type
//!   (`ocpp`), `ocpp_types::from_slice` into it (`ocpp-api`, with the error
//!   as data), into its serde_derive mirror (`serde_derive`, see
//!   `mirror/mod.rs`), and into `serde::de::IgnoredAny` (`floor`: parsing
//!   the JSON and building nothing);
//! - group `serialize/<case>`: `serde_json::to_vec` of our value (`ocpp`) and
//!   of the mirror's (`serde_derive`).
//!
//! The documents are in `corpus/mod.rs`. Throughput is the document's size
//! in bytes. `benches/table.sh` turns criterion's estimates into a table of
//! times and ratios.
//!
//! Run: `cargo bench -p ocpp-types --bench json` (add `-- <filter>` for some
//! cases only).

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};
use criterion::{measurement::WallTime, Throughput};
use ocpp_types::{ConfigurationStatus, DataTransferStatus, OcppType, SecurityEventEnum};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use std::hint::black_box;
use std::time::Duration;

mod corpus;
mod mirror;

use corpus::{
    configuration, data_transfer_request, data_transfer_response, key_value, security_event,
    STANDARD_KEYS,
};

fn benches(c: &mut Criterion) {
    case::<_, mirror::DataTransferStatus>(
        c,
        "DataTransferStatus",
        DataTransferStatus::UnknownVendorId,
    );
    case::<_, mirror::DataTransferRequest>(c, "DataTransferRequest", data_transfer_request());
    case::<_, mirror::DataTransferResponse>(c, "DataTransferResponse", data_transfer_response());
    case::<_, mirror::KeyValue>(c, "KeyValue", key_value());
    case::<_, mirror::GetConfigurationResponse>(
        c,
        "GetConfigurationResponse",
        configuration(STANDARD_KEYS.len()),
    );
    case::<_, mirror::ConfigurationStatus>(
        c,
        "ConfigurationStatus",
        ConfigurationStatus::RebootRequired,
    );
    case::<_, mirror::SecurityEventEnum>(
        c,
        "SecurityEventEnum",
        SecurityEventEnum::InvalidChargingStationCertificate,
    );
    case::<_, mirror::SecurityEvent>(c, "SecurityEvent", security_event());
    for keys in [10, 1_000, 100_000] {
        case::<_, mirror::GetConfigurationResponse>(
            c,
            &format!("GetConfigurationResponse-{keys}"),
            configuration(keys),
        );
    }
}

/// Benchmarks one document both ways, after checking that our type and its
/// mirror read it and write it back to the very same bytes.
fn case<O, M>(c: &mut Criterion, name: &str, value: O)
where
    O: OcppType,
    M: Serialize + DeserializeOwned,
{
    let doc = serde_json::to_vec(&value).unwrap();
    let ours: O = serde_json::from_slice(&doc).unwrap();
    assert_eq!(ours, value, "{name}: ours reads back what it wrote");
    let theirs: M = serde_json::from_slice(&doc).unwrap();
    let written = serde_json::to_vec(&theirs).unwrap();
    assert!(written == doc, "{name}: serde_derive writes the same bytes");

    let mut group = c.benchmark_group(format!("deserialize/{name}"));
    configure(&mut group, doc.len());
    group.bench_function("ocpp", |b| {
        b.iter(|| serde_json::from_slice::<O>(black_box(&doc)).unwrap())
    });
    group.bench_function("ocpp-api", |b| {
        b.iter(|| ocpp_types::from_slice::<O>(black_box(&doc)).unwrap())
    });
    group.bench_function("serde_derive", |b| {
        b.iter(|| serde_json::from_slice::<M>(black_box(&doc)).unwrap())
    });
    group.bench_function("floor", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(&doc)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group(format!("serialize/{name}"));
    configure(&mut group, doc.len());
    group.bench_function("ocpp", |b| {
        b.iter(|| serde_json::to_vec(black_box(&ours)).unwrap())
    });
    group.bench_function("serde_derive", |b| {
        b.iter(|| serde_json::to_vec(black_box(&theirs)).unwrap())
    });
    group.finish();
}

/// Timing by document size, to keep a full run to a few minutes on two
/// cores: the small documents take nanoseconds to microseconds a run, the
/// 100,000-key one (8 MB) tens of milliseconds.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    group.warm_up_time(Duration::from_secs(1));
    if bytes < 1 << 20 {
        group.sample_size(60);
        group.measurement_time(Duration::from_secs(3));
    } else {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(4));
    }
}

criterion_group! {
    name = json;
    config = Criterion::default().without_plots();
    targets = benches
}
criterion_main!(json);
