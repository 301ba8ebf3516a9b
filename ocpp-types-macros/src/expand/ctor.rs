//! Constructors of a struct: `new` with the required fields in declaration
//! order, and a `with_<field>` setter for each optional field. Each is as
//! visible as the fields it takes: a setter as its field, `new` as the least
//! visible required field (the others start empty).

use crate::model::{Data, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Visibility;

pub fn expand(ty: &Type) -> TokenStream {
    let Data::Struct(data) = &ty.data else {
        return TokenStream::new();
    };
    let (ident, name, krate) = (&ty.ident, &ty.name, &ty.krate);
    let vis = narrowest(data.required().map(|f| &f.vis)).unwrap_or(&ty.vis);
    let params = data.required().map(|f| {
        let (field, arg) = (&f.ident, argument_type(&f.ty));
        quote!(#field: #arg)
    });
    let inits = data.fields.iter().map(|f| {
        let field = &f.ident;
        match (f.optional, convertible(&f.ty)) {
            _ if !f.is_property() => {
                quote!(#field: #krate::Properties::new())
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
        let (field, vis) = (&f.ident, &f.vis);
        let plain = field.to_string();
        let setter = format_ident!("with_{}", plain.strip_prefix("r#").unwrap_or(&plain));
        let arg = argument_type(inner);
        let value = if convertible(inner) {
            quote!(::core::convert::Into::into(__value))
        } else {
            quote!(__value)
        };
        let doc = format!("Sets `{}`.", f.wire);
        Some(quote! {
            #[doc = #doc]
            #[must_use]
            #vis fn #setter(mut self, __value: #arg) -> Self {
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

/// The least visible of `visibilities`: the one that every other includes;
/// `None` when there are none. When two are restricted to different paths
/// (`pub(super)`, `pub(in crate::a)`), neither includes the other as far as
/// the tokens tell, and the answer is private.
fn narrowest<'a>(visibilities: impl Iterator<Item = &'a Visibility>) -> Option<&'a Visibility> {
    fn rank(vis: &Visibility) -> u8 {
        match vis {
            Visibility::Public(_) => 3,
            Visibility::Restricted(r) if r.path.is_ident("crate") => 2,
            Visibility::Restricted(_) => 1,
            Visibility::Inherited => 0,
        }
    }
    let mut narrowest: Option<&Visibility> = None;
    for vis in visibilities {
        narrowest = Some(match narrowest {
            Some(current) if rank(vis) == 1 && rank(current) == 1 => {
                if quote!(#vis).to_string() != quote!(#current).to_string() {
                    return Some(&Visibility::Inherited);
                }
                current
            }
            Some(current) if rank(vis) >= rank(current) => current,
            _ => vis,
        });
    }
    narrowest
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
