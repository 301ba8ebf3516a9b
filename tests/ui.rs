//! Misuse of `#[ocpp_type]` is a compile error that points at the offending
//! tokens and says how to fix it: each file under `tests/ui/` is one misuse,
//! with the compiler's expected output beside it.
//!
//! After a deliberate change of a message, refresh the expectations with
//! `TRYBUILD=overwrite cargo test --test ui` and review the diff.

#[test]
fn misuse_is_a_spanned_compile_error() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
