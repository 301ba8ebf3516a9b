//! Parsing of the macro's own attributes: the options of `#[ocpp_type(...)]`
//! on the item and of `#[ocpp(...)]` on fields and variants, plus the doc
//! comments that become descriptions. Errors point at the offending tokens.

use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr};

/// The options of `#[ocpp_type(...)]`.
#[derive(Default)]
pub struct TypeOptions {
    /// `deny_unknown_fields`: the object is closed (`additionalProperties: false`).
    pub deny_unknown_fields: Option<Span>,
}

const TYPE_OPTIONS: &[&str] = &["deny_unknown_fields"];

/// Parses the arguments of `#[ocpp_type(...)]`.
pub fn type_options(args: TokenStream, errors: &mut Errors) -> TypeOptions {
    let mut options = TypeOptions::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("deny_unknown_fields") {
            set_once(&meta, &mut options.deny_unknown_fields, meta.path.span())
        } else {
            Err(unknown_option(&meta, "#[ocpp_type(...)]", TYPE_OPTIONS))
        }
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        errors.add(error);
    }
    options
}

/// The options of `#[ocpp(...)]` on a field or a variant.
#[derive(Default)]
pub struct ItemOptions {
    /// `rename = "..."`: the wire name, instead of the Rust name.
    pub rename: Option<LitStr>,
}

const ITEM_OPTIONS: &[&str] = &["rename"];

/// Parses every `#[ocpp(...)]` among `attrs`.
pub fn item_options(attrs: &[Attribute], errors: &mut Errors) -> ItemOptions {
    let mut options = ItemOptions::default();
    for attr in attrs.iter().filter(|attr| is_ocpp(attr)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: LitStr = meta.value()?.parse()?;
                set_once(&meta, &mut options.rename, value)
            } else {
                Err(unknown_option(&meta, "#[ocpp(...)]", ITEM_OPTIONS))
            }
        });
        if let Err(error) = result {
            errors.add(error);
        }
    }
    options
}

/// Whether `attr` is one of ours, `#[ocpp(...)]`, which never reaches the output.
pub fn is_ocpp(attr: &Attribute) -> bool {
    attr.path().is_ident("ocpp")
}

/// The text of the `///` comments among `attrs`: one line each, without the
/// space rustdoc puts after `///`, trimmed as a whole.
pub fn doc_text(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        if let syn::Meta::NameValue(syn::MetaNameValue {
            value:
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }),
            ..
        }) = &attr.meta
        {
            let text = text.value();
            lines.push(
                text.strip_prefix(' ')
                    .unwrap_or(&text)
                    .trim_end()
                    .to_owned(),
            );
        }
    }
    lines.join("\n").trim().to_owned()
}

/// The paths named in every `#[derive(...)]` among `attrs`.
pub fn derives(attrs: &[Attribute], errors: &mut Errors) -> Vec<syn::Path> {
    let mut paths = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        let parsed = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        );
        match parsed {
            Ok(list) => paths.extend(list),
            Err(error) => errors.add(error),
        }
    }
    paths
}

fn set_once<T>(meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) -> syn::Result<()> {
    if slot.is_some() {
        let name = path_text(&meta.path);
        return Err(meta.error(format_args!("`{name}` is given twice; keep one")));
    }
    *slot = Some(value);
    Ok(())
}

fn unknown_option(meta: &ParseNestedMeta, attribute: &str, known: &[&str]) -> syn::Error {
    let name = path_text(&meta.path);
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match closest(&name, known) {
        Some(close) => format!("did you mean `{close}`? "),
        None => String::new(),
    };
    meta.error(format_args!(
        "unknown option `{name}` in {attribute}; {hint}the options are {list}"
    ))
}

fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.join("::")
}

/// The known name within two edits of `name`, if any: the likely misspelling.
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
