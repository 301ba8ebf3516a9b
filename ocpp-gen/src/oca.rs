//! The OCA's JSON schemas of one OCPP version as a module: the files'
//! messages, and their definitions merged by name across the files.

use std::collections::BTreeMap;
use std::path::Path;

use crate::lower::{Context, Lowering};
use crate::model::{Difference, DifferenceKind, Doc, Module, Origin, TypeId};
use crate::schema::{self, Draft, Ordered, Schema};
use crate::Error;

/// An OCPP version: its folders under `schemas/oca/`, and how it is told.
pub struct Version {
    pub key: &'static str,
    /// `OCPP 1.6`.
    pub title: &'static str,
    /// Each folder, with how its messages are told (`OCPP 1.6 security extension`).
    pub folders: &'static [(&'static str, &'static str)],
    /// Whether requests are named after their action alone (1.6's
    /// `BootNotification.json`) rather than `<Action>Request.json`.
    pub bare_requests: bool,
    /// The version's own paragraphs of module docs, after the first.
    pub docs: &'static [&'static str],
}

pub const VERSIONS: [Version; 3] = [
    Version {
        key: "v16",
        title: "OCPP 1.6",
        folders: &[
            ("v16", "OCPP 1.6"),
            ("v16-security", "OCPP 1.6 security extension"),
        ],
        bare_requests: true,
        docs: &[
            "The core's files follow JSON Schema draft-04, so their types are \
             `draft = \"draft-04\"`: an integer written with a fraction or an \
             exponent (`5.0`) is refused, as those files have it. The security \
             extension's files follow draft-06, where `5.0` is the integer 5.",
            "# Names of the core's inline types\n\
             \n\
             The core's files write their objects and enums inline, without names. \
             Each becomes a type named after the property that holds it, in \
             PascalCase: `idTagInfo` is `IdTagInfo`, and the items of the array \
             `meterValue` are `MeterValue`s. Identical shapes are one type, named \
             where it is first met (in file-name order, then property order). When \
             different shapes would get one name, each of them is prefixed with the \
             name of the type that holds it: the `status` enums are \
             `BootNotificationResponseStatus`, `IdTagInfoStatus`, and so on. One \
             takes the specification's name instead: StatusNotification's \
             `errorCode` is `ChargePointErrorCode`, so that `use ocpp_types::v16::*` \
             does not hide `rpc::ErrorCode`. Each \
             inline type's documentation lists the properties it is the type of \
             (`a[]` is an item of the array `a`). The security extension names its \
             types (`definitions`), which keep their names; no name is shared \
             between the two.",
        ],
    },
    Version {
        key: "v201",
        title: "OCPP 2.0.1",
        folders: &[("v201", "OCPP 2.0.1")],
        bare_requests: false,
        docs: &[],
    },
    Version {
        key: "v21",
        title: "OCPP 2.1",
        folders: &[("v21", "OCPP 2.1")],
        bare_requests: false,
        docs: &[
            "`NotifyPeriodicEventStream` is a SEND message: it has no response, \
                 and keeps its file's name.",
        ],
    },
];

/// A message file.
struct File {
    /// `v16/BootNotification.json`, as the docs and the report name it.
    path: String,
    title: &'static str,
    name: String,
    /// For the order: the action, then request, send, response.
    order: (String, u8),
    draft: Draft,
    root: Schema,
    definitions: Ordered<Schema>,
}

/// Reads the version's files and lowers them to a module.
pub fn module(schemas: &Path, version: &Version) -> Result<Module, Error> {
    let files = read_files(schemas, version)?;
    let mut lowering = Lowering::default();

    let messages: Vec<TypeId> = files
        .iter()
        .map(|file| {
            let doc = match &file.root.description {
                Some(text) => Doc::Description(text.clone()),
                None => Doc::Generated(message_doc(file, version)),
            };
            lowering.declare(
                Origin::Message {
                    name: file.name.clone(),
                },
                doc,
                file.draft,
            )
        })
        .collect();

    let merged = merge_definitions(&files, version, &mut lowering);

    for (index, (file, &id)) in files.iter().zip(&messages).enumerate() {
        let resolve = |reference: &str| definition_type(reference, index, &merged.ids);
        let cx = Context {
            file: &file.path,
            draft: file.draft,
            resolve: &resolve,
        };
        lowering
            .define(id, &file.root, &file.name, &cx)
            .map_err(|error| Error::at(&file.path, error))?;
    }
    for &(id, file_index, ref name) in &merged.sources {
        let file = &files[file_index];
        let node = file
            .definitions
            .get(name)
            .expect("a definition of the file");
        let resolve = |reference: &str| definition_type(reference, file_index, &merged.ids);
        let cx = Context {
            file: &file.path,
            draft: file.draft,
            resolve: &resolve,
        };
        lowering
            .define(id, node, name, &cx)
            .map_err(|error| Error::at(&file.path, error))?;
    }

    let folders: Vec<String> = version
        .folders
        .iter()
        .map(|(folder, _)| format!("`schemas/oca/{folder}/`"))
        .collect();
    let mut docs = vec![
        format!(
            "The {} messages: every request and response of the Open Charge Alliance's \
             JSON schemas, with the types they use.",
            version.title
        ),
        format!(
            "Generated by `ocpp-gen` from {} (the OCA's files, unmodified): do not edit. \
             To change it, change the generator and run `cargo run -p ocpp-gen`; a test \
             fails when this file is not what the generator writes.",
            join_and(&folders)
        ),
    ];
    docs.extend(common_docs(version));
    docs.extend(version.docs.iter().map(|doc| doc.to_string()));
    docs.extend(difference_docs(&merged.differences));

    let mut module = Module {
        key: version.key,
        file: module_file(version.key),
        docs,
        camel_case: true,
        types: lowering.types,
        notes: lowering.notes,
        differences: merged.differences,
        actions: Vec::new(),
    };
    module.actions = crate::actions::actions(&module)?;
    Ok(module)
}

/// The file a module is written to, relative to the repository.
pub fn module_file(key: &str) -> &'static str {
    match key {
        "v16" => "ocpp-types/src/v16.rs",
        "v201" => "ocpp-types/src/v201.rs",
        "v21" => "ocpp-types/src/v21.rs",
        _ => "ocpp-types/src/everest.rs",
    }
}

/// The version's message files, in message order: by action, each request
/// before its response.
fn read_files(schemas: &Path, version: &Version) -> Result<Vec<File>, Error> {
    let mut files = Vec::new();
    for &(folder, title) in version.folders {
        let dir = schemas.join("oca").join(folder);
        let entries = std::fs::read_dir(&dir).map_err(|error| Error::new(&dir, error))?;
        for entry in entries {
            let path = entry.map_err(|error| Error::new(&dir, error))?.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let mut root = schema::read_json(&path)?;
            let draft = Draft::of(root.dialect.as_deref(), &path)?;
            let definitions = root.take_definitions();
            let (name, order) = message_name(stem, version.bare_requests);
            files.push(File {
                path: format!("{folder}/{stem}.json"),
                title,
                name,
                order,
                draft,
                root,
                definitions,
            });
        }
    }
    files.sort_by(|a, b| a.order.cmp(&b.order));
    if let Some(pair) = files.windows(2).find(|pair| pair[0].name == pair[1].name) {
        return Err(Error::at(
            &pair[1].path,
            format!(
                "its message is named `{}`, as {}'s is",
                pair[1].name, pair[0].path
            ),
        ));
    }
    Ok(files)
}

/// The message's type name and its place in the order (action, then
/// request, send, response), from its file's name.
fn message_name(stem: &str, bare_requests: bool) -> (String, (String, u8)) {
    if let Some(action) = stem.strip_suffix("Response") {
        return (stem.to_owned(), (action.to_owned(), 2));
    }
    if bare_requests {
        return (format!("{stem}Request"), (stem.to_owned(), 0));
    }
    match stem.strip_suffix("Request") {
        Some(action) => (stem.to_owned(), (action.to_owned(), 0)),
        // A message with no response (2.1's NotifyPeriodicEventStream).
        None => (stem.to_owned(), (stem.to_owned(), 1)),
    }
}

/// The documentation of a message its schema does not describe.
fn message_doc(file: &File, version: &Version) -> String {
    let (action, kind) = &file.order;
    match (version.bare_requests, kind) {
        (true, 0) => format!("{} {action}.req", file.title),
        (true, _) => format!("{} {action}.conf", file.title),
        (false, 0) => format!("{} {action} request", file.title),
        (false, 2) => format!("{} {action} response", file.title),
        (false, _) => format!("{} {action} message (it has no response)", file.title),
    }
}

/// The definitions of all files, merged by name.
struct Merged {
    /// The type of each definition of each file: (name, file index) → type.
    ids: BTreeMap<(String, usize), TypeId>,
    /// Each definition type, with the file whose copy it is made from.
    sources: Vec<(TypeId, usize, String)>,
    differences: Vec<Difference>,
}

/// What decides which documents a definition accepts: its file's draft,
/// and it and every definition it reaches, without descriptions.
type ShapeKey = (Draft, BTreeMap<String, Schema>);

/// One copy of a definition, in one file.
struct Copy<'a> {
    file: usize,
    node: &'a Schema,
}

/// Declares one type per definition name, or more when its copies accept
/// different documents (the most common shape keeps the name; the others
/// are prefixed with the name of the first message whose file has them).
fn merge_definitions(files: &[File], version: &Version, lowering: &mut Lowering) -> Merged {
    let mut copies: BTreeMap<&str, Vec<Copy>> = BTreeMap::new();
    for (file, f) in files.iter().enumerate() {
        for (name, node) in &f.definitions.0 {
            copies.entry(name).or_default().push(Copy { file, node });
        }
    }
    let mut merged = Merged {
        ids: BTreeMap::new(),
        sources: Vec::new(),
        differences: Vec::new(),
    };
    for (name, copies) in copies {
        // Copies are one type when they and every definition they reach
        // accept the same documents under the same draft.
        let mut groups: Vec<(ShapeKey, Vec<&Copy>)> = Vec::new();
        for copy in &copies {
            let key = (
                files[copy.file].draft,
                closure(&files[copy.file].definitions, name),
            );
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(copy),
                None => groups.push((key, vec![copy])),
            }
        }
        let primary = (0..groups.len())
            .rev()
            .max_by_key(|&g| groups[g].1.len())
            .expect("a definition has a copy");
        let mut shape_types = Vec::new();
        for (g, (_, members)) in groups.iter().enumerate() {
            let first = members[0];
            let type_name = if g == primary {
                name.to_owned()
            } else {
                format!("{}{name}", files[first.file].name)
            };
            let doc = match &first.node.description {
                Some(text) => Doc::Description(text.clone()),
                None => Doc::Generated(format!("{} `{name}`", files[first.file].title)),
            };
            let draft = files[first.file].draft;
            let id = lowering.declare(
                Origin::Named {
                    name: type_name.clone(),
                },
                doc,
                draft,
            );
            for copy in members {
                merged.ids.insert((name.to_owned(), copy.file), id);
            }
            merged.sources.push((id, first.file, name.to_owned()));
            shape_types.push((
                type_name,
                members.iter().map(|c| files[c.file].path.clone()).collect(),
            ));

            let texts = texts(members, files);
            if texts.len() > 1 {
                lowering.types[id].comment = vec![format!(
                    "The files of {} describe `{name}` in {} ways; this is the text of {}, \
                     the first in name order.",
                    version.title,
                    texts.len(),
                    files[first.file].path
                )];
                merged.differences.push(Difference {
                    name: name.to_owned(),
                    kind: DifferenceKind::Descriptions { texts },
                });
            }
        }
        if groups.len() > 1 {
            merged.differences.push(Difference {
                name: name.to_owned(),
                kind: DifferenceKind::Shapes { types: shape_types },
            });
        }
    }
    merged
}

/// The distinct texts of the copies: the files of each, and the paths of
/// the descriptions that differ from the first.
fn texts(members: &[&Copy], files: &[File]) -> Vec<(Vec<String>, Vec<String>)> {
    let mut texts: Vec<(&Schema, Vec<String>)> = Vec::new();
    for copy in members {
        let path = files[copy.file].path.clone();
        match texts.iter_mut().find(|(node, _)| *node == copy.node) {
            Some((_, paths)) => paths.push(path),
            None => texts.push((copy.node, vec![path])),
        }
    }
    let first = texts[0].0;
    texts
        .iter()
        .map(|(node, paths)| (paths.clone(), first.description_differences(node)))
        .collect()
}

/// The definition `name` and every definition it reaches, without
/// descriptions: what decides which documents it accepts.
fn closure(definitions: &Ordered<Schema>, name: &str) -> BTreeMap<String, Schema> {
    let mut reached = BTreeMap::new();
    let mut pending = vec![name.to_owned()];
    while let Some(name) = pending.pop() {
        if reached.contains_key(&name) {
            continue;
        }
        let Some(node) = definitions.get(&name) else {
            continue; // A dangling `$ref` is reported when the node is lowered.
        };
        collect_refs(node, &mut pending);
        reached.insert(name, node.without_descriptions());
    }
    reached
}

fn collect_refs(node: &Schema, refs: &mut Vec<String>) {
    if let Some(name) = node
        .reference
        .as_deref()
        .and_then(|r| r.strip_prefix("#/definitions/"))
    {
        refs.push(name.to_owned());
    }
    for map in [&node.properties, &node.definitions].into_iter().flatten() {
        for (_, child) in &map.0 {
            collect_refs(child, refs);
        }
    }
    if let Some(items) = &node.items {
        collect_refs(items, refs);
    }
}

/// The type of a `$ref` in the file `file`.
fn definition_type(
    reference: &str,
    file: usize,
    ids: &BTreeMap<(String, usize), TypeId>,
) -> Option<TypeId> {
    let name = reference.strip_prefix("#/definitions/")?;
    ids.get(&(name.to_owned(), file)).copied()
}

/// The paragraphs every version's docs have.
fn common_docs(version: &Version) -> Vec<String> {
    let example = if version.bare_requests {
        " (`BootNotification.json` is `BootNotificationRequest`)"
    } else {
        ""
    };
    vec![
        format!(
            "Each file's message is `<Action>Request` or `<Action>Response`{example}; the \
             messages come first, in file-name order, each request before its response, then \
             the types they use, by name. [`TYPES`] lists them all in that order."
        ),
        "The module ends with the version's actions, for OCPP-J ([`crate::rpc`]): \
         `Request` has a variant per action, holding its request, and is what a CALL \
         carries; `Response` holds the response that a CALLRESULT carries; `Frame` is \
         a frame of the version. Each request type implements [`crate::rpc::Action`], \
         with its action's name, its response type and who sends it (the schemas don't \
         say: `ocpp-gen` has it from the specifications)."
            .to_owned(),
        "A property the schema does not list in `required` is an `Option`. `integer` is \
         `i64`: a whole number beyond ±2^63 is refused, though the schema sets no bound. \
         `number` is `f64`, `boolean` `bool`, `string` `String` (a `date-time` string \
         [`DateTime`](crate::DateTime), which keeps its text), `array` `Vec`; a property \
         with no type is a `serde_json::Value`. An object that \
         `additionalProperties: false` closes is `deny_unknown_fields`; any other (2.x's \
         `CustomDataType`) keeps the properties it does not list, vendor extensions, in \
         `additional_properties`, and writes them back after its own."
            .to_owned(),
        "The schemas' descriptions are the documentation, word for word. A property the \
         schema does not describe (a `$ref` has no description beside it) is documented by \
         its name on the wire, a type by what it is. These keywords only annotate, and are \
         not reproduced: `$schema`, `$id` and `id`, `title`, `comment`, `javaType`, \
         `default`, and `additionalItems` (beside a single `items` schema it has no \
         effect); `additionalProperties` on a string means nothing either."
            .to_owned(),
    ]
}

/// The module docs' section on definitions whose copies differ.
fn difference_docs(differences: &[Difference]) -> Vec<String> {
    let mut section = String::from(
        "# Definitions repeated across files\n\
         \n\
         A definition repeated in several files is one type when its copies accept the \
         same documents. When only their descriptions differ, the type has the text of \
         the first file in name order. Copies that accept different documents would be \
         separate types: the most common shape keeps the name, each other one is \
         prefixed with the name of the first message whose file has it.",
    );
    if differences.is_empty() {
        section.push_str(" Every repeated definition of this version is the same in each file.");
        return vec![section];
    }
    section.push_str(" The copies that differ:\n");
    for difference in differences {
        let line = match &difference.kind {
            DifferenceKind::Descriptions { texts } => {
                let files: usize = texts.iter().map(|(files, _)| files.len()).sum();
                format!(
                    "\n- `{}`: {} descriptions in {files} files; the text of `{}`",
                    difference.name,
                    texts.len(),
                    texts[0].0[0]
                )
            }
            DifferenceKind::Shapes { types } => {
                let list: Vec<String> = types
                    .iter()
                    .map(|(name, files)| format!("`{name}` ({})", files.join(", ")))
                    .collect();
                format!(
                    "\n- `{}`: the copies accept different documents: {}",
                    difference.name,
                    list.join(", ")
                )
            }
        };
        section.push_str(&line);
    }
    vec![section]
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
