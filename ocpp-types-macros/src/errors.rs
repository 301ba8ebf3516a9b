//! Collects every problem found in one item, so the user sees them all at once.

use proc_macro2::TokenStream;
use std::fmt::Display;

/// The compile errors found so far.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Records an error at `span`.
    pub fn push(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.add(syn::Error::new(span, message));
    }

    /// Records an error that points at the tokens of `tokens`.
    pub fn push_at(&mut self, tokens: impl quote::ToTokens, message: impl Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error syn produced.
    pub fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// Whether anything was recorded.
    pub fn any(&self) -> bool {
        self.0.is_some()
    }

    /// Records the errors of `other` too.
    pub fn extend(&mut self, other: Errors) {
        if let Some(error) = other.0 {
            self.add(error);
        }
    }

    /// `Ok` when nothing was recorded, else the errors as `compile_error!`s.
    pub fn into_result(self) -> Result<(), TokenStream> {
        match self.0 {
            None => Ok(()),
            Some(error) => Err(error.to_compile_error()),
        }
    }
}
