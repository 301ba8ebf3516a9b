//! The `#[ocpp_type]` attribute macro. Use it through the `ocpp-types` crate,
//! which re-exports it and holds the runtime items the generated code needs.
//!
//! The pipeline, one module a step: the item's tokens are read into a
//! `model` (with `attr` parsing the macro's own options), `check` runs every
//! rule that can reject it, and `expand` writes the code.

mod attr;
mod case;
mod check;
mod errors;
mod expand;
mod model;

use proc_macro::TokenStream;

/// Turns a struct with named fields, or a unit-only enum, into an OCPP type.
///
/// See the documentation of `ocpp_types::ocpp_type` for what it accepts and
/// generates.
#[proc_macro_attribute]
pub fn ocpp_type(args: TokenStream, item: TokenStream) -> TokenStream {
    let tokens = proc_macro2::TokenStream::from(item.clone());
    let item = syn::parse_macro_input!(item as syn::DeriveInput);
    let mut errors = errors::Errors::default();
    let options = attr::type_options(args.into(), &mut errors);
    let ty = model::Type::from_syn(item, options, &mut errors);
    check::check(&ty, &mut errors);
    match errors.into_result() {
        Ok(()) => expand::expand(&ty).into(),
        // Keep the item (without our attributes) next to the errors, so the
        // user sees what is wrong with it rather than "type not found" below.
        Err(errors) => {
            let item = syn::parse2(tokens)
                .map(expand::item_only)
                .unwrap_or_default();
            quote::quote!(#errors #item).into()
        }
    }
}
