//! `impl ocpp_types::OcppType`: the type's spec name and description.

use crate::model::Type;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, name, description) = (&ty.ident, &ty.name, &ty.description);
    quote! {
        impl ::ocpp_types::OcppType for #ident {
            const NAME: &'static str = #name;
            const DESCRIPTION: &'static str = #description;
        }
    }
}
