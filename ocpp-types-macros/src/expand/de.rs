//! `Deserialize`, written by hand in the way of serde_derive's struct visitor,
//! but with errors that carry the path to the offending value. Each type also
//! implements the hidden `DeserializeAt`, which is how a parent hands it the
//! path; `Deserialize` starts that path at the type's own name.

use super::limits;
use crate::model::{Data, Enum, Field, Struct, Type};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, name) = (&ty.ident, &ty.name);
    let Visitor {
        items,
        expecting,
        methods,
    } = match &ty.data {
        Data::Struct(data) => struct_visitor(ty, data),
        Data::Enum(data) => enum_visitor(ty, data),
        Data::Union(_) => unreachable!("rejected by the checks"),
    };
    quote! {
        #items

        struct __Visitor<'p> {
            path: ::ocpp_types::__private::Path<'p>,
        }

        impl<'de, 'p> ::ocpp_types::__private::Expect<'de> for __Visitor<'p> {
            type Value = #ident;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#expecting)
            }

            fn path(&self) -> ::ocpp_types::__private::Path<'_> {
                self.path
            }

            #methods
        }

        // Inline like serde_derive's, so serde_json's map access is compiled
        // into the caller rather than called across codegen units.
        impl<'de> ::ocpp_types::__private::DeserializeAt<'de> for #ident {
            #[inline]
            fn deserialize_at<D>(
                deserializer: D,
                path: ::ocpp_types::__private::Path<'_>,
            ) -> ::core::result::Result<Self, D::Error>
            where
                D: ::ocpp_types::__private::serde::Deserializer<'de>,
            {
                deserializer.deserialize_any(::ocpp_types::__private::Visit(__Visitor { path }))
            }
        }

        impl<'de> ::ocpp_types::__private::serde::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::ocpp_types::__private::serde::Deserializer<'de>,
            {
                <Self as ::ocpp_types::__private::DeserializeAt<'de>>::deserialize_at(
                    deserializer,
                    ::ocpp_types::__private::Path::Root(#name),
                )
            }
        }
    }
}

/// What a type's visitor is made of: helper items, what it expects (for
/// errors) and the `Expect` methods of the values it accepts.
struct Visitor {
    items: TokenStream,
    expecting: String,
    methods: TokenStream,
}

/// The visitor of an object: one slot per property, filled key by key, then
/// the required-field check that names every missing field at once.
fn struct_visitor(ty: &Type, data: &Struct) -> Visitor {
    let (ident, name) = (&ty.ident, &ty.name);
    let expecting = format!("a {name} object");
    // The properties, with their index among all fields (for their limits).
    let properties: Vec<(usize, &Field)> = data
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_property())
        .collect();
    let field_idents: Vec<_> = properties.iter().map(|(_, f)| &f.ident).collect();
    let wires: Vec<_> = properties.iter().map(|(_, f)| &f.wire).collect();
    // Locals get mixed-site hygiene, so they can't clash with anything of the user's.
    let slots: Vec<_> = properties
        .iter()
        .map(|(i, _)| format_ident!("slot{}", i, span = Span::mixed_site()))
        .collect();
    let value_tys = properties.iter().map(|(_, f)| f.value_ty());
    let reads = properties.iter().zip(&slots).map(|((index, f), slot)| {
        let wire = &f.wire;
        if f.limits.any() {
            let limits = limits::name(*index);
            quote!(::ocpp_types::__private::limited_field(&mut map, &mut #slot, path, #name, #wire, &#limits)?)
        } else {
            quote!(::ocpp_types::__private::field(&mut map, &mut #slot, path, #name, #wire)?)
        }
    });

    // Unknown properties: an error on a closed type, kept in the flattened
    // map if there is one, else skipped (but still only once each).
    let flattened = data.flattened().map(|f| &f.ident);
    let (unknown_state, unknown) = match flattened {
        _ if ty.options.deny_unknown_fields.is_some() => (
            quote!(),
            quote! {
                return ::core::result::Result::Err(
                    ::ocpp_types::__private::unknown_field(path, #name, &key, &[#(#wires),*]),
                )
            },
        ),
        Some(_) => (
            quote!(let mut extra = ::ocpp_types::__private::serde_json::Map::new();),
            quote!(::ocpp_types::__private::keep_unknown(&mut map, &mut extra, path, #name, key)?),
        ),
        None => (
            quote!(let mut unknown = ::ocpp_types::__private::UnknownKeys::new();),
            quote!(unknown.skip(&mut map, path, #name, key)?),
        ),
    };

    let present: Vec<_> = properties
        .iter()
        .zip(&slots)
        .map(|((_, f), slot)| {
            if f.optional {
                quote!(#slot)
            } else {
                quote!(::core::option::Option::Some(#slot))
            }
        })
        .collect();
    let missing = properties
        .iter()
        .zip(&slots)
        .filter(|((_, f), _)| !f.optional)
        .map(|((_, f), slot)| {
            let wire = &f.wire;
            quote!((#slot.is_none(), #wire))
        });
    let bound: Vec<_> = properties
        .iter()
        .zip(&slots)
        .map(|((_, f), slot)| if f.optional { quote!(_) } else { quote!(#slot) })
        .collect();
    let extra = flattened.map(|field| quote!(#field: extra,));
    let build = quote!(::core::result::Result::Ok(#ident { #(#field_idents: #slots,)* #extra }));
    // With no required field there is nothing to check (and a second arm
    // would be unreachable).
    let finish = if data.required().next().is_none() {
        quote!(#build)
    } else {
        quote! {
            match (#(#slots,)*) {
                (#(#present,)*) => #build,
                (#(#bound,)*) => ::core::result::Result::Err(
                    ::ocpp_types::__private::missing_fields(path, #name, &[#(#missing),*]),
                ),
            }
        }
    };
    let items = quote! {
        #[allow(non_camel_case_types)]
        enum __Field { #(#field_idents),* }

        impl ::ocpp_types::__private::FieldName for __Field {
            fn from_wire(name: &str) -> ::core::option::Option<Self> {
                match name {
                    #(#wires => ::core::option::Option::Some(__Field::#field_idents),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
    let methods = quote! {
        #[inline]
        fn map<A>(self, mut map: A) -> ::core::result::Result<#ident, A::Error>
        where
            A: ::ocpp_types::__private::serde::de::MapAccess<'de>,
        {
            let path = self.path;
            #(let mut #slots: ::core::option::Option<#value_tys> = ::core::option::Option::None;)*
            #unknown_state
            while let ::core::option::Option::Some(key) =
                map.next_key_seed(::ocpp_types::__private::KeySeed::<__Field>::new(path))?
            {
                match key {
                    #(::ocpp_types::__private::Key::Known(__Field::#field_idents) => #reads,)*
                    ::ocpp_types::__private::Key::Unknown(key) => #unknown,
                }
            }
            #finish
        }
    };
    Visitor {
        items,
        expecting,
        methods,
    }
}

/// The visitor of an enum: a string matched exactly against the wire strings.
fn enum_visitor(ty: &Type, data: &Enum) -> Visitor {
    let (ident, name) = (&ty.ident, &ty.name);
    let expecting = format!("a {name} string");
    let methods = match data.other() {
        // Unknown strings are an error naming the allowed ones...
        None => quote! {
            fn str<E>(self, text: &str) -> ::core::result::Result<#ident, E>
            where
                E: ::ocpp_types::__private::serde::de::Error,
            {
                #ident::__from_wire(text).ok_or_else(|| {
                    ::ocpp_types::__private::unknown_value(
                        self.path,
                        ::ocpp_types::ParseEnumError::new(#name, text, #ident::__WIRE),
                    )
                })
            }
        },
        // ... or kept, as they are, by the `other` variant.
        Some(_) => quote! {
            fn str<E>(self, text: &str) -> ::core::result::Result<#ident, E>
            where
                E: ::ocpp_types::__private::serde::de::Error,
            {
                ::core::result::Result::Ok(<#ident as ::core::convert::From<&str>>::from(text))
            }

            fn string<E>(self, text: ::std::string::String) -> ::core::result::Result<#ident, E>
            where
                E: ::ocpp_types::__private::serde::de::Error,
            {
                ::core::result::Result::Ok(<#ident as ::core::convert::From<::std::string::String>>::from(text))
            }
        },
    };
    Visitor {
        items: TokenStream::new(),
        expecting,
        methods,
    }
}
