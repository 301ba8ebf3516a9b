//! `impl ocpp_types::OcppType`: the type's spec name, description and JSON
//! Schema definition, plus the hidden `Schema` impl that lets other types
//! refer to it.

use super::limits;
use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, name, description) = (&ty.ident, &ty.name, &ty.description);
    let definition = match &ty.data {
        Data::Struct(data) => {
            let properties = data.fields.iter().enumerate().filter(|(_, f)| f.is_property()).map(|(index, f)| {
                let (wire, value_ty, description) = (&f.wire, f.value_ty(), &f.description);
                let schema = if f.limits.any() {
                    let limits = limits::name(index);
                    quote!(defs.limited_property::<#value_ty>(#description, &#limits))
                } else {
                    quote!(defs.property::<#value_ty>(#description))
                };
                quote! {
                    properties.insert(<::std::string::String as ::core::convert::From<&str>>::from(#wire), #schema);
                }
            });
            let required = data.required().map(|f| &f.wire);
            let closed = ty.options.deny_unknown_fields.is_some();
            quote! {
                let mut properties = ::ocpp_types::__private::serde_json::Map::new();
                #(#properties)*
                ::ocpp_types::__private::object(#description, properties, &[#(#required),*], #closed)
            }
        }
        Data::Enum(data) => {
            let wires = data.known().map(|v| &v.wire);
            match data.other() {
                None => quote!(::ocpp_types::__private::strings(#description, &[#(#wires),*])),
                Some(_) => {
                    quote!(::ocpp_types::__private::open_strings(#description, &[#(#wires),*]))
                }
            }
        }
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        impl ::ocpp_types::OcppType for #ident {
            const NAME: &'static str = #name;
            const DESCRIPTION: &'static str = #description;

            fn __definition(
                defs: &mut ::ocpp_types::__private::Defs,
            ) -> ::ocpp_types::__private::serde_json::Value {
                #definition
            }
        }

        impl ::ocpp_types::__private::Schema for #ident {
            fn schema(defs: &mut ::ocpp_types::__private::Defs) -> ::ocpp_types::__private::serde_json::Value {
                defs.reference::<Self>()
            }
        }
    }
}
