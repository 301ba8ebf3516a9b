//! The spec of one type as plain data, built once from syn's tree. Wire
//! names, descriptions and optionality are decided here; the checks and every
//! generator read them from the model and never look at raw attributes again.

use crate::attr::{self, Limits, RenameRule, TypeOptions};
use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Ident, Visibility};

/// One `#[ocpp_type]` item.
pub struct Type {
    pub vis: Visibility,
    pub ident: Ident,
    /// Must be empty: a schema type has no type parameters.
    pub generics: syn::Generics,
    /// The spec's name of the type: the identifier without `r#`.
    pub name: String,
    pub description: Description,
    pub options: TypeOptions,
    /// The path of the `ocpp_types` crate in generated code: `::ocpp_types`
    /// unless `crate = "..."` says otherwise.
    pub krate: TokenStream,
    /// The paths of the user's own `#[derive(...)]` that the macro sees (those
    /// written below `#[ocpp_type]`), in order.
    pub derives: Vec<syn::Path>,
    pub data: Data,
}

pub enum Data {
    Struct(Struct),
    Enum(Enum),
    /// Not supported: kept so that the check can say so.
    Union(Span),
}

pub struct Struct {
    /// `Named` for `struct S { .. }`, the only shape supported.
    pub shape: Shape,
    pub fields: Vec<Field>,
}

#[derive(Clone, Copy)]
pub enum Shape {
    Named,
    /// A tuple or unit struct, with the span of its fields (or its name).
    Unnamed(Span),
}

pub struct Field {
    pub vis: Visibility,
    pub ident: Ident,
    /// The type as written, `Option<T>` included.
    pub ty: syn::Type,
    /// Whether the field is `Option<T>`, and so not required.
    pub optional: bool,
    /// The property name on the wire.
    pub wire: String,
    /// Where the wire name comes from: the `rename` string or the identifier.
    pub wire_span: Span,
    pub description: Description,
    /// Constraints on the value.
    pub limits: Limits,
    /// `#[ocpp(flatten)]`: this field keeps the unknown properties.
    pub flatten: Option<Span>,
}

/// What a value of type `ty` is on the wire, from the last segment of its path.
pub fn kind_of(ty: &syn::Type) -> ValueKind {
    let syn::Type::Path(path) = ty else {
        return ValueKind::Other;
    };
    let Some(last) = path.path.segments.last() else {
        return ValueKind::Other;
    };
    match last.ident.to_string().as_str() {
        "String" => ValueKind::String,
        "DateTime" => ValueKind::DateTime,
        name if INTEGERS.contains(&name) => ValueKind::Integer,
        "f32" | "f64" => ValueKind::Float,
        "Vec" => ValueKind::Array,
        "Properties" => ValueKind::Properties,
        _ => ValueKind::Other,
    }
}

/// The range of `ty`, if it is an integer type.
pub fn range_of(ty: &syn::Type) -> Option<(attr::Bound, attr::Bound)> {
    use attr::Bound::Int;
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let range = match path.path.segments.last()?.ident.to_string().as_str() {
        "i8" => (Int(i8::MIN.into()), Int(i8::MAX.into())),
        "i16" => (Int(i16::MIN.into()), Int(i16::MAX.into())),
        "i32" => (Int(i32::MIN.into()), Int(i32::MAX.into())),
        "i64" => (Int(i64::MIN.into()), Int(i64::MAX.into())),
        "u8" => (Int(0), Int(u8::MAX.into())),
        "u16" => (Int(0), Int(u16::MAX.into())),
        "u32" => (Int(0), Int(u32::MAX.into())),
        "u64" => (Int(0), Int(u64::MAX.into())),
        _ => return None,
    };
    Some(range)
}

/// Whether `ty`, or a type argument of it at any depth, is named one of `names`.
fn mentions(ty: &syn::Type, names: &[&str]) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    if names.iter().any(|name| last.ident == name) {
        return true;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .any(|arg| matches!(arg, syn::GenericArgument::Type(inner) if mentions(inner, names))),
        _ => false,
    }
}

/// The integer types a field may have.
const INTEGERS: &[&str] = &["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"];

/// What a field's value is on the wire, as far as its Rust type tells.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    String,
    /// `ocpp_types::DateTime`, which checks its own format.
    DateTime,
    Integer,
    Float,
    Array,
    /// `ocpp_types::Properties`, the type of a flattened field.
    Properties,
    /// Anything else: another `#[ocpp_type]`, a map, `bool`, `Value`, ...
    Other,
}

impl Field {
    /// What the value is on the wire, from the last segment of its type's path.
    pub fn value_kind(&self) -> ValueKind {
        kind_of(self.value_ty())
    }

    /// The type of the items, for a `Vec<T>` field: `T`.
    pub fn item_ty(&self) -> Option<&syn::Type> {
        let syn::Type::Path(path) = self.value_ty() else {
            return None;
        };
        let last = path.path.segments.last()?;
        if last.ident != "Vec" {
            return None;
        }
        match &last.arguments {
            syn::PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0]
            {
                syn::GenericArgument::Type(inner) => Some(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the field holds integers inside another type (`Vec<i64>`,
    /// `Box<u8>`, a map of them), where `draft = "draft-04"` can't reach.
    pub fn holds_integers(&self) -> bool {
        self.value_kind() != ValueKind::Integer && mentions(self.value_ty(), INTEGERS)
    }

    /// Whether the field's type has `f32` or `f64` in it: `f64`,
    /// `Option<f64>`, `Vec<f32>`, a map of them.
    pub fn holds_floats(&self) -> bool {
        mentions(&self.ty, &["f32", "f64"])
    }

    /// Whether the field holds a value of the document's own properties
    /// (every field but the flattened one).
    pub fn is_property(&self) -> bool {
        self.flatten.is_none()
    }

    /// The type of the value on the wire: `T` for `Option<T>`, else the field's type.
    pub fn value_ty(&self) -> &syn::Type {
        option_inner(&self.ty).unwrap_or(&self.ty)
    }
}

pub struct Enum {
    pub variants: Vec<Variant>,
    /// The span of the enum's body, for an error about it having no variant.
    pub brace_span: Span,
}

impl Enum {
    /// The variants with a string of their own: all but the `other` and
    /// `unlisted` ones.
    pub fn known(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.is_known())
    }

    /// The `#[ocpp(other)]` variant that keeps unknown strings, if any.
    pub fn other(&self) -> Option<&Variant> {
        self.variants.iter().find(|v| v.other.is_some())
    }

    /// The `#[ocpp(unlisted)]` variant that keeps unknown strings a lenient
    /// reading tolerates, if any.
    pub fn unlisted(&self) -> Option<&Variant> {
        self.variants.iter().find(|v| v.unlisted.is_some())
    }
}

pub struct Variant {
    pub ident: Ident,
    /// The string on the wire.
    pub wire: String,
    pub wire_span: Span,
    pub description: Description,
    /// `#[ocpp(other)]`: this variant keeps every unknown string.
    pub other: Option<Span>,
    /// `#[ocpp(unlisted)]`: this variant keeps the unknown strings that a
    /// lenient reading tolerates.
    pub unlisted: Option<Span>,
    /// Must be `Fields::Unit`, or one `String` for the `other` variant.
    pub fields: syn::Fields,
    /// Must be `None`.
    pub discriminant: Option<syn::Expr>,
}

/// The derives `#[ocpp_type]` adds to every struct, and to every enum.
const STRUCT_DERIVES: &[&str] = &[
    "::core::fmt::Debug",
    "::core::clone::Clone",
    "::core::cmp::PartialEq",
];
const ENUM_DERIVES: &[&str] = &[
    "::core::fmt::Debug",
    "::core::clone::Clone",
    "::core::marker::Copy",
    "::core::cmp::PartialEq",
    "::core::cmp::Eq",
    "::core::hash::Hash",
];
/// An enum that keeps unknown strings holds a `String`: it can't be `Copy`,
/// and the `OcppType` derive writes its comparisons (by the string).
const OPEN_ENUM_DERIVES: &[&str] = &["::core::fmt::Debug", "::core::clone::Clone"];
/// An enum that keeps unlisted strings holds an `Unlisted`: it can't be
/// `Copy` either, but compares as its variants do (an `Unlisted` is never a
/// known value read).
const UNLISTED_ENUM_DERIVES: &[&str] = &[
    "::core::fmt::Debug",
    "::core::clone::Clone",
    "::core::cmp::PartialEq",
    "::core::cmp::Eq",
    "::core::hash::Hash",
];
const OPEN_ENUM_WRITTEN: &[&str] = &["PartialEq", "Eq", "Hash"];

impl Type {
    /// The standard derives `#[ocpp_type]` adds to this type, as paths.
    pub fn standard_derives(&self) -> &'static [&'static str] {
        match &self.data {
            Data::Enum(data) if data.other().is_some() => OPEN_ENUM_DERIVES,
            Data::Enum(data) if data.unlisted().is_some() => UNLISTED_ENUM_DERIVES,
            Data::Enum(_) => ENUM_DERIVES,
            _ => STRUCT_DERIVES,
        }
    }

    /// The names of the traits `#[ocpp_type]` implements for this type,
    /// which the user must not derive as well.
    pub fn implemented_traits(&self) -> Vec<&'static str> {
        let mut traits = vec!["Serialize", "Deserialize"];
        let standard = self.standard_derives();
        traits.extend(
            standard
                .iter()
                .map(|path| path.rsplit("::").next().unwrap_or(path)),
        );
        if standard == OPEN_ENUM_DERIVES {
            traits.extend(OPEN_ENUM_WRITTEN);
        }
        traits
    }

    /// Builds the model. Problems in our own attributes are recorded in `errors`.
    pub fn from_syn(input: syn::DeriveInput, options: TypeOptions, errors: &mut Errors) -> Type {
        let krate = match &options.krate {
            Some(path) => quote!(#path),
            None => quote!(::ocpp_types),
        };
        let derives = attr::derives(&input.attrs, errors);
        let rename_all = options.rename_all.map(|given| given.value);
        let mut data = match input.data {
            syn::Data::Struct(data) => Data::Struct(Struct::from_syn(data, rename_all, errors)),
            syn::Data::Enum(data) => Data::Enum(Enum {
                brace_span: data.brace_token.span.join(),
                variants: data
                    .variants
                    .into_iter()
                    .map(|v| Variant::from_syn(v, rename_all, errors))
                    .collect(),
            }),
            syn::Data::Union(data) => Data::Union(data.union_token.span),
        };
        // Under draft-04, an integer is an integer as written.
        if let (Some(draft), Data::Struct(data)) = (options.draft, &mut data) {
            if draft.value == attr::Draft::Draft04 {
                for field in &mut data.fields {
                    if field.value_kind() == ValueKind::Integer {
                        field.limits.strict_integer = Some(draft.span);
                    }
                }
            }
        }
        Type {
            name: unraw(&input.ident),
            description: attr::description(&input.attrs),
            vis: input.vis,
            ident: input.ident,
            generics: input.generics,
            options,
            krate,
            derives,
            data,
        }
    }
}

impl Struct {
    fn from_syn(
        data: syn::DataStruct,
        rename_all: Option<RenameRule>,
        errors: &mut Errors,
    ) -> Struct {
        let shape = match &data.fields {
            syn::Fields::Named(_) => Shape::Named,
            syn::Fields::Unnamed(fields) => Shape::Unnamed(fields.span()),
            syn::Fields::Unit => Shape::Unnamed(data.struct_token.span),
        };
        let fields = match data.fields {
            syn::Fields::Named(fields) => fields
                .named
                .into_iter()
                .map(|f| Field::from_syn(f, rename_all, errors))
                .collect(),
            _ => Vec::new(),
        };
        Struct { shape, fields }
    }

    /// The fields that must be present.
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.properties().filter(|f| !f.optional)
    }

    /// The fields that are properties of the object: all but the flattened one.
    pub fn properties(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.is_property())
    }

    /// The `#[ocpp(flatten)]` field that keeps unknown properties, if any.
    pub fn flattened(&self) -> Option<&Field> {
        self.fields.iter().find(|f| !f.is_property())
    }
}

impl Field {
    fn from_syn(field: syn::Field, rename_all: Option<RenameRule>, errors: &mut Errors) -> Field {
        let options = attr::item_options(&field.attrs, attr::Target::Field, errors);
        let ident = field.ident.expect("named fields have identifiers");
        let (wire, wire_span) = wire_name(&ident, options.rename, |name| {
            rename_all.map(|r| r.field(name))
        });
        Field {
            description: attr::description(&field.attrs),
            vis: field.vis,
            optional: option_inner(&field.ty).is_some(),
            ty: field.ty,
            ident,
            wire,
            wire_span,
            limits: options.limits,
            flatten: options.flatten,
        }
    }
}

impl Variant {
    /// Whether the variant is a value of its own (not `other`, not `unlisted`).
    pub fn is_known(&self) -> bool {
        self.other.is_none() && self.unlisted.is_none()
    }

    fn from_syn(
        variant: syn::Variant,
        rename_all: Option<RenameRule>,
        errors: &mut Errors,
    ) -> Variant {
        let options = attr::item_options(&variant.attrs, attr::Target::Variant, errors);
        let (wire, wire_span) = wire_name(&variant.ident, options.rename, |name| {
            rename_all.map(|r| r.variant(name))
        });
        Variant {
            description: attr::description(&variant.attrs),
            ident: variant.ident,
            wire,
            wire_span,
            other: options.other,
            unlisted: options.unlisted,
            fields: variant.fields,
            discriminant: variant.discriminant.map(|(_, expr)| expr),
        }
    }
}

/// The wire name: the `rename` string if given, else the identifier without
/// `r#`, in the case of `rename_all` if given.
fn wire_name(
    ident: &Ident,
    rename: Option<syn::LitStr>,
    case: impl Fn(&str) -> Option<String>,
) -> (String, Span) {
    match rename {
        Some(lit) => (lit.value(), lit.span()),
        None => {
            let plain = unraw(ident);
            (case(&plain).unwrap_or(plain), ident.span())
        }
    }
}

/// `r#type` is `type` on the wire and in the spec.
fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    match text.strip_prefix("r#") {
        Some(plain) => plain.to_owned(),
        None => text,
    }
}

/// A description: the lines of the doc comments, or the macro calls of
/// `#[doc = include_str!(...)]` and the like, in order.
#[derive(Default)]
pub struct Description {
    parts: Vec<DocPart>,
}

enum DocPart {
    Line(String),
    Expr(TokenStream),
}

impl Description {
    pub fn push_line(&mut self, line: &str) {
        self.parts.push(DocPart::Line(line.to_owned()));
    }

    pub fn push_expr(&mut self, expr: TokenStream) {
        self.parts.push(DocPart::Expr(expr));
    }

    /// Whether there is no description (a macro call counts as one).
    pub fn is_empty(&self) -> bool {
        self.text().is_some_and(|text| text.is_empty())
    }

    /// The text, when every part is written out: the lines joined, trimmed.
    pub fn text(&self) -> Option<String> {
        let lines: Option<Vec<&str>> = self
            .parts
            .iter()
            .map(|part| match part {
                DocPart::Line(line) => Some(line.as_str()),
                DocPart::Expr(_) => None,
            })
            .collect();
        Some(lines?.join("\n").trim().to_owned())
    }

    /// A `&'static str` expression of the description, usable in a `const`:
    /// a literal, or the parts `concat!`ed and trimmed at compile time.
    pub fn expr(&self, krate: &TokenStream) -> TokenStream {
        if let Some(text) = self.text() {
            return quote!(#text);
        }
        // One part a line, as rustdoc joins them.
        let mut parts = Vec::new();
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                parts.push(quote!("\n"));
            }
            parts.push(match part {
                DocPart::Line(line) => quote!(#line),
                DocPart::Expr(expr) => quote!(#expr),
            });
        }
        quote!(#krate::__private::trim_doc(::core::concat!(#(#parts),*)))
    }
}

/// `T` when `ty` is `Option<T>` (also spelled `std::option::Option<T>` or
/// `core::option::Option<T>`), by its path as written.
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(syn::TypePath {
        qself: None, path, ..
    }) = ty
    else {
        return None;
    };
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let is_option = matches!(
        names.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["Option"] | ["std" | "core", "option", "Option"]
    );
    if !is_option {
        return None;
    }
    match &path.segments.last()?.arguments {
        syn::PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}
