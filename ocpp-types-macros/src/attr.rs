//! Parsing of the macro's own attributes: the options of `#[ocpp_type(...)]`
//! on the item and of `#[ocpp(...)]` on fields and variants, plus the doc
//! comments that become descriptions. Errors point at the offending tokens.

use crate::errors::Errors;
use crate::model::Description;
use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr};

pub use crate::case::RenameRule;

/// The options of `#[ocpp_type(...)]`.
#[derive(Default)]
pub struct TypeOptions {
    /// `deny_unknown_fields`: the object is closed (`additionalProperties: false`).
    pub deny_unknown_fields: Option<Span>,
    /// `rename_all = "camelCase"`: how Rust names become wire names.
    pub rename_all: Option<Given<RenameRule>>,
    /// `crate = "path"`: where the generated code finds `ocpp_types`.
    pub krate: Option<syn::Path>,
    /// `draft = "draft-04"`: the JSON Schema draft whose rules the type follows.
    pub draft: Option<Given<Draft>>,
}

/// The JSON Schema drafts a type may follow. They differ, for these types,
/// only in what an integer is: draft-04 says a number written with a
/// fraction or an exponent (`5.0`, `5e0`) is not one; later drafts go by
/// the value (`5.0` is the integer 5).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    Draft04,
    Later,
}

impl Draft {
    pub const NAMES: &'static [&'static str] =
        &["draft-04", "draft-06", "draft-07", "2019-09", "2020-12"];
}

const TYPE_OPTIONS: &[&str] = &["deny_unknown_fields", "rename_all", "crate", "draft"];

/// Parses the arguments of `#[ocpp_type(...)]`.
pub fn type_options(args: TokenStream, errors: &mut Errors) -> TypeOptions {
    let mut options = TypeOptions::default();
    parse_type_options(args, &mut options, errors);
    options
}

/// The options that `#[ocpp_type(...)]` hands to the derive behind it, as
/// `#[ocpp(...)]` on the item.
pub fn type_options_of(attrs: &[Attribute], errors: &mut Errors) -> TypeOptions {
    let mut options = TypeOptions::default();
    for attr in attrs.iter().filter(|attr| is_ocpp(attr)) {
        match &attr.meta {
            syn::Meta::List(list) => parse_type_options(list.tokens.clone(), &mut options, errors),
            other => errors.push_at(other, "expected #[ocpp(...)]"),
        }
    }
    options
}

fn parse_type_options(args: TokenStream, options: &mut TypeOptions, errors: &mut Errors) {
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            let text: LitStr = meta.value()?.parse()?;
            let path = text.parse_with(syn::Path::parse_mod_style).map_err(|_| {
                syn::Error::new(
                    text.span(),
                    format_args!(
                        "`crate` is the path of the ocpp_types crate, such as \"ocpp\" or \"my_lib::ocpp\"; \"{}\" is not a path",
                        text.value()
                    ),
                )
            })?;
            set_once(&meta, &mut options.krate, path)
        } else if meta.path.is_ident("draft") {
            let text: LitStr = meta.value()?.parse()?;
            let draft = match text.value().as_str() {
                "draft-04" => Draft::Draft04,
                name if Draft::NAMES.contains(&name) => Draft::Later,
                other => {
                    let list = Draft::NAMES
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(syn::Error::new(
                        text.span(),
                        format_args!("unknown draft \"{other}\"; the drafts are {list}"),
                    ));
                }
            };
            set_once(
                &meta,
                &mut options.draft,
                Given {
                    value: draft,
                    span: text.span(),
                },
            )
        } else if meta.path.is_ident("deny_unknown_fields") {
            set_once(&meta, &mut options.deny_unknown_fields, meta.path.span())
        } else if meta.path.is_ident("rename_all") {
            let text: LitStr = meta.value()?.parse()?;
            let rule = RenameRule::from_name(&text.value()).ok_or_else(|| {
                let list = RenameRule::NAMES
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                syn::Error::new(
                    text.span(),
                    format_args!("unknown case `{}`; the cases are {list}", text.value()),
                )
            })?;
            set_once(
                &meta,
                &mut options.rename_all,
                Given {
                    value: rule,
                    span: text.span(),
                },
            )
        } else {
            Err(unknown_option(&meta, "#[ocpp_type(...)]", TYPE_OPTIONS))
        }
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        errors.add(error);
    }
}

/// A value given in an attribute, with where it was given.
#[derive(Clone, Copy)]
pub struct Given<T> {
    pub value: T,
    pub span: Span,
}

/// The options of `#[ocpp(...)]` on a field or a variant.
#[derive(Default)]
pub struct ItemOptions {
    /// `rename = "..."`: the wire name, instead of the Rust name.
    pub rename: Option<LitStr>,
    /// `other`: the variant `Other(String)` that keeps every unknown string.
    pub other: Option<Span>,
    /// `unlisted`: the variant `Unlisted(Unlisted)` that keeps an unknown
    /// string when a lenient reading tolerates it.
    pub unlisted: Option<Span>,
    /// `flatten`: the map that keeps every unknown property.
    pub flatten: Option<Span>,
    /// Constraints on the field's value.
    pub limits: Limits,
}

/// The constraints a field's value must meet, as JSON Schema writes them.
#[derive(Default, Clone)]
pub struct Limits {
    pub min_length: Option<Given<u64>>,
    pub max_length: Option<Given<u64>>,
    pub minimum: Option<Given<Bound>>,
    pub maximum: Option<Given<Bound>>,
    pub min_items: Option<Given<u64>>,
    pub max_items: Option<Given<u64>>,
    pub format: Option<Given<Format>>,
    /// `multiple_of = 0.1`: the value divided by it is a whole number.
    pub multiple_of: Option<Given<Bound>>,
    /// Set by `draft = "draft-04"` on integer fields: a number written with
    /// a fraction or an exponent is not an integer.
    pub strict_integer: Option<Span>,
    /// `items(...)`: the constraints on each item of an array.
    pub items: Option<Box<Given<Limits>>>,
}

impl Limits {
    /// Whether any constraint is given.
    pub fn any(&self) -> bool {
        self.strings() || self.numbers() || self.arrays() || self.items.is_some()
    }

    /// Whether a constraint for strings is given.
    pub fn strings(&self) -> bool {
        self.min_length.is_some() || self.max_length.is_some() || self.format.is_some()
    }

    /// Whether a constraint for numbers is given.
    pub fn numbers(&self) -> bool {
        self.minimum.is_some()
            || self.maximum.is_some()
            || self.multiple_of.is_some()
            || self.strict_integer.is_some()
    }

    /// Whether a constraint for arrays is given.
    pub fn arrays(&self) -> bool {
        self.min_items.is_some() || self.max_items.is_some()
    }
}

/// A number bound, as written.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub enum Bound {
    Int(i128),
    Float(f64),
}

impl Bound {
    /// Whether `self` is above `other`, exactly: an integer against a float
    /// by their values, not by rounding one to the other's type.
    pub fn above(self, other: Bound) -> bool {
        use std::cmp::Ordering::{Greater, Less};
        match (self, other) {
            (Bound::Int(a), Bound::Int(b)) => a > b,
            (Bound::Float(a), Bound::Float(b)) => a > b,
            (Bound::Int(a), Bound::Float(b)) => compare_int_float(a, b) == Greater,
            (Bound::Float(a), Bound::Int(b)) => compare_int_float(b, a) == Less,
        }
    }
}

/// `int` compared with the finite `float`, exactly.
fn compare_int_float(int: i128, float: f64) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Equal, Greater, Less};
    // Beyond i128's range (±2^127) the float is past every integer.
    if float >= i128::MAX as f64 {
        return Less;
    }
    if float < i128::MIN as f64 {
        return Greater;
    }
    let whole = float.floor();
    int.cmp(&(whole as i128))
        .then(if float > whole { Less } else { Equal })
}

/// The string formats checked.
#[derive(Clone, Copy)]
pub enum Format {
    DateTime,
    Uri,
}

impl Format {
    pub const NAMES: &'static [&'static str] = &["date-time", "uri"];
}

/// What an `#[ocpp(...)]` is written on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Field,
    Variant,
}

/// The options of `#[ocpp(...)]`: the one for both, the one only for
/// variants, and those only for fields.
const BOTH: &[&str] = &["rename"];
const FIELD_ONLY: &[&str] = &[
    "flatten",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "multiple_of",
    "min_items",
    "max_items",
    "format",
    "items",
];

/// The options `items(...)` takes: the constraints on one value.
const ITEM_LIMITS: &[&str] = &[
    "min_length",
    "max_length",
    "format",
    "minimum",
    "maximum",
    "multiple_of",
];
const VARIANT_ONLY: &[&str] = &["other", "unlisted"];

/// Parses every `#[ocpp(...)]` among `attrs`, on a field or a variant.
pub fn item_options(attrs: &[Attribute], target: Target, errors: &mut Errors) -> ItemOptions {
    let mut options = ItemOptions::default();
    for attr in attrs.iter().filter(|attr| is_ocpp(attr)) {
        let result = attr.parse_nested_meta(|meta| {
            let limits = &mut options.limits;
            let path = &meta.path;
            let misplaced = match target {
                Target::Field => VARIANT_ONLY
                    .iter()
                    .find(|name| path.is_ident(name))
                    .map(|n| (n, "an enum variant")),
                Target::Variant => FIELD_ONLY
                    .iter()
                    .find(|name| path.is_ident(name))
                    .map(|n| (n, "a struct field")),
            };
            if let Some((name, place)) = misplaced {
                return Err(meta.error(format_args!("`{name}` can only be written on {place}")));
            }
            let name = path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match name.as_str() {
                "rename" => set_once(&meta, &mut options.rename, meta.value()?.parse()?),
                "other" => set_once(&meta, &mut options.other, path.span()),
                "unlisted" => set_once(&meta, &mut options.unlisted, path.span()),
                "flatten" => set_once(&meta, &mut options.flatten, path.span()),
                "min_items" => set_once(&meta, &mut limits.min_items, count(&meta)?),
                "max_items" => set_once(&meta, &mut limits.max_items, count(&meta)?),
                "items" => {
                    let mut items = Limits::default();
                    meta.parse_nested_meta(|inner| match limit(&inner, &mut items) {
                        Some(result) => result,
                        None => Err(unknown_option(&inner, "items(...)", ITEM_LIMITS)),
                    })?;
                    let given = Box::new(Given {
                        value: items,
                        span: path.span(),
                    });
                    set_once(&meta, &mut options.limits.items, given)
                }
                _ => match limit(&meta, limits) {
                    Some(result) => result,
                    None => {
                        let known: Vec<&str> = [BOTH, VARIANT_ONLY, FIELD_ONLY].concat();
                        Err(unknown_option(&meta, "#[ocpp(...)]", &known))
                    }
                },
            }
        });
        if let Err(error) = result {
            errors.add(error);
        }
    }
    options
}

/// A constraint on one value (`max_length = 20`, `minimum = 0`, ...) into
/// `limits`; `None` when `meta` is none of them.
fn limit(meta: &ParseNestedMeta, limits: &mut Limits) -> Option<syn::Result<()>> {
    let name = meta.path.get_ident()?.to_string();
    Some(match name.as_str() {
        "min_length" => count(meta).and_then(|v| set_once(meta, &mut limits.min_length, v)),
        "max_length" => count(meta).and_then(|v| set_once(meta, &mut limits.max_length, v)),
        "minimum" => bound(meta).and_then(|v| set_once(meta, &mut limits.minimum, v)),
        "maximum" => bound(meta).and_then(|v| set_once(meta, &mut limits.maximum, v)),
        "multiple_of" => bound(meta).and_then(|v| set_once(meta, &mut limits.multiple_of, v)),
        "format" => format(meta).and_then(|v| set_once(meta, &mut limits.format, v)),
        _ => return None,
    })
}

/// `= 20`: a length or a number of items.
fn count(meta: &ParseNestedMeta) -> syn::Result<Given<u64>> {
    let input = meta.value()?;
    let span = input.span();
    let name = path_text(&meta.path);
    let wrong = || {
        syn::Error::new(
            span,
            format_args!("`{name}` is a count: a whole number from 0, such as `20`"),
        )
    };
    let minus: Option<syn::Token![-]> = input.parse()?;
    let lit = match input.parse::<syn::Lit>()? {
        syn::Lit::Int(lit) if minus.is_none() => lit,
        _ => return Err(wrong()),
    };
    no_suffix(lit.suffix(), lit.span())?;
    Ok(Given {
        value: lit.base10_parse().map_err(|_| wrong())?,
        span: lit.span(),
    })
}

/// `= "date-time"`: a format that is checked.
fn format(meta: &ParseNestedMeta) -> syn::Result<Given<Format>> {
    let text: LitStr = meta.value()?.parse()?;
    let value = match text.value().as_str() {
        "date-time" => Format::DateTime,
        "uri" => Format::Uri,
        other => {
            let hint = match closest(other, Format::NAMES) {
                Some(close) => format!("did you mean \"{close}\"? "),
                None => String::new(),
            };
            return Err(syn::Error::new(
                text.span(),
                format_args!("unsupported format \"{other}\"; {hint}the formats checked are \"date-time\" (RFC 3339) and \"uri\" (RFC 3986, absolute)"),
            ));
        }
    };
    Ok(Given {
        value,
        span: text.span(),
    })
}

/// `= 0`, `= -40`, `= 99.5`: a bound of a number.
fn bound(meta: &ParseNestedMeta) -> syn::Result<Given<Bound>> {
    let input = meta.value()?;
    let minus: Option<syn::Token![-]> = input.parse()?;
    let sign = if minus.is_some() { -1 } else { 1 };
    let value = match input.parse::<syn::Lit>()? {
        syn::Lit::Int(lit) => {
            no_suffix(lit.suffix(), lit.span())?;
            // `-170141183460469231731687303715884105728` is i128::MIN,
            // whose magnitude alone does not fit an i128.
            let magnitude: u128 = lit.base10_parse()?;
            let value = if minus.is_some() {
                0i128.checked_sub_unsigned(magnitude)
            } else {
                i128::try_from(magnitude).ok()
            }
            .ok_or_else(|| {
                syn::Error::new(
                    lit.span(),
                    "this bound is beyond what an i128 holds; no integer field can reach it",
                )
            })?;
            Given {
                value: Bound::Int(value),
                span: lit.span(),
            }
        }
        syn::Lit::Float(lit) => {
            no_suffix(lit.suffix(), lit.span())?;
            let magnitude: f64 = lit.base10_parse()?;
            if !magnitude.is_finite() {
                return Err(syn::Error::new(
                    lit.span(),
                    "this bound is too large for an f64 (it would be infinite); write a finite number",
                ));
            }
            let written_zero = lit
                .base10_digits()
                .chars()
                .take_while(|c| *c != 'e' && *c != 'E')
                .all(|c| matches!(c, '0' | '.' | '_'));
            if magnitude == 0.0 && !written_zero {
                return Err(syn::Error::new(
                    lit.span(),
                    "this bound is too small for an f64 (it would be 0); write 0, or a number an f64 can hold",
                ));
            }
            Given {
                value: Bound::Float(sign as f64 * magnitude),
                span: lit.span(),
            }
        }
        other => {
            return Err(syn::Error::new(
                other.span(),
                "expected a number, such as `0`, `-40` or `99.5`",
            ))
        }
    };
    Ok(value)
}

/// A number in an option is a plain number: `20`, not `20u8`.
fn no_suffix(suffix: &str, span: Span) -> syn::Result<()> {
    if suffix.is_empty() {
        Ok(())
    } else {
        Err(syn::Error::new(
            span,
            format_args!("write the number without the `{suffix}` suffix: it is compared with the field's value exactly"),
        ))
    }
}

/// Whether `attr` is one of ours, `#[ocpp(...)]`, which never reaches the output.
pub fn is_ocpp(attr: &Attribute) -> bool {
    attr.path().is_ident("ocpp")
}

/// The description written in the `///` comments among `attrs`: each line
/// without the space rustdoc puts after `///`. A `#[doc = ...]` whose value
/// is a macro call (`include_str!`, `concat!`) is kept as that call.
pub fn description(attrs: &[Attribute]) -> Description {
    let mut description = Description::default();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        let syn::Meta::NameValue(doc) = &attr.meta else {
            continue;
        };
        match &doc.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => {
                let text = text.value();
                description.push_line(text.strip_prefix(' ').unwrap_or(&text).trim_end());
            }
            expr => description.push_expr(quote::ToTokens::to_token_stream(expr)),
        }
    }
    description
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
