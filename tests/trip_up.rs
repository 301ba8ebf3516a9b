//! User types written to trip the expansion of `#[ocpp_type]` up, in the
//! spirit of serde's `test_gen.rs`: types, variants, fields and constants
//! named like what the generated code names, in modules where the prelude is
//! shadowed or missing, and the `crate = "..."` option. Generated code that
//! named anything by a short path, or bound a local without the `__` prefix,
//! would not compile here. The tests at the end check that the types work.
//!
//! The one clash by design: `new` takes the required fields as parameters of
//! the same names, so a constant (or static) named like a required field of
//! a struct in its scope is a compile error, as it would be in the user's own
//! `fn new(key: ...)`. The constants below live apart from such fields.

use ocpp_types::OcppType;
use serde_json::json;

/// Types named after the prelude, the runtime's items (`Path`, `Value`,
/// `Map`, ...) and the generic parameters of the generated impls without
/// their `__`. Inside this module `Option`, `String`, `Vec`, `Box` and
/// `Result` are these types, so the standard ones are spelled out.
pub mod names {
    use ocpp_types::ocpp_type;

    /// Named like the `MapAccess` parameter of the generated `map`
    #[ocpp_type]
    pub struct A {
        pub e: E,
        pub d: ::core::option::Option<D>,
    }

    /// Named like the error parameter of the generated `str`, with variants
    /// named like types of this module
    #[ocpp_type]
    pub enum E {
        A,
        E,
        S,
    }

    /// Named like the deserializer parameter
    #[ocpp_type]
    pub struct D {
        pub s: S,
        pub h: ::core::option::Option<::std::boxed::Box<H>>,
    }

    /// Named like the serializer parameter
    #[ocpp_type(rename_all = "lowercase")]
    pub enum S {
        A,
        E,
        Ok,
        Err,
    }

    /// Named like the hasher parameter: an open enum has a generated `Hash`
    #[ocpp_type]
    pub enum H {
        A,
        E,
        #[ocpp(other)]
        Other(::std::string::String),
    }

    /// `Result` is an object
    #[ocpp_type]
    pub struct Result {
        pub ok: Ok,
        pub some: ::core::option::Option<Some>,
    }

    /// `Ok` is an enum with variants `Ok` and `Err`
    #[ocpp_type]
    pub enum Ok {
        Ok,
        Err,
    }

    /// `Option` is an enum with variants `Some` and `None`
    #[ocpp_type]
    pub enum Option {
        Some,
        None,
    }

    /// `Some` holds an `Option`, not an optional value
    #[ocpp_type]
    pub struct Some {
        pub option: Option,
        pub none: ::core::option::Option<None>,
    }

    /// `None` is a closed object without fields
    #[ocpp_type(deny_unknown_fields)]
    pub struct None {}

    /// `String` is an open enum: it converts from the standard `String`
    #[ocpp_type]
    pub enum String {
        None,
        Some,
        #[ocpp(other)]
        Other(::std::string::String),
    }

    /// `Vec` holds vectors of this module's `String` and `Ok`
    #[ocpp_type]
    pub struct Vec {
        pub strings: ::std::vec::Vec<String>,
        #[ocpp(max_items = 2)]
        pub oks: ::core::option::Option<::std::vec::Vec<Ok>>,
    }

    /// `Box` contains itself through the standard `Box`
    #[ocpp_type]
    pub struct Box {
        #[ocpp(max_length = 8)]
        pub name: ::std::string::String,
        pub next: ::core::option::Option<::std::boxed::Box<Box>>,
    }

    /// `Path` is an object of `Field`s
    #[ocpp_type(deny_unknown_fields)]
    pub struct Path {
        pub fields: ::std::vec::Vec<Field>,
    }

    /// `Value` holds a `serde_json::Value` and a bounded number
    #[ocpp_type]
    pub struct Value {
        pub any: ::serde_json::Value,
        #[ocpp(minimum = -1, maximum = 1)]
        pub small: ::core::option::Option<i8>,
    }

    /// `Map` keeps unknown properties in a `serde_json::Map`
    #[ocpp_type]
    pub struct Map {
        pub value: ::core::option::Option<Value>,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    /// `Visitor` is an enum whose variants are named like the helper types
    #[ocpp_type(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Visitor {
        Visitor,
        Field,
        Other,
    }

    /// `Field` has variants named like the `other` variant and the standard
    /// enums' variants, none of them `#[ocpp(other)]`, and one spelled like
    /// the generated constant `ALL` on the wire
    #[ocpp_type]
    pub enum Field {
        A,
        E,
        Other,
        None,
        Some,
        Ok,
        Err,
        Error,
        // A variant named `ALL` would hide the generated list of values
        // (a compile error, tests/ui): the string is kept by a rename.
        #[ocpp(rename = "ALL")]
        All,
    }

    /// An open enum with the value `ALL` beside its `other` variant
    #[ocpp_type]
    pub enum Every {
        #[ocpp(rename = "ALL")]
        All,
        None,
        #[ocpp(other)]
        Other(::std::string::String),
    }
}

/// Fields named like the locals, parameters and helpers of the generated
/// code (without their `__`), on an open object with a flattened field, an
/// object that skips unknown properties and a closed one.
pub mod fields {
    use ocpp_types::ocpp_type;

    /// Every field optional but two, and the flattened one named `extra`
    #[ocpp_type]
    pub struct Locals {
        pub path: String,
        #[ocpp(max_length = 4)]
        pub key: String,
        pub value: Option<serde_json::Value>,
        pub map: Option<std::collections::BTreeMap<String, u8>>,
        pub text: Option<String>,
        pub unknown: Option<bool>,
        pub state: Option<u8>,
        pub serializer: Option<u8>,
        pub deserializer: Option<u8>,
        pub f: Option<f64>,
        #[ocpp(maximum = 10)]
        pub len: Option<u64>,
        pub defs: Option<Vec<u8>>,
        pub properties: Option<Box<Locals>>,
        pub self_: Option<bool>,
        pub r#type: Option<String>,
        pub r#match: Option<String>,
        #[ocpp(flatten)]
        pub extra: ::ocpp_types::Properties,
    }

    /// The same names, all required: each one a parameter of `new`; unknown
    /// properties are skipped
    #[ocpp_type]
    pub struct Required {
        pub path: u8,
        pub key: u8,
        pub value: u8,
        pub map: u8,
        pub text: u8,
        pub extra: u8,
        pub unknown: u8,
        pub state: u8,
        pub serializer: u8,
        pub deserializer: u8,
        pub f: u8,
        #[ocpp(minimum = 1)]
        pub len: u8,
        pub defs: u8,
        pub properties: u8,
        pub self_: u8,
        pub r#type: u8,
        pub r#match: u8,
    }

    /// A closed object whose flattened-looking names are plain fields
    #[ocpp_type(deny_unknown_fields, rename_all = "camelCase")]
    pub struct Closed {
        pub extra: Option<u8>,
        pub unknown: Option<u8>,
        pub key: Option<String>,
        pub self_: Option<bool>,
    }

    /// An open object whose flattened field is named `map`, beside fields
    /// named `extra` and `len`
    #[ocpp_type]
    pub struct OpenMap {
        pub extra: Option<u8>,
        pub len: Option<u8>,
        #[ocpp(flatten)]
        pub map: ::ocpp_types::Properties,
    }
}

/// Constants and statics named like the locals of the generated code
/// (without their `__`), in scope of types of every kind. None of the types
/// has a required field of the same name: that clash is by design.
pub mod consts {
    #![allow(non_upper_case_globals, dead_code)]

    use ocpp_types::ocpp_type;

    pub const path: &str = "path";
    pub const key: &str = "key";
    pub const value: &str = "value";
    pub const map: &str = "map";
    pub const text: &str = "text";
    pub const extra: &str = "extra";
    pub const unknown: &str = "unknown";
    pub const state: &str = "state";
    pub const serializer: &str = "serializer";
    pub const deserializer: &str = "deserializer";
    pub const f: &str = "f";
    pub const len: usize = 0;
    pub const defs: &str = "defs";
    pub const properties: &str = "properties";
    pub const name: &str = "name";
    pub const slot0: Option<u8> = None;
    pub const slot1: Option<String> = None;
    pub static other: &str = "other";
    pub static never: &str = "never";

    /// Required, optional, constrained and flattened fields
    #[ocpp_type]
    pub struct Open {
        #[ocpp(min_length = 1)]
        pub label: String,
        pub count: Option<u8>,
        #[ocpp(min_items = 1)]
        pub items: Vec<Kind>,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    /// Unknown properties skipped
    #[ocpp_type]
    pub struct Skipping {
        pub label: String,
        pub count: Option<u8>,
    }

    /// Unknown properties refused
    #[ocpp_type(deny_unknown_fields)]
    pub struct Closed {
        pub label: String,
        #[ocpp(format = "date-time")]
        pub at: Option<String>,
    }

    /// No fields
    #[ocpp_type]
    pub struct Empty {}

    /// A closed enum
    #[ocpp_type]
    pub enum Kind {
        One,
        Two,
    }

    /// An open enum
    #[ocpp_type]
    pub enum OpenKind {
        One,
        #[ocpp(other)]
        Other(String),
    }
}

/// Items named like the prelude, the standard derives, the crates the
/// generated code names and the runtime's items, shadowing them where the
/// `#[ocpp_type]`s live. The fields spell out the standard types.
pub mod shadows {
    #![allow(dead_code, non_camel_case_types, unused_macros)]

    use ::ocpp_types::ocpp_type;

    pub struct Option;
    pub struct Some;
    pub struct None;
    pub type Result = ();
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Formatter;
    pub struct Infallible;
    pub struct ParseEnumError;
    pub struct Path;
    pub struct Value;
    pub struct Map;
    pub struct Limits;
    pub struct Bound;
    pub struct Format;
    pub struct Key;
    pub struct Wire;
    pub struct Defs;
    pub trait Clone {}
    pub trait Copy {}
    pub trait Debug {}
    pub trait PartialEq {}
    pub trait Eq {}
    pub trait Hash {}
    pub trait Hasher {}
    pub trait Default {}
    pub trait Into {}
    pub trait From {}
    pub trait TryFrom {}
    pub trait FromStr {}
    pub trait ToOwned {}
    pub trait ToString {}
    pub trait Display {}
    pub trait Iterator {}
    pub trait IntoIterator {}
    pub trait Serialize {}
    pub trait Deserialize {}
    pub trait Serializer {}
    pub trait Deserializer {}
    pub trait OcppType {}
    pub trait Schema {}
    pub trait Expect {}
    pub fn drop() {}
    pub mod core {}
    pub mod std {}
    pub mod alloc {}
    pub mod serde {}
    pub mod serde_json {}
    pub mod ocpp_types {}
    macro_rules! concat {
        ($($tokens:tt)*) => {
            compile_error!("the user's concat!")
        };
    }

    /// An object with every kind of field
    #[ocpp_type(rename_all = "camelCase")]
    pub struct Shadowed {
        #[ocpp(max_length = 5)]
        pub short_text: ::std::string::String,
        pub maybe: ::core::option::Option<u8>,
        #[ocpp(minimum = -1.5)]
        pub level: ::std::option::Option<f64>,
        pub list: ::std::vec::Vec<ShadowedKind>,
        pub next: ::core::option::Option<::std::boxed::Box<Shadowed>>,
        pub open: ::core::option::Option<ShadowedOpen>,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    #[doc = ::core::concat!("Described by ", ::core::stringify!(a macro))]
    #[ocpp_type(deny_unknown_fields)]
    pub struct ShadowedClosed {
        pub any: ::serde_json::Value,
    }

    /// A closed enum
    #[ocpp_type]
    pub enum ShadowedKind {
        Some,
        None,
    }

    /// An open enum
    #[ocpp_type]
    pub enum ShadowedOpen {
        Ok,
        #[ocpp(other)]
        Err(::std::string::String),
    }
}

/// Without the prelude (nor the extern prelude: crates by `::name` only),
/// every kind of field, option and enum.
#[no_implicit_prelude]
pub mod bare {
    /// Constraints of every kind, a flattened map and a box
    #[::ocpp_types::ocpp_type(rename_all = "camelCase")]
    pub struct Bare {
        #[ocpp(min_length = 1, max_length = 5)]
        pub short_text: ::std::string::String,
        #[ocpp(minimum = -3, maximum = 3)]
        pub small: i32,
        #[ocpp(maximum = 2.5)]
        pub level: ::core::option::Option<f32>,
        #[ocpp(min_items = 1, max_items = 2)]
        pub kinds: ::std::vec::Vec<BareKind>,
        #[ocpp(format = "date-time")]
        pub at: ::core::option::Option<::std::string::String>,
        pub map: ::core::option::Option<
            ::std::collections::HashMap<::std::string::String, ::std::boxed::Box<Bare>>,
        >,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    #[doc = ::core::stringify!(Closed without the prelude)]
    #[::ocpp_types::ocpp_type(deny_unknown_fields, crate = "::ocpp_types")]
    pub struct BareClosed {
        pub flag: ::core::option::Option<bool>,
    }

    /// A closed enum
    #[::ocpp_types::ocpp_type(rename_all = "kebab-case")]
    pub enum BareKind {
        FirstKind,
        SecondKind,
    }

    /// An open enum
    #[::ocpp_types::ocpp_type]
    pub enum BareOpen {
        Known,
        #[ocpp(other)]
        Other(::std::string::String),
    }

    /// Through a re-export, without the prelude
    #[crate::reexport::inner::ocpp_type(crate = "crate::reexport::inner")]
    pub struct BareReexported {
        pub kind: BareKind,
    }
}

/// `ocpp_types` under another path.
pub mod reexport {
    pub use ::ocpp_types as inner;
}

/// Types that find the crate through `crate = "..."`, in a module where
/// `ocpp_types` is a module of the user's.
pub mod through_reexport {
    use crate::reexport::inner;

    pub mod ocpp_types {}

    /// Every use of the crate path: limits, a flattened map, descriptions
    #[inner::ocpp_type(crate = "crate::reexport::inner")]
    pub struct Reexported {
        #[ocpp(max_length = 3)]
        pub code: String,
        pub kind: Option<ReexportedKind>,
        pub open: Option<ReexportedOpen>,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    /// The crate path relative to this module
    #[inner::ocpp_type(crate = "inner", deny_unknown_fields)]
    pub struct Relative {
        #[ocpp(minimum = 0.5)]
        pub level: f64,
    }

    /// A closed enum
    #[crate::reexport::inner::ocpp_type(crate = "crate::reexport::inner")]
    pub enum ReexportedKind {
        Only,
    }

    #[doc = concat!("An open enum, ", "described by a macro")]
    #[inner::ocpp_type(crate = "self::inner")]
    pub enum ReexportedOpen {
        Known,
        #[ocpp(other)]
        Other(String),
    }
}

/// The trip-up types used by one another.
pub mod uses {
    use crate::{bare, consts, fields, names, shadows, through_reexport};
    use ocpp_types::ocpp_type;

    /// A field of every trip-up type
    #[ocpp_type]
    pub struct Everything {
        pub a: names::A,
        pub result: names::Result,
        pub option: Option<names::Option>,
        pub some: Option<Box<names::Some>>,
        pub nones: Vec<names::None>,
        pub string: names::String,
        pub strings: Option<Vec<names::String>>,
        pub vec: Option<names::Vec>,
        pub boxed: Option<Box<names::Box>>,
        pub path: Option<names::Path>,
        pub value: Option<names::Value>,
        pub map: Option<names::Map>,
        pub visitor: Option<names::Visitor>,
        pub every: Option<names::Every>,
        pub locals: Option<Box<fields::Locals>>,
        pub required: Option<fields::Required>,
        pub closed: Option<fields::Closed>,
        pub open_map: Option<fields::OpenMap>,
        pub consts: Option<consts::Open>,
        pub open_kind: Option<consts::OpenKind>,
        pub shadowed: Option<shadows::Shadowed>,
        pub bare: Option<Box<bare::Bare>>,
        pub bare_open: Option<bare::BareOpen>,
        pub reexported: Option<through_reexport::Reexported>,
        pub relative: Option<through_reexport::Relative>,
    }
}

use uses::Everything;

fn everything() -> serde_json::Value {
    json!({
        "a": {"e": "E", "d": {"s": "ok", "h": "F"}},
        "result": {"ok": "Err", "some": {"option": "None", "none": {}}},
        "option": "Some",
        "some": {"option": "Some"},
        "nones": [{}, {}],
        "string": "Other",
        "strings": ["None", "Some"],
        "vec": {"strings": [], "oks": ["Ok", "Err"]},
        "boxed": {"name": "outer", "next": {"name": "inner"}},
        "path": {"fields": ["ALL", "Other", "None", "Err"]},
        "value": {"any": [null, {"a": 1}], "small": -1},
        "map": {"value": {"any": null}, "key": "kept"},
        "visitor": "VISITOR",
        "every": "ALL",
        "locals": {
            "path": "p",
            "key": "k",
            "text": "t",
            "len": 10,
            "properties": {"path": "inner", "key": "ik", "self_": true},
            "type": "t",
            "match": "m",
            "extra": 1,
        },
        "required": {
            "path": 0, "key": 1, "value": 2, "map": 3, "text": 4, "extra": 5,
            "unknown": 6, "state": 7, "serializer": 8, "deserializer": 9, "f": 10,
            "len": 11, "defs": 12, "properties": 13, "self_": 14, "type": 15, "match": 16,
        },
        "closed": {"extra": 1, "unknown": 2, "self": true},
        "open_map": {"extra": 1, "len": 2, "map": 3},
        "consts": {"label": "l", "items": ["One"], "path": "kept"},
        "open_kind": "Three",
        "shadowed": {"shortText": "short", "list": ["Some"], "open": "Unknown", "x": 1},
        "bare": {"shortText": "b", "small": -3, "kinds": ["second-kind"], "at": "2026-11-27T10:00:00Z"},
        "bare_open": "Known",
        "reexported": {"code": "abc", "kind": "Only", "open": "New", "more": true},
        "relative": {"level": 0.5},
    })
}

#[test]
fn the_trip_up_types_round_trip() {
    let value: Everything = serde_json::from_value(everything()).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), everything());
    // The same through the crate's own reader.
    let text = everything().to_string();
    let read: Everything = ocpp_types::from_str(&text).unwrap();
    assert_eq!(read, value);
    assert_eq!(
        ocpp_types::from_str::<names::Option>(r#""None""#).unwrap(),
        names::Option::None
    );
    assert_eq!(
        ocpp_types::from_str::<names::Result>(r#"{"ok": "Ok", "some": {"option": "Some"}}"#)
            .unwrap(),
        names::Result::new(names::Ok::Ok).with_some(names::Some::new(names::Option::Some)),
    );
}

#[test]
fn values_built_in_rust_are_the_ones_read() {
    let value: Everything = serde_json::from_value(everything()).unwrap();
    assert_eq!(value.a.d.as_ref().unwrap().s, names::S::Ok);
    assert_eq!(
        value.a.d.as_ref().unwrap().h,
        Some(Box::new(names::H::Other("F".into())))
    );
    assert_eq!(value.string, names::String::Other("Other".into()));
    assert_eq!(
        value.boxed.as_deref(),
        Some(&names::Box::new("outer").with_next(names::Box::new("inner")))
    );
    let locals = value.locals.as_deref().unwrap();
    let mut extra = ocpp_types::Properties::new();
    extra.insert("extra", json!(1));
    let expected = fields::Locals::new("p", "k")
        .with_text("t")
        .with_len(10)
        .with_properties(fields::Locals::new("inner", "ik").with_self_(true))
        .with_type("t")
        .with_match("m");
    assert_eq!(locals.extra, extra);
    assert_eq!(
        fields::Locals {
            extra: ocpp_types::Properties::new(),
            ..locals.clone()
        },
        expected
    );
    assert_eq!(
        value.required,
        Some(fields::Required::new(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
        ))
    );
    assert_eq!(
        value.closed,
        Some(
            fields::Closed::new()
                .with_extra(1)
                .with_unknown(2)
                .with_self_(true)
        )
    );
}

#[test]
fn names_are_the_rust_names() {
    assert_eq!(names::Result::NAME, "Result");
    assert_eq!(names::Option::NAME, "Option");
    assert_eq!(names::String::NAME, "String");
    assert_eq!(names::Box::NAME, "Box");
    assert_eq!(names::Map::NAME, "Map");
    assert_eq!(names::Visitor::NAME, "Visitor");
    assert_eq!(names::E::NAME, "E");
    assert_eq!(
        names::Option::DESCRIPTION,
        "`Option` is an enum with variants `Some` and `None`"
    );
    assert_eq!(shadows::ShadowedClosed::DESCRIPTION, "Described by a macro");
    assert_eq!(
        through_reexport::ReexportedOpen::DESCRIPTION,
        "An open enum, described by a macro"
    );
    let schema = Everything::json_schema();
    for name in [
        "A", "E", "D", "S", "H", "Result", "Ok", "Option", "Some", "None",
    ] {
        assert!(schema["$defs"].get(name).is_some(), "{name}");
    }
    assert_eq!(
        schema["$defs"]["Field"]["enum"],
        json!(["A", "E", "Other", "None", "Some", "Ok", "Err", "Error", "ALL"])
    );
    assert_eq!(
        schema["$defs"]["Visitor"]["enum"],
        json!(["VISITOR", "FIELD", "OTHER"])
    );
}

#[test]
fn the_value_all_keeps_the_list_of_values() {
    // `Field::ALL` is the generated list; the value "ALL" is `Field::All`.
    assert_eq!(names::Field::ALL.len(), 9);
    assert_eq!(names::Field::All.as_str(), "ALL");
    assert_eq!("ALL".parse::<names::Field>(), Ok(names::Field::All));
    assert_eq!(names::Every::All.as_str(), "ALL");
    assert_eq!(names::Every::ALL, [names::Every::All, names::Every::None]);
    assert_eq!(names::Every::from("all"), names::Every::Other("all".into()));
    // Other enums keep their list.
    assert_eq!(names::Ok::ALL, [names::Ok::Ok, names::Ok::Err]);
    assert_eq!(
        names::Option::ALL,
        [names::Option::Some, names::Option::None]
    );
}

#[test]
fn the_enums_convert_to_and_from_their_strings() {
    assert_eq!(names::S::Err.to_string(), "err");
    assert_eq!("ok".parse::<names::S>(), Ok(names::S::Ok));
    assert_eq!(
        "Ok".parse::<names::S>().unwrap_err().to_string(),
        "unknown S value `Ok`, expected `ok` (values are case-sensitive)"
    );
    assert_eq!(names::String::from("Some"), names::String::Some);
    assert_eq!(names::String::from("Other".to_owned()).as_str(), "Other");
    assert_eq!(names::H::from("E"), names::H::E);
    assert_eq!(names::Field::try_from("Error"), Ok(names::Field::Error));
    assert!(names::Field::try_from("error").is_err());
    assert_eq!(bare::BareKind::FirstKind.as_str(), "first-kind");
    assert_eq!(shadows::ShadowedOpen::from("Ok"), shadows::ShadowedOpen::Ok);
}

#[test]
fn limits_hold_wherever_the_type_lives() {
    let error = serde_json::from_value::<names::Box>(json!({"name": "far too long"}))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("Box.name: string of 12 characters"),
        "{error}"
    );
    let error = serde_json::from_value::<bare::Bare>(
        json!({"shortText": "b", "small": 4, "kinds": ["first-kind"]}),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("Bare.small: "), "{error}");
    let error = serde_json::from_value::<through_reexport::Relative>(json!({"level": 0.25}))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("Relative.level: "), "{error}");
    let error = serde_json::to_string(&consts::Open::new("", [consts::Kind::One]))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("Open.label: "), "{error}");
    let error = serde_json::from_value::<consts::Closed>(json!({"label": "l", "name": 1}))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("Closed: unknown field `name`"), "{error}");
}

#[test]
fn types_through_a_reexport_and_without_the_prelude_work() {
    let value = bare::BareReexported::new(bare::BareKind::SecondKind);
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(text, r#"{"kind":"second-kind"}"#);
    assert_eq!(
        ocpp_types::from_str::<bare::BareReexported>(&text).unwrap(),
        value
    );
    assert_eq!(
        serde_json::from_str::<bare::BareClosed>(r#"{"flag": true}"#).unwrap(),
        bare::BareClosed::new().with_flag(true)
    );
    assert_eq!(bare::BareClosed::DESCRIPTION, "Closed without the prelude");
    assert_eq!(
        through_reexport::Reexported::json_schema()["properties"]["code"]["maxLength"],
        3
    );
}

/// A trait in scope with a blanket impl and by-value methods named like the
/// methods the generated code calls: a method call would pick these, so the
/// generated code calls every method through its type or trait.
pub mod hijacked_methods {
    // The names are the point; clippy's naming advice is not.
    #![allow(dead_code, clippy::len_without_is_empty, clippy::wrong_self_convention)]

    use ocpp_types::ocpp_type;

    pub trait Hijack: Sized {
        fn end(self) -> u8 {
            0
        }
        fn is_none(self) -> u8 {
            0
        }
        fn is_some(self) -> u8 {
            0
        }
        fn len(self) -> u8 {
            0
        }
        fn insert(self) -> u8 {
            0
        }
        fn skip(self) -> u8 {
            0
        }
        fn serialize_field(self) -> u8 {
            0
        }
        fn skip_field(self) -> u8 {
            0
        }
        fn serialize_entry(self) -> u8 {
            0
        }
        fn as_str(self) -> u8 {
            0
        }
        fn write_str(self) -> u8 {
            0
        }
        fn pad(self) -> u8 {
            0
        }
        fn map_err(self) -> u8 {
            0
        }
        fn ok_or_else(self) -> u8 {
            0
        }
        fn unwrap_or(self) -> u8 {
            0
        }
        fn unwrap_or_else(self) -> u8 {
            0
        }
        fn property(self) -> u8 {
            0
        }
        fn reference(self) -> u8 {
            0
        }
    }
    impl<T> Hijack for T {}

    /// Optional fields, limits and a closed object
    #[ocpp_type(deny_unknown_fields)]
    pub struct Hijacked {
        #[ocpp(max_length = 5)]
        pub name: Option<String>,
        pub kind: Kinds,
        pub open: Option<OpenKind>,
    }

    /// Kept unknown properties
    #[ocpp_type]
    pub struct Flattened {
        pub a: Option<u8>,
        #[ocpp(flatten)]
        pub rest: ::ocpp_types::Properties,
    }

    /// A closed enum
    #[ocpp_type]
    pub enum Kinds {
        One,
        Two,
    }

    /// An open enum
    #[ocpp_type]
    pub enum OpenKind {
        Known,
        #[ocpp(other)]
        Unknown(String),
    }
}

/// Types named like the primitive types the generated code uses.
pub mod primitives {
    #![allow(dead_code, non_camel_case_types)]

    use ocpp_types::ocpp_type;

    pub struct str;
    pub struct bool;
    pub struct usize;
    pub struct u8;

    /// Beside shadowed primitives
    #[ocpp_type]
    pub struct Beside {
        pub flag: Option<::core::primitive::bool>,
        pub text: ::std::string::String,
        #[ocpp(maximum = 9)]
        pub small: ::core::primitive::u8,
    }

    /// An enum beside them
    #[ocpp_type]
    pub enum Side {
        Left,
        #[ocpp(other)]
        Other(::std::string::String),
    }
}

#[test]
fn hijacking_methods_and_shadowed_primitives_change_nothing() {
    use hijacked_methods::{Flattened, Hijacked, Kinds, OpenKind};
    let value = Hijacked::new(Kinds::Two)
        .with_name("n")
        .with_open(OpenKind::Unknown("x".into()));
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(text, r#"{"name":"n","kind":"Two","open":"x"}"#);
    assert_eq!(ocpp_types::from_str::<Hijacked>(&text).unwrap(), value);
    let kept: Flattened = serde_json::from_str(r#"{"a": 1, "b": 2}"#).unwrap();
    assert_eq!(serde_json::to_string(&kept).unwrap(), r#"{"a":1,"b":2}"#);
    assert_eq!(OpenKind::Known.as_str(), "Known");

    let value = primitives::Beside::new("t", 9).with_flag(true);
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(
        ocpp_types::from_str::<primitives::Beside>(&text).unwrap(),
        value
    );
    assert_eq!(
        "Left".parse::<primitives::Side>(),
        Ok(primitives::Side::Left)
    );
}

/// Two types of one name, from two modules, in one document.
pub mod same_name {
    pub mod a {
        /// A struct named Status
        #[ocpp_types::ocpp_type]
        pub struct Status {
            pub x: u8,
        }
    }
    pub mod b {
        /// An enum named Status
        #[ocpp_types::ocpp_type]
        pub enum Status {
            On,
            Off,
        }
    }

    /// Uses both
    #[ocpp_types::ocpp_type]
    pub struct Both {
        pub a: a::Status,
        pub b: b::Status,
        pub again: Option<a::Status>,
    }
}

#[test]
fn two_types_of_one_name_get_two_definitions_in_a_schema() {
    use ocpp_types::OcppType;
    let schema = same_name::Both::json_schema();
    assert_eq!(schema["properties"]["a"]["$ref"], "#/$defs/Status");
    assert_eq!(schema["properties"]["b"]["$ref"], "#/$defs/Status2");
    assert_eq!(schema["properties"]["again"]["$ref"], "#/$defs/Status");
    assert_eq!(schema["$defs"]["Status"]["type"], "object");
    assert_eq!(schema["$defs"]["Status2"]["enum"], json!(["On", "Off"]));
}
