//! The `#[ocpp_type]` attribute macro. Use it through the `ocpp-types` crate,
//! which re-exports it and holds the runtime items the generated code needs.
//!
//! The work is split in two, so that `#[cfg]` and `#[cfg_attr]` on fields and
//! variants work as they do with serde: the attribute adds the derives to the
//! item (the standard ones and a hidden `OcppType` derive), and that derive,
//! which sees the item as compiled, writes every impl.
//!
//! Each step is one module: the tokens are read into a `model` (with `attr`
//! parsing the macro's own options), `check` runs every rule that can reject
//! it, and `expand` writes the code.

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
    let args = proc_macro2::TokenStream::from(args);
    let tokens = proc_macro2::TokenStream::from(item.clone());
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    let mut errors = errors::Errors::default();
    let options = attr::type_options(args.clone(), &mut errors);
    // Problems with fields and variants are the derive's to report, once.
    // The model takes its input; a second parse is cheaper than syn's
    // `clone-impls` feature at every build.
    let copy = syn::parse2(tokens).expect("parsed once already");
    // Problems with the options of fields and variants are the derive's to
    // report, once; unless the derive won't run.
    let mut inner_errors = errors::Errors::default();
    let ty = model::Type::from_syn(copy, options, &mut inner_errors);
    check::check_item(&input, &ty, &mut errors);
    if errors.any() {
        errors.extend(inner_errors);
    }
    match errors.into_result() {
        Ok(()) => expand::item(&ty, input, args).into(),
        // Keep the item (without our attributes) next to the errors, so the
        // user sees what is wrong with it rather than "type not found" below.
        Err(errors) => {
            let item = expand::item_only(input, &ty);
            quote::quote!(#errors #item).into()
        }
    }
}

/// The impls of an `#[ocpp_type]`, on the item as compiled. Written by
/// `#[ocpp_type]`, not by hand: its options arrive as `#[ocpp(...)]` on the item.
#[doc(hidden)]
#[proc_macro_derive(OcppType, attributes(ocpp))]
pub fn derive_ocpp_type(item: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    let mut errors = errors::Errors::default();
    let options = attr::type_options_of(&input.attrs, &mut errors);
    let ty = model::Type::from_syn(input, options, &mut errors);
    check::check(&ty, &mut errors);
    match errors.into_result() {
        Ok(()) => expand::expand(&ty).into(),
        Err(errors) => errors.into(),
    }
}
