//! Every rule that can reject an `#[ocpp_type]` item, run on the model before
//! any code is generated. All problems are reported together.

use crate::errors::Errors;
use crate::model::{Data, Shape, Type};
use proc_macro2::Span;
use std::collections::HashSet;

/// The derives whose job the macro does itself.
pub const GENERATED: &[&str] = &["Serialize", "Deserialize"];

/// Records in `errors` every reason `ty` can't be an OCPP type.
pub fn check(ty: &Type, errors: &mut Errors) {
    for attr in &ty.misplaced_ocpp {
        errors.push_at(
            attr,
            "#[ocpp(...)] belongs on fields and variants; options of the type go in #[ocpp_type(...)]",
        );
    }
    if !ty.generics.params.is_empty() || ty.generics.where_clause.is_some() {
        errors.push_at(
            &ty.generics,
            "an #[ocpp_type] type can't have generic parameters: a schema type has one fixed shape",
        );
    }
    for path in &ty.derives {
        let name = path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if GENERATED.contains(&name.as_str()) {
            errors.push_at(
                path,
                format_args!(
                    "#[ocpp_type] already implements {name}; remove it from #[derive(...)]"
                ),
            );
        }
    }
    match &ty.data {
        Data::Union(span) => errors.push(
            *span,
            "#[ocpp_type] can't be used on a union; use a struct with named fields or a unit-only enum",
        ),
        Data::Struct(data) => {
            if let Shape::Unnamed(span) = data.shape {
                errors.push(
                    span,
                    "#[ocpp_type] needs a struct with named fields, which become the object's properties: `struct Name { field: Type }`",
                );
            }
            let names = data.fields.iter().map(|f| (f.wire.as_str(), f.wire_span, "field"));
            unique_wire_names(names, errors);
        }
        Data::Enum(data) => {
            if let Some(span) = ty.options.deny_unknown_fields {
                errors.push(span, "`deny_unknown_fields` closes an object; it has no meaning on an enum");
            }
            if data.variants.is_empty() {
                errors.push(data.brace_span, "an #[ocpp_type] enum needs at least one variant: its allowed strings");
            }
            for variant in &data.variants {
                if !matches!(variant.fields, syn::Fields::Unit) {
                    errors.push_at(
                        &variant.fields,
                        format_args!(
                            "variant `{}` can't carry data: an #[ocpp_type] enum is a set of strings; remove the fields",
                            variant.ident
                        ),
                    );
                }
                if let Some(expr) = &variant.discriminant {
                    errors.push_at(
                        expr,
                        format_args!(
                            "variant `{}` can't have a discriminant: its value on the wire is the string \"{}\"; remove `= ...` (use #[ocpp(rename = \"...\")] for another string)",
                            variant.ident, variant.wire
                        ),
                    );
                }
            }
            let names = data.variants.iter().map(|v| (v.wire.as_str(), v.wire_span, "variant"));
            unique_wire_names(names, errors);
        }
    }
}

/// Two fields (or variants) with one wire name would make documents ambiguous.
fn unique_wire_names<'a>(
    names: impl Iterator<Item = (&'a str, Span, &'a str)>,
    errors: &mut Errors,
) {
    let mut seen = HashSet::new();
    for (wire, span, what) in names {
        if !seen.insert(wire) {
            errors.push(
                span,
                format_args!(
                    "the wire name \"{wire}\" is used by another {what} already; give one of them another name with #[ocpp(rename = \"...\")]"
                ),
            );
        }
    }
}
