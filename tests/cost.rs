//! Cost growth: whatever a peer sends, reading it costs time linear in its
//! size and memory within a stated bound. Each rule is checked as a ratio,
//! never as an absolute time or size: reading `8n` of something must cost
//! under 16 times reading `n` (a quadratic path costs 64 times), and memory
//! is counted by this binary's allocator, against the same document read
//! by the plainest reader (`serde_json::Value`) or against a smaller one.
//!
//! `tests/robustness.rs` holds the rules on arbitrary input (no panic, round
//! trips, deep nesting); this file holds what that input may cost.

use ocpp_types::rpc::{Endpoint, Frame};
use ocpp_types::{ErrorKind, Policy, MAX_DEVIATIONS, MAX_MESSAGE_LEN};
use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Measuring.

/// The system allocator, counting the bytes in use and their peak on the
/// thread being measured only: the test harness allocates on its own threads
/// while a test runs (to report the others), which must not count.
struct Counting;

static IN_USE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    static MEASURED: Cell<bool> = const { Cell::new(false) };
}

/// Counts a change of `bytes` in use, on the measured thread.
fn count(bytes: isize) {
    if MEASURED.try_with(Cell::get).unwrap_or(false) {
        let now = IN_USE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc(layout);
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        System.dealloc(pointer, layout);
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let moved = System.realloc(pointer, layout, size);
        if !moved.is_null() {
            count(size as isize - layout.size() as isize);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time: the tests of this binary run on parallel
/// threads, and both the allocator's peak and the clock are shared.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The most bytes this thread had in use at once while `run` ran, above
/// what it had before.
fn peak_bytes<R>(run: impl FnOnce() -> R) -> (R, usize) {
    IN_USE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    MEASURED.with(|measured| measured.set(true));
    let result = run();
    MEASURED.with(|measured| measured.set(false));
    (result, PEAK.load(Ordering::Relaxed).max(0) as usize)
}

/// The fastest of five runs of `run` on `input`: the least disturbed by
/// the rest of the machine.
fn fastest(input: &str, run: &impl Fn(&str)) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            run(input);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// How many times bigger the large input is than the small one.
const SCALE: usize = 8;

/// How many times reading `8n` may cost reading `n`: 8 when linear (a
/// little more for the `n log n` of finding a key among those before it,
/// and for caches that the larger input outgrows), 64 when quadratic.
const LINEAR: f64 = 16.0;

/// Reading `make(8 * n)` costs about 8 times reading `make(n)`, not 64. A
/// machine busy with other work can slow one run of the pair: the ratio is
/// measured again, up to three times; a quadratic path never gets under
/// the bound.
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    let _alone = alone();
    let (small, large) = (make(n), make(SCALE * n));
    run(&small); // warm up: page in the code, grow the allocator's pools
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let ratio = fastest(&large, &run).as_secs_f64() / fastest(&small, &run).as_secs_f64();
        if ratio < LINEAR {
            // Shown with `--nocapture`.
            eprintln!("{what}: {SCALE} times the input, {ratio:.1} times the time");
            return;
        }
        ratios.push(ratio);
    }
    panic!(
        "{what}: {} bytes cost {ratios:.1?} times {} bytes",
        large.len(),
        small.len()
    );
}

/// An object of `n` distinct keys, each with a small value.
fn object_of(n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!(r#""k{i}":1"#)).collect();
    format!("{{{}}}", keys.join(","))
}

/// A v201 HeartbeatRequest whose customData holds a vendor property of `n` keys.
fn heartbeat_with(n: usize) -> String {
    format!(
        r#"{{"customData":{{"vendorId":"com.acme","u":{}}}}}"#,
        object_of(n)
    )
}

// ---------------------------------------------------------------------------
// Time: linear in the input.

#[test]
fn keys_inside_a_skipped_vendor_property_cost_linear_time() {
    // customData is open: its unknown `u` is skipped, each key in it
    // checked against those before it for a repeat.
    assert_linear("customData.u", 5_000, heartbeat_with, |text| {
        ocpp_types::from_str::<ocpp_types::v201::HeartbeatRequest>(text).unwrap();
    });
}

#[test]
fn keys_inside_a_skipped_property_of_an_ocpp_j_frame_cost_linear_time() {
    assert_linear(
        "CALL Heartbeat",
        5_000,
        |n| format!(r#"[2,"1","Heartbeat",{}]"#, heartbeat_with(n)),
        |text| {
            let mut csms = Endpoint::<ocpp_types::v201::Request>::csms();
            assert!(matches!(csms.read(text), Ok(Frame::Call(_))));
        },
    );
}

#[test]
fn unknown_properties_of_an_open_object_cost_linear_time() {
    // Each unknown property of customData itself, remembered for repeats.
    assert_linear(
        "customData's own unknown properties",
        5_000,
        |n| {
            let object = object_of(n);
            format!(
                r#"{{"customData":{{"vendorId":"com.acme",{}}}}}"#,
                &object[1..object.len() - 1]
            )
        },
        |text| {
            ocpp_types::from_str::<ocpp_types::v201::HeartbeatRequest>(text).unwrap();
        },
    );
}

#[test]
fn unknown_properties_dropped_by_a_lenient_reading_cost_linear_time() {
    // A closed 1.6 type: each unknown property is a deviation, and
    // remembered so that one given twice is still an error.
    assert_linear(
        "a closed object read leniently",
        5_000,
        |n| {
            let object = object_of(n);
            format!(
                r#"{{"chargePointVendor":"v","chargePointModel":"m","x":{object},{}}}"#,
                &object[1..object.len() - 1]
            )
        },
        |text| {
            let read = ocpp_types::from_str_with::<ocpp_types::v16::BootNotificationRequest>(
                text,
                Policy::TOLERANT,
            )
            .unwrap();
            assert_eq!(read.deviations.len(), MAX_DEVIATIONS);
        },
    );
}

#[test]
fn keys_of_a_value_field_cost_linear_time() {
    assert_linear(
        "DataTransferRequest.data",
        5_000,
        |n| format!(r#"{{"vendorId":"v","data":{}}}"#, object_of(n)),
        |text| {
            ocpp_types::from_str::<ocpp_types::v201::DataTransferRequest>(text).unwrap();
        },
    );
}

#[test]
fn deviations_cost_linear_time() {
    assert_linear(
        "tolerated deviations",
        5_000,
        |n| format!(r#"{{"key":[{}]}}"#, vec!["1"; n].join(",")),
        |text| {
            let read = ocpp_types::from_str_with::<ocpp_types::v16::GetConfigurationRequest>(
                text,
                Policy::TOLERANT,
            )
            .unwrap();
            assert_eq!(read.deviations.len(), MAX_DEVIATIONS);
        },
    );
}

#[test]
fn items_over_max_items_cost_linear_time() {
    assert_linear(
        "AuthorizeRequest.iso15118CertificateHashData",
        2_000,
        authorize_with,
        |text| {
            let error =
                ocpp_types::from_str::<ocpp_types::v201::AuthorizeRequest>(text).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::ItemCount);
        },
    );
}

#[test]
fn nesting_inside_a_dropped_property_costs_linear_time() {
    // A lenient reading drops an unknown property of a closed type: looked
    // into for 64 levels, then only parsed, at any depth. (An open type
    // keeps its unknown properties, so reads them to the bound on depth.)
    assert_linear(
        "a deep dropped property",
        10_000,
        |n| {
            let deep = format!("{}{}", r#"{"a":["#.repeat(n), "]}".repeat(n));
            format!(r#"{{"chargePointVendor":"v","chargePointModel":"m","deep":{deep}}}"#)
        },
        |text| {
            let read = ocpp_types::from_str_with::<ocpp_types::v16::BootNotificationRequest>(
                text,
                Policy::TOLERANT,
            )
            .unwrap();
            assert_eq!(read.total(), 1);
        },
    );
}

// ---------------------------------------------------------------------------
// Memory: bounded, or no more than serde_json's own.

/// A 2.0.1 AuthorizeRequest with `n` certificate hash items (at most 4 allowed).
fn authorize_with(n: usize) -> String {
    let item = r#"{"hashAlgorithm":"SHA256","issuerNameHash":"a","issuerKeyHash":"b","serialNumber":"c","responderURL":"https://ocsp.example.com"}"#;
    format!(
        r#"{{"idToken":{{"idToken":"x","type":"Central"}},"iso15118CertificateHashData":[{}]}}"#,
        vec![item; n].join(",")
    )
}

#[test]
fn items_past_max_items_are_not_kept() {
    let _alone = alone();
    let measure = |n: usize| {
        let text = authorize_with(n);
        let (error, peak) = peak_bytes(|| {
            ocpp_types::from_str::<ocpp_types::v201::AuthorizeRequest>(&text).unwrap_err()
        });
        assert_eq!(error.kind(), ErrorKind::ItemCount);
        // The count is still the array's.
        assert_eq!(
            error.message(),
            format!(
                "AuthorizeRequest.iso15118CertificateHashData: array of {n} items has more \
                 than the maximum of 4 items"
            )
        );
        peak
    };
    let (small, large) = (measure(100), measure(20_000));
    eprintln!("items past maxItems: {small} bytes at the peak for 100, {large} for 20,000");
    // 200 times the items, and no more memory: 4 items are built, the
    // rest only parsed. Building them all would take megabytes.
    assert!(
        large <= small + 1024 && large < 16 * 1024,
        "20,000 items: {large} bytes at the peak; 100 items: {small}"
    );
}

#[test]
fn a_lenient_reading_keeps_a_fixed_number_of_deviations() {
    let _alone = alone();
    let n = 100_000;
    // The same array, once with a deviation per item (integers for
    // strings), once valid: the deviations cost a fixed budget on top.
    let lenient = format!(r#"{{"key":[{}]}}"#, vec!["1"; n].join(","));
    let valid = format!(r#"{{"key":[{}]}}"#, vec![r#""1""#; n].join(","));
    let (read, lenient_peak) = peak_bytes(|| {
        ocpp_types::from_str_with::<ocpp_types::v16::GetConfigurationRequest>(
            &lenient,
            Policy::TOLERANT,
        )
        .unwrap()
    });
    assert_eq!(read.deviations.len(), MAX_DEVIATIONS);
    assert_eq!(read.omitted, n - MAX_DEVIATIONS);
    assert_eq!(read.total(), n);
    assert_eq!(
        read.deviations[MAX_DEVIATIONS - 1].pointer(),
        format!("/key/{}", MAX_DEVIATIONS - 1)
    );
    drop(read);
    let (_, valid_peak) = peak_bytes(|| {
        ocpp_types::from_str::<ocpp_types::v16::GetConfigurationRequest>(&valid).unwrap()
    });
    let budget = MAX_DEVIATIONS * (MAX_MESSAGE_LEN + 256);
    eprintln!("{n} deviations: {lenient_peak} bytes at the peak, {valid_peak} without them");
    assert!(
        lenient_peak <= valid_peak + budget,
        "{n} deviations: {lenient_peak} bytes at the peak, {valid_peak} without them"
    );
}

#[test]
fn an_endpoint_keeps_a_fixed_number_of_deviations() {
    let _alone = alone();
    let n = 10_000;
    let frame = format!(
        r#"[2,"1","GetConfiguration",{{"key":[{}]}}]"#,
        vec!["1"; n].join(",")
    );
    let mut charge_point =
        Endpoint::<ocpp_types::v16::Request>::charge_point().with_policy(Policy::TOLERANT);
    assert!(matches!(charge_point.read(&frame), Ok(Frame::Call(_))));
    assert_eq!(charge_point.deviations().len(), MAX_DEVIATIONS);
    assert_eq!(charge_point.omitted_deviations(), n - MAX_DEVIATIONS);
    // The next frame starts afresh.
    assert!(charge_point
        .read(r#"[2,"2","GetConfiguration",{"key":["a"]}]"#)
        .is_ok());
    assert_eq!(charge_point.deviations().len(), 0);
    assert_eq!(charge_point.omitted_deviations(), 0);
}

#[test]
fn a_value_field_costs_no_more_memory_than_serde_json_value() {
    let _alone = alone();
    let n = 200_000;
    let zeros = format!("[{}]", vec!["0"; n].join(","));
    let document = format!(r#"{{"vendorId":"v","data":{zeros}}}"#);
    let (_, ours) = peak_bytes(|| {
        ocpp_types::from_str::<ocpp_types::v201::DataTransferRequest>(&document).unwrap()
    });
    let (_, plain) = peak_bytes(|| serde_json::from_str::<Value>(&zeros).unwrap());
    eprintln!("{n} zeros in a Value field: {ours} bytes at the peak, serde_json::Value {plain}");
    assert!(
        ours as f64 <= plain as f64 * 1.05 + 4096.0,
        "{n} zeros in a Value field: {ours} bytes at the peak, serde_json::Value {plain}"
    );
    // The amplification the README states, bytes at the peak per input
    // byte: each `0,` is a `Value` of 72 bytes with `preserve_order` (32
    // without), in a `Vec` that grows by doubling.
    let per_byte = ours as f64 / zeros.len() as f64;
    assert!(per_byte < 64.0, "{per_byte:.1} bytes per input byte");
}
