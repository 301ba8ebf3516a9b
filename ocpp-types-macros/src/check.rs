//! Every rule that can reject an `#[ocpp_type]` item, run on the model before
//! any code is generated. All problems are reported together.

use crate::attr::{Given, Limits};
use crate::errors::Errors;
use crate::model::{Data, Field, Shape, Struct, Type, ValueKind, Variant};
use proc_macro2::Span;
use quote::ToTokens;
use std::collections::HashSet;

/// The rules `#[ocpp_type]` itself checks, on the item as written: the
/// derive behind it checks the rest, on the item as compiled (after `cfg`).
pub fn check_item(input: &syn::DeriveInput, ty: &Type, errors: &mut Errors) {
    check_shape(ty, errors);
    for attr in input.attrs.iter().filter(|attr| crate::attr::is_ocpp(attr)) {
        errors.push_at(
            attr,
            "#[ocpp(...)] belongs on fields and variants; options of the type go in #[ocpp_type(...)]",
        );
    }
    // A derive above `#[ocpp_type]` can't be seen, and then conflicts with
    // the macro's own; one below is refused too, so both read the same.
    let implemented = ty.implemented_traits();
    for path in &ty.derives {
        let name = path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if implemented.contains(&name.as_str()) {
            errors.push_at(
                path,
                format_args!(
                    "#[ocpp_type] already implements {name}; remove it from #[derive(...)]"
                ),
            );
        }
    }
}

/// The shapes that the standard derives `#[ocpp_type]` adds can't take: a
/// union (no `Debug`), variants with data (no `Copy`).
fn check_shape(ty: &Type, errors: &mut Errors) {
    match &ty.data {
        Data::Union(span) => errors.push(
            *span,
            "#[ocpp_type] can't be used on a union; use a struct with named fields or a unit-only enum",
        ),
        Data::Enum(data) => {
            for variant in data.known() {
                if !matches!(variant.fields, syn::Fields::Unit) {
                    errors.push_at(
                        &variant.fields,
                        format_args!(
                            "variant `{}` can't carry data: an #[ocpp_type] enum is a set of strings; remove the fields",
                            variant.ident
                        ),
                    );
                }
            }
        }
        Data::Struct(_) => {}
    }
}

/// Records in `errors` every reason `ty` can't be an OCPP type.
pub fn check(ty: &Type, errors: &mut Errors) {
    if !ty.generics.params.is_empty() || ty.generics.where_clause.is_some() {
        errors.push_at(
            &ty.generics,
            "an #[ocpp_type] type can't have generic parameters: a schema type has one fixed shape",
        );
    }
    match &ty.data {
        // Checked with the item, before the derives that would choke on it.
        Data::Union(_) => {}
        Data::Struct(data) => {
            if let Shape::Unnamed(span) = data.shape {
                errors.push(
                    span,
                    "#[ocpp_type] needs a struct with named fields, which become the object's properties: `struct Name { field: Type }`",
                );
            }
            for field in &data.fields {
                check_limits(field, errors);
                let draft_04 = ty
                    .options
                    .draft
                    .is_some_and(|d| d.value == crate::attr::Draft::Draft04);
                if draft_04 && field.holds_integers() {
                    errors.push_at(
                        &field.ty,
                        "draft-04 integers are read as written only in a field of an integer type (or `Option` of one): not inside `Vec`, `Box` or a map",
                    );
                }
            }
            check_flatten(ty, data, errors);
            let names = data
                .fields
                .iter()
                .filter(|f| f.is_property())
                .map(|f| (f.wire.as_str(), f.wire_span, "field"));
            unique_wire_names(names, errors);
        }
        Data::Enum(data) => {
            if let Some(span) = ty.options.deny_unknown_fields {
                errors.push(
                    span,
                    "`deny_unknown_fields` closes an object; it has no meaning on an enum",
                );
            }
            if data.variants.is_empty() {
                errors.push(
                    data.brace_span,
                    "an #[ocpp_type] enum needs at least one variant: its allowed strings",
                );
            }
            let others: Vec<_> = data.variants.iter().filter(|v| v.other.is_some()).collect();
            for extra in others.iter().skip(1) {
                errors.push_at(
                    &extra.ident,
                    "only one variant can be #[ocpp(other)]: it keeps every string that is not another variant's",
                );
            }
            let unlisted: Vec<_> = data
                .variants
                .iter()
                .filter(|v| v.unlisted.is_some())
                .collect();
            for extra in unlisted.iter().skip(1) {
                errors.push_at(
                    &extra.ident,
                    "only one variant can be #[ocpp(unlisted)]: it keeps every unknown string a lenient reading tolerates",
                );
            }
            for variant in &data.variants {
                if let (Some(_), Some(span)) = (variant.other, variant.unlisted) {
                    errors.push(
                        span,
                        "a variant is #[ocpp(other)] or #[ocpp(unlisted)], not both",
                    );
                } else if let (Some(_), Some(span)) = (data.other(), variant.unlisted) {
                    errors.push(
                        span,
                        "the #[ocpp(other)] variant keeps every unknown string already; remove the #[ocpp(unlisted)] variant",
                    );
                }
                if variant.other.is_some() {
                    check_keeping_variant(variant, "other", "String", "String", errors);
                } else if variant.unlisted.is_some() {
                    check_keeping_variant(
                        variant,
                        "unlisted",
                        "Unlisted",
                        "ocpp_types::Unlisted",
                        errors,
                    );
                }
                if variant.ident == "ALL" {
                    errors.push_at(
                        &variant.ident,
                        format_args!(
                            "a variant named `ALL` would hide `{}::ALL`, the list of values #[ocpp_type] generates; name it `All` and keep its string with #[ocpp(rename = \"{}\")]",
                            ty.ident, variant.wire
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
            let names = data
                .variants
                .iter()
                .filter(|v| v.is_known())
                .map(|v| (v.wire.as_str(), v.wire_span, "variant"));
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

/// The constraints of a field, and of its items, fit their types.
fn check_limits(field: &Field, errors: &mut Errors) {
    let name = format!("field `{}`", field.ident);
    check_limits_on(&field.limits, field.value_ty(), &name, errors);
    if let Some(items) = &field.limits.items {
        match field.item_ty() {
            Some(item) => {
                let name = format!("each item of field `{}`", field.ident);
                if items.value.items.is_some() || items.value.arrays() {
                    errors.push(items.span, "`items(...)` constrains single values: `min_length`, `max_length`, `format`, `minimum`, `maximum`, `multiple_of`");
                }
                check_limits_on(&items.value, item, &name, errors);
            }
            None => errors.push(
                items.span,
                "`items(...)` constrains the items of an array (`Vec<T>`)",
            ),
        }
    }
}

/// Each constraint fits the type `ty` of `what`, and the lower bounds are
/// not above the upper ones.
fn check_limits_on(limits: &Limits, ty: &syn::Type, what: &str, errors: &mut Errors) {
    let kind = crate::model::kind_of(ty);
    let wrong = |span: Option<Span>, name: &str, values: &str, errors: &mut Errors| {
        if let Some(span) = span {
            let ty = quote::ToTokens::to_token_stream(ty)
                .to_string()
                .replace(' ', "");
            errors.push(
                span,
                format_args!("`{name}` constrains {values}, but {what} is `{ty}`"),
            );
        }
    };
    if kind == ValueKind::DateTime {
        if let Some(span) = span_of(limits.format) {
            errors.push(
                span,
                format_args!("{what} is a `DateTime`, which is always an RFC 3339 date-time: remove `format`"),
            );
        }
    }
    if kind != ValueKind::String {
        wrong(span_of(limits.min_length), "min_length", "strings", errors);
        wrong(span_of(limits.max_length), "max_length", "strings", errors);
        if kind != ValueKind::DateTime {
            wrong(span_of(limits.format), "format", "strings", errors);
        }
    }
    if kind != ValueKind::Integer && kind != ValueKind::Float {
        wrong(span_of(limits.minimum), "minimum", "numbers", errors);
        wrong(span_of(limits.maximum), "maximum", "numbers", errors);
        wrong(
            span_of(limits.multiple_of),
            "multiple_of",
            "numbers",
            errors,
        );
    }
    if let Some(multiple) = limits.multiple_of {
        if !multiple.value.above(crate::attr::Bound::Int(0)) {
            errors.push(
                multiple.span,
                "`multiple_of` must be above 0: every value is a whole number of times it",
            );
        }
    }
    if kind != ValueKind::Array {
        wrong(
            span_of(limits.min_items),
            "min_items",
            "arrays (`Vec<T>`)",
            errors,
        );
        wrong(
            span_of(limits.max_items),
            "max_items",
            "arrays (`Vec<T>`)",
            errors,
        );
    }
    let pairs = [
        (
            limits.min_length.map(|g| g.value as f64),
            limits.max_length,
            "min_length",
            "max_length",
        ),
        (
            limits.min_items.map(|g| g.value as f64),
            limits.max_items,
            "min_items",
            "max_items",
        ),
    ];
    for (low, high, low_name, high_name) in pairs {
        if let (Some(low), Some(high)) = (low, high) {
            if low > high.value as f64 {
                errors.push(
                    high.span,
                    format_args!("`{high_name}` is below `{low_name}`: no value could meet both"),
                );
            }
        }
    }
    if let (Some(low), Some(high)) = (limits.minimum, limits.maximum) {
        if low.value.above(high.value) {
            errors.push(
                high.span,
                "`maximum` is below `minimum`: no value could meet both",
            );
        }
    }
    // A bound beyond the type's own range leaves it no value.
    if let Some((type_min, type_max)) = crate::model::range_of(ty) {
        let ty = quote::ToTokens::to_token_stream(ty).to_string();
        if let Some(min) = limits.minimum.filter(|min| min.value.above(type_max)) {
            errors.push(
                min.span,
                format_args!("`minimum` is above the largest `{ty}`: no value could meet it"),
            );
        }
        if let Some(max) = limits.maximum.filter(|max| type_min.above(max.value)) {
            errors.push(
                max.span,
                format_args!("`maximum` is below the smallest `{ty}`: no value could meet it"),
            );
        }
    }
}

/// The flattened field: at most one, an `ocpp_types::Properties`, on an open type.
fn check_flatten(ty: &Type, data: &Struct, errors: &mut Errors) {
    let flattened: Vec<&Field> = data.fields.iter().filter(|f| f.flatten.is_some()).collect();
    for extra in flattened.iter().skip(1) {
        errors.push_at(
            &extra.ident,
            "only one field can be #[ocpp(flatten)]: it keeps every unknown property",
        );
    }
    for field in flattened {
        let span = field.flatten.unwrap_or_else(Span::call_site);
        if ty.options.deny_unknown_fields.is_some() {
            errors.push(
                span,
                "#[ocpp(flatten)] keeps unknown properties, and `deny_unknown_fields` allows none; remove one of them",
            );
        }
        if field.optional || field.value_kind() != ValueKind::Properties {
            errors.push_at(
                &field.ty,
                "an #[ocpp(flatten)] field must be an `ocpp_types::Properties`, which keeps them in order",
            );
        }
        if field.limits.any() {
            errors.push(
                span,
                "an #[ocpp(flatten)] field holds other properties; it can't have constraints",
            );
        }
    }
}

/// The variant that keeps unknown strings (`option` is `other` or
/// `unlisted`): one unnamed field of type `holds` (`String`, `Unlisted`),
/// spelled by whatever path leads to it, as `written` shows it.
fn check_keeping_variant(
    variant: &Variant,
    option: &str,
    holds: &str,
    written: &str,
    errors: &mut Errors,
) {
    let holds_it = match &variant.fields {
        syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            matches!(&fields.unnamed[0].ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == holds))
        }
        _ => false,
    };
    if !holds_it {
        let at = match &variant.fields {
            syn::Fields::Unit => variant.ident.to_token_stream(),
            fields => fields.to_token_stream(),
        };
        errors.push_at(
            at,
            format_args!(
                "the #[ocpp({option})] variant holds the unknown string: write it `{}({written})`",
                variant.ident
            ),
        );
    }
    if let Some(expr) = &variant.discriminant {
        errors.push_at(
            expr,
            format_args!("the #[ocpp({option})] variant can't have a discriminant"),
        );
    }
}

fn span_of<T>(given: Option<Given<T>>) -> Option<Span> {
    given.map(|g| g.span)
}
