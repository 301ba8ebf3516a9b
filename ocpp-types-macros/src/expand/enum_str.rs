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
    let variants: Vec<_> = data.variants.iter().map(|v| &v.ident).collect();
    let wires: Vec<_> = data.variants.iter().map(|v| &v.wire).collect();
    let all_doc = format!("Every value of `{name}`, in the order of the spec.");
    quote! {
        impl #ident {
            #[doc = #all_doc]
            #vis const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The string this value is on the wire.
            #vis const fn as_str(&self) -> &'static str {
                match self {
                    #(Self::#variants => #wires,)*
                }
            }

            /// The value whose wire string is `text`, exactly (case-sensitive).
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
            type Err = ::ocpp_types::ParseEnumError;

            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::__from_wire(text)
                    .ok_or_else(|| ::ocpp_types::ParseEnumError::new(#name, text, Self::__WIRE))
            }
        }

        impl ::core::convert::TryFrom<&str> for #ident {
            type Error = ::ocpp_types::ParseEnumError;

            fn try_from(text: &str) -> ::core::result::Result<Self, Self::Error> {
                text.parse()
            }
        }
    }
}
