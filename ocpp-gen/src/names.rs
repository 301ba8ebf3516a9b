//! Rust names: of the types (the inline ones named after where they are),
//! of the fields (snake_case, with a rename where `rename_all` would not
//! give the wire name back) and of the enum variants (PascalCase).

use std::collections::{BTreeMap, HashSet};

use crate::model::{Module, Origin, TypeId};
use crate::Error;

/// The name of every type of a module, and the order they are written in.
#[derive(Debug)]
pub struct Names {
    pub types: Vec<String>,
    pub order: Vec<TypeId>,
}

/// How a module orders its types after the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The named types by name, the inline ones among them (the OCA's files).
    ByName,
    /// The named types as the source has them, then the inline ones by name
    /// (EVerest's documents).
    AsWritten,
}

/// Inline types named by their specification, not after their property:
/// (module, property, name). 1.6's `errorCode` of StatusNotification is the
/// specification's `ChargePointErrorCode`; named `ErrorCode`, a program's
/// `use ocpp_types::v16::*` would hide `rpc::ErrorCode`, the CALLERROR's.
const SPEC_NAMES: &[(&str, &str, &str)] = &[("v16", "errorCode", "ChargePointErrorCode")];

/// Names the types of `module`. A message or a named type has its name. An
/// inline type is named after the property where it is first met, in
/// PascalCase; when other types want that name too, each inline one is
/// prefixed with the name of the type that holds it.
pub fn name_types(module: &Module, order: Order) -> Result<Names, Error> {
    let count = module.types.len();
    let mut candidates = Vec::with_capacity(count);
    for ty in &module.types {
        candidates.push(match &ty.origin {
            Origin::Message { name } | Origin::Named { name } => name.clone(),
            Origin::Inline => {
                let place = ty.places.first().ok_or_else(|| {
                    Error::at(
                        module.key,
                        "an inline type without a place (a generator bug)",
                    )
                })?;
                match SPEC_NAMES
                    .iter()
                    .find(|(key, property, _)| *key == module.key && *property == place.property)
                {
                    Some((_, _, name)) => (*name).to_owned(),
                    None => type_name(&place.property)?,
                }
            }
        });
    }
    let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
    for candidate in &candidates {
        *wanted.entry(candidate).or_default() += 1;
    }
    let mut names: Vec<Option<String>> = vec![None; count];
    for id in 0..count {
        name_of(id, module, &candidates, &wanted, &mut names, 0)?;
    }
    let names: Vec<String> = names.into_iter().map(|n| n.expect("named")).collect();

    // `TypeInfo` is imported by every module, and `TYPES` is its list.
    let mut seen: HashSet<&str> = HashSet::from(["TypeInfo", "TYPES"]);
    for name in &names {
        if !seen.insert(name) {
            return Err(Error::at(
                module.key,
                format!("two types are named `{name}`; the naming rules need another case"),
            ));
        }
    }

    let is_message = |id: &TypeId| matches!(module.types[*id].origin, Origin::Message { .. });
    let is_inline = |id: &TypeId| module.types[*id].origin == Origin::Inline;
    let mut order_ids: Vec<TypeId> = (0..count).filter(is_message).collect();
    let mut rest: Vec<TypeId> = (0..count).filter(|id| !is_message(id)).collect();
    match order {
        Order::ByName => rest.sort_by(|a, b| names[*a].cmp(&names[*b])),
        Order::AsWritten => {
            let (mut inline, written): (Vec<TypeId>, Vec<TypeId>) =
                rest.into_iter().partition(is_inline);
            inline.sort_by(|a, b| names[*a].cmp(&names[*b]));
            rest = written;
            rest.extend(inline);
        }
    }
    order_ids.extend(rest);
    Ok(Names {
        types: names,
        order: order_ids,
    })
}

fn name_of(
    id: TypeId,
    module: &Module,
    candidates: &[String],
    wanted: &BTreeMap<&str, usize>,
    names: &mut Vec<Option<String>>,
    depth: usize,
) -> Result<String, Error> {
    if let Some(name) = &names[id] {
        return Ok(name.clone());
    }
    let ty = &module.types[id];
    let candidate = &candidates[id];
    let name = if ty.origin != Origin::Inline || wanted[candidate.as_str()] == 1 {
        candidate.clone()
    } else {
        if depth > module.types.len() {
            return Err(Error::at(
                module.key,
                format!("`{candidate}` is held by itself"),
            ));
        }
        let holder = ty.places[0].holder;
        let prefix = name_of(holder, module, candidates, wanted, names, depth + 1)?;
        format!("{prefix}{candidate}")
    };
    names[id] = Some(name.clone());
    Ok(name)
}

/// The type name made from a property name: each word capitalized
/// (`idTagInfo` → `IdTagInfo`, `operation_mode` → `OperationMode`).
pub fn type_name(property: &str) -> Result<String, Error> {
    let name: String = words(property)
        .iter()
        .map(|word| capitalize(word))
        .collect();
    match name.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => Ok(name),
        _ => Err(Error::at(
            property,
            "can't make a type name from this property name",
        )),
    }
}

/// A field: its Rust identifier, and its wire name when the identifier
/// does not give it.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldName {
    pub ident: String,
    pub rename: Option<String>,
}

/// The field for the wire name `wire`: snake_case, a raw identifier for a
/// keyword, and a rename when the case rule (camelCase, or none) does not
/// turn the identifier back into `wire`.
pub fn field_name(wire: &str, camel_case: bool) -> Result<FieldName, Error> {
    if wire.is_empty() || !wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::at(
            wire,
            "a property name that is no Rust identifier",
        ));
    }
    let snake = snake_case(wire);
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(Error::at(wire, "a property name that starts with a digit"));
    }
    if ["self", "super", "crate"].contains(&snake.as_str()) {
        return Err(Error::at(wire, "a property named like a path keyword"));
    }
    let back = if camel_case {
        camel_case_of(&snake)
    } else {
        snake.clone()
    };
    let ident = if KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    };
    Ok(FieldName {
        ident,
        rename: (back != wire).then(|| wire.to_owned()),
    })
}

/// snake_case, word by word: a word starts at an upper-case letter after a
/// lower-case letter or a digit, and at the last capital of an acronym
/// followed by a lower-case word (`responderURL` → `responder_url`,
/// `fixedPFAbsorb` → `fixed_pf_absorb`), except for the plural `s` of an
/// acronym (`prioritizedEMAIDs` → `prioritized_emaids`).
pub fn snake_case(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let after_word = previous.is_ascii_lowercase() || previous.is_ascii_digit();
            let ends_acronym = previous.is_ascii_uppercase()
                && next.is_some_and(|n| n.is_ascii_lowercase())
                && !is_plural_s(&chars, i + 1);
            if (after_word || ends_acronym) && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Whether `chars[at]` is an `s` that ends its word.
fn is_plural_s(chars: &[char], at: usize) -> bool {
    chars[at] == 's' && chars.get(at + 1).map_or(true, |c| !c.is_ascii_lowercase())
}

/// What `rename_all = "camelCase"` makes of a snake_case field name: the
/// words after the first capitalized, the underscores dropped.
pub fn camel_case_of(snake: &str) -> String {
    let mut words = snake.split('_');
    let first = words.next().unwrap_or_default().to_owned();
    first + &words.map(capitalize).collect::<String>()
}

/// The variant identifiers of an enum's wire strings: the words (split at
/// every character that is not a letter or a digit) each with a capital
/// first letter (`Current.Import` → `CurrentImport`, `kWh` → `KWh`, `L1-N`
/// → `L1N`); `V` before a leading digit; `All` for `ALL` (the enum's list
/// of values is `ALL`). A name already taken in the enum gets the smallest
/// number from 2 that makes it unique (`Name2`).
pub fn variant_idents(wires: &[String]) -> Result<Vec<String>, Error> {
    let mut idents: Vec<String> = Vec::new();
    for wire in wires {
        let mut ident: String = words(wire).iter().map(|word| capitalize(word)).collect();
        if ident.is_empty() {
            return Err(Error::at(wire, "an enum value with no letter or digit"));
        }
        if ident.starts_with(|c: char| c.is_ascii_digit()) {
            ident.insert(0, 'V');
        }
        if ident == "ALL" {
            ident = "All".to_owned();
        }
        if ident == "Self" {
            return Err(Error::at(
                wire,
                "an enum value named like the keyword `Self`",
            ));
        }
        if idents.contains(&ident) {
            let unique = (2..)
                .map(|n| format!("{ident}{n}"))
                .find(|candidate| !idents.contains(candidate) && !wires.contains(candidate))
                .expect("a free number");
            ident = unique;
        }
        idents.push(ident);
    }
    Ok(idents)
}

/// The words of a name, split at every character that is not an ASCII
/// letter or digit, and at each lower-case-to-upper-case step.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            words.push(String::new());
            previous_lower = false;
            continue;
        }
        if words.is_empty() || (c.is_ascii_uppercase() && previous_lower) {
            words.push(String::new());
        }
        words.last_mut().expect("a word").push(c);
        previous_lower = c.is_ascii_lowercase();
    }
    words.retain(|word| !word.is_empty());
    words
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Rust's keywords, strict and reserved (2021 edition, and `gen` of 2024).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn field(wire: &str, camel: bool) -> (String, Option<String>) {
        let name = field_name(wire, camel).unwrap();
        (name.ident, name.rename)
    }

    #[test]
    fn camel_case_wire_names_become_snake_case_fields_without_rename() {
        assert_eq!(
            field("chargePointVendor", true),
            ("charge_point_vendor".into(), None)
        );
        assert_eq!(field("evseId", true), ("evse_id".into(), None));
        assert_eq!(field("iccid", true), ("iccid".into(), None));
    }

    #[test]
    fn names_camel_case_does_not_give_back_are_renamed() {
        assert_eq!(field("SoC", true), ("so_c".into(), Some("SoC".into())));
        assert_eq!(field("EVSE", true), ("evse".into(), Some("EVSE".into())));
        assert_eq!(
            field("limit_L2", true),
            ("limit_l2".into(), Some("limit_L2".into()))
        );
        assert_eq!(
            field("responderURL", true),
            ("responder_url".into(), Some("responderURL".into()))
        );
    }

    #[test]
    fn acronyms_are_one_word() {
        assert_eq!(snake_case("fixedPFAbsorb"), "fixed_pf_absorb");
        assert_eq!(
            snake_case("evDurationLevel1DCInjection"),
            "ev_duration_level1_dc_injection"
        );
        assert_eq!(snake_case("priceScheduleID"), "price_schedule_id");
        assert_eq!(snake_case("prioritizedEMAIDs"), "prioritized_emaids");
    }

    #[test]
    fn snake_case_wire_names_are_renamed_only_where_they_have_capitals() {
        assert_eq!(field("vendor_id", false), ("vendor_id".into(), None));
        assert_eq!(
            field("limit_L2", false),
            ("limit_l2".into(), Some("limit_L2".into()))
        );
    }

    #[test]
    fn keywords_are_raw_identifiers() {
        assert_eq!(field("type", true), ("r#type".into(), None));
        assert_eq!(field("type", false), ("r#type".into(), None));
    }

    #[test]
    fn variants_are_pascal_case_words_of_the_wire_string() {
        let wires: Vec<String> = [
            "Current.Import",
            "kWh",
            "L1-N",
            "Accepted",
            "AC_single_phase",
            "s309-1P-16A",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            variant_idents(&wires).unwrap(),
            [
                "CurrentImport",
                "KWh",
                "L1N",
                "Accepted",
                "ACSinglePhase",
                "S3091P16A"
            ]
        );
    }

    #[test]
    fn a_leading_digit_gets_a_v_and_all_is_all() {
        let wires: Vec<String> = ["3G", "ALL"].map(String::from).to_vec();
        assert_eq!(variant_idents(&wires).unwrap(), ["V3G", "All"]);
    }

    #[test]
    fn a_taken_variant_name_gets_a_number() {
        let wires: Vec<String> = ["a-b", "AB", "a.b"].map(String::from).to_vec();
        assert_eq!(variant_idents(&wires).unwrap(), ["AB", "AB2", "AB3"]);
    }

    #[test]
    fn inline_types_are_named_after_their_property() {
        assert_eq!(type_name("idTagInfo").unwrap(), "IdTagInfo");
        assert_eq!(type_name("meterValue").unwrap(), "MeterValue");
        assert_eq!(
            type_name("csChargingProfiles").unwrap(),
            "CsChargingProfiles"
        );
        assert_eq!(type_name("operation_mode").unwrap(), "OperationMode");
    }
}
