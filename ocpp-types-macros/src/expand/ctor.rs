//! Constructors of a struct: `new` with the required fields in declaration
//! order, and a `with_<field>` setter for each optional field.

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn expand(ty: &Type) -> TokenStream {
    let Data::Struct(data) = &ty.data else {
        return TokenStream::new();
    };
    let (ident, vis, name) = (&ty.ident, &ty.vis, &ty.name);
    let params = data.required().map(|f| {
        let (field, arg) = (&f.ident, argument_type(&f.ty));
        quote!(#field: #arg)
    });
    let inits = data.fields.iter().map(|f| {
        let field = &f.ident;
        match (f.optional, convertible(&f.ty)) {
            _ if !f.is_property() => {
                quote!(#field: ::ocpp_types::__private::serde_json::Map::new())
            }
            (true, _) => quote!(#field: ::core::option::Option::None),
            (false, true) => quote!(#field: ::core::convert::Into::into(#field)),
            (false, false) => quote!(#field),
        }
    });
    let new_doc =
        format!("Creates a `{name}` from its required fields; the optional fields are `None`.");
    let setters = data.fields.iter().filter_map(|f| {
        if !f.optional {
            return None;
        }
        let inner = f.value_ty();
        let field = &f.ident;
        let plain = field.to_string();
        let setter = format_ident!("with_{}", plain.strip_prefix("r#").unwrap_or(&plain));
        let arg = argument_type(inner);
        let value = if convertible(inner) {
            quote!(::core::convert::Into::into(value))
        } else {
            quote!(value)
        };
        let doc = format!("Sets `{}`.", f.wire);
        Some(quote! {
            #[doc = #doc]
            #[must_use]
            #vis fn #setter(mut self, value: #arg) -> Self {
                self.#field = ::core::option::Option::Some(#value);
                self
            }
        })
    });
    quote! {
        // A private type need not use every constructor.
        #[allow(dead_code)]
        impl #ident {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn new(#(#params),*) -> Self {
                Self { #(#inits,)* }
            }

            #(#setters)*
        }
    }
}

/// Whether an argument of this type is taken as `impl Into<T>`: owned
/// containers that are usually built from something else (`&str`, arrays).
fn convertible(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    path.qself.is_none()
        && path
            .path
            .segments
            .last()
            .is_some_and(|s| ["String", "Vec", "Box"].iter().any(|n| s.ident == n))
}

fn argument_type(ty: &syn::Type) -> TokenStream {
    if convertible(ty) {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        quote!(#ty)
    }
}
