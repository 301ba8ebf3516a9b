//! `ocpp-gen`: writes the OCPP modules of `ocpp-types` (`v16`, `v201`, `v21`,
//! `everest`) from the schemas in `schemas/`, as `#[ocpp_type]` source that
//! is committed and reviewed like hand-written code.
//!
//! The pipeline, one module each: [`schema`] reads the files into typed
//! nodes; `oca` and `everest` gather a module's types from them, which
//! `lower` turns into the [`model`]; `names` gives them Rust names; `emit`
//! writes the source.
//!
//! ```no_run
//! let generated = ocpp_gen::generate(std::path::Path::new("schemas")).unwrap();
//! for (path, source) in &generated.files {
//!     std::fs::write(path, source).unwrap();
//! }
//! print!("{}", generated.report);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

mod actions;
mod emit;
mod everest;
mod lower;
pub mod model;
mod names;
mod oca;
pub mod schema;

use model::{DifferenceKind, Module};
use names::Order;

/// What the generator writes: each file (its path relative to the
/// repository, its contents), and what it has to say about them.
#[derive(Debug)]
pub struct Generated {
    pub files: BTreeMap<PathBuf, String>,
    pub report: Report,
}

/// Generates every module from the schemas in `schemas` (the repository's
/// `schemas/` folder).
pub fn generate(schemas: &Path) -> Result<Generated, Error> {
    let mut modules = Vec::new();
    for version in &oca::VERSIONS {
        modules.push((oca::module(schemas, version)?, Order::ByName));
    }
    modules.push((everest::module(schemas)?, Order::AsWritten));

    let mut files = BTreeMap::new();
    let mut report = Report::default();
    for (module, order) in modules {
        let names = names::name_types(&module, order)?;
        let source = emit::rustfmt(emit::module_source(&module, &names)?)?;
        files.insert(PathBuf::from(module.file), source);
        report.modules.push(ModuleReport::new(&module, &names));
    }
    Ok(Generated { files, report })
}

/// The files under `root` (the repository) that say they are generated but
/// that the generator no longer writes.
pub fn stale_files(root: &Path, generated: &Generated) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join("ocpp-types/src");
    let mut stale = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|error| Error::new(&dir, error))?;
    for entry in entries {
        let path = entry.map_err(|error| Error::new(&dir, error))?.path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if text.lines().any(|line| line.starts_with(emit::MARKER))
            && !generated.files.contains_key(&relative)
        {
            stale.push(relative);
        }
    }
    stale.sort();
    Ok(stale)
}

/// What the generator decided, module by module.
#[derive(Debug, Default)]
pub struct Report {
    pub modules: Vec<ModuleReport>,
}

#[derive(Debug)]
pub struct ModuleReport {
    pub key: &'static str,
    pub types: usize,
    /// Definitions whose copies differ, and how each is handled.
    pub differences: Vec<String>,
    /// Each inline type's name, and where it is.
    pub inline_names: Vec<String>,
    /// Each note on the schemas, with how often and where first.
    pub notes: Vec<String>,
}

impl ModuleReport {
    fn new(module: &Module, names: &names::Names) -> ModuleReport {
        let differences = module
            .differences
            .iter()
            .map(|difference| match &difference.kind {
                DifferenceKind::Descriptions { texts } => {
                    let files: usize = texts.iter().map(|(files, _)| files.len()).sum();
                    let texts: Vec<String> = texts
                        .iter()
                        .enumerate()
                        .map(|(i, (files, paths))| {
                            let how = if i == 0 {
                                "kept".to_owned()
                            } else {
                                format!("other {}", paths.join(", "))
                            };
                            format!("{} ({how})", files.join(", "))
                        })
                        .collect();
                    format!(
                        "{}: only the descriptions differ, {} texts in {files} files; one type: {}",
                        difference.name,
                        texts.len(),
                        texts.join("; ")
                    )
                }
                DifferenceKind::Shapes { types } => {
                    let types: Vec<String> = types
                        .iter()
                        .map(|(name, files)| format!("{name} [{}]", files.join(", ")))
                        .collect();
                    format!(
                        "{}: the copies accept different documents; types {}",
                        difference.name,
                        types.join("; ")
                    )
                }
            })
            .collect();
        let inline_names = names
            .order
            .iter()
            .filter(|&&id| module.types[id].origin == model::Origin::Inline)
            .map(|&id| {
                let places: Vec<String> = module.types[id]
                    .places
                    .iter()
                    .map(|place| {
                        let item = if place.item { "[]" } else { "" };
                        format!("{}.{}{item}", names.types[place.holder], place.property)
                    })
                    .collect();
                format!("{} <- {}", names.types[id], places.join(", "))
            })
            .collect();
        let mut grouped: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (note, at) in &module.notes {
            grouped.entry(note).or_default().push(at);
        }
        let notes = grouped
            .into_iter()
            .map(|(note, places)| {
                let shown: Vec<&str> = places.iter().take(3).copied().collect();
                let more = places.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "{note}: {} times ({}{more})",
                    places.len(),
                    shown.join("; ")
                )
            })
            .collect();
        ModuleReport {
            key: module.key,
            types: names.order.len(),
            differences,
            inline_names,
            notes,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for module in &self.modules {
            writeln!(f, "{}: {} types", module.key, module.types)?;
            let sections = [
                ("definitions whose copies differ", &module.differences),
                ("inline types named", &module.inline_names),
                ("notes on the schemas", &module.notes),
            ];
            for (title, lines) in sections {
                if lines.is_empty() {
                    continue;
                }
                writeln!(f, "  {title}:")?;
                for line in lines {
                    writeln!(f, "    {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// Why the generator stopped: a file it can't read, or something in a
/// schema it can't map.
#[derive(Debug)]
pub struct Error {
    message: String,
}

impl Error {
    fn new(path: &Path, error: impl fmt::Display) -> Error {
        Error::at(&path.display().to_string(), error)
    }

    pub(crate) fn at(place: &str, error: impl fmt::Display) -> Error {
        Error {
            message: format!("{place}: {error}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
