//! The committed generated modules are exactly what the generator makes of
//! the committed schemas: a changed schema (or generator) can't drift
//! silently from the types. Fix a failure with `cargo run -p ocpp-gen`.

use std::path::Path;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("ocpp-gen is in the repository")
}

#[test]
fn every_generated_file_is_committed_as_generated() {
    let root = repository();
    let generated = ocpp_gen::generate(&root.join("schemas")).expect("the schemas generate");
    let mut drifted = Vec::new();
    for (path, expected) in &generated.files {
        let committed = match std::fs::read_to_string(root.join(path)) {
            Ok(text) => text,
            Err(error) => {
                drifted.push(format!("{}: {error}", path.display()));
                continue;
            }
        };
        if committed != *expected {
            drifted.push(first_difference(path, &committed, expected));
        }
    }
    assert!(
        drifted.is_empty(),
        "generated files differ from what ocpp-gen writes now (run `cargo run -p ocpp-gen`):\n{}",
        drifted.join("\n")
    );
}

#[test]
fn no_generated_file_is_left_that_the_generator_does_not_write() {
    let root = repository();
    let generated = ocpp_gen::generate(&root.join("schemas")).expect("the schemas generate");
    let stale = ocpp_gen::stale_files(root, &generated).expect("ocpp-types/src is readable");
    assert!(
        stale.is_empty(),
        "files say they are generated, but ocpp-gen no longer writes them: {stale:?}"
    );
}

/// `path:line: committed ... / generated ...` at the first line that differs.
fn first_difference(path: &Path, committed: &str, expected: &str) -> String {
    let mut committed_lines = committed.lines();
    let mut expected_lines = expected.lines();
    for number in 1.. {
        match (committed_lines.next(), expected_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (a, b) => {
                return format!(
                    "{}:{number}:\n  committed: {}\n  generated: {}",
                    path.display(),
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                )
            }
        }
    }
    unreachable!("the texts differ, so some line does")
}
