//! The proof that every official OCPP message is exactly its schema file:
//! for each file of `schemas/oca/*/`, the type `find_type` finds for it
//! accepts a document if and only if the file accepts it, as judged by
//! `jsonschema` under the draft the file declares (draft-04 or draft-06),
//! formats asserted.
//!
//! The documents come from the file itself ([`iff::schema`]): valid ones,
//! and near misses (one mutation of a valid one at one site). Each is judged
//! as text by `TypeInfo::check_json` and as a value by the validator; the
//! two verdicts must agree, and what we accept must write back valid. The
//! generator's own claims are checked too: a valid document must be valid to
//! the validator, and a near miss whose verdict is certain (a required
//! property left out...) must get it.
//!
//! `OCPP_IFF_CASES=N` runs N valid documents and N near misses per file
//! (default 32: about 15 seconds in a debug build on two cores).
//!
//! Rule tests below pin both verdicts where JSON Schema's meaning needs
//! care: `multipleOf` on decimals, `5.0` under each draft, `format` `uri`
//! and `date-time`. They also pin the one known deviation from the files,
//! which the generator therefore never writes: an `integer` is an `i64`, so
//! a whole number beyond it is refused where a file without bounds allows it
//! (`integers_beyond_i64_are_refused`).

mod iff;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use iff::schema::{self, Kind, NearMiss, Schema};
use ocpp_types::{ocpp_type, TypeInfo};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// The files and their types.

/// One schema file, with the type it is.
struct File {
    /// `v16-security/GetLog.json`, for messages.
    name: String,
    /// `v16/GetLogRequest`, for `find_type`.
    type_name: String,
    schema: Value,
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/oca")
}

/// The module of a folder of schema files: the security extension's files
/// are 1.6 messages.
fn module_of(folder: &str) -> &'static str {
    match folder {
        "v16" | "v16-security" => "v16",
        "v201" => "v201",
        "v21" => "v21",
        other => panic!("schemas/oca/{other}/: no module for this folder"),
    }
}

/// The message a file holds: `<Action>Request` or `<Action>Response`. The
/// 1.6 files name a request after its action alone (`BootNotification.json`
/// is `BootNotificationRequest`); 2.x files name both, and 2.1's
/// `NotifyPeriodicEventStream.json` is a message without a response, named
/// as its file.
fn message_of(module: &str, stem: &str) -> String {
    if module == "v16" && !stem.ends_with("Response") {
        format!("{stem}Request")
    } else {
        stem.to_owned()
    }
}

/// The files of `folder` (every folder when `None`), sorted by name.
fn files(folder: Option<&str>) -> Vec<File> {
    let mut out = Vec::new();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(schema_dir())
        .expect("schemas/oca/ is readable")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    for dir in folders {
        let folder_name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        if folder.is_some_and(|f| f != folder_name) {
            continue;
        }
        let module = module_of(&folder_name);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("json"),
                "{}: only schema files belong here",
                path.display()
            );
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            out.push(File {
                name: format!("{folder_name}/{stem}.json"),
                type_name: format!("{module}/{}", message_of(module, stem)),
                schema: serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            });
        }
    }
    out
}

fn type_of(file: &File) -> Option<&'static TypeInfo> {
    ocpp_types::find_type(&file.type_name)
}

// ---------------------------------------------------------------------------
// The check.

/// Both verdicts on one document.
struct Verdicts {
    text: String,
    ours: Result<(), ocpp_types::Error>,
    theirs: bool,
}

fn judge(info: &TypeInfo, validator: &jsonschema::Validator, doc: &Value) -> Verdicts {
    let text = doc.to_string();
    // The validator judges the value read back from the same text (the same
    // value: the workspace turns on serde_json's `float_roundtrip`).
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(&parsed, doc, "serde_json reads back what it wrote");
    Verdicts {
        ours: info.check_json(&text),
        theirs: validator.is_valid(&parsed),
        text,
    }
}

fn their_errors(validator: &jsonschema::Validator, doc: &Value) -> String {
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The property on one document: the verdicts agree, what we accept writes
/// back valid, and the generator's `expect`ed verdict (if it claims one) is
/// the validator's.
fn check(
    file: &File,
    info: &TypeInfo,
    validator: &jsonschema::Validator,
    doc: &Value,
    what: &str,
    expect: Option<bool>,
) -> Result<bool, TestCaseError> {
    let v = judge(info, validator, doc);
    let ours = v.ours.is_ok();
    if ours != v.theirs {
        return Err(TestCaseError::fail(format!(
            "DISAGREEMENT on {} ({})\n  document: {}\n  ours: {}\n  theirs (jsonschema): {}",
            file.name,
            what,
            v.text,
            match &v.ours {
                Ok(()) => "accepted".to_owned(),
                Err(e) => format!("rejected: {e}"),
            },
            if v.theirs {
                "accepted".to_owned()
            } else {
                format!("rejected: {}", their_errors(validator, doc))
            },
        )));
    }
    if let Some(expect) = expect {
        if expect != v.theirs {
            return Err(TestCaseError::fail(format!(
                "GENERATOR: {} ({}) should be {}, and both verdicts say it is not\n  document: {}\n  theirs: {}",
                file.name,
                what,
                if expect { "valid" } else { "invalid" },
                v.text,
                their_errors(validator, doc),
            )));
        }
    }
    if ours {
        let written = info.canonical_json(&v.text).unwrap();
        let written: Value = serde_json::from_str(&written).unwrap();
        if !validator.is_valid(&written) {
            return Err(TestCaseError::fail(format!(
                "WRITTEN BACK INVALID: {}\n  document: {}\n  written: {}\n  theirs: {}",
                file.name,
                v.text,
                written,
                their_errors(validator, &written),
            )));
        }
    }
    Ok(ours)
}

/// Cases per file, of each kind: `OCPP_IFF_CASES`, or 32.
fn cases() -> u32 {
    std::env::var("OCPP_IFF_CASES")
        .ok()
        .map(|n| n.parse().expect("OCPP_IFF_CASES is a number"))
        .unwrap_or(32)
}

/// What a run did: valid documents, and near misses of each kind
/// (rejected, accepted).
#[derive(Default)]
struct Tally {
    valid: Cell<usize>,
    near_misses: RefCell<BTreeMap<Kind, (usize, usize)>>,
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // A disagreement is reported with a smaller document, within reason.
        max_shrink_iters: 512,
        ..Config::default()
    })
}

fn failure<T: std::fmt::Debug>(error: TestError<T>) -> String {
    match error {
        TestError::Fail(reason, _) => reason.message().to_owned(),
        TestError::Abort(reason) => format!("aborted: {reason}"),
    }
}

/// Proves that `info` is `file`: `cases` valid documents, `cases` near
/// misses.
fn prove(file: &File, info: &TypeInfo, cases: u32, tally: &Tally) -> Result<(), String> {
    let schema = Schema::parse(&file.schema);
    let validator = schema::validator(&file.schema);
    runner(cases)
        .run(&schema.valid(), |doc| {
            check(file, info, &validator, &doc, "a valid document", Some(true))?;
            tally.valid.set(tally.valid.get() + 1);
            Ok(())
        })
        .map_err(failure)?;
    runner(cases)
        .run(&schema.near_misses(), |miss: NearMiss| {
            let accepted = check(
                file,
                info,
                &validator,
                &miss.doc,
                &miss.mutation,
                miss.expect,
            )?;
            let mut near_misses = tally.near_misses.borrow_mut();
            let (rejected, accepted_too) = near_misses.entry(miss.kind).or_default();
            *if accepted { accepted_too } else { rejected } += 1;
            Ok(())
        })
        .map_err(failure)
}

/// Proves every file of `folder`; reports every file that fails, not only
/// the first.
fn prove_folder(folder: &str) {
    let started = Instant::now();
    let files = files(Some(folder));
    assert!(!files.is_empty(), "no files in schemas/oca/{folder}/");
    let (cases, tally) = (cases(), Tally::default());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| match type_of(file) {
            Some(info) => prove(file, info, cases, &tally).err(),
            None => Some(format!("{}: no type `{}`", file.name, file.type_name)),
        })
        .collect();
    let near_misses: Vec<String> = tally
        .near_misses
        .into_inner()
        .iter()
        .map(|(kind, (rejected, accepted))| format!("{kind:?} {rejected}/{accepted}"))
        .collect();
    println!(
        "{folder}: {} files in {:.1?}; {} valid documents; near misses rejected/accepted: {}",
        files.len(),
        started.elapsed(),
        tally.valid.into_inner(),
        near_misses.join(", "),
    );
    assert!(
        failures.is_empty(),
        "{} of {} files of {folder} fail:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// The proof, one test per folder (they run in parallel).

#[test]
fn v16() {
    prove_folder("v16");
}

#[test]
fn v16_security() {
    prove_folder("v16-security");
}

#[test]
fn v201() {
    prove_folder("v201");
}

#[test]
fn v21() {
    prove_folder("v21");
}

/// All 387 files have their types, under the names of the rules above.
#[test]
fn every_file_has_its_type() {
    let files = files(None);
    let missing: Vec<String> = files
        .iter()
        .filter(|file| type_of(file).is_none())
        .map(|file| format!("{} -> {}", file.name, file.type_name))
        .collect();
    assert!(
        missing.is_empty(),
        "files without a type:\n{}",
        missing.join("\n")
    );
    assert_eq!(files.len(), 387);
    for file in &files {
        let info = type_of(file).unwrap();
        assert_eq!(
            file.type_name.split_once('/').unwrap().1,
            info.name(),
            "{}",
            file.name
        );
    }
}

/// Each file declares the draft the test validates it with, and the reader
/// knows every keyword it uses.
#[test]
fn every_file_is_read() {
    let files = files(None);
    let mut drafts = (0, 0);
    for file in &files {
        match Schema::parse(&file.schema).draft {
            schema::Draft::Draft4 => drafts.0 += 1,
            schema::Draft::Draft6 => drafts.1 += 1,
        }
    }
    // The 1.6 core files are draft-04; the security extension's and 2.x's
    // are draft-06.
    assert_eq!(drafts, (56, 331));
}

// ---------------------------------------------------------------------------
// Rules where JSON Schema's meaning needs care: both verdicts, pinned.

/// The file `name` of `folder`, its type and its validator.
fn one(name: &str) -> (File, &'static TypeInfo, jsonschema::Validator) {
    let (folder, file_name) = name.split_once('/').unwrap();
    let file = files(Some(folder))
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no file {name}"));
    let info = type_of(&file).unwrap_or_else(|| panic!("no type for {file_name}"));
    let validator = schema::validator(&file.schema);
    (file, info, validator)
}

/// `(ours, theirs)` on the document `text`.
fn verdicts(info: &TypeInfo, validator: &jsonschema::Validator, text: &str) -> (bool, bool) {
    let doc: Value = serde_json::from_str(text).unwrap();
    (info.check_json(text).is_ok(), validator.is_valid(&doc))
}

/// A 1.6 SetChargingProfile.req with `limit` written as `raw`.
fn charging_limit(raw: &str) -> String {
    format!(
        r#"{{"connectorId": 1, "csChargingProfiles": {{"chargingProfileId": 1, "stackLevel": 0,
            "chargingProfilePurpose": "TxDefaultProfile", "chargingProfileKind": "Absolute",
            "chargingSchedule": {{"chargingRateUnit": "A",
                "chargingSchedulePeriod": [{{"startPeriod": 0, "limit": {raw}}}]}}}}}}"#
    )
}

/// `multipleOf: 0.1` (1.6 charging limits) is judged on the decimal the
/// text writes: `0.3` is a multiple, though `0.3 / 0.1` is not whole in
/// binary floating point. jsonschema 0.61 reads a float as its shortest
/// decimal too, so the two agree.
#[test]
fn multiple_of_is_decimal() {
    let (_, info, validator) = one("v16/SetChargingProfile.json");
    for (raw, expected) in [
        ("0.3", true),
        ("0.7", true),
        ("32", true),
        ("32.0", true),
        ("-12.3", true),
        ("0", true),
        ("16.1", true),
        ("1e300", true),
        ("0.35", false),
        ("0.05", false),
        ("0.30000000000000004", false),
        ("5e-324", false),
    ] {
        assert_eq!(
            verdicts(info, &validator, &charging_limit(raw)),
            (expected, expected),
            "limit {raw}"
        );
    }
}

/// `5.0` for an `integer`: not one under draft-04 (the 1.6 core files),
/// one under draft-06 (the security extension, 2.0.1, 2.1). jsonschema
/// follows each draft's definition, and so do we.
#[test]
fn whole_floats_are_integers_from_draft_06() {
    fn reservation(raw: &str) -> String {
        format!(r#"{{"reservationId": {raw}}}"#)
    }
    fn get_log(raw: &str) -> String {
        format!(
            r#"{{"logType": "DiagnosticsLog", "requestId": {raw}, "log": {{"remoteLocation": "ftp://a"}}}}"#
        )
    }
    // (file, a document with an integer written as given, whether a whole
    // number with a fraction or an exponent is an integer in its draft)
    type Document = fn(&str) -> String;
    let files: [(&str, Document, bool); 3] = [
        ("v16/CancelReservation.json", reservation, false),
        ("v16-security/GetLog.json", get_log, true),
        ("v201/CancelReservationRequest.json", reservation, true),
    ];
    for (file, document, whole_floats) in files {
        let (_, info, validator) = one(file);
        for (raw, expected) in [
            ("5", true),
            ("5.0", whole_floats),
            ("5e0", whole_floats),
            ("1e2", whole_floats),
            ("5.5", false),
            ("5e-1", false),
        ] {
            assert_eq!(
                verdicts(info, &validator, &document(raw)),
                (expected, expected),
                "{file}: {raw}"
            );
        }
    }
}

/// The one documented deviation: an `integer` without bounds is an `i64`
/// here, so a whole number beyond it is refused, where the file (and
/// jsonschema) accept it. Pinned, so that a change either way is noticed.
///
/// serde_json reads an integer beyond `u64`, or below `i64`, as a float, so
/// both sides see the float's value, not the text's:
/// - `-9223372036854775809` is the float -2^63, which is `i64::MIN`: a
///   draft-06 type takes it for `-9223372036854775808`, as jsonschema does.
///   A draft-04 type refuses it, as it refuses every float.
/// - Under draft-04 jsonschema takes `1e30` for an integer, though it has an
///   exponent: with no text to look at, it counts every whole float from
///   2^63 up as written without one (serde_json writes them with an
///   exponent). We refuse them: beyond `i64`.
#[test]
fn integers_beyond_i64_are_refused() {
    let reservation = |raw: &str| format!(r#"{{"reservationId": {raw}}}"#);
    // (text, ours under draft-06, ours under draft-04); jsonschema accepts each.
    for (raw, draft_06, draft_04) in [
        ("9223372036854775807", true, true),
        ("-9223372036854775808", true, true),
        ("-9223372036854775809", true, false),
        ("9223372036854775808", false, false),
        ("18446744073709551616", false, false),
        ("100000000000000000000", false, false),
        ("1e30", false, false),
        ("-1e30", false, false),
    ] {
        for (file, ours) in [
            ("v201/CancelReservationRequest.json", draft_06),
            ("v16/CancelReservation.json", draft_04),
        ] {
            let (_, info, validator) = one(file);
            assert_eq!(
                verdicts(info, &validator, &reservation(raw)),
                (ours, true),
                "{file}: reservationId {raw}"
            );
        }
    }
}

/// `format: uri` (1.6 UpdateFirmware and GetDiagnostics `location`): an
/// absolute RFC 3986 URI, asserted by both.
#[test]
fn uri_is_absolute_rfc_3986() {
    let (_, info, validator) = one("v16/UpdateFirmware.json");
    let mut disagreements = Vec::new();
    for (uri, expected) in [
        ("https://example.com", true),
        (
            "ftp://user:pw@ftp.example.com:21/firmware/v2.bin?sig=a%2Fb#x",
            true,
        ),
        ("ws://127.0.0.1:8080/ocpp/CP1", true),
        ("http://[::1]:9000/", true),
        ("http://[2001:db8::7]/c=GB?objectClass?one", true),
        ("http://[v1.fe80::a+en1]/", true),
        ("urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true),
        ("mailto:John.Doe@example.com", true),
        ("file:///etc/hosts", true),
        ("a:", true),
        ("http://example.com:/", true),
        ("http://example.com:99999/", true),
        ("", false),
        ("example.com", false),
        ("/relative/path", false),
        ("//example.com/x", false),
        ("1http://example.com", false),
        ("http://exa mple.com", false),
        ("http://example.com/%zz", false),
        ("http://example.com/\u{fc}", false),
        ("http://[::1/", false),
        ("http://[zz]/", false),
        ("http://example.com:80a/", false),
        ("https://example.com/a#b#c", false),
    ] {
        let text = json!({ "location": uri, "retrieveDate": "2026-11-27T10:00:00Z" }).to_string();
        let got = verdicts(info, &validator, &text);
        if got != (expected, expected) {
            disagreements.push(format!(
                "{uri:?}: (ours, theirs) = {got:?}, expected {expected}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// `format: date-time`: RFC 3339 section 5.6, strictly (`T` and `Z` in
/// either case, any fraction, leap seconds at 23:59 UTC only), asserted by
/// both.
#[test]
fn date_time_is_rfc_3339() {
    let (_, info, validator) = one("v16/BootNotificationResponse.json");
    let mut disagreements = Vec::new();
    for (date_time, expected) in [
        ("2026-11-27T10:00:00Z", true),
        ("2026-11-27t10:00:00z", true),
        ("2024-02-29T23:59:59.123456789+01:00", true),
        ("1998-12-31T23:59:60Z", true),
        ("1998-12-31T15:59:60.123-08:00", true),
        ("1999-01-01T00:29:60+00:30", true),
        ("0000-01-01T00:00:00Z", true),
        ("9999-12-31T23:59:59-23:59", true),
        ("2026-11-27", false),
        ("2026-11-27 10:00:00Z", false),
        ("2026-11-27T10:00:00", false),
        ("2023-02-29T10:00:00Z", false),
        ("1900-02-29T10:00:00Z", false),
        ("2026-13-01T10:00:00Z", false),
        ("2026-11-31T10:00:00Z", false),
        ("2026-11-27T24:00:00Z", false),
        ("2026-11-27T10:00:00.Z", false),
        ("2026-11-27T10:00:00,5Z", false),
        ("2026-11-27T10:00:00+24:00", false),
        ("2026-11-27T10:00:00+0100", false),
        ("1998-12-31T23:58:60Z", false),
        ("1998-12-31T22:59:60Z", false),
        ("2026-11-27T10:00:00Z ", false),
        ("\u{662}026-11-27T10:00:00Z", false),
        ("26-11-27T10:00:00Z", false),
    ] {
        let text =
            json!({ "status": "Accepted", "currentTime": date_time, "interval": 300 }).to_string();
        let got = verdicts(info, &validator, &text);
        if got != (expected, expected) {
            disagreements.push(format!(
                "{date_time:?}: (ours, theirs) = {got:?}, expected {expected}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

// ---------------------------------------------------------------------------
// The proof can fail.

/// A probe type: what the proof runs on, beside the schema files.
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct Probe {
    #[ocpp(max_length = 5)]
    pub name: String,
    #[ocpp(minimum = 0, maximum = 10)]
    pub level: Option<i64>,
    #[ocpp(format = "date-time")]
    pub at: Option<String>,
}

/// A schema file that describes `Probe`, but with `maxLength` `max_length`.
fn probe_file(max_length: u64) -> File {
    File {
        name: format!("probe (maxLength {max_length})"),
        type_name: "Probe".into(),
        schema: json!({
            "$schema": "http://json-schema.org/draft-06/schema#",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "name": { "type": "string", "maxLength": max_length },
                "level": { "type": "integer", "minimum": 0, "maximum": 10 },
                "at": { "type": "string", "format": "date-time" }
            },
            "required": ["name"]
        }),
    }
}

/// The proof passes on a type that is its schema, and finds a type that is
/// not: one character of `maxLength` apart.
#[test]
fn the_proof_finds_a_difference() {
    let info = TypeInfo::of::<Probe>();
    let tally = Tally::default();
    assert_eq!(prove(&probe_file(5), &info, 64, &tally), Ok(()));
    let (rejected, accepted): (usize, usize) = tally
        .near_misses
        .borrow()
        .values()
        .fold((0, 0), |(r, a), (kind_r, kind_a)| (r + kind_r, a + kind_a));
    assert!(
        rejected > 0 && tally.valid.get() == 64,
        "{rejected}/{accepted}"
    );

    let error = prove(&probe_file(4), &info, 256, &Tally::default()).unwrap_err();
    assert!(
        error.starts_with("DISAGREEMENT on probe (maxLength 4)"),
        "{error}"
    );
}
