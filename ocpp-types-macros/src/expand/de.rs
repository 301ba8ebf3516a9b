//! `Deserialize`, written by hand in the way of serde_derive's struct visitor,
//! but with errors that carry the path to the offending value. Each type also
//! implements the hidden `DeserializeAt`, which is how a parent hands it the
//! path; `Deserialize` starts that path at the type's own name.

use super::limits;
use crate::model::{Data, Enum, Field, Struct, Type};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

pub fn expand(ty: &Type) -> TokenStream {
    let (ident, name, krate) = (&ty.ident, &ty.name, &ty.krate);
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

        struct __Visitor<'__p> {
            __path: #krate::__private::Path<'__p>,
        }

        impl<'de, '__p> #krate::__private::Expect<'de> for __Visitor<'__p> {
            type Value = #ident;

            fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Formatter::write_str(__f, #expecting)
            }

            fn path(&self) -> #krate::__private::Path<'_> {
                self.__path
            }

            #methods
        }

        // Inline like serde_derive's, so serde_json's map access is compiled
        // into the caller rather than called across codegen units.
        impl<'de> #krate::__private::DeserializeAt<'de> for #ident {
            #[inline]
            fn deserialize_at<__D>(
                __deserializer: __D,
                __path: #krate::__private::Path<'_>,
            ) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #krate::__private::serde::Deserializer<'de>,
            {
                #krate::__private::any(
                    __deserializer,
                    __path,
                    #krate::__private::Visit(__Visitor { __path }),
                )
            }
        }

        impl<'de> #krate::__private::serde::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #krate::__private::serde::Deserializer<'de>,
            {
                ::core::result::Result::map_err(
                    <Self as #krate::__private::DeserializeAt<'de>>::deserialize_at(
                        __deserializer,
                        #krate::__private::Path::Root(#name),
                    ),
                    #krate::__private::leaving,
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
    let (ident, name, krate) = (&ty.ident, &ty.name, &ty.krate);
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
    let slots: Vec<_> = properties
        .iter()
        .map(|(i, _)| format_ident!("__slot{}", i, span = Span::mixed_site()))
        .collect();
    let reads = properties.iter().zip(&slots).map(|((index, f), slot)| {
        let wire = &f.wire;
        let read = if f.limits.items.is_some() {
            let limits = limits::name(*index);
            quote!(#krate::__private::limited_items_field(&mut __map, &mut #slot, __path, #name, #wire, &#limits))
        } else if f.limits.any() {
            let limits = limits::name(*index);
            quote!(#krate::__private::limited_field(&mut __map, &mut #slot, __path, #name, #wire, &#limits))
        } else {
            quote!(#krate::__private::field(&mut __map, &mut #slot, __path, #name, #wire))
        };
        // (An optional field's slot reads a `null` as absent under a
        // lenient policy that asks for it.)
        quote!(#read?)
    });

    // Unknown properties: an error on a closed type, kept in the flattened
    // map if there is one, else skipped (but still only once each).
    let flattened = data.flattened().map(|f| &f.ident);
    let (unknown_state, unknown) = match flattened {
        _ if ty.options.deny_unknown_fields.is_some() => (
            quote!(let mut __unknown = #krate::__private::UnknownKeys::new();),
            quote!(#krate::__private::closed_unknown(&mut __map, &mut __unknown, __path, #name, __key, &[#(#wires),*])?),
        ),
        Some(_) => (
            quote! {
                let mut __unknown = #krate::__private::UnknownKeys::new();
                let mut __extra = #krate::Properties::new();
            },
            quote!(#krate::__private::UnknownKeys::keep(&mut __unknown, &mut __map, &mut __extra, __path, #name, __key)?),
        ),
        None => (
            quote!(let mut __unknown = #krate::__private::UnknownKeys::new();),
            quote!(#krate::__private::UnknownKeys::skip(&mut __unknown, &mut __map, __path, #name, __key)?),
        ),
    };

    // An optional field's slot also remembers a `null` read as absent.
    let slot_tys = properties.iter().map(|(_, f)| {
        let value_ty = f.value_ty();
        if f.optional {
            quote!(#krate::__private::OptionalSlot<#value_ty>)
        } else {
            quote!(::core::option::Option<#value_ty>)
        }
    });
    let empties = properties.iter().map(|(_, f)| {
        if f.optional {
            quote!(#krate::__private::OptionalSlot::EMPTY)
        } else {
            quote!(::core::option::Option::None)
        }
    });
    let values: Vec<_> = properties
        .iter()
        .zip(&slots)
        .map(|((_, f), slot)| {
            if f.optional {
                quote!(#krate::__private::OptionalSlot::into_value(#slot))
            } else {
                quote!(#slot)
            }
        })
        .collect();
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
            quote!((::core::option::Option::is_none(&#slot), #wire))
        });
    let bound: Vec<_> = properties
        .iter()
        .zip(&slots)
        .map(|((_, f), slot)| if f.optional { quote!(_) } else { quote!(#slot) })
        .collect();
    let extra = flattened.map(|field| quote!(#field: __extra,));
    let build = quote!(::core::result::Result::Ok(#ident { #(#field_idents: #slots,)* #extra }));
    let build_unchecked =
        quote!(::core::result::Result::Ok(#ident { #(#field_idents: #values,)* #extra }));
    // With no required field there is nothing to check (and a second arm
    // would be unreachable).
    let finish = if data.required().next().is_none() {
        quote!(#build_unchecked)
    } else {
        quote! {
            match (#(#values,)*) {
                (#(#present,)*) => #build,
                (#(#bound,)*) => ::core::result::Result::Err(
                    #krate::__private::missing_fields(__path, #name, &[#(#missing),*]),
                ),
            }
        }
    };
    // With no property, `__Field` has no value: say so to the match, which
    // would need Rust 1.82 to see it alone.
    let known_none = field_idents
        .is_empty()
        .then(|| quote!(#krate::__private::Key::Known(__never) => match __never {},));
    let items = quote! {
        #[allow(non_camel_case_types)]
        enum __Field { #(#field_idents),* }

        impl #krate::__private::FieldName for __Field {
            fn from_wire(__name: &::core::primitive::str) -> ::core::option::Option<Self> {
                match __name {
                    #(#wires => ::core::option::Option::Some(__Field::#field_idents),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
    let methods = quote! {
        #[inline]
        fn map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
        where
            __A: #krate::__private::serde::de::MapAccess<'de>,
        {
            let __path = self.__path;
            #(let mut #slots: #slot_tys = #empties;)*
            #unknown_state
            while let ::core::option::Option::Some(__key) =
                #krate::__private::next_key::<__Field, __A>(&mut __map, __path)?
            {
                match __key {
                    #(#krate::__private::Key::Known(__Field::#field_idents) => #reads,)*
                    #known_none
                    #krate::__private::Key::Unknown(__key) => #unknown,
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
    let (ident, name, krate) = (&ty.ident, &ty.name, &ty.krate);
    let expecting = format!("a {name} string");
    let methods = match data.other() {
        // Unknown strings are an error naming the allowed ones; an
        // `unlisted` variant keeps them where a lenient reading tolerates
        // them...
        None => {
            let keep = match data.unlisted() {
                Some(unlisted) => {
                    let unlisted = &unlisted.ident;
                    quote!(::core::option::Option::Some(#ident::#unlisted))
                }
                None => quote!(::core::option::Option::None),
            };
            quote! {
                fn str<__E>(self, __text: &::core::primitive::str) -> ::core::result::Result<#ident, __E>
                where
                    __E: #krate::__private::serde::de::Error,
                {
                    match __from_wire(__text) {
                        ::core::option::Option::Some(__value) => ::core::result::Result::Ok(__value),
                        // An error, or for a lenient reading a value in
                        // another case, or one kept as it came.
                        ::core::option::Option::None => #krate::__private::unknown_enum_value(
                            self.__path,
                            #name,
                            __text,
                            __WIRE,
                            #ident::ALL,
                            #keep,
                        ),
                    }
                }
            }
        }
        // ... or kept, as they are, by the `other` variant.
        Some(_) => quote! {
            fn str<__E>(self, __text: &::core::primitive::str) -> ::core::result::Result<#ident, __E>
            where
                __E: #krate::__private::serde::de::Error,
            {
                ::core::result::Result::Ok(<#ident as ::core::convert::From<&::core::primitive::str>>::from(__text))
            }

            fn string<__E>(self, __text: ::std::string::String) -> ::core::result::Result<#ident, __E>
            where
                __E: #krate::__private::serde::de::Error,
            {
                ::core::result::Result::Ok(<#ident as ::core::convert::From<::std::string::String>>::from(__text))
            }
        },
    };
    Visitor {
        items: TokenStream::new(),
        expecting,
        methods,
    }
}
