//! The sample documents of `examples/data`, checked against their types:
//! `examples/data/<TypeName>/valid-*.json` must be accepted, and round-trip
//! (what the value writes reads back, and writes the same again);
//! `invalid-*.json` must be rejected, with a message that says where and why.
//!
//! ```text
//! cargo run --example tour
//! ```

use std::path::Path;
use std::process::ExitCode;

use ocpp_types::TypeInfo;

/// Reads `text` as a `ty`; if that works, checks that what the value writes
/// reads back to a value that writes the same again: a stable round trip.
fn check(ty: &TypeInfo, text: &str) -> Result<(), String> {
    let written = ty.canonical_json(text).map_err(|error| error.to_string())?;
    match ty.canonical_json(&written) {
        Ok(again) if again == written => Ok(()),
        Ok(again) => Err(format!("round trip changed {written} into {again}")),
        Err(error) => Err(format!("round trip through {written} failed: {error}")),
    }
}

fn main() -> ExitCode {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let (mut accepted, mut rejected, mut wrong) = (0, 0, 0);
    for ty in &ocpp_types::TYPES {
        println!("{}", ty.name());
        let dir = data.join(ty.name());
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort_by_key(|file| (file.starts_with("invalid-"), file.clone()));
        for file in files {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let verdict = check(ty, &text);
            let right = verdict.is_ok() == file.starts_with("valid-");
            let mark = if right { "✓" } else { "✗" };
            match verdict {
                Ok(()) if right => accepted += 1,
                Err(_) if right => rejected += 1,
                _ => wrong += 1,
            }
            match verdict {
                Ok(()) => println!("  {mark} {file:40} accepted"),
                Err(message) => println!("  {mark} {file:40} rejected: {message}"),
            }
        }
    }
    println!(
        "\n{} documents: {accepted} valid ones accepted and round-tripped, {rejected} invalid ones rejected",
        accepted + rejected + wrong
    );
    if wrong > 0 {
        eprintln!("error: {wrong} documents got a verdict other than their name says (marked ✗)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
