//! The string API of an enum: `ALL`, `as_str`, `Display`, `FromStr` and
//! `TryFrom<&str>`. Nothing for structs.

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(ty: &Type) -> TokenStream {
    let Data::Enum(data) = &ty.data else {
        return TokenStream::new();
    };
    let (ident, vis, name) = (&ty.ident, &ty.vis, &ty.name);
    let variants: Vec<_> = data.known().map(|v| &v.ident).collect();
    let wires: Vec<_> = data.known().map(|v| &v.wire).collect();
    let all_doc = match data.other() {
        None => format!("Every value of `{name}`, in declaration order."),
        Some(other) => format!(
            "Every known value of `{name}`, in declaration order (`{}` is not one).",
            other.ident
        ),
    };
    // With an `other` variant the string may be its own, and parsing can't
    // fail: `From<&str>` (and so `TryFrom` through the blanket impl) and
    // `From<String>` replace `TryFrom<&str>`.
    let (as_str, parse_error, parse, from) = match data.other() {
        None => (
            quote! {
                /// The string this value is on the wire.
                #vis const fn as_str(&self) -> &'static str {
                    match self {
                        #(Self::#variants => #wires,)*
                    }
                }
            },
            quote!(::ocpp_types::ParseEnumError),
            quote! {
                Self::__from_wire(text)
                    .ok_or_else(|| ::ocpp_types::ParseEnumError::new(#name, text, Self::__WIRE))
            },
            quote! {
                impl ::core::convert::TryFrom<&str> for #ident {
                    type Error = ::ocpp_types::ParseEnumError;

                    fn try_from(text: &str) -> ::core::result::Result<Self, Self::Error> {
                        text.parse()
                    }
                }
            },
        ),
        Some(other) => {
            let other = &other.ident;
            (
                quote! {
                    /// The string this value is on the wire.
                    #vis fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #wires,)*
                            Self::#other(text) => text,
                        }
                    }
                },
                quote!(::core::convert::Infallible),
                quote! {
                    ::core::result::Result::Ok(
                        Self::__from_wire(text)
                            .unwrap_or_else(|| Self::#other(::std::borrow::ToOwned::to_owned(text))),
                    )
                },
                quote! {
                    impl ::core::convert::From<&str> for #ident {
                        fn from(text: &str) -> Self {
                            Self::__from_wire(text)
                                .unwrap_or_else(|| Self::#other(::std::borrow::ToOwned::to_owned(text)))
                        }
                    }

                    impl ::core::convert::From<::std::string::String> for #ident {
                        fn from(text: ::std::string::String) -> Self {
                            Self::__from_wire(&text).unwrap_or(Self::#other(text))
                        }
                    }
                },
            )
        }
    };
    quote! {
        // A private type need not use every conversion.
        #[allow(dead_code)]
        impl #ident {
            #[doc = #all_doc]
            #vis const ALL: &'static [Self] = &[#(Self::#variants),*];

            #as_str

            /// The known value whose wire string is `text`, exactly (case-sensitive).
            fn __from_wire(text: &str) -> ::core::option::Option<Self> {
                match text {
                    #(#wires => ::core::option::Option::Some(Self::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The wire strings, for error messages.
            const __WIRE: &'static [&'static str] = &[#(#wires),*];
        }

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = #parse_error;

            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                #parse
            }
        }

        #from
    }
}
