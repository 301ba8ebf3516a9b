//! The `ocpp-json` example, run as a user runs it; and the sample documents
//! of `examples/data`, each checked in-process against its type.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use ocpp_types::{
    GetConfigurationResponse, KeyValue, OcppType, SecurityEventEnum, TypeInfo, TYPES,
};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The compiled `ocpp-json` example, built once per run with cargo (which
/// does nothing when it is fresh, and doesn't lock the target directory while
/// tests run), so the tests never run a binary older than the library.
fn ocpp_json() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(build_with_cargo)
}

/// Builds `ocpp-json` with cargo and returns the executable's path, as cargo
/// reports it.
fn build_with_cargo() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let manifest = Path::new(ROOT).join("Cargo.toml");
    let output = Command::new(cargo)
        .args(["build", "--quiet", "--example", "ocpp-json"])
        .args(["--message-format", "json", "--manifest-path"])
        .arg(manifest)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo build --example ocpp-json failed"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["target"]["name"] == "ocpp-json")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported no ocpp-json executable")
}

/// What one run of the tool printed, and its exit status.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs `ocpp-json` in the workspace root with `args`, and `stdin` as input.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(ocpp_json())
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().unwrap();
    // The tool may exit before it reads all its input (usage errors).
    let _ = writer.join().unwrap();
    Run {
        status: output
            .status
            .code()
            .expect("ocpp-json was killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn list_prints_each_type_with_its_description() {
    let run = run(&["list"], b"");
    assert_eq!(run.status, 0, "{run:?}");
    // The EVerest page's types first, padded to the longest name of all.
    let width = run
        .stdout
        .lines()
        .next()
        .unwrap()
        .find("Data Transfer")
        .unwrap();
    let root: Vec<String> = run
        .stdout
        .lines()
        .take(8)
        .map(|line| format!("{}  {}", line[..width - 2].trim_end(), &line[width..]))
        .collect();
    assert_eq!(
        root.join("\n") + "\n",
        "\
DataTransferStatus  Data Transfer Status enum
DataTransferRequest  Type for data transfer request provided by OCPP
DataTransferResponse  Type for data transfer response provided by OCPP
KeyValue  Type for a key value pair
GetConfigurationResponse  Response to a GetConfiguration request
ConfigurationStatus  Response to a set_custom_configuration_key command
SecurityEventEnum  Enum for known security events
SecurityEvent  Type for a security event
"
    );
    // Then every module's, each named with its module.
    assert!(run.stdout.lines().skip(8).all(|line| line.contains('/')));
    assert_eq!(run.stderr, "");
}

#[test]
fn schema_prints_the_whole_document_or_one_type() {
    let schema = |args: &[&str]| {
        let run = run(args, b"");
        assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{args:?}");
        assert!(
            run.stdout.starts_with("{\n  \""),
            "not pretty: {}",
            run.stdout
        );
        serde_json::from_str::<Value>(&run.stdout).unwrap()
    };
    assert_eq!(schema(&["schema"]), ocpp_types::schema());
    assert_eq!(schema(&["schema", "KeyValue"]), KeyValue::json_schema());
    assert_eq!(
        schema(&["schema", "GetConfigurationResponse"]),
        GetConfigurationResponse::json_schema()
    );
    assert_eq!(
        schema(&["schema", "SecurityEventEnum"]),
        SecurityEventEnum::json_schema()
    );
}

#[test]
fn check_prints_ok_for_valid_files_and_exits_0() {
    let run = run(
        &[
            "check",
            "KeyValue",
            "examples/data/KeyValue/valid-heartbeat-interval.json",
            "examples/data/KeyValue/valid-write-only-without-value.json",
        ],
        b"",
    );
    assert_eq!(run.stdout, "ok\nok\n");
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
}

#[test]
fn check_prints_the_error_of_each_invalid_file_in_order_and_exits_1() {
    let run = run(
        &[
            "check",
            "GetConfigurationResponse",
            "examples/data/GetConfigurationResponse/invalid-nested-missing-read-only.json",
            "examples/data/GetConfigurationResponse/valid-known-and-unknown-keys.json",
            "examples/data/GetConfigurationResponse/invalid-duplicate-key.json",
        ],
        b"",
    );
    assert_eq!(
        run.stdout,
        "\
error: GetConfigurationResponse.configuration_keys[1] (KeyValue): missing required field `read_only` at line 4 column 54
ok
error: GetConfigurationResponse: duplicate field `configuration_keys` at line 4 column 22
"
    );
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
}

#[test]
fn check_agrees_with_the_name_of_every_sample_file() {
    // The EVerest page's types (a module's samples: tests/samples.rs).
    for name in TYPES.iter().map(TypeInfo::name) {
        let files = sample_files(name);
        let mut args = vec!["check".to_owned(), name.to_owned()];
        args.extend(
            files
                .iter()
                .map(|file| format!("examples/data/{name}/{file}")),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = run(&args, b"");
        let verdicts: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(verdicts.len(), files.len(), "{run:?}");
        for (file, verdict) in files.iter().zip(verdicts) {
            assert_eq!(
                file.starts_with("valid-"),
                verdict == "ok",
                "{name}/{file}: {verdict}"
            );
            assert!(
                verdict == "ok" || verdict.starts_with("error: "),
                "{verdict}"
            );
        }
        assert_eq!(run.status, 1, "{name} has invalid samples");
    }
}

#[test]
fn check_reads_json_lines_from_stdin() {
    let lines = std::fs::read(Path::new(ROOT).join("examples/data/GetConfigurationResponse.jsonl"))
        .unwrap();
    let run = run(&["check", "GetConfigurationResponse"], &lines);
    assert_eq!(
        run.stdout,
        "\
ok
error: GetConfigurationResponse.configuration_keys[0].read_only: invalid type: string \"yes\", expected a boolean at line 1 column 68
ok
error: GetConfigurationResponse.configuration_keys[0].value: invalid type: integer `90`, expected a string at line 1 column 78
ok
"
    );
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
}

#[test]
fn check_skips_blank_lines_and_takes_crlf_and_a_last_line_without_newline() {
    let input = b"\n\"Accepted\"\r\n   \n\r\n\"RebootRequired\"\n\n\"NotSupported\"";
    let run = run(&["check", "ConfigurationStatus", "-"], input);
    assert_eq!(run.stdout, "ok\nok\nok\n");
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
}

#[test]
fn check_reports_a_line_that_is_not_utf8_and_goes_on() {
    let run = run(
        &["check", "SecurityEventEnum"],
        b"\"Firmware\xffUpdated\"\n\"ResetOrReboot\"\n",
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(lines[0].starts_with("error: not UTF-8: "), "{}", lines[0]);
    assert_eq!(lines[1], "ok");
    assert_eq!(run.status, 1);
}

#[test]
fn check_mixes_files_and_stdin_in_order() {
    let run = run(
        &[
            "check",
            "DataTransferStatus",
            "examples/data/DataTransferStatus/valid-accepted.json",
            "-",
            "examples/data/DataTransferStatus/invalid-wrong-case.json",
        ],
        b"\"Rejected\"\n\"UnknownMessageId\"\n",
    );
    assert_eq!(
        run.stdout,
        "ok\nok\nok\nerror: DataTransferStatus: unknown DataTransferStatus value `accepted`, \
         expected `Accepted` (values are case-sensitive) at line 1 column 10\n"
    );
    assert_eq!(run.status, 1);
}

#[test]
fn an_unreadable_file_is_an_error_line_and_the_others_are_still_checked() {
    let run = run(
        &[
            "check",
            "SecurityEvent",
            "examples/data/SecurityEvent/no-such-file.json",
            "examples/data/SecurityEvent/valid-firmware-updated.json",
        ],
        b"",
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(
        lines[0].starts_with("error: cannot read examples/data/SecurityEvent/no-such-file.json: "),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "ok");
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
}

#[test]
fn an_unknown_type_is_a_usage_error_that_points_at_the_list() {
    let check = run(
        &[
            "check",
            "Keyvalue",
            "examples/data/KeyValue/valid-heartbeat-interval.json",
        ],
        b"",
    );
    let schema = run(&["schema", "Nope"], b"");
    let module = run(&["schema", "BootNotificationRequest"], b"");
    for (run, name, hint) in [
        (check, "Keyvalue", "did you mean `KeyValue`? "),
        (schema, "Nope", ""),
        (
            module,
            "BootNotificationRequest",
            "did you mean `v16/BootNotificationRequest`? ",
        ),
    ] {
        assert_eq!((run.status, run.stdout.as_str()), (2, ""));
        assert_eq!(
            run.stderr,
            format!(
                "ocpp-json: unknown type `{name}`; {hint}`ocpp-json list` shows every type\n\
                 Run `ocpp-json --help` for usage.\n"
            )
        );
    }
}

#[test]
fn types_of_a_module_are_named_with_it() {
    let list = run(&["list"], b"");
    assert_eq!(list.status, 0);
    for name in [
        "KeyValue",
        "v16/BootNotificationRequest",
        "v16/SignCertificateRequest",
        "v201/TransactionEventRequest",
        "v21/NotifyPeriodicEventStream",
        "everest/SecurityEvent",
    ] {
        assert!(
            list.stdout
                .lines()
                .any(|line| line.split_whitespace().next() == Some(name)),
            "{name} in the list"
        );
    }
    let lines = list.stdout.lines().count();
    let types: usize = ocpp_types::MODULES
        .iter()
        .map(|(_, types)| types.len())
        .sum();
    assert_eq!(lines, types);
    let check = run(
        &["check", "v16/BootNotificationRequest"],
        br#"{"chargePointVendor": "Pionix", "chargePointModel": "BelayBox"}
{"chargePointVendor": "Pionix"}
"#,
    );
    assert_eq!(check.status, 1);
    assert_eq!(
        check.stdout,
        "ok\nerror: BootNotificationRequest: missing required field `chargePointModel` at line 1 column 31\n"
    );
    let schema = run(&["schema", "v201/BootNotificationRequest"], b"");
    assert_eq!(schema.status, 0);
    let schema: serde_json::Value = serde_json::from_str(&schema.stdout).unwrap();
    assert_eq!(schema["title"], "BootNotificationRequest");
    assert_eq!(
        schema["required"],
        serde_json::json!(["chargingStation", "reason"])
    );
}

#[test]
fn other_usage_errors_exit_2_with_a_message_on_stderr() {
    for (args, message) in [
        (&[][..], "ocpp-json: missing command\n"),
        (
            &["frobnicate"][..],
            "ocpp-json: unknown command `frobnicate`\n",
        ),
        (&["check"][..], "ocpp-json: check needs a TYPE\n"),
        (
            &["check", "KeyValue", "--strict"][..],
            "ocpp-json: unknown option `--strict`\n",
        ),
        (
            &["list", "KeyValue"][..],
            "ocpp-json: list takes no arguments, got `KeyValue`\n",
        ),
        (
            &["schema", "KeyValue", "SecurityEvent"][..],
            "ocpp-json: schema takes one TYPE, got `SecurityEvent` too\n",
        ),
        (
            &["frames"][..],
            "ocpp-json: frames needs a VERSION: v16, v201 or v21\n",
        ),
        (
            &["frames", "v20"][..],
            "ocpp-json: unknown version `v20`; VERSION is v16, v201 or v21\n",
        ),
        (
            &["frames", "v16", "session.jsonl"][..],
            "ocpp-json: frames takes one VERSION and reads stdin, got `session.jsonl` too\n",
        ),
        (
            &["frames", "--strict", "v16"][..],
            "ocpp-json: unknown option `--strict`\n",
        ),
    ] {
        let run = run(args, b"");
        assert_eq!((run.status, run.stdout.as_str()), (2, ""), "{args:?}");
        assert_eq!(
            run.stderr,
            format!("{message}Run `ocpp-json --help` for usage.\n"),
            "{args:?}"
        );
    }
}

#[test]
fn help_goes_to_stdout_for_the_program_and_each_command() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let run = run(args, b"");
        assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{args:?}");
        assert!(
            run.stdout
                .contains("ocpp-json check [--lenient] TYPE [FILE...]"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("ocpp-json schema [TYPE]"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("ocpp-json frames [--lenient] VERSION"),
            "{}",
            run.stdout
        );
    }
    for (command, usage) in [
        ("list", "Usage: ocpp-json list\n"),
        ("schema", "Usage: ocpp-json schema [TYPE]\n"),
        (
            "check",
            "Usage: ocpp-json check [--lenient] TYPE [FILE...]\n",
        ),
        ("frames", "Usage: ocpp-json frames [--lenient] VERSION\n"),
    ] {
        for flag in ["--help", "-h"] {
            let run = run(&[command, flag], b"");
            assert_eq!(
                (run.status, run.stderr.as_str()),
                (0, ""),
                "{command} {flag}"
            );
            assert!(run.stdout.starts_with(usage), "{}", run.stdout);
        }
    }
    // Help wins over the rest of the command line, even over an unknown type.
    let run = run(&["check", "Nope", "--help"], b"");
    assert!(
        run.status == 0 && run.stdout.starts_with("Usage: ocpp-json check"),
        "{run:?}"
    );
}

/// The file names in `examples/data/<name>/`, sorted.
fn sample_files(name: &str) -> Vec<String> {
    let dir = Path::new(ROOT).join("examples/data").join(name);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    files
}

// Hostile input: strings that a message echoes hold control characters,
// line and paragraph separators, bidirectional controls, or a megabyte.
// Whatever the input, `check` prints exactly one line per document, and each
// line is one a terminal or a log shows as it is, and short.

/// The most bytes a line of `check` may have, whatever the input.
const MAX_LINE: usize = 1000;

/// Whether `c` may not be in a line of output: it would break the line (in
/// a terminal, a log, a JavaScript string or an editor) or reorder or hide
/// the text around it.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Asserts that `line`, one line of output without its `\n`, is clean and short.
fn assert_clean_line(line: &str) {
    assert!(line.len() < MAX_LINE, "a line of {} bytes", line.len());
    if let Some(c) = line.chars().find(|&c| is_forbidden(c)) {
        panic!("{c:?} in the line {line:?}");
    }
}

/// Runs `check ty` on `input`, JSON Lines on stdin, and returns the lines
/// printed, after checking what `check` promises: exactly `documents` lines
/// (split on `\n` only, the one separator of JSON Lines), each `ok` or
/// `error: ...`, clean and short, nothing on stderr, and the exit status.
fn check_stdin(ty: &str, input: &[u8], documents: usize) -> Vec<String> {
    let run = run(&["check", ty], input);
    let shown = |run: &Run| {
        let mut text = format!("{run:?}");
        if text.len() > 2000 {
            let mut cut = 2000;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push_str("...");
        }
        text
    };
    assert_eq!(run.stderr, "", "{}", shown(&run));
    assert!(run.stdout.ends_with('\n'), "{}", shown(&run));
    let lines: Vec<String> = run.stdout[..run.stdout.len() - 1]
        .split('\n')
        .map(str::to_owned)
        .collect();
    assert_eq!(
        lines.len(),
        documents,
        "{documents} documents; {}",
        shown(&run)
    );
    for line in &lines {
        assert_clean_line(line);
        assert!(line == "ok" || line.starts_with("error: "), "{line:?}");
    }
    let all_ok = lines.iter().all(|line| line == "ok");
    assert_eq!(run.status, if all_ok { 0 } else { 1 }, "{}", shown(&run));
    lines
}

/// One document a line: `documents` joined with `\n`.
fn json_lines(documents: &[String]) -> Vec<u8> {
    let mut input = documents.join("\n").into_bytes();
    input.push(b'\n');
    input
}

/// A JSON string literal of `text`, every character but printable ASCII as
/// a `\uXXXX` escape (a pair for a character beyond the BMP), so that the
/// parsed string holds the characters themselves.
fn json_escaped(text: &str) -> String {
    let mut literal = String::from('"');
    for c in text.chars() {
        if (' '..='~').contains(&c) && c != '"' && c != '\\' {
            literal.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                literal.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    literal.push('"');
    literal
}

/// How a message shows a short `text` that has no `"` or `\`, inside its
/// quotes or backticks: as `{:?}` shows it, without the quotes.
fn echo(text: &str) -> String {
    assert!(!text.contains(['"', '\\']));
    let debug = format!("{text:?}");
    debug[1..debug.len() - 1].to_owned()
}

/// The number of characters a line says were cut from a string: `N` of
/// `(N more characters)`.
fn cut_count(line: &str) -> usize {
    let end = line
        .find(" more character")
        .unwrap_or_else(|| panic!("no cut in {line:?}"));
    let start = line[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |at| at + 1);
    line[start..end].parse().unwrap()
}

/// The C0 controls, U+0000 to U+001F.
fn c0_controls() -> String {
    (0..=0x1F_u32).filter_map(char::from_u32).collect()
}

/// DEL and the C1 controls, U+007F to U+009F.
fn c1_controls() -> String {
    (0x7F..=0x9F_u32).filter_map(char::from_u32).collect()
}

#[test]
fn check_escapes_an_unknown_enum_value() {
    let hostile = [
        "Acc\u{2028}epted\r\nok",
        "Accepted\r\nerror: forged line",
        "Acc\u{2029}ep\u{85}ted\u{2028}",
        "\u{202E}detpeccA\u{2066}x\u{2069}\u{200F}",
        "Rejected\u{1b}[2J\u{1b}[1;1H\u{7}",
        "Accepted\0",
    ];
    // Escaped in JSON (`\u2028`), and raw in the line (as UTF-8 bytes: a raw
    // control character is not JSON, but U+0085, U+2028 and U+2029 are).
    let mut documents: Vec<String> = hostile
        .iter()
        .map(|value| format!(r#"{{"status": {}}}"#, json_escaped(value)))
        .collect();
    documents.push("{\"status\": \"Acc\u{2028}ep\u{2029}ted\u{85}\u{202E}\"}".to_owned());
    let lines = check_stdin("DataTransferResponse", &json_lines(&documents), 7);
    let mut expected: Vec<&str> = hostile.to_vec();
    expected.push("Acc\u{2028}ep\u{2029}ted\u{85}\u{202E}");
    for (line, value) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(
                "error: DataTransferResponse.status: unknown DataTransferStatus value `"
            ),
            "{line}"
        );
        assert!(line.contains(&echo(value)), "{value:?} in {line}");
    }
    // The enums as documents of their own.
    for ty in [
        "DataTransferStatus",
        "ConfigurationStatus",
        "SecurityEventEnum",
    ] {
        let documents: Vec<String> = hostile.iter().map(|value| json_escaped(value)).collect();
        let lines = check_stdin(ty, &json_lines(&documents), hostile.len());
        for (line, value) in lines.iter().zip(hostile) {
            let start = format!("error: {ty}: unknown {ty} value `");
            assert!(line.starts_with(&start), "{line}");
            assert!(line.contains(&echo(value)), "{value:?} in {line}");
        }
    }
}

#[test]
fn check_escapes_every_control_character() {
    // In two halves, each short enough to be shown whole.
    for controls in [c0_controls(), c1_controls()] {
        let literal = json_escaped(&controls);
        let documents = [
            // An unknown enum value.
            literal.clone(),
            // An unknown property of a closed type.
            format!(r#"{{"key": "k", "read_only": true, {literal}: 1}}"#),
            // A string where a boolean belongs.
            format!(r#"{{"key": "k", "read_only": {literal}}}"#),
            // Nested: an unknown property of a KeyValue in an array.
            format!(
                r#"{{"configuration_keys": [{{"key": "k", "read_only": true, {literal}: 1}}], "unknown_keys": []}}"#
            ),
            // A property given twice in an open type, which skips it once.
            format!(r#"{{"type": "t", {literal}: 1, {literal}: 2}}"#),
            // A string that is valid where it is: `ok`, and no echo.
            format!(r#"{{"type": {literal}, "info": {literal}}}"#),
        ];
        let types = [
            "ConfigurationStatus",
            "KeyValue",
            "KeyValue",
            "GetConfigurationResponse",
            "SecurityEvent",
            "SecurityEvent",
        ];
        let echoed = echo(&controls);
        for (ty, document) in types.iter().zip(&documents) {
            let lines = check_stdin(ty, &json_lines(std::slice::from_ref(document)), 1);
            let line = &lines[0];
            if *ty == "SecurityEvent" && document.contains("info") {
                assert_eq!(line, "ok");
            } else {
                assert!(line.contains(&echoed), "{echoed} in {line}");
            }
        }
    }
}

#[test]
fn check_escapes_an_unknown_property_name() {
    let name = "vendor_id\r\nerror: forged\u{2028}\u{202E}";
    let literal = json_escaped(name);
    let documents = [
        format!(r#"{{"vendor_id": "v", {literal}: "x"}}"#),
        "{\"vendor_id\": \"v\", \"a\u{2028}b\u{2029}c\u{85}\": 1}".to_owned(),
    ];
    let lines = check_stdin("DataTransferRequest", &json_lines(&documents), 2);
    for (line, name) in lines.iter().zip([name, "a\u{2028}b\u{2029}c\u{85}"]) {
        assert!(
            line.starts_with("error: DataTransferRequest: unknown field `"),
            "{line}"
        );
        assert!(line.contains(&echo(name)), "{name:?} in {line}");
    }
    // In a nested object, and given twice in an open type.
    let documents = [format!(
        r#"{{"configuration_keys": [{{"key": "k", "read_only": true, {literal}: 1}}], "unknown_keys": []}}"#
    )];
    let lines = check_stdin("GetConfigurationResponse", &json_lines(&documents), 1);
    assert!(
        lines[0].starts_with(
            "error: GetConfigurationResponse.configuration_keys[0] (KeyValue): unknown field `"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(&echo(name)), "{}", lines[0]);
    let documents = [format!(r#"{{"type": "t", {literal}: 1, {literal}: 2}}"#)];
    let lines = check_stdin("SecurityEvent", &json_lines(&documents), 1);
    assert!(
        lines[0].starts_with("error: SecurityEvent: duplicate field `"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(&echo(name)), "{}", lines[0]);
}

#[test]
fn check_escapes_and_bounds_a_string_of_the_wrong_type() {
    let value = "yes\r\nerror: forged\u{2028}\u{85}";
    let big = "y".repeat(1 << 20);
    let documents = [
        format!(r#"{{"key": "k", "read_only": {}}}"#, json_escaped(value)),
        format!(r#"{{"key": "k", "read_only": "{big}"}}"#),
    ];
    let lines = check_stdin("KeyValue", &json_lines(&documents), 2);
    assert!(
        lines[0].starts_with(&format!(
            "error: KeyValue.read_only: invalid type: string \"{}\", expected a boolean",
            echo(value)
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("error: KeyValue.read_only: invalid type: string \"yyy"),
        "{}",
        lines[1]
    );
    let quoted = lines[1].split("string \"").nth(1).unwrap();
    let shown = quoted.len() - quoted.trim_start_matches('y').len();
    assert_eq!(shown + cut_count(&lines[1]), 1 << 20, "{}", lines[1]);
}

#[test]
fn check_bounds_a_megabyte_property_name() {
    // A megabyte of two-byte characters: the cut must not split one.
    let count = 1 << 19;
    let name = "Ж".repeat(count);
    let documents = [
        // Unknown in a closed type: echoed.
        format!(r#"{{"vendor_id": "v", "{name}": 1}}"#),
        // With escapes, so that the message would grow six-fold.
        format!(r#"{{"vendor_id": "v", "{}": 1}}"#, "\\u2028".repeat(count)),
    ];
    let lines = check_stdin("DataTransferRequest", &json_lines(&documents), 2);
    for line in &lines {
        assert!(
            line.starts_with("error: DataTransferRequest: unknown field `"),
            "{}",
            &line[..line.len().min(200)]
        );
    }
    let shown = lines[0].matches('Ж').count();
    assert!(shown > 0, "{}", lines[0]);
    assert_eq!(shown + cut_count(&lines[0]), count, "{}", lines[0]);
    let shown = lines[1].matches("\\u{2028}").count();
    assert!(shown > 0, "{}", lines[1]);
    assert_eq!(shown + cut_count(&lines[1]), count, "{}", lines[1]);
    // Skipped in an open type: `ok`; given twice there: echoed.
    let documents = [
        format!(r#"{{"type": "t", "{name}": 1}}"#),
        format!(r#"{{"type": "t", "{name}": 1, "{name}": 2}}"#),
        // An unknown enum value of a megabyte.
        format!(r#"{{"type": "{name}"}}"#),
    ];
    let lines = check_stdin("SecurityEvent", &json_lines(&documents[..2]), 2);
    assert_eq!(lines[0], "ok");
    assert!(
        lines[1].starts_with("error: SecurityEvent: duplicate field `ЖЖЖ"),
        "{}",
        lines[1]
    );
    assert_eq!(cut_count(&lines[1]) + lines[1].matches('Ж').count(), count);
    let lines = check_stdin(
        "DataTransferStatus",
        &json_lines(&[format!("\"{name}\"")]),
        1,
    );
    assert_eq!(cut_count(&lines[0]) + lines[0].matches('Ж').count(), count);
}

#[test]
fn check_reports_lone_surrogates_on_one_line() {
    let documents: Vec<String> = [r#""\ud800""#, r#""\udc00x""#, r#""a\ud800\u000a""#]
        .iter()
        .flat_map(|literal| {
            [
                // As an enum value, a property name and a string value.
                format!(r#"{{"status": {literal}}}"#),
                format!(r#"{{"status": "Accepted", {literal}: 1}}"#),
                format!(r#"{{"status": "Accepted", "data": {literal}}}"#),
            ]
        })
        .collect();
    let lines = check_stdin("DataTransferResponse", &json_lines(&documents), 9);
    for line in lines {
        assert!(line.starts_with("error: "), "{line}");
    }
}

#[test]
fn check_reports_invalid_utf8_on_one_line() {
    let documents: [&[u8]; 6] = [
        b"{\"status\": \"Acc\xffepted\"}",
        // A lone continuation byte: the byte of U+0085 in Latin-1.
        b"{\"status\": \"Acc\x85epted\"}",
        // U+2028 without its last byte, then a raw carriage return.
        b"{\"status\": \"Acc\xe2\x80\repted\"}",
        // A surrogate encoded in UTF-8 (CESU-8), not UTF-8.
        b"{\"status\": \"Acc\xed\xa0\x80epted\"}",
        // In a property name, and a line that ends in the middle of a character.
        b"{\"status\": \"Accepted\", \"\xc0\xaf\": 1}",
        b"{\"status\": \"Accepted\"} \xe2\x80",
    ];
    let input = json_lines_bytes(&documents);
    let lines = check_stdin("DataTransferResponse", &input, documents.len());
    for line in lines {
        assert!(line.starts_with("error: not UTF-8: "), "{line}");
    }
}

/// `documents` joined with `\n`, and a last `\n`.
fn json_lines_bytes(documents: &[&[u8]]) -> Vec<u8> {
    let mut input = documents.join(&b'\n');
    input.push(b'\n');
    input
}

#[test]
fn a_raw_line_separator_does_not_split_a_document() {
    // JSON Lines splits on `\n` only: U+2028, U+2029, U+0085, a lone `\r`, a
    // vertical tab and a form feed are inside the line.
    let documents: [&[u8]; 5] = [
        "{\"status\": \"Accepted\", \"data\": \"a\u{2028}b\u{2029}c\u{85}d\"}".as_bytes(),
        b"{\"status\":\r\"Accepted\"}",
        "{\"status\": \"Accepted\"}\u{2028}{\"status\": \"Rejected\"}".as_bytes(),
        b"{\"status\": \"Accepted\"}\r{\"status\": \"Rejected\"}",
        b"{\"status\": \"Accepted\"}\x0b\x0c{\"status\": \"Rejected\"}",
    ];
    let lines = check_stdin(
        "DataTransferResponse",
        &json_lines_bytes(&documents),
        documents.len(),
    );
    assert_eq!(lines[0], "ok");
    assert_eq!(lines[1], "ok");
    for line in &lines[2..] {
        assert!(line.starts_with("error: "), "{line}");
    }
}

#[test]
fn usage_errors_escape_and_bound_the_words_they_echo() {
    let long = "T".repeat(100_000);
    for (args, start) in [
        (
            vec!["check", "Key\nValue\u{2028}"],
            "ocpp-json: unknown type `Key\\nValue\\u{2028}`; did you mean `KeyValue`? `ocpp-json list` shows every type\n",
        ),
        (
            vec!["frob\r\nnicate\u{202E}"],
            "ocpp-json: unknown command `frob\\r\\nnicate\\u{202e}`\n",
        ),
        (
            vec!["check", "KeyValue", "--str\u{1b}[2Jict"],
            "ocpp-json: unknown option `--str\\u{1b}[2Jict`\n",
        ),
        (
            vec!["list", "a\u{85}b"],
            "ocpp-json: list takes no arguments, got `a\\u{85}b`\n",
        ),
        (
            vec!["schema", "KeyValue", "x\ty"],
            "ocpp-json: schema takes one TYPE, got `x\\ty` too\n",
        ),
        (vec!["check", long.as_str()], "ocpp-json: unknown type `TTT"),
    ] {
        let run = run(&args, b"");
        assert_eq!((run.status, run.stdout.as_str()), (2, ""), "{args:?}");
        assert!(run.stderr.starts_with(start), "{}", run.stderr);
        for line in run.stderr.lines() {
            assert_clean_line(line);
        }
    }
    let run = run(&["check", long.as_str()], b"");
    let first = run.stderr.lines().next().unwrap();
    assert_eq!(cut_count(first) + first.matches('T').count(), 100_000);
}

#[test]
fn a_file_name_is_escaped_in_its_error_line() {
    let run = run(
        &[
            "check",
            "KeyValue",
            "no-such\nfile\u{2028}.json",
            "examples/data/KeyValue/valid-heartbeat-interval.json",
        ],
        b"",
    );
    assert_eq!(
        run.stdout.matches('\n').count(),
        2,
        "one line per document: {run:?}"
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("error: cannot read no-such\\nfile\\u{2028}.json: "),
        "{}",
        lines[0]
    );
    assert_clean_line(lines[0]);
    assert_eq!(lines[1], "ok");
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(ocpp_json())
        .args(["check", "KeyValue"])
        .arg(std::ffi::OsStr::from_bytes(b"bad\xff\nname.json"))
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(output.stdout, b"");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "ocpp-json: argument `bad\u{FFFD}\\nname.json` is not UTF-8\n\
         Run `ocpp-json --help` for usage.\n"
    );
}

#[test]
fn frames_lenient_prints_ok_with_the_count_and_the_first_deviation() {
    let log = br#"[2,"1","BootNotification",{"chargePointVendor":"Pionix GmbH Berlin Germany","chargePointModel":"M","reason":"PowerUp"}]
[3,"1",{"status":"accepted","currentTime":"2026-11-29T12:00:00Z","interval":300}]
[2,"2","Heartbeat",{}]
[2,"3","BootNotification",{"chargePointVendor":"P"}]
[2,"4","Heartbeat",{}
"#;
    let run = run(&["frames", "--lenient", "v16"], log);
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "ok CALL BootNotification, 2 deviations: BootNotificationRequest.chargePointVendor: \
         string of 26 characters is longer than the maximum length of 20 characters\n\
         ok CALLRESULT BootNotification, 1 deviation: BootNotificationResponse.status: \
         BootNotificationResponseStatus value `accepted` read as `Accepted`\n\
         ok CALL Heartbeat\n\
         error OccurenceConstraintViolation: BootNotificationRequest: missing required field `chargePointModel`\n\
         error ProtocolError: frame: EOF while parsing a list\n"
    );
    // Without --lenient, the first two are errors.
    let strict = self::run(&["frames", "v16"], log);
    assert!(
        strict.stdout.starts_with(
            "error PropertyConstraintViolation: BootNotificationRequest.chargePointVendor"
        ),
        "{strict:?}"
    );
}

#[test]
fn check_lenient_prints_ok_with_the_count_and_the_first_deviation() {
    let run = run(
        &["check", "--lenient", "v16/BootNotificationRequest"],
        br#"{"chargePointVendor": "Pionix GmbH Berlin Germany", "chargePointModel": "M", "reason": "PowerUp"}
{"chargePointVendor": "P", "chargePointModel": "M", "iccid": null}
{"chargePointVendor": "P", "chargePointModel": "M"}
{"chargePointVendor": "P"}
"#,
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "ok, 2 deviations: BootNotificationRequest.chargePointVendor: string of 26 characters \
         is longer than the maximum length of 20 characters\n\
         ok, 1 deviation: BootNotificationRequest.iccid: null for an optional field, read as absent\n\
         ok\n\
         error: BootNotificationRequest: missing required field `chargePointModel` at line 1 column 26\n"
    );
    // Without --lenient, the same documents are errors.
    let strict = self::run(
        &["check", "v16/BootNotificationRequest"],
        br#"{"chargePointVendor": "P", "chargePointModel": "M", "iccid": null}"#,
    );
    assert!(strict.stdout.starts_with("error: "), "{strict:?}");
}

// `frames`: logs of OCPP-J sessions, one frame a line, both sides in the
// order sent. The logs in tests/data mix a realistic session (boot,
// heartbeats, status notifications, a transaction, requests of the CSMS and
// their results, CALLERRORs) with broken frames of every kind; the verdicts
// below are written by hand, one line per line of the log.

/// Runs `frames version` on the log `tests/data/<file>`.
fn frames_of_log(version: &str, file: &str) -> Run {
    let log = std::fs::read(Path::new(ROOT).join("tests/data").join(file)).unwrap();
    let run = run(&["frames", version], &log);
    assert_eq!(run.stderr, "", "{run:?}");
    // One line of output for each line of the log (each ends in `\n`).
    assert!(log.ends_with(b"\n"), "{file} ends with a line end");
    assert_eq!(
        run.stdout.matches('\n').count(),
        log.iter().filter(|&&byte| byte == b'\n').count(),
        "{run:?}"
    );
    run
}

#[test]
fn frames_reads_a_log_of_an_ocpp16_session() {
    let run = frames_of_log("v16", "session-v16.jsonl");
    assert_eq!(
        run.stdout,
        "\
ok CALL BootNotification
ok CALLRESULT BootNotification
ok CALL StatusNotification
ok CALLRESULT StatusNotification
error PropertyConstraintViolation: StatusNotificationRequest.status: unknown StatusNotificationRequestStatus value `Avaliable`, expected one of `Available`, `Preparing`, `Charging`, `SuspendedEVSE`, `SuspendedEV`, `Finishing`, `Reserved`, `Unavailable`, `Faulted`
ok CALLERROR StatusNotification
ok CALL Heartbeat
ok CALLRESULT Heartbeat
error FormationViolation: HeartbeatRequest: unknown field `uptime`, expected no field
ok CALL Heartbeat
error FormationViolation: HeartbeatResponse: duplicate field `currentTime`
ok CALL RemoteStartTransaction
ok CALLRESULT RemoteStartTransaction
ok CALL Authorize
ok CALLRESULT Authorize
ok CALL StatusNotification
ok CALLRESULT StatusNotification
error TypeConstraintViolation: StartTransactionRequest.meterStart: invalid type: string \"1200\", expected an integer from -9223372036854775808 to 9223372036854775807
ok CALL StartTransaction
ok CALLRESULT StartTransaction
ok CALL StatusNotification
ok CALLRESULT StatusNotification
ok CALL MeterValues
ok CALLRESULT MeterValues
error OccurenceConstraintViolation: MeterValuesRequest: missing required field `connectorId`
ok CALL TriggerMessage
ok CALLERROR TriggerMessage
error OccurenceConstraintViolation: SetChargingProfileRequest: missing required field `csChargingProfiles`
error NotImplemented: `Heartbeats` is not an action of OCPP 1.6
ok CALLRESULT -
error ProtocolError: frame: a message id has at most 36 characters, this one has 37
error ProtocolError: frame: invalid type: map, expected an OCPP-J frame (a JSON array)
error ProtocolError: frame: message type 7 is not one of OCPP 1.6's (2, 3 or 4)
error ProtocolError: frame: expected value
ok CALL StopTransaction
ok CALLRESULT StopTransaction
ok CALL StatusNotification
ok CALLRESULT StatusNotification
"
    );
    assert_eq!(run.status, 1);
}

#[test]
fn frames_reads_a_log_of_an_ocpp201_session() {
    let run = frames_of_log("v201", "session-v201.jsonl");
    assert_eq!(
        run.stdout,
        "\
ok CALL BootNotification
ok CALLRESULT BootNotification
ok CALL StatusNotification
ok CALLRESULT StatusNotification
error PropertyConstraintViolation: StatusNotificationRequest.connectorStatus: unknown ConnectorStatusEnumType value `Charging`, expected one of `Available`, `Occupied`, `Reserved`, `Unavailable`, `Faulted`
ok CALLERROR StatusNotification
ok CALL Heartbeat
ok CALLRESULT Heartbeat
ok CALL Heartbeat
error FormatViolation: HeartbeatResponse: unknown field `interval`, expected `customData` or `currentTime`
ok CALL RequestStartTransaction
ok CALLRESULT RequestStartTransaction
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
ok CALL StatusNotification
ok CALLRESULT StatusNotification
error TypeConstraintViolation: TransactionEventRequest.seqNo: invalid type: string \"1\", expected an integer from -9223372036854775808 to 9223372036854775807
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
error OccurrenceConstraintViolation: AuthorizeRequest.idToken (IdTokenType): missing required field `type`
ok CALL GetVariables
ok CALLRESULT GetVariables
ok CALL SetChargingProfile
ok CALLERROR SetChargingProfile
error NotImplemented: `UpdateFirmwares` is not an action of OCPP 2.0.1
error RpcFrameworkError: frame: a CALL has 4 elements, this one has more
ok CALLRESULT -
error RpcFrameworkError: frame: a message id has at most 36 characters, this one has 42
error RpcFrameworkError: frame: the message type must be an integer, found a string
error MessageTypeNotSupported: frame: message type 8 is not one of OCPP 2.0.1's (2, 3 or 4)
error RpcFrameworkError: frame: invalid type: map, expected an OCPP-J frame (a JSON array)
error RpcFrameworkError: frame: EOF while parsing a list
error FormatViolation: TransactionEventRequest: duplicate field `eventType`
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
ok CALL StatusNotification
ok CALLRESULT StatusNotification
"
    );
    assert_eq!(run.status, 1);
}

#[test]
fn frames_reads_a_log_of_an_ocpp21_session_with_send_and_callresulterror() {
    let run = frames_of_log("v21", "session-v21.jsonl");
    assert_eq!(
        run.stdout,
        "\
ok CALL BootNotification
ok CALLRESULT BootNotification
ok CALL StatusNotification
ok CALLRESULT StatusNotification
ok CALL Heartbeat
ok CALLRESULT Heartbeat
ok CALL RequestStartTransaction
ok CALLRESULT RequestStartTransaction
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
ok CALL StatusNotification
ok CALLRESULT StatusNotification
ok SEND NotifyPeriodicEventStream
error OccurrenceConstraintViolation: NotifyPeriodicEventStream.data: array of 0 items has fewer than the minimum of 1 item
error NotSupported: `NotifyPeriodicEventStream` is sent in a SEND, not in a CALL
ok CALL GetVariables
error OccurrenceConstraintViolation: GetVariablesResponse.getVariableResult[0] (GetVariableResultType): missing required field `variable`
ok CALLRESULTERROR -
ok CALL GetVariables
ok CALLRESULT GetVariables
ok CALLRESULTERROR -
ok CALL UnlockConnector
ok CALLERROR UnlockConnector
error TypeConstraintViolation: TransactionEventRequest.offline: invalid type: string \"false\", expected a boolean
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
error FormatViolation: HeartbeatRequest: duplicate field `customData`
error FormatViolation: StatusNotificationRequest: unknown field `errorCode`, expected one of `timestamp`, `connectorStatus`, `evseId`, `connectorId`, `customData`
error OccurrenceConstraintViolation: GetCertificateChainStatusRequest: missing required field `certificateStatusRequests`
ok CALLRESULT -
error RpcFrameworkError: frame: a message id has at most 36 characters, this one has 41
error MessageTypeNotSupported: frame: message type 9 is not one of OCPP 2.1's (2, 3, 4, 5 or 6)
error RpcFrameworkError: frame: expected `,` or `]`
error RpcFrameworkError: frame: invalid type: string \"[2,\\\"1a9e7f30-0017\\\",\\\"Heartbeat\\\",{}]\", expected an OCPP-J frame (a JSON array)
ok CALL TransactionEvent
ok CALLRESULT TransactionEvent
ok CALL StatusNotification
ok CALLRESULT StatusNotification
"
    );
    assert_eq!(run.status, 1);
}

#[test]
fn frames_of_a_valid_log_exit_0_and_take_crlf_and_a_last_line_without_newline() {
    let log = b"[2,\"1\",\"Heartbeat\",{}]\r\n\
                [3,\"1\",{\"currentTime\":\"2026-03-02T08:05:00Z\"}]\r\n\
                [2,\"2\",\"Heartbeat\",{}]\n\
                [4,\"2\",\"InternalError\",\"\",{}]";
    let run = run(&["frames", "v201"], log);
    assert_eq!(
        run.stdout,
        "ok CALL Heartbeat\nok CALLRESULT Heartbeat\nok CALL Heartbeat\nok CALLERROR Heartbeat\n"
    );
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    // Nothing to read: nothing printed, nothing invalid.
    let run = self::run(&["frames", "v16"], b"");
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn frames_counts_an_empty_or_blank_line_as_a_broken_frame() {
    // Line N of the output is about line N of the log.
    let log = b"[2,\"1\",\"Heartbeat\",{}]\n\n   \r\n\r\n[3,\"1\",{\"currentTime\":\"2026-03-02T08:05:00Z\"}]\n";
    for (version, code) in [
        ("v16", "ProtocolError"),
        ("v201", "RpcFrameworkError"),
        ("v21", "RpcFrameworkError"),
    ] {
        let run = run(&["frames", version], log);
        let broken = format!("error {code}: frame: EOF while parsing a value\n");
        assert_eq!(
            run.stdout,
            format!("ok CALL Heartbeat\n{broken}{broken}{broken}ok CALLRESULT Heartbeat\n")
        );
        assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    }
}

#[test]
fn frames_spells_each_code_as_the_version_does() {
    // The same broken frames, read as each version.
    let log = br#"[2,"1","Heartbeat",{"now":true}]
[2,"2","Authorize",{}]
[5,"3","GenericError","",{}]
[2,"4","Heartbeat",{}]["#;
    for (version, expected) in [
        (
            "v16",
            "\
error FormationViolation: HeartbeatRequest: unknown field `now`, expected no field
error OccurenceConstraintViolation: AuthorizeRequest: missing required field `idTag`
error ProtocolError: frame: message type 5 is not one of OCPP 1.6's (2, 3 or 4)
error ProtocolError: frame: trailing characters
",
        ),
        (
            "v201",
            "\
error FormatViolation: HeartbeatRequest: unknown field `now`, expected `customData`
error OccurrenceConstraintViolation: AuthorizeRequest: missing required field `idToken`
error MessageTypeNotSupported: frame: message type 5 is not one of OCPP 2.0.1's (2, 3 or 4)
error RpcFrameworkError: frame: trailing characters
",
        ),
        (
            "v21",
            "\
error FormatViolation: HeartbeatRequest: unknown field `now`, expected `customData`
error OccurrenceConstraintViolation: AuthorizeRequest: missing required field `idToken`
ok CALLRESULTERROR -
error RpcFrameworkError: frame: trailing characters
",
        ),
    ] {
        let run = run(&["frames", version], log);
        assert_eq!(run.stdout, expected, "{version}");
        assert_eq!((run.status, run.stderr.as_str()), (1, ""), "{version}");
    }
}

#[test]
fn frames_reports_a_line_that_is_not_utf8_as_a_broken_frame_and_goes_on() {
    let log = b"[2,\"1\",\"Heart\xffbeat\",{}]\n[2,\"2\",\"Heartbeat\",{}]\n[3,\"2\",{\"currentTime\":\"2026-03-02T08:05:00Z\"}]\n";
    for (version, code) in [("v16", "ProtocolError"), ("v201", "RpcFrameworkError")] {
        let run = run(&["frames", version], log);
        assert_eq!(
            run.stdout,
            format!(
                "error {code}: frame: not UTF-8: invalid utf-8 sequence of 1 bytes from index 13\n\
                 ok CALL Heartbeat\nok CALLRESULT Heartbeat\n"
            )
        );
        assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    }
}

#[test]
fn frames_prints_one_clean_short_line_for_each_hostile_frame() {
    let megabyte = 1 << 20;
    let big = "x".repeat(megabyte);
    let hostile =
        "Heart\u{0}beat\r\nok CALL Heartbeat\u{1b}[2J\u{7}\u{85}\u{2028}\u{2029}\u{202E}\u{2066}";
    let literal = json_escaped(hostile);
    let mut frames: Vec<Vec<u8>> = vec![
        // Control characters, separators and bidirectional controls, escaped
        // in JSON, in an action, an enum value, a property name and an error
        // code.
        format!(r#"[2,"1",{literal},{{}}]"#).into_bytes(),
        format!(r#"[2,"2","Heartbeat",{{{literal}:1}}]"#).into_bytes(),
        format!(
            r#"[2,"3","StatusNotification",{{"connectorId":1,"errorCode":"NoError","status":{literal}}}]"#
        )
        .into_bytes(),
        format!(r#"[4,"4",{literal},"",{{}}]"#).into_bytes(),
        format!(r#"[2,{literal},"Heartbeat",{{}}]"#).into_bytes(),
        // The same characters raw: a raw control character is not JSON, but
        // U+0085, U+2028, U+2029 and the bidirectional controls are.
        "[2,\"5\",\"Heart\u{85}\u{2028}\u{2029}\u{202E}beat\",{}]"
            .as_bytes()
            .to_vec(),
        "[2,\"6\",\"Heartbeat\",{\"a\u{2028}\u{202E}\":1}]"
            .as_bytes()
            .to_vec(),
        b"[2,\"7\",\"Heart\x1b[2J\x00beat\",{}]".to_vec(),
        b"[2,\"8\",\"Heartbeat\",{}]\r[2,\"9\",\"Heartbeat\",{}]".to_vec(),
        b"\x0b\x0c\x00\x1b[2J".to_vec(),
        // Not UTF-8.
        b"[2,\"10\",\"Heart\xffbeat\",{}]".to_vec(),
        b"[2,\"11\",\"Heart\xed\xa0\x80beat\",{}]".to_vec(),
        b"[2,\"12\",\"Heartbeat\",{}] \xe2\x80".to_vec(),
        // A megabyte: an action, a message id, an unknown property, an enum
        // value, an error code, a string where a number belongs, and
        // something that is no JSON at all.
        format!(r#"[2,"13","{big}",{{}}]"#).into_bytes(),
        format!(r#"[2,"{big}","Heartbeat",{{}}]"#).into_bytes(),
        format!(r#"[2,"14","Heartbeat",{{"{big}":1}}]"#).into_bytes(),
        format!(
            r#"[2,"15","StatusNotification",{{"connectorId":1,"errorCode":"NoError","status":"{big}"}}]"#
        )
        .into_bytes(),
        format!(r#"[4,"16","{big}","",{{}}]"#).into_bytes(),
        format!(r#"[2,"17","StartTransaction",{{"connectorId":1,"idTag":"t","meterStart":"{big}","timestamp":"2026-03-02T08:00:00Z"}}]"#).into_bytes(),
        big.clone().into_bytes(),
        // A megabyte that is valid: `ok`.
        format!(r#"[2,"18","DataTransfer",{{"vendorId":"com.example","data":"{big}"}}]"#)
            .into_bytes(),
    ];
    // A megabyte of `\u2028` escapes in an action: six-fold in the message
    // but for the cut.
    frames.push(format!(r#"[2,"19","{}",{{}}]"#, "\\u2028".repeat(megabyte / 6)).into_bytes());
    let mut log = frames.join(&b'\n');
    log.push(b'\n');
    for version in ["v16", "v201", "v21"] {
        let run = run(&["frames", version], &log);
        assert_eq!(run.stderr, "", "{version}");
        assert_eq!(run.status, 1, "{version}");
        assert!(run.stdout.ends_with('\n'), "{version}");
        // Split on `\n` only: a line is a line of a terminal, a log, an editor.
        let lines: Vec<&str> = run.stdout[..run.stdout.len() - 1].split('\n').collect();
        assert_eq!(lines.len(), frames.len(), "{version}: one line per frame");
        for (line, frame) in lines.iter().zip(&frames) {
            assert_clean_line(line);
            let ok = line.starts_with("ok ");
            assert!(ok || line.starts_with("error "), "{line}");
            // The one valid frame.
            assert_eq!(
                ok,
                frame.starts_with(br#"[2,"18","DataTransfer""#),
                "{version}: {line}"
            );
        }
        // What the input says is shown escaped, and cut. (The status
        // notification and the transaction are frames of 1.6 only.)
        let v16 = version == "v16";
        let echoed = echo(hostile);
        for at in [0, 1, 2, 3] {
            if at != 2 || v16 {
                assert!(lines[at].contains(&echoed), "{echoed} in {}", lines[at]);
            }
        }
        assert!(
            lines[5].contains(r"\u{85}\u{2028}\u{2029}\u{202e}"),
            "{}",
            lines[5]
        );
        assert!(lines[6].contains(r"\u{2028}\u{202e}"), "{}", lines[6]);
        assert!(
            lines[14].ends_with(" this one has 1048576"),
            "{}",
            lines[14]
        );
        for at in [13, 15, 16, 17, 18] {
            if !v16 && (at == 16 || at == 18) {
                continue;
            }
            // The longest run of `x` (`expected` has one too).
            let x = lines[at].split(|c| c != 'x').map(str::len).max().unwrap();
            assert!(x > 0, "{}", lines[at]);
            assert_eq!(x + cut_count(lines[at]), megabyte, "{}", lines[at]);
        }
        let shown = lines[21].matches(r"\u{2028}").count();
        assert!(shown > 0, "{}", lines[21]);
        assert_eq!(shown + cut_count(lines[21]), megabyte / 6, "{}", lines[21]);
    }
}

#[test]
fn frames_help_and_usage_errors() {
    let run = run(&["frames", "v99", "--help"], b"");
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    for text in [
        "Usage: ocpp-json frames [--lenient] VERSION\n",
        "With --lenient, payloads are read as `check --lenient`",
        "ok <TYPE> <ACTION>",
        "error <CODE>: <MESSAGE>",
        "an empty or blank one too",
        "A line may end in `\\r\\n`;",
        "`ProtocolError` in 1.6",
        "`RpcFrameworkError` in 2.x",
        "Exit status: 0 if every frame is valid, 1 if any is not, 2 for a usage error",
    ] {
        assert!(run.stdout.contains(text), "{text:?} in {}", run.stdout);
    }
    for line in run.stdout.lines() {
        assert_clean_line(line);
    }
    // A version is checked before stdin is read, and escaped in the message.
    let run = self::run(
        &["frames", "v16\n\u{202E}"],
        b"[2,\"1\",\"Heartbeat\",{}]\n",
    );
    assert_eq!((run.status, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "ocpp-json: unknown version `v16\\n\\u{202e}`; VERSION is v16, v201 or v21\n\
         Run `ocpp-json --help` for usage.\n"
    );
}
