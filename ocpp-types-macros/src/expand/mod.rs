//! Code generation from a checked model, one file per capability: the item
//! as `#[ocpp_type]` hands it to the derive (here), `Serialize`,
//! `Deserialize`, enum strings, constructors and the `OcppType` impl.
//!
//! Nothing generated can meet a user's name: paths are fully qualified
//! (through `::ocpp_types::__private`, or the `crate = "..."` path), and
//! generics, locals and helper items start with `__`.

mod ctor;
mod de;
mod enum_str;
mod limits;
mod meta;
mod ser;

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// Everything the derive implements for `ty`, inside one anonymous `const`
/// so that its helper items can't meet the user's names.
pub fn expand(ty: &Type) -> TokenStream {
    let strings = enum_str::expand(ty);
    let ctor = ctor::expand(ty);
    let limits = limits::consts(ty);
    let meta = meta::expand(ty);
    let ser = ser::expand(ty);
    let de = de::expand(ty);
    quote! {
        #[doc(hidden)]
        const _: () = {
            #strings
            #ctor
            #limits
            #meta
            #ser
            #de
        };
    }
}

/// The item as `#[ocpp_type]` hands it on: the standard derives, the `OcppType` derive with the options as `#[ocpp(...)]`,
/// and a doc comment for each undescribed variant.
pub fn item(ty: &Type, mut input: syn::DeriveInput, args: TokenStream) -> TokenStream {
    let krate = &ty.krate;
    let standard = ty
        .standard_derives()
        .iter()
        .map(|path| path.parse::<TokenStream>().expect("a valid path"));
    if let (syn::Data::Enum(data), Data::Enum(model)) = (&mut input.data, &ty.data) {
        for (variant, v) in data.variants.iter_mut().zip(&model.variants) {
            // The spec rarely describes enum values; the wire string is
            // documentation enough (and keeps `missing_docs` quiet).
            if v.description.is_empty() && v.is_known() {
                let doc = format!("`\"{}\"`", v.wire);
                variant.attrs.push(syn::parse_quote!(#[doc = #doc]));
            }
        }
    }
    let options = (!args.is_empty()).then(|| quote!(#[ocpp(#args)]));
    quote! {
        #[derive(#(#standard,)* #krate::__private::OcppType)]
        #options
        #input
    }
}

/// The item as the user wrote it, without our attributes nor derives of
/// what we implement: what is emitted next to compile errors, so that they
/// are the only errors.
pub fn item_only(mut input: syn::DeriveInput, ty: &Type) -> TokenStream {
    let implemented = ty.implemented_traits();
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
                .is_some_and(|s| implemented.iter().any(|g| s.ident == g))
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
