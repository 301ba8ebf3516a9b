//! The README's CSMS is `examples/small_csms.rs`, which CI compiles: the two
//! stay the same text.

#[test]
fn the_readmes_csms_is_the_example() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../examples/small_csms.rs");
    let block = format!("```rust,ignore\n{example}```");
    assert!(
        readme.contains(&block),
        "README.md's CSMS differs from examples/small_csms.rs"
    );
}
