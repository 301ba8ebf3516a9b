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
    assert_eq!(
        run.stdout,
        "\
DataTransferStatus        Data Transfer Status enum
DataTransferRequest       Type for data transfer request provided by OCPP
DataTransferResponse      Type for data transfer response provided by OCPP
KeyValue                  Type for a key value pair
GetConfigurationResponse  Response to a GetConfiguration request
ConfigurationStatus       Response to a set_custom_configuration_key command
SecurityEventEnum         Enum for known security events
SecurityEvent             Type for a security event
"
    );
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
    let list = run(&["list"], b"").stdout;
    for name in list.lines().map(|line| line.split(' ').next().unwrap()) {
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
fn an_unknown_type_is_a_usage_error_that_lists_the_types() {
    let check = run(
        &[
            "check",
            "Keyvalue",
            "examples/data/KeyValue/valid-heartbeat-interval.json",
        ],
        b"",
    );
    let schema = run(&["schema", "Nope"], b"");
    for (run, name) in [(check, "Keyvalue"), (schema, "Nope")] {
        assert_eq!((run.status, run.stdout.as_str()), (2, ""));
        assert!(
            run.stderr.starts_with(&format!(
                "ocpp-json: unknown type `{name}`; the types are:\n"
            )),
            "{}",
            run.stderr
        );
        for known in TYPES.iter().map(TypeInfo::name) {
            assert!(
                run.stderr.contains(&format!("\n  {known}\n")),
                "{known} in {}",
                run.stderr
            );
        }
    }
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
            run.stdout.contains("ocpp-json check TYPE [FILE...]"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("ocpp-json schema [TYPE]"),
            "{}",
            run.stdout
        );
    }
    for (command, usage) in [
        ("list", "Usage: ocpp-json list\n"),
        ("schema", "Usage: ocpp-json schema [TYPE]\n"),
        ("check", "Usage: ocpp-json check TYPE [FILE...]\n"),
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

// The sample documents, in-process: the same verdicts as `cargo run --example tour`.

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

/// Reads `text` as a `ty` and, if that works, checks that what it writes
/// reads back and writes the same again.
fn check(ty: &TypeInfo, text: &str) -> Result<(), String> {
    let written = ty.canonical_json(text).map_err(|error| error.to_string())?;
    assert_eq!(ty.canonical_json(&written).unwrap(), written);
    Ok(())
}

#[test]
fn every_sample_document_gets_the_verdict_its_name_says() {
    for ty in &TYPES {
        let name = ty.name();
        let files = sample_files(name);
        for prefix in ["valid-", "invalid-"] {
            assert!(
                files.iter().any(|file| file.starts_with(prefix)),
                "no {prefix} file for {name}"
            );
        }
        for file in files {
            assert!(
                file.ends_with(".json")
                    && (file.starts_with("valid-") || file.starts_with("invalid-")),
                "{name}/{file} is not named valid-….json or invalid-….json"
            );
            let text = std::fs::read_to_string(
                Path::new(ROOT).join("examples/data").join(name).join(&file),
            )
            .unwrap();
            match check(ty, &text) {
                Ok(()) => assert!(file.starts_with("valid-"), "{name}/{file} was accepted"),
                Err(message) => {
                    assert!(
                        file.starts_with("invalid-"),
                        "{name}/{file} was rejected: {message}"
                    );
                    // Every message names the type, at the start of its path or in its text.
                    assert!(message.contains(name), "{name}/{file}: {message}");
                }
            }
        }
    }
    // Nothing else in examples/data but the type directories and the JSON Lines sample.
    let mut entries: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("examples/data"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    entries.sort();
    let mut expected: Vec<String> = TYPES.iter().map(|ty| ty.name().to_owned()).collect();
    expected.push("GetConfigurationResponse.jsonl".to_owned());
    expected.sort();
    assert_eq!(entries, expected);
}
