//! `Serialize`: an object's fields in declaration order with `None` left out,
//! or an enum's string.

use super::limits;
use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let ident = &ty.ident;
    let body = match &ty.data {
        Data::Struct(data) => {
            let name = &ty.name;
            // Values built in Rust meet their limits before they are written.
            let checks = limits::limited(&data.fields).map(|(index, f)| {
                let (field, wire, limits) = (&f.ident, &f.wire, limits::name(index));
                quote!(::ocpp_types::__private::check_limits::<S::Error, _>(&self.#field, &#limits, #name, #wire)?;)
            });
            let required = data.required().count();
            let optional_present = data.properties().filter(|f| f.optional).map(|f| {
                let field = &f.ident;
                quote!(+ <usize as ::core::convert::From<bool>>::from(self.#field.is_some()))
            });
            match data.flattened() {
                None => {
                    let writes = data.properties().map(|f| {
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
                        #(#checks)*
                        let mut state = serializer.serialize_struct(#name, #required #(#optional_present)*)?;
                        #(#writes)*
                        state.end()
                    }
                }
                // The unknown properties kept go back after the known ones,
                // through a map, as their number is only known at run time.
                Some(extra) => {
                    let extra = &extra.ident;
                    let writes = data.properties().map(|f| {
                        let (field, wire) = (&f.ident, &f.wire);
                        if f.optional {
                            quote! {
                                if let ::core::option::Option::Some(value) = &self.#field {
                                    state.serialize_entry(#wire, value)?;
                                }
                            }
                        } else {
                            quote!(state.serialize_entry(#wire, &self.#field)?;)
                        }
                    });
                    let extra_name = extra.to_string();
                    quote! {
                        use ::ocpp_types::__private::serde::ser::SerializeMap as _;
                        #(#checks)*
                        let len = #required #(#optional_present)* + self.#extra.len();
                        let mut state = serializer.serialize_map(::core::option::Option::Some(len))?;
                        #(#writes)*
                        for (key, value) in &self.#extra {
                            if <__Field as ::ocpp_types::__private::FieldName>::from_wire(key).is_some() {
                                return ::core::result::Result::Err(
                                    ::ocpp_types::__private::flattened_clash(#name, #extra_name, key),
                                );
                            }
                            state.serialize_entry(key, value)?;
                        }
                        state.end()
                    }
                }
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
