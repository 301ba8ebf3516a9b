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
                let items = f.limits.items.is_some().then(|| {
                    quote!(#krate::__private::check_item_limits::<__S::Error, _>(&self.#field, &#limits, #name, #wire)?;)
                });
                quote! {
                    #krate::__private::check_limits::<__S::Error, _>(&self.#field, &#limits, #name, #wire)?;
                    #items
                }
            });
            // JSON has no NaN nor infinity (serde_json would write `null`,
            // which no field reads back): a float is checked before writing.
            let finite = data.fields.iter().filter(|f| f.holds_floats()).map(|f| {
                let (field, wire) = (&f.ident, &f.wire);
                quote!(#krate::__private::check_finite::<__S::Error, _>(&self.#field, #name, #wire)?;)
            });
            let checks = checks.chain(finite);
            let required = data.required().count();
            let optional_present = data.properties().filter(|f| f.optional).map(|f| {
                let field = &f.ident;
                quote!(+ <::core::primitive::usize as ::core::convert::From<::core::primitive::bool>>::from(::core::option::Option::is_some(&self.#field)))
            });
            match data.flattened() {
                None => {
                    let writes = data.properties().map(|f| {
                        let (field, wire) = (&f.ident, &f.wire);
                        if f.optional {
                            quote! {
                                match &self.#field {
                                    ::core::option::Option::Some(__value) => #krate::__private::serde::ser::SerializeStruct::serialize_field(&mut __state, #wire, __value)?,
                                    ::core::option::Option::None => #krate::__private::serde::ser::SerializeStruct::skip_field(&mut __state, #wire)?,
                                }
                            }
                        } else {
                            quote!(#krate::__private::serde::ser::SerializeStruct::serialize_field(&mut __state, #wire, &self.#field)?;)
                        }
                    });
                    quote! {
                        #(#checks)*
                        let mut __state = #krate::__private::serde::Serializer::serialize_struct(__serializer, #name, #required #(#optional_present)*)?;
                        #(#writes)*
                        #krate::__private::serde::ser::SerializeStruct::end(__state)
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
                                    #krate::__private::serde::ser::SerializeMap::serialize_entry(&mut __state, #wire, __value)?;
                                }
                            }
                        } else {
                            quote!(#krate::__private::serde::ser::SerializeMap::serialize_entry(&mut __state, #wire, &self.#field)?;)
                        }
                    });
                    let extra_name = extra.to_string();
                    quote! {
                        #(#checks)*
                        let __len = #required #(#optional_present)* + #krate::Properties::len(&self.#extra);
                        let mut __state = #krate::__private::serde::Serializer::serialize_map(__serializer, ::core::option::Option::Some(__len))?;
                        #(#writes)*
                        for (__key, __value) in &self.#extra {
                            if ::core::option::Option::is_some(&<__Field as #krate::__private::FieldName>::from_wire(__key)) {
                                return ::core::result::Result::Err(
                                    #krate::__private::flattened_clash(#name, #extra_name, __key),
                                );
                            }
                            #krate::__private::serde::ser::SerializeMap::serialize_entry(&mut __state, __key, __value)?;
                        }
                        #krate::__private::serde::ser::SerializeMap::end(__state)
                    }
                }
            }
        }
        Data::Enum(data) => {
            let write = quote!(#krate::__private::serde::Serializer::serialize_str(__serializer, Self::as_str(self)));
            match data.unlisted() {
                // An unlisted value is written only under a policy that tolerates it.
                Some(unlisted) => {
                    let (unlisted, name) = (&unlisted.ident, &ty.name);
                    quote! {
                        match self {
                            Self::#unlisted(__value) => #krate::__private::write_unlisted(__serializer, #name, __value, __WIRE),
                            _ => #write,
                        }
                    }
                }
                None => write,
            }
        }
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        impl #krate::__private::serde::Serialize for #ident {
            #[inline]
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #krate::__private::serde::Serializer,
            {
                #body
            }
        }

    }
}
