//! The sample documents of `examples/data`, judged twice: by our types, whose
//! verdict must be the one in the file's name (`valid-*.json` accepted and
//! round-tripped, `invalid-*.json` rejected), and, for the messages of the
//! OCA's versions (`v16`, `v201`, `v21`), by the official schema file, whose
//! verdict must be ours. The official verdict is the `jsonschema` crate's,
//! with the draft the file declares (draft-04 for the 1.6 core, draft-06 for
//! the others) and formats asserted. EVerest's types (`everest/...` and the
//! crate root's) have no official schema file: only their names judge them.
//!
//! A key given twice in an object is an error to our types, but no JSON
//! Schema can see it (the validator reads the last value): such a document
//! does not belong among the samples of an OCA version.
//!
//! `cargo run --example tour` shows the same verdicts of our types.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jsonschema::Draft;
use ocpp_types::{ErrorKind, Segment, TypeInfo, MODULES, TYPES};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One sample document.
struct Sample {
    /// The type's module, `""` for the crate root.
    module: &'static str,
    ty: &'static TypeInfo,
    /// The file's path from the workspace root, for messages.
    path: String,
    file: String,
    text: String,
}

impl Sample {
    /// `v16/BootNotificationRequest`, or the plain name at the crate root.
    fn type_name(&self) -> String {
        if self.module.is_empty() {
            self.ty.name().to_owned()
        } else {
            format!("{}/{}", self.module, self.ty.name())
        }
    }

    fn named_valid(&self) -> bool {
        self.file.starts_with("valid-")
    }
}

/// The names of the entries of `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every sample document: those of each type of the crate root
/// (`examples/data/<Type>/`), and those of the types of each module that has
/// samples (`examples/data/<module>/<Type>/`). Each file is named
/// `valid-*.json` or `invalid-*.json`, and each folder names a type.
fn samples() -> Vec<Sample> {
    let data = Path::new(ROOT).join("examples/data");
    let mut folders: Vec<(&'static str, &'static TypeInfo, PathBuf)> = Vec::new();
    for &(module, types) in MODULES {
        if module.is_empty() {
            for ty in types {
                folders.push((module, ty, data.join(ty.name())));
            }
            continue;
        }
        let dir = data.join(module);
        if !dir.is_dir() {
            continue;
        }
        for folder in names(&dir) {
            let name = format!("{module}/{folder}");
            let ty = ocpp_types::find_type(&name)
                .unwrap_or_else(|| panic!("examples/data/{name} names no type"));
            folders.push((module, ty, dir.join(folder)));
        }
    }
    let mut samples = Vec::new();
    for (module, ty, dir) in folders {
        for file in names(&dir) {
            let path = dir.join(&file);
            let shown = path
                .strip_prefix(ROOT)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(
                file.ends_with(".json")
                    && (file.starts_with("valid-") || file.starts_with("invalid-")),
                "{shown} is not named valid-….json or invalid-….json"
            );
            samples.push(Sample {
                module,
                ty,
                text: std::fs::read_to_string(&path).unwrap(),
                path: shown,
                file,
            });
        }
    }
    samples
}

/// Our verdict: reads `text` as a `ty` and, if that works, checks that what
/// the value writes reads back and writes the same again.
fn ours(ty: &TypeInfo, text: &str) -> Result<(), String> {
    let written = ty.canonical_json(text).map_err(|error| error.to_string())?;
    match ty.canonical_json(&written) {
        Ok(again) if again == written => Ok(()),
        Ok(again) => Err(format!("round trip changed {written} into {again}")),
        Err(error) => Err(format!("round trip through {written} failed: {error}")),
    }
}

/// The official schema file of a type of a module, from the workspace root:
/// 1.6's `BootNotificationRequest` is `v16/BootNotification.json`, its
/// response `v16/BootNotificationResponse.json`, and the security
/// extension's messages are named the same way in `v16-security/`; 2.x's
/// types are `<Type>.json`. `None` for a module without official schemas.
fn schema_file(module: &str, ty: &str) -> Option<String> {
    let oca = Path::new(ROOT).join("schemas/oca");
    let candidates = match module {
        "v16" => {
            let file = ty.strip_suffix("Request").unwrap_or(ty);
            vec![
                format!("v16/{file}.json"),
                format!("v16-security/{file}.json"),
            ]
        }
        "v201" | "v21" => vec![format!("{module}/{ty}.json")],
        _ => return None,
    };
    let found = candidates
        .iter()
        .find(|file| oca.join(file).is_file())
        .unwrap_or_else(|| panic!("{module}/{ty}: no schema file, looked for {candidates:?}"));
    Some(format!("schemas/oca/{found}"))
}

/// A validator of the schema file `path` (from the workspace root), with the
/// draft its `$schema` declares, asserting formats.
fn official_validator(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let draft = match schema["$schema"].as_str() {
        Some("http://json-schema.org/draft-04/schema#") => Draft::Draft4,
        Some("http://json-schema.org/draft-06/schema#") => Draft::Draft6,
        other => panic!("{path}: unexpected $schema {other:?}"),
    };
    let validator = jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    assert_eq!(validator.draft(), draft, "{path}");
    validator
}

#[test]
fn every_sample_gets_the_verdict_its_name_says() {
    let samples = samples();
    let mut wrong = Vec::new();
    for sample in &samples {
        match ours(sample.ty, &sample.text) {
            Ok(()) if !sample.named_valid() => wrong.push(format!(
                "{}: accepted as {}",
                sample.path,
                sample.type_name()
            )),
            Err(message) if sample.named_valid() => wrong.push(format!(
                "{}: rejected as {}: {message}",
                sample.path,
                sample.type_name()
            )),
            // Every message names the type, at the start of its path or in its text.
            Err(message) if !message.contains(sample.ty.name()) => wrong.push(format!(
                "{}: the message does not name {}: {message}",
                sample.path,
                sample.ty.name()
            )),
            _ => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} samples:\n{}",
        wrong.len(),
        samples.len(),
        wrong.join("\n")
    );
    // Each type of the crate root has samples of both kinds, and so has
    // each module.
    for ty in &TYPES {
        for named_valid in [true, false] {
            assert!(
                samples.iter().any(|s| s.module.is_empty()
                    && s.ty.name() == ty.name()
                    && s.named_valid() == named_valid),
                "no {} sample of {}",
                if named_valid { "valid" } else { "invalid" },
                ty.name()
            );
        }
    }
    for module in ["v16", "v201", "v21", "everest"] {
        for named_valid in [true, false] {
            assert!(
                samples
                    .iter()
                    .any(|s| s.module == module && s.named_valid() == named_valid),
                "no {} sample of {module}",
                if named_valid { "valid" } else { "invalid" }
            );
        }
    }
}

#[test]
fn every_message_sample_gets_the_official_schemas_verdict() {
    let mut validators: HashMap<String, jsonschema::Validator> = HashMap::new();
    let mut judged = 0;
    let mut disagreements = Vec::new();
    for sample in samples() {
        let Some(file) = schema_file(sample.module, sample.ty.name()) else {
            continue;
        };
        let validator = validators
            .entry(file.clone())
            .or_insert_with(|| official_validator(&file));
        let doc: Value = serde_json::from_str(&sample.text)
            .unwrap_or_else(|error| panic!("{}: not JSON: {error}", sample.path));
        let theirs: Vec<String> = validator
            .iter_errors(&doc)
            .map(|error| format!("{}: {error}", error.instance_path()))
            .collect();
        let ours = ours(sample.ty, &sample.text);
        judged += 1;
        if ours.is_ok() != theirs.is_empty() || theirs.is_empty() != sample.named_valid() {
            let ours = match ours {
                Ok(()) => "valid".to_owned(),
                Err(message) => format!("invalid: {message}"),
            };
            let theirs = if theirs.is_empty() {
                "valid".to_owned()
            } else {
                format!("invalid: {}", theirs.join("; "))
            };
            disagreements.push(format!(
                "{}\n  ours ({}): {ours}\n  official ({file}): {theirs}",
                sample.path,
                sample.type_name(),
            ));
        }
    }
    assert!(judged > 0, "no sample of an OCA version");
    assert!(
        disagreements.is_empty(),
        "{} of {judged} samples:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Read leniently, a valid sample has no deviation, and an invalid one is
/// either still refused or accepted with its mistake as the first deviation
/// reported (strict reading stops at the first mistake, in document order;
/// lenient reading tolerates it there). Most of the real mistakes of the
/// samples are tolerable.
#[test]
fn every_sample_read_leniently_reports_its_mistake_first() {
    use ocpp_types::Policy;
    let mut tolerated = 0;
    let mut invalid = 0;
    for sample in samples() {
        let lenient = sample.ty.check_json_with(&sample.text, Policy::TOLERANT);
        match sample.ty.check_json(&sample.text) {
            Ok(()) => assert_eq!(lenient.unwrap().deviations, [], "{}", sample.path),
            Err(strict) => {
                invalid += 1;
                let Ok(read) = lenient else { continue };
                tolerated += 1;
                let first = read.deviations.first().unwrap_or_else(|| {
                    panic!("{}: accepted leniently without a deviation", sample.path)
                });
                // An unknown property's error points at its object, its
                // deviation at the property dropped.
                let expected = match (first.kind(), first.path().last()) {
                    (ErrorKind::UnknownProperty, Some(Segment::Key(key))) => format!(
                        "{}/{}",
                        strict.pointer(),
                        key.replace('~', "~0").replace('/', "~1")
                    ),
                    _ => strict.pointer(),
                };
                assert_eq!(
                    (first.kind(), first.pointer()),
                    (strict.kind(), expected),
                    "{}: {strict} / {first}",
                    sample.path
                );
            }
        }
    }
    assert!(
        tolerated * 2 > invalid,
        "only {tolerated} of {invalid} invalid samples read leniently"
    );
}

#[test]
fn examples_data_holds_the_samples_folders_only() {
    // Nothing else in examples/data but the type directories, the JSON Lines
    // sample and the modules' directories (tests/samples.rs looks in them).
    let mut entries: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("examples/data"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    entries.sort();
    let mut expected: Vec<String> = TYPES.iter().map(|ty| ty.name().to_owned()).collect();
    expected.push("GetConfigurationResponse.jsonl".to_owned());
    for (module, _) in MODULES.iter().skip(1) {
        if Path::new(ROOT).join("examples/data").join(module).exists() {
            expected.push(module.to_string());
        }
    }
    expected.sort();
    assert_eq!(entries, expected);
}
