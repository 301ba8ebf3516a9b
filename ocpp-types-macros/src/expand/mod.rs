//! Code generation from a checked model, one file per capability: the item
//! itself (here), `Serialize`, `Deserialize`, enum strings, constructors and
//! the `OcppType` impl. Generated paths are fully qualified through
//! `::ocpp_types::__private`, so nothing depends on what the user imported.

mod ctor;
mod de;
mod enum_str;
mod limits;
mod meta;
mod ser;

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// The derives the macro adds to every struct and every enum.
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

/// The item, with its derives, and everything `#[ocpp_type]` implements for it.
pub fn expand(ty: &Type) -> TokenStream {
    let item = item(ty);
    let ser = ser::expand(ty);
    let de = de::expand(ty);
    let strings = enum_str::expand(ty);
    let ctor = ctor::expand(ty);
    let meta = meta::expand(ty);
    let limits = limits::consts(ty);
    quote! {
        #item
        #strings
        #ctor
        #[doc(hidden)]
        const _: () = {
            #limits
            #meta
            #ser
            #de
        };
    }
}

/// The item as the user wrote it, without our attributes nor derives of
/// what we implement: what is emitted next to compile errors, so that they
/// are the only errors.
pub fn item_only(mut input: syn::DeriveInput) -> TokenStream {
    let ours = |attr: &syn::Attribute| !crate::attr::is_ocpp(attr);
    input.attrs.retain(ours);
    for attr in input
        .attrs
        .iter_mut()
        .filter(|attr| attr.path().is_ident("derive"))
    {
        let derives = crate::attr::derives(
            std::slice::from_ref(attr),
            &mut crate::errors::Errors::default(),
        );
        let kept = derives.iter().filter(|p| {
            !p.segments
                .last()
                .is_some_and(|s| crate::check::GENERATED.iter().any(|g| s.ident == g))
        });
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
    match &mut input.data {
        syn::Data::Struct(data) => data.fields.iter_mut().for_each(|f| f.attrs.retain(ours)),
        syn::Data::Enum(data) => data.variants.iter_mut().for_each(|v| v.attrs.retain(ours)),
        syn::Data::Union(data) => data
            .fields
            .named
            .iter_mut()
            .for_each(|f| f.attrs.retain(ours)),
    }
    quote!(#input)
}

/// The type definition: the user's attributes, our derives next to the
/// user's (each once), and the fields or variants without `#[ocpp(...)]`.
fn item(ty: &Type) -> TokenStream {
    let Type {
        attrs, vis, ident, ..
    } = ty;
    let ours = match ty.data {
        Data::Enum(_) => ENUM_DERIVES,
        _ => STRUCT_DERIVES,
    };
    // An enum that keeps unknown strings holds a `String`: it can't be `Copy`.
    let copy_ok = !matches!(&ty.data, Data::Enum(data) if data.other().is_some());
    let user_has = |name: &str| {
        ty.derives
            .iter()
            .any(|p| p.segments.last().is_some_and(|s| s.ident == name))
    };
    let ours = ours
        .iter()
        .filter(|path| copy_ok || !path.ends_with("::Copy"))
        .filter(|path| !user_has(path.rsplit("::").next().unwrap_or(path)))
        .map(|path| path.parse::<TokenStream>().expect("a valid path"));
    let derives = ours.chain(ty.derives.iter().map(|p| quote!(#p)));
    let body = match &ty.data {
        Data::Struct(data) => {
            let fields = data.fields.iter().map(|f| {
                let (attrs, vis, ident, ty) = (&f.attrs, &f.vis, &f.ident, &f.ty);
                quote!(#(#attrs)* #vis #ident: #ty)
            });
            quote!(struct #ident { #(#fields,)* })
        }
        Data::Enum(data) => {
            let variants = data.variants.iter().map(|v| {
                let (attrs, ident, fields) = (&v.attrs, &v.ident, &v.fields);
                // The spec rarely describes enum values; the wire string is
                // documentation enough (and keeps `missing_docs` quiet).
                let doc = (v.description.is_empty() && v.other.is_none()).then(|| {
                    let doc = format!("`\"{}\"`", v.wire);
                    quote!(#[doc = #doc])
                });
                quote!(#(#attrs)* #doc #ident #fields)
            });
            quote!(enum #ident { #(#variants,)* })
        }
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        #(#attrs)*
        #[derive(#(#derives),*)]
        #vis #body
    }
}
