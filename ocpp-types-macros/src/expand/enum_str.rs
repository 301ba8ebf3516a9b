//! The string API of an enum: `ALL`, `as_str`, `Display`, `FromStr` and
//! `TryFrom<&str>`; for an open enum (with an `other` variant), the
//! comparisons too, by the string. An `unlisted` variant's string is its
//! own, but parsing stays strict. Nothing for structs.

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let Data::Enum(data) = &ty.data else {
        return TokenStream::new();
    };
    let (ident, vis, name, krate) = (&ty.ident, &ty.vis, &ty.name, &ty.krate);
    let variants: Vec<_> = data.known().map(|v| &v.ident).collect();
    let wires: Vec<_> = data.known().map(|v| &v.wire).collect();
    let all_doc = match data.other().or(data.unlisted()) {
        None => format!("Every value of `{name}`, in declaration order."),
        Some(other) => format!(
            "Every known value of `{name}`, in declaration order (`{}` is not one).",
            other.ident
        ),
    };
    // A value of a closed enum is one of its strings, known at compile
    // time; the `other` and `unlisted` variants hold their own.
    let as_str = match (data.other(), data.unlisted()) {
        (None, None) => quote! {
            /// The string this value is on the wire.
            #vis const fn as_str(&self) -> &'static ::core::primitive::str {
                match self {
                    #(Self::#variants => #wires,)*
                }
            }
        },
        (Some(own), _) | (None, Some(own)) => {
            let own = &own.ident;
            quote! {
                /// The string this value is on the wire.
                #vis fn as_str(&self) -> &::core::primitive::str {
                    match self {
                        #(Self::#variants => #wires,)*
                        Self::#own(__text) => ::core::convert::AsRef::<::core::primitive::str>::as_ref(__text),
                    }
                }
            }
        }
    };
    // With an `other` variant the string may be its own, and parsing can't
    // fail: `From<&str>` (and so `TryFrom` through the blanket impl) and
    // `From<String>` replace `TryFrom<&str>`. An unlisted value is only
    // ever read leniently: parsing stays strict.
    let (parse_error, parse, from) = match data.other() {
        None => (
            quote!(#krate::ParseEnumError),
            quote! {
                ::core::option::Option::ok_or_else(__from_wire(__text), || {
                    #krate::ParseEnumError::new(#name, __text, __WIRE)
                })
            },
            quote! {
                impl ::core::convert::TryFrom<&::core::primitive::str> for #ident {
                    type Error = #krate::ParseEnumError;

                    fn try_from(__text: &::core::primitive::str) -> ::core::result::Result<Self, #krate::ParseEnumError> {
                        <Self as ::core::str::FromStr>::from_str(__text)
                    }
                }
            },
        ),
        Some(other) => {
            let other = &other.ident;
            (
                quote!(::core::convert::Infallible),
                quote! {
                    ::core::result::Result::Ok(<Self as ::core::convert::From<&::core::primitive::str>>::from(__text))
                },
                quote! {
                    impl ::core::convert::From<&::core::primitive::str> for #ident {
                        fn from(__text: &::core::primitive::str) -> Self {
                            ::core::option::Option::unwrap_or_else(__from_wire(__text), || {
                                Self::#other(::std::borrow::ToOwned::to_owned(__text))
                            })
                        }
                    }

                    impl ::core::convert::From<::std::string::String> for #ident {
                        fn from(__text: ::std::string::String) -> Self {
                            ::core::option::Option::unwrap_or(__from_wire(&__text), Self::#other(__text))
                        }
                    }
                },
            )
        }
    };
    // An open enum's values are their strings: `Other("Voltage")` is the
    // value `Voltage`, as reading its string back gives. So they compare
    // (and hash) by the string.
    let compare = data.other().map(|_| {
        quote! {
            impl ::core::cmp::PartialEq for #ident {
                fn eq(&self, __other: &Self) -> ::core::primitive::bool {
                    Self::as_str(self) == Self::as_str(__other)
                }
            }

            impl ::core::cmp::Eq for #ident {}

            impl ::core::hash::Hash for #ident {
                fn hash<__H: ::core::hash::Hasher>(&self, __state: &mut __H) {
                    ::core::hash::Hash::hash(Self::as_str(self), __state)
                }
            }
        }
    });
    quote! {
        // A private type need not use every conversion.
        #[allow(dead_code)]
        impl #ident {
            #[doc = #all_doc]
            #vis const ALL: &'static [Self] = &[#(Self::#variants),*];

            #as_str
        }

        /// The known value whose wire string is `text`, exactly (case-sensitive).
        #[allow(dead_code)]
        fn __from_wire(__text: &::core::primitive::str) -> ::core::option::Option<#ident> {
            match __text {
                #(#wires => ::core::option::Option::Some(#ident::#variants),)*
                _ => ::core::option::Option::None,
            }
        }

        /// The wire strings, for error messages.
        #[allow(dead_code)]
        const __WIRE: &[&::core::primitive::str] = &[#(#wires),*];

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Formatter::pad(__f, Self::as_str(self))
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = #parse_error;

            fn from_str(__text: &::core::primitive::str) -> ::core::result::Result<Self, #parse_error> {
                #parse
            }
        }

        #from
        #compare
    }
}
