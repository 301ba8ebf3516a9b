//! The sample documents of `examples/data`, checked against their types:
//! `examples/data/<TypeName>/valid-*.json` (a type of the crate root) and
//! `examples/data/<module>/<TypeName>/valid-*.json` (a type of a module,
//! `v16/BootNotificationRequest`) must be accepted, and round-trip (what the
//! value writes reads back, and writes the same again); `invalid-*.json`
//! must be rejected, with a message that says where and why.
//!
//! Every type of the crate root has a folder; a module's folders are those
//! of its types that have samples. A folder that names no type (or module)
//! is an error.
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

/// How many documents got the verdict their name says, and how many didn't.
#[derive(Default)]
struct Tally {
    accepted: usize,
    rejected: usize,
    wrong: usize,
}

/// Checks every file of `dir` against `ty`, shown as `name`: the valid ones
/// first, each kind by file name.
fn check_folder(name: &str, ty: &TypeInfo, dir: &Path, tally: &mut Tally) {
    println!("{name}");
    let mut files = file_names(dir);
    files.sort_by_key(|file| (file.starts_with("invalid-"), file.clone()));
    for file in files {
        let text = std::fs::read_to_string(dir.join(&file)).unwrap();
        let verdict = check(ty, &text);
        let right = verdict.is_ok() == file.starts_with("valid-");
        let mark = if right { "✓" } else { "✗" };
        match verdict {
            Ok(()) if right => tally.accepted += 1,
            Err(_) if right => tally.rejected += 1,
            _ => tally.wrong += 1,
        }
        match verdict {
            Ok(()) => println!("  {mark} {file:40} accepted"),
            Err(message) => println!("  {mark} {file:40} rejected: {message}"),
        }
    }
}

/// The names of the entries of `dir`.
fn file_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

fn main() -> ExitCode {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut tally = Tally::default();
    // Folders that name no type or module.
    let mut strays = Vec::new();
    for (module, types) in ocpp_types::MODULES {
        if module.is_empty() {
            // The crate root: every type has its folder.
            for ty in *types {
                check_folder(ty.name(), ty, &data.join(ty.name()), &mut tally);
            }
            continue;
        }
        let dir = data.join(module);
        if !dir.is_dir() {
            continue;
        }
        // The module's folders, in the order of its types.
        let mut folders = file_names(&dir);
        folders.sort_by_key(|folder| {
            let place = types.iter().position(|ty| ty.name() == folder);
            (place.unwrap_or(usize::MAX), folder.clone())
        });
        for folder in folders {
            let name = format!("{module}/{folder}");
            match ocpp_types::find_type(&name) {
                Some(ty) => check_folder(&name, ty, &dir.join(&folder), &mut tally),
                None => strays.push(format!("{module}/{folder}")),
            }
        }
    }
    for entry in file_names(&data) {
        let known = ocpp_types::MODULES.iter().any(|(module, types)| {
            if module.is_empty() {
                types.iter().any(|ty| ty.name() == entry)
            } else {
                *module == entry
            }
        });
        if !known && data.join(&entry).is_dir() {
            strays.push(entry);
        }
    }
    strays.sort();
    let Tally {
        accepted,
        rejected,
        wrong,
    } = tally;
    println!(
        "\n{} documents: {accepted} valid ones accepted and round-tripped, {rejected} invalid ones rejected",
        accepted + rejected + wrong
    );
    for stray in &strays {
        eprintln!("error: examples/data/{stray} names no type");
    }
    if wrong > 0 {
        eprintln!("error: {wrong} documents got a verdict other than their name says (marked ✗)");
    }
    if wrong > 0 || !strays.is_empty() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
