//! `cargo run -p ocpp-gen`: writes the generated modules of `ocpp-types`
//! and prints the report. `--check`: writes nothing, and exits 1 when a
//! file differs from what the generator writes (or is generated but no
//! longer written).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: ocpp-gen [--check]");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("ocpp-gen is in the repository");
    let generated = match ocpp_gen::generate(&root.join("schemas")) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("ocpp-gen: {error}");
            return ExitCode::from(2);
        }
    };
    print!("{}", generated.report);

    let mut differ = false;
    for (path, source) in &generated.files {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(source.as_str()) {
            println!("unchanged {}", path.display());
        } else if check {
            println!("differs   {}", path.display());
            differ = true;
        } else if let Err(error) = std::fs::write(&full, source) {
            eprintln!("ocpp-gen: {}: {error}", full.display());
            return ExitCode::from(2);
        } else {
            println!("wrote     {}", path.display());
        }
    }
    match ocpp_gen::stale_files(root, &generated) {
        Ok(stale) => {
            for path in &stale {
                println!(
                    "stale     {} (generated, but no longer written: remove it)",
                    path.display()
                );
                differ = true;
            }
        }
        Err(error) => {
            eprintln!("ocpp-gen: {error}");
            return ExitCode::from(2);
        }
    }
    if check && differ {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
