//! `Serialize`: an object's fields in declaration order with `None` left out,
//! or an enum's string.

use super::limits;
use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, krate) = (&ty.ident, &ty.krate);
    let body = match &ty.data {
        Data::Struct(data) => {
            let name = &ty.name;
            // Values built in Rust meet their limits before they are written.
            let checks = limits::limited(&data.fields).map(|(index, f)| {
                let (field, wire, limits) = (&f.ident, &f.wire, limits::name(index));
                quote!(#krate::__private::check_limits::<__S::Error, _>(&self.#field, &#limits, #name, #wire)?;)
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
                                    ::core::option::Option::Some(__value) => __state.serialize_field(#wire, &#krate::__private::Wire(__value, #name, #wire))?,
                                    ::core::option::Option::None => __state.skip_field(#wire)?,
                                }
                            }
                        } else {
                            quote!(__state.serialize_field(#wire, &#krate::__private::Wire(&self.#field, #name, #wire))?;)
                        }
                    });
                    quote! {
                        use #krate::__private::serde::ser::SerializeStruct as _;
                        #(#checks)*
                        let mut __state = __serializer.serialize_struct(#name, #required #(#optional_present)*)?;
                        #(#writes)*
                        __state.end()
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
                                if let ::core::option::Option::Some(__value) = &self.#field {
                                    __state.serialize_entry(#wire, &#krate::__private::Wire(__value, #name, #wire))?;
                                }
                            }
                        } else {
                            quote!(__state.serialize_entry(#wire, &#krate::__private::Wire(&self.#field, #name, #wire))?;)
                        }
                    });
                    let extra_name = extra.to_string();
                    quote! {
                        use #krate::__private::serde::ser::SerializeMap as _;
                        #(#checks)*
                        let __len = #required #(#optional_present)* + self.#extra.len();
                        let mut __state = __serializer.serialize_map(::core::option::Option::Some(__len))?;
                        #(#writes)*
                        for (__key, __value) in &self.#extra {
                            if <__Field as #krate::__private::FieldName>::from_wire(__key).is_some() {
                                return ::core::result::Result::Err(
                                    #krate::__private::flattened_clash(#name, #extra_name, __key),
                                );
                            }
                            __state.serialize_entry(__key, __value)?;
                        }
                        __state.end()
                    }
                }
            }
        }
        Data::Enum(_) => quote!(__serializer.serialize_str(self.as_str())),
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        impl #krate::__private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #krate::__private::serde::Serializer,
            {
                #body
            }
        }

        impl #krate::__private::SerializeField for #ident {
            #[inline]
            fn serialize_field<__S>(
                &self,
                __serializer: __S,
                _: &'static str,
                _: &'static str,
            ) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #krate::__private::serde::Serializer,
            {
                #krate::__private::serde::Serialize::serialize(self, __serializer)
            }
        }
    }
}
