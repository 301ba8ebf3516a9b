//! What the side built reads: each benchmark document (read, written,
//! written again the same), then each probe of `PROBES`, with its verdict
//! and the official schema's.
//!
//! Run: `cargo run --release --example accept --features ocpp-types` and
//! again with `--features rust-ocpp`.

#[cfg(not(any(feature = "ocpp-types", feature = "rust-ocpp")))]
compile_error!("choose the side to measure: --features ocpp-types or --features rust-ocpp");

use ocpp_messages_bench::{document, with_type, MESSAGES, PROBES};

#[cfg(feature = "ocpp-types")]
const SIDE: &str = "ocpp-types";
#[cfg(feature = "rust-ocpp")]
const SIDE: &str = "rust-ocpp";

/// Reads `doc` as the side's `name`; Ok(what it writes) or the error.
fn read_write(name: &str, doc: &[u8]) -> Result<Vec<u8>, String> {
    #[cfg(feature = "ocpp-types")]
    return with_type!(ours, name, |T| {
        let value: T = serde_json::from_slice(doc).map_err(|e| e.to_string())?;
        serde_json::to_vec(&value).map_err(|e| e.to_string())
    });
    #[cfg(feature = "rust-ocpp")]
    return with_type!(theirs, name, |T| {
        let value: T = serde_json::from_slice(doc).map_err(|e| e.to_string())?;
        serde_json::to_vec(&value).map_err(|e| e.to_string())
    });
}

fn main() {
    let mut wrong = 0;
    println!("{SIDE}: the benchmark's documents");
    for name in MESSAGES {
        let doc = document(name);
        match read_write(name, &doc) {
            Ok(written) => {
                let again = read_write(name, &written).expect("reads what it wrote");
                let same = if again == written {
                    "the same again"
                } else {
                    "DIFFERENT again"
                };
                let identical = if written == doc {
                    ", identical to the document"
                } else {
                    ""
                };
                println!(
                    "  {name}: {} bytes read; writes {} bytes{identical}, {same}",
                    doc.len(),
                    written.len()
                );
                if again != written {
                    wrong += 1;
                }
            }
            Err(e) => {
                println!("  {name}: {} bytes REJECTED: {e}", doc.len());
                wrong += 1;
            }
        }
    }
    println!("{SIDE}: probes (schema's verdict, then this side's)");
    for (probe, name, valid, doc) in PROBES {
        let schema = if *valid { "valid" } else { "invalid" };
        match read_write(name, doc.as_bytes()) {
            Ok(written) => println!(
                "  {name}, {probe}: {schema}; accepted, writes {}",
                String::from_utf8_lossy(&written)
            ),
            Err(e) => println!("  {name}, {probe}: {schema}; rejected: {e}"),
        }
    }
    if std::env::args().any(|a| a == "--dump") {
        for name in MESSAGES {
            std::fs::write(format!("{name}.json"), document(name)).unwrap();
        }
    }
    std::process::exit(if wrong == 0 { 0 } else { 1 });
}
