//! `impl ocpp_types::OcppType`: the type's spec name, description and JSON
//! Schema definition, plus the hidden `Schema` impl that lets other types
//! refer to it.

use super::limits;
use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, name, krate) = (&ty.ident, &ty.name, &ty.krate);
    let description = ty.description.expr(krate);
    let definition = match &ty.data {
        Data::Struct(data) => {
            let properties = data.fields.iter().enumerate().filter(|(_, f)| f.is_property()).map(|(index, f)| {
                let (wire, value_ty) = (&f.wire, f.value_ty());
                let description = f.description.expr(krate);
                let schema = if f.limits.any() {
                    let limits = limits::name(index);
                    quote!(#krate::__private::Defs::limited_property::<#value_ty>(__defs, #description, &#limits))
                } else {
                    quote!(#krate::__private::Defs::property::<#value_ty>(__defs, #description))
                };
                quote! {
                    #krate::__private::serde_json::Map::insert(&mut __properties, <::std::string::String as ::core::convert::From<&::core::primitive::str>>::from(#wire), #schema);
                }
            });
            let required = data.required().map(|f| &f.wire);
            let closed = ty.options.deny_unknown_fields.is_some();
            quote! {
                let mut __properties = #krate::__private::serde_json::Map::new();
                #(#properties)*
                #krate::__private::object(#description, __properties, &[#(#required),*], #closed)
            }
        }
        Data::Enum(data) => {
            let wires = data.known().map(|v| &v.wire);
            match data.other() {
                None => quote!(#krate::__private::strings(#description, &[#(#wires),*])),
                Some(_) => {
                    quote!(#krate::__private::open_strings(#description, &[#(#wires),*]))
                }
            }
        }
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        impl #krate::OcppType for #ident {
            const NAME: &'static ::core::primitive::str = #name;
            const DESCRIPTION: &'static ::core::primitive::str = #description;

            fn __definition(
                __defs: &mut #krate::__private::Defs,
            ) -> #krate::__private::serde_json::Value {
                #definition
            }
        }

        impl #krate::__private::Schema for #ident {
            fn schema(__defs: &mut #krate::__private::Defs) -> #krate::__private::serde_json::Value {
                #krate::__private::Defs::reference::<Self>(__defs)
            }
        }
    }
}
