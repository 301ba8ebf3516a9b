//! `Serialize`: an object's fields in declaration order with `None` left out,
//! or an enum's string.

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let ident = &ty.ident;
    let body = match &ty.data {
        Data::Struct(data) => {
            let name = &ty.name;
            let required = data.required().count();
            let optional_present = data.fields.iter().filter(|f| f.optional).map(|f| {
                let field = &f.ident;
                quote!(+ <usize as ::core::convert::From<bool>>::from(self.#field.is_some()))
            });
            let writes = data.fields.iter().map(|f| {
                let (field, wire) = (&f.ident, &f.wire);
                if f.optional {
                    quote! {
                        match &self.#field {
                            ::core::option::Option::Some(value) => state.serialize_field(#wire, value)?,
                            ::core::option::Option::None => state.skip_field(#wire)?,
                        }
                    }
                } else {
                    quote!(state.serialize_field(#wire, &self.#field)?;)
                }
            });
            quote! {
                use ::ocpp_types::__private::serde::ser::SerializeStruct as _;
                let mut state = serializer.serialize_struct(#name, #required #(#optional_present)*)?;
                #(#writes)*
                state.end()
            }
        }
        Data::Enum(_) => quote!(serializer.serialize_str(self.as_str())),
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        impl ::ocpp_types::__private::serde::Serialize for #ident {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::ocpp_types::__private::serde::Serializer,
            {
                #body
            }
        }
    }
}
