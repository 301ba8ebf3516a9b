//! The constraints of each field, as one `Limits` constant per constrained
//! field, shared by `Serialize`, `Deserialize` and the schema.

use crate::attr::{Bound, Format, Limits};
use crate::model::{Data, Field, Type};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

/// The name of the constant holding the limits of field number `index`.
pub fn name(index: usize) -> syn::Ident {
    format_ident!("__LIMITS_{}", index, span = Span::mixed_site())
}

/// The fields with constraints, with their index among all fields.
pub fn limited(fields: &[Field]) -> impl Iterator<Item = (usize, &Field)> {
    fields.iter().enumerate().filter(|(_, f)| f.limits.any())
}

/// The constants of every constrained field of `ty`.
pub fn consts(ty: &Type) -> TokenStream {
    let Data::Struct(data) = &ty.data else {
        return TokenStream::new();
    };
    let krate = &ty.krate;
    let consts = limited(&data.fields).map(|(index, field)| {
        let name = name(index);
        let value = value(&field.limits, krate);
        quote!(const #name: #krate::__private::Limits = #value;)
    });
    quote!(#(#consts)*)
}

fn value(limits: &Limits, krate: &TokenStream) -> TokenStream {
    let count = |given: Option<crate::attr::Given<u64>>| match given {
        Some(given) => {
            let value = given.value;
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let bound = |given: Option<crate::attr::Given<Bound>>| match given.map(|g| g.value) {
        Some(Bound::Int(v)) => {
            // The sign apart from the literal, which can't be negative.
            let sign = (v < 0).then(|| quote!(-));
            let magnitude = proc_macro2::Literal::u128_unsuffixed(v.unsigned_abs());
            quote!(::core::option::Option::Some(#krate::__private::Number::Int(#sign #magnitude)))
        }
        Some(Bound::Float(v)) => {
            let sign = v.is_sign_negative().then(|| quote!(-));
            let magnitude = proc_macro2::Literal::f64_unsuffixed(v.abs());
            quote!(::core::option::Option::Some(#krate::__private::Number::Float(#sign #magnitude)))
        }
        None => quote!(::core::option::Option::None),
    };
    let format = match limits.format.map(|g| g.value) {
        Some(Format::DateTime) => quote!(::core::option::Option::Some(
            #krate::__private::Format::DateTime
        )),
        Some(Format::Uri) => quote!(::core::option::Option::Some(
            #krate::__private::Format::Uri
        )),
        None => quote!(::core::option::Option::None),
    };
    let multiple_of = bound(limits.multiple_of);
    let strict_integer = limits.strict_integer.is_some();
    let items = match &limits.items {
        Some(items) => {
            let items = value(&items.value, krate);
            quote!(::core::option::Option::Some(&#items))
        }
        None => quote!(::core::option::Option::None),
    };
    let (min_length, max_length) = (count(limits.min_length), count(limits.max_length));
    let (min_items, max_items) = (count(limits.min_items), count(limits.max_items));
    let (minimum, maximum) = (bound(limits.minimum), bound(limits.maximum));
    quote! {
        #krate::__private::Limits {
            min_length: #min_length,
            max_length: #max_length,
            minimum: #minimum,
            maximum: #maximum,
            min_items: #min_items,
            max_items: #max_items,
            format: #format,
            multiple_of: #multiple_of,
            strict_integer: #strict_integer,
            items: #items,
        }
    }
}
