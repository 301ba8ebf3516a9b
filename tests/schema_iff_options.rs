//! The iff property for the options of `#[ocpp_type]`: for types that use
//! every option (`rename_all`, `rename`, `min_length`/`max_length`,
//! `minimum`/`maximum`, `min_items`/`max_items`, `format = "date-time"`,
//! maps, `other`, `flatten`), a document is accepted by the type's
//! `Deserialize` if and only if it is valid against its `json_schema()`, as
//! judged by `jsonschema` (draft 2020-12) **with format validation on**.
//!
//! Proptest draws valid documents from a hand-written description of each
//! type (a [`Shape`]), near-misses (valid ones with one or two mutations at
//! or just beyond a limit somewhere in the tree) and arbitrary JSON. Rule
//! tests then go through hand-picked edge cases exhaustively and compare
//! both sides with the verdict RFC 3339, the JSON Schema test suite or plain
//! arithmetic gives.
//!
//! `PROPTEST_CASES=N` runs N cases per type instead of 1024.

mod iff;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};

use iff::{
    at, camel_or_snake, float, int_bounds, int_value, next_down, next_up, opt, req, sites,
    toggle_first,
};
use ocpp_types::{ocpp_type, OcppType};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Number, Value};

// ---------------------------------------------------------------------------
// The types: OCPP 1.6 messages and a few more, using every option.

/// OCPP 1.6 BootNotification.req
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct BootNotificationRequest {
    #[ocpp(min_length = 1, max_length = 20)]
    pub charge_point_vendor: String,
    #[ocpp(min_length = 1, max_length = 20)]
    pub charge_point_model: String,
    #[ocpp(max_length = 25)]
    pub charge_point_serial_number: Option<String>,
    #[ocpp(max_length = 25)]
    pub charge_box_serial_number: Option<String>,
    #[ocpp(max_length = 50)]
    pub firmware_version: Option<String>,
    #[ocpp(rename = "iccid", max_length = 20)]
    pub icc_id: Option<String>,
    #[ocpp(max_length = 20)]
    pub imsi: Option<String>,
    #[ocpp(max_length = 25)]
    pub meter_type: Option<String>,
    #[ocpp(max_length = 25)]
    pub meter_serial_number: Option<String>,
}

/// OCPP 1.6 MeterValues.req
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeterValuesRequest {
    #[ocpp(minimum = 0)]
    pub connector_id: i32,
    pub transaction_id: Option<i32>,
    #[ocpp(min_items = 1)]
    pub meter_value: Vec<MeterValue>,
}

/// A set of sampled values taken at one time
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeterValue {
    #[ocpp(format = "date-time")]
    pub timestamp: String,
    #[ocpp(min_items = 1, max_items = 4)]
    pub sampled_value: Vec<SampledValue>,
}

/// One sampled value
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct SampledValue {
    pub value: String,
    pub context: Option<ReadingContext>,
    pub format: Option<ValueFormat>,
    pub measurand: Option<Measurand>,
    pub phase: Option<Phase>,
    pub location: Option<Location>,
}

/// Why a value was read
#[ocpp_type]
pub enum ReadingContext {
    #[ocpp(rename = "Interruption.Begin")]
    InterruptionBegin,
    #[ocpp(rename = "Sample.Periodic")]
    SamplePeriodic,
    Trigger,
    Other,
}

/// How a value is written
#[ocpp_type]
pub enum ValueFormat {
    Raw,
    SignedData,
}

/// What was measured: open to the values of later OCPP versions
#[ocpp_type]
pub enum Measurand {
    #[ocpp(rename = "Current.Import")]
    CurrentImport,
    #[ocpp(rename = "Energy.Active.Import.Register")]
    EnergyActiveImportRegister,
    Voltage,
    #[ocpp(other)]
    Unknown(String),
}

/// Phases, as OCPP spells them
#[ocpp_type(rename_all = "SCREAMING-KEBAB-CASE")]
pub enum Phase {
    L1,
    L2N,
    #[ocpp(rename = "L3")]
    Third,
}

/// Where a value was measured, in kebab case
#[ocpp_type(rename_all = "kebab-case")]
pub enum Location {
    Body,
    EvInlet,
    CableOutlet,
    #[ocpp(rename = "Outlet.Socket")]
    OutletSocket,
}

/// Numbers with bounds tighter than their types'
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bounds {
    #[ocpp(minimum = 0, maximum = 100)]
    pub soc: u8,
    #[ocpp(minimum = -40, maximum = 85)]
    pub temperature: i32,
    /// Beyond 2^53: only exact integer arithmetic gets this bound right.
    #[ocpp(minimum = 1, maximum = 9007199254740993)]
    pub energy: u64,
    #[ocpp(minimum = -40.5, maximum = 99.5)]
    pub celsius: f64,
    /// Just inside the type's range: tighter by one.
    #[ocpp(minimum = 1, maximum = 18446744073709551614)]
    pub counter: Option<u64>,
    /// A fractional bound on an integer.
    #[ocpp(minimum = 0.5, maximum = 10)]
    pub level: Option<i16>,
}

/// Numbers narrowed when read: f32s with bounds, and an f64 with an integer
/// bound beyond 2^53. See `narrowed_number_bounds` for what could go wrong.
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct Narrowed {
    #[ocpp(minimum = -40.5, maximum = 99.5)]
    pub fahrenheit: f32,
    /// An f32 with a lower bound only.
    #[ocpp(minimum = 0)]
    pub ratio: Option<f32>,
    #[ocpp(maximum = 9007199254740992)]
    pub whole: Option<f64>,
}

/// Maps of each kind
#[ocpp_type(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tariffs {
    pub price_per_connector: BTreeMap<String, u32>,
    pub labels: Option<HashMap<String, String>>,
    pub phases: Option<BTreeMap<String, Phase>>,
    pub samples: Option<HashMap<String, Vec<SampledValue>>>,
}

/// DataTransfer.req that keeps what it does not know
#[ocpp_type(rename_all = "camelCase")]
pub struct VendorData {
    #[ocpp(min_length = 1, max_length = 255)]
    pub vendor_id: String,
    #[ocpp(max_length = 50)]
    pub message_id: Option<String>,
    pub data: Option<String>,
    pub r#type: Option<Measurand>,
    #[ocpp(flatten)]
    pub extra: ::ocpp_types::Properties,
}

/// Date-times, one with a length limit too
#[ocpp_type(rename_all = "snake_case", deny_unknown_fields)]
pub struct Stamped {
    #[ocpp(format = "date-time")]
    pub at: String,
    #[ocpp(format = "date-time", max_length = 25)]
    pub until: Option<String>,
}

// ---------------------------------------------------------------------------
// Shapes: what a valid document looks like, written by hand from the
// declarations above (not from the schema).

#[derive(Clone, Debug)]
enum Shape {
    /// A string of `min..=max` characters.
    Str {
        min: usize,
        max: usize,
    },
    /// An RFC 3339 date-time of at most `max` characters.
    DateTime {
        max: usize,
    },
    Int {
        min: i128,
        max: i128,
    },
    /// A float within `min..=max`; `single`: an `f32`.
    Float {
        min: f64,
        max: f64,
        single: bool,
    },
    Enum {
        values: &'static [&'static str],
        open: bool,
    },
    Array {
        item: Box<Shape>,
        min: usize,
        max: usize,
    },
    Map(Box<Shape>),
    Object {
        closed: bool,
        fields: Vec<Field>,
    },
}

type Field = iff::Field<Shape>;

impl iff::Tree for Shape {
    fn property(&self, key: &str) -> Option<&Shape> {
        match self {
            Shape::Object { fields, .. } => fields.iter().find(|f| f.name == key).map(|f| &f.shape),
            Shape::Map(item) => Some(item),
            _ => None,
        }
    }

    fn item(&self) -> Option<&Shape> {
        match self {
            Shape::Array { item, .. } => Some(item),
            _ => None,
        }
    }
}

const NO_MAX: usize = usize::MAX;

fn text(min: usize, max: usize) -> Shape {
    Shape::Str { min, max }
}

fn int(min: i128, max: i128) -> Shape {
    Shape::Int { min, max }
}

fn array(item: Shape, min: usize, max: usize) -> Shape {
    Shape::Array {
        item: Box::new(item),
        min,
        max,
    }
}

fn closed(fields: Vec<Field>) -> Shape {
    Shape::Object {
        closed: true,
        fields,
    }
}

const READING_CONTEXT: &[&str] = &["Interruption.Begin", "Sample.Periodic", "Trigger", "Other"];
const VALUE_FORMAT: &[&str] = &["Raw", "SignedData"];
const MEASURAND: &[&str] = &["Current.Import", "Energy.Active.Import.Register", "Voltage"];
const PHASE: &[&str] = &["L1", "L2-N", "L3"];
const LOCATION: &[&str] = &["body", "ev-inlet", "cable-outlet", "Outlet.Socket"];

mod shapes {
    use super::*;

    pub fn boot_notification_request() -> Shape {
        closed(vec![
            req("chargePointVendor", text(1, 20)),
            req("chargePointModel", text(1, 20)),
            opt("chargePointSerialNumber", text(0, 25)),
            opt("chargeBoxSerialNumber", text(0, 25)),
            opt("firmwareVersion", text(0, 50)),
            opt("iccid", text(0, 20)),
            opt("imsi", text(0, 20)),
            opt("meterType", text(0, 25)),
            opt("meterSerialNumber", text(0, 25)),
        ])
    }

    pub fn sampled_value() -> Shape {
        closed(vec![
            req("value", text(0, NO_MAX)),
            opt("context", enumeration(READING_CONTEXT, false)),
            opt("format", enumeration(VALUE_FORMAT, false)),
            opt("measurand", enumeration(MEASURAND, true)),
            opt("phase", enumeration(PHASE, false)),
            opt("location", enumeration(LOCATION, false)),
        ])
    }

    pub fn meter_value() -> Shape {
        closed(vec![
            req("timestamp", Shape::DateTime { max: NO_MAX }),
            req("sampledValue", array(sampled_value(), 1, 4)),
        ])
    }

    pub fn meter_values_request() -> Shape {
        closed(vec![
            req("connectorId", int(0, i32::MAX as i128)),
            opt("transactionId", int(i32::MIN as i128, i32::MAX as i128)),
            req("meterValue", array(meter_value(), 1, NO_MAX)),
        ])
    }

    pub fn bounds() -> Shape {
        let float = |min: f64, max: f64, single: bool| Shape::Float { min, max, single };
        closed(vec![
            req("soc", int(0, 100)),
            req("temperature", int(-40, 85)),
            req("energy", int(1, 9007199254740993)),
            req("celsius", float(-40.5, 99.5, false)),
            opt("counter", int(1, 18446744073709551614)),
            opt("level", int(1, 10)),
        ])
    }

    pub fn narrowed() -> Shape {
        let float = |min: f64, max: f64, single: bool| Shape::Float { min, max, single };
        closed(vec![
            req("fahrenheit", float(-40.5, 99.5, true)),
            opt("ratio", float(0.0, f32::MAX as f64, true)),
            opt("whole", float(f64::MIN, 9007199254740992.0, false)),
        ])
    }

    pub fn tariffs() -> Shape {
        closed(vec![
            req(
                "pricePerConnector",
                Shape::Map(Box::new(int(0, u32::MAX as i128))),
            ),
            opt("labels", Shape::Map(Box::new(text(0, NO_MAX)))),
            opt("phases", Shape::Map(Box::new(enumeration(PHASE, false)))),
            opt(
                "samples",
                Shape::Map(Box::new(array(sampled_value(), 0, NO_MAX))),
            ),
        ])
    }

    pub fn vendor_data() -> Shape {
        Shape::Object {
            closed: false,
            fields: vec![
                req("vendorId", text(1, 255)),
                opt("messageId", text(0, 50)),
                opt("data", text(0, NO_MAX)),
                opt("type", enumeration(MEASURAND, true)),
            ],
        }
    }

    pub fn stamped() -> Shape {
        closed(vec![
            req("at", Shape::DateTime { max: NO_MAX }),
            opt("until", Shape::DateTime { max: 25 }),
        ])
    }

    pub fn enumeration(values: &'static [&'static str], open: bool) -> Shape {
        Shape::Enum { values, open }
    }
}

// ---------------------------------------------------------------------------
// Values.

/// Every wire name of the types above, their Rust spellings, the enum
/// strings and a few near-misses: the keys and strings likely to matter.
const WORDS: &[&str] = &[
    "chargePointVendor",
    "charge_point_vendor",
    "chargePointModel",
    "chargePointSerialNumber",
    "chargeBoxSerialNumber",
    "firmwareVersion",
    "iccid",
    "icc_id",
    "iccId",
    "imsi",
    "meterType",
    "meterSerialNumber",
    "connectorId",
    "connector_id",
    "transactionId",
    "meterValue",
    "meter_value",
    "timestamp",
    "sampledValue",
    "sampled_value",
    "value",
    "context",
    "format",
    "measurand",
    "phase",
    "location",
    "soc",
    "temperature",
    "energy",
    "celsius",
    "fahrenheit",
    "counter",
    "level",
    "ratio",
    "pricePerConnector",
    "price_per_connector",
    "labels",
    "phases",
    "samples",
    "vendorId",
    "vendor_id",
    "messageId",
    "data",
    "type",
    "r#type",
    "extra",
    "at",
    "until",
    "Current.Import",
    "current.import",
    "CurrentImport",
    "Voltage",
    "Interruption.Begin",
    "InterruptionBegin",
    "SignedData",
    "L1",
    "L2-N",
    "L2N",
    "L2_N",
    "Third",
    "body",
    "Body",
    "ev-inlet",
    "EvInlet",
    "ev_inlet",
    "cable-outlet",
    "Outlet.Socket",
    "outlet-socket",
    "",
];

/// Characters of every UTF-8 width and a few that are easy to miscount:
/// combining marks, joiners, the last scalar value, quotes and escapes.
const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    ' ',
    'é',
    'ß',
    '中',
    '😀',
    '🔌',
    '\u{301}',
    '\u{200d}',
    '\u{fe0f}',
    '\u{10ffff}',
    '"',
    '\\',
    '\n',
    '\u{0}',
    '\u{7f}',
    '\u{ffff}',
];

/// A family emoji: one picture, five Unicode scalar values.
const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";

/// `n` characters: one character repeated, or a mix, by `seed`.
fn chars(n: usize, seed: u64) -> String {
    let seed = seed as usize;
    match seed % 3 {
        // Whole family emoji, cut at `n` characters (maybe mid-sequence).
        0 => FAMILY.chars().cycle().take(n).collect(),
        1 => (0..n).map(|_| CHARS[seed / 3 % CHARS.len()]).collect(),
        _ => (0..n)
            .map(|i| CHARS[(seed / 3 + i * 7) % CHARS.len()])
            .collect(),
    }
}

/// The f32 neighbours of `f` and the f64 midpoints between them and `f`.
fn f32_neighbours(f: f64) -> Vec<f64> {
    let single = f as f32;
    if !single.is_finite() {
        return Vec::new();
    }
    let up = if single >= 0.0 {
        f32::from_bits(single.to_bits() + 1)
    } else {
        f32::from_bits(single.to_bits() - 1)
    };
    let down = -{
        let s = -single;
        if s >= 0.0 {
            f32::from_bits(s.to_bits() + 1)
        } else {
            f32::from_bits(s.to_bits() - 1)
        }
    };
    let mut out = Vec::new();
    for neighbour in [up, down] {
        if neighbour.is_finite() {
            let n = f64::from(neighbour);
            out.push(n);
            out.push((n + f) / 2.0);
        }
    }
    out
}

/// Numbers at, and just beyond, float bounds: the bounds, their f64 and f32
/// neighbours, whole numbers around them as integers and as floats
/// (`100.0`), and fractions.
fn float_bounds(min: f64, max: f64, single: bool) -> Vec<Value> {
    let mut out = Vec::new();
    for b in [min, max] {
        let mut candidates = vec![
            b,
            next_up(b),
            next_down(b),
            b.floor(),
            b.ceil(),
            b.floor() - 1.0,
            b.ceil() + 1.0,
            b + 0.25,
            b - 0.25,
        ];
        if single {
            candidates.extend(f32_neighbours(b));
        }
        for f in candidates {
            if f.is_finite() {
                out.push(float(f));
                if f.fract() == 0.0 && f.abs() < 1e18 {
                    out.push(int_value(f as i128));
                }
            }
        }
    }
    out.extend([
        float(0.0),
        float(-0.0),
        json!(0),
        float(1e-50),
        float(-1e-50),
    ]);
    out
}

fn character() -> BoxedStrategy<char> {
    prop_oneof![3 => select(CHARS), 1 => any::<char>(), 2 => proptest::char::range('a', 'z')]
        .boxed()
}

/// A string of `min..=max` characters, often exactly at a limit.
fn string_in(min: usize, max: usize) -> BoxedStrategy<String> {
    let top = max.min(min + 30);
    let length = prop_oneof![2 => min..=top, 1 => Just(min), 1 => Just(top)];
    prop_oneof![
        4 => length.prop_flat_map(|n| vec(character(), n).prop_map(|c| c.into_iter().collect())),
        1 => (min..=top, any::<u64>()).prop_map(|(n, seed)| chars(n, seed)),
        1 => select(WORDS)
            .prop_filter("within the limits", move |w| (min..=max).contains(&w.chars().count()))
            .prop_map(str::to_owned),
    ]
    .boxed()
}

fn any_string() -> BoxedStrategy<String> {
    prop_oneof![
        2 => string_in(0, 12),
        2 => select(WORDS).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
    .boxed()
}

fn key() -> BoxedStrategy<String> {
    iff::key(WORDS, "[a-zA-Z_.$#-]{0,10}")
}

/// Any JSON value, `null` included.
fn any_json() -> BoxedStrategy<Value> {
    iff::any_json(
        vec![
            select(float_bounds(-40.5, 99.5, true)).boxed(),
            any_string().prop_map(Value::from).boxed(),
            valid_date_time().prop_map(Value::from).boxed(),
        ],
        key(),
        16,
    )
}

// ---------------------------------------------------------------------------
// Date-times.

fn days_in(year: u32, month: u32) -> u32 {
    let leap = matches!((year % 4, year % 100, year % 400), (0, 1.., _) | (_, _, 0));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The parts of a date-time, each of which a near-miss may break.
#[derive(Clone, Debug)]
struct DateTime {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    fraction: String,
    t: char,
    /// `None`: `Z`; else minutes east of UTC.
    offset: Option<i32>,
    z: char,
}

impl DateTime {
    fn render(&self) -> String {
        let offset = match self.offset {
            None => self.z.to_string(),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
            }
        };
        format!(
            "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}{}{offset}",
            self.year,
            self.month,
            self.day,
            self.t,
            self.hour,
            self.minute,
            self.second,
            self.fraction
        )
    }
}

fn year() -> BoxedStrategy<u32> {
    prop_oneof![
        2 => 0u32..=9999,
        1 => select(vec![0u32, 1900, 1998, 2000, 2023, 2024, 2100, 2400, 9999]),
    ]
    .boxed()
}

fn offset() -> BoxedStrategy<Option<i32>> {
    prop_oneof![
        2 => Just(None),
        2 => (-(23 * 60 + 59)..=(23 * 60 + 59)).prop_map(Some),
        1 => select(vec![0, 60, -480, 90, -90, 23 * 60 + 30, -(23 * 60 + 30), 23 * 60 + 59]).prop_map(Some),
    ]
    .boxed()
}

/// A valid RFC 3339 date-time, leap seconds (at 23:59 UTC, at any local
/// time that is) included.
fn valid_date_time() -> BoxedStrategy<String> {
    let fraction = prop_oneof![3 => Just(String::new()), 1 => "\\.[0-9]{1,12}"];
    let parts = (
        (year(), 1u32..=12, any::<Index>()),
        (0u32..=23, 0u32..=59, 0u32..=59, fraction),
        (select(vec!['T', 't']), offset(), select(vec!['Z', 'z'])),
        prop::bool::weighted(0.15),
    );
    parts
        .prop_map(
            |((year, month, day), (hour, minute, second, fraction), (t, offset, z), leap)| {
                let day = day.index(days_in(year, month) as usize) as u32 + 1;
                let mut dt = DateTime {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    fraction,
                    t,
                    offset,
                    z,
                };
                if leap {
                    // 23:59:60 UTC, in the local time of the offset.
                    let local = (23 * 60 + 59 + offset.unwrap_or(0)).rem_euclid(24 * 60);
                    dt.hour = local as u32 / 60;
                    dt.minute = local as u32 % 60;
                    dt.second = 60;
                }
                dt.render()
            },
        )
        .boxed()
}

/// A break of one part of a date-time.
#[derive(Clone, Debug)]
enum Break {
    /// Day one past the month's end (Feb 29 in a common year...).
    DayPast,
    /// February 29, in whatever year (valid in leap years only).
    Feb29,
    Day0,
    Month(u32),
    Hour24,
    Minute60,
    Second61,
    /// A leap second at a time that is not 23:59 UTC (or that is).
    LeapAt(u32, u32),
    OffsetHour24,
    OffsetMinute60,
    NoOffset,
    EmptyFraction,
    CommaFraction,
    SpaceSeparator,
    OffsetWithoutColon,
    ZAfterOffset,
    /// A digit replaced by a non-ASCII digit (Arabic-Indic, Bengali, fullwidth).
    NonAsciiDigit(Index, char),
    Trailing(char),
    Leading(char),
    Truncate(Index),
}

fn date_time_break() -> BoxedStrategy<Break> {
    prop_oneof![
        Just(Break::DayPast),
        Just(Break::Feb29),
        Just(Break::Day0),
        select(vec![0u32, 13]).prop_map(Break::Month),
        Just(Break::Hour24),
        Just(Break::Minute60),
        Just(Break::Second61),
        (0u32..=23, select(vec![0u32, 29, 30, 58, 59])).prop_map(|(h, m)| Break::LeapAt(h, m)),
        Just(Break::OffsetHour24),
        Just(Break::OffsetMinute60),
        Just(Break::NoOffset),
        Just(Break::EmptyFraction),
        Just(Break::CommaFraction),
        Just(Break::SpaceSeparator),
        Just(Break::OffsetWithoutColon),
        Just(Break::ZAfterOffset),
        (any::<Index>(), select(vec!['٢', '৪', '３', '߀']))
            .prop_map(|(i, c)| Break::NonAsciiDigit(i, c)),
        select(vec!['\n', ' ', 'Z', '0']).prop_map(Break::Trailing),
        select(vec!['+', ' ', '0']).prop_map(Break::Leading),
        any::<Index>().prop_map(Break::Truncate),
    ]
    .boxed()
}

fn broken(mut dt: DateTime, brk: &Break) -> String {
    match brk {
        Break::DayPast => dt.day = days_in(dt.year, dt.month) + 1,
        Break::Feb29 => {
            dt.month = 2;
            dt.day = 29;
        }
        Break::Day0 => dt.day = 0,
        Break::Month(m) => dt.month = *m,
        Break::Hour24 => dt.hour = 24,
        Break::Minute60 => dt.minute = 60,
        Break::Second61 => dt.second = 61,
        Break::LeapAt(h, m) => {
            dt.hour = *h;
            dt.minute = *m;
            dt.second = 60;
        }
        Break::OffsetHour24 => dt.offset = Some(24 * 60 + dt.offset.unwrap_or(0).rem_euclid(60)),
        Break::OffsetMinute60 => {
            let hours = dt.offset.unwrap_or(0) / 60;
            let text = dt.render();
            let cut = text.len() - if dt.offset.is_some() { 6 } else { 1 };
            return format!("{}+{:02}:60", &text[..cut], hours.abs());
        }
        Break::NoOffset => {
            let text = dt.render();
            let cut = text.len() - if dt.offset.is_some() { 6 } else { 1 };
            return text[..cut].to_owned();
        }
        Break::EmptyFraction => dt.fraction = ".".to_owned(),
        Break::CommaFraction => dt.fraction = ",5".to_owned(),
        Break::SpaceSeparator => dt.t = ' ',
        Break::OffsetWithoutColon => {
            let m = dt.offset.unwrap_or(60);
            let text = DateTime {
                offset: None,
                ..dt.clone()
            }
            .render();
            return format!(
                "{}{}{:02}{:02}",
                &text[..text.len() - 1],
                if m < 0 { '-' } else { '+' },
                m.abs() / 60,
                m.abs() % 60
            );
        }
        Break::ZAfterOffset => {
            dt.offset = Some(dt.offset.unwrap_or(60));
            return format!("{}Z", dt.render());
        }
        Break::NonAsciiDigit(i, c) => {
            let text = dt.render();
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            let at = digits[i.index(digits.len())];
            return format!("{}{c}{}", &text[..at], &text[at + 1..]);
        }
        Break::Trailing(c) => return format!("{}{c}", dt.render()),
        Break::Leading(c) => return format!("{c}{}", dt.render()),
        Break::Truncate(i) => {
            let text = dt.render();
            return text[..i.index(text.len())].to_owned();
        }
    }
    dt.render()
}

/// A date-time with one part broken, most of them invalid (a leap second
/// may land at 23:59 UTC, a day past February's end may be a leap day...).
fn near_date_time() -> BoxedStrategy<String> {
    let fraction = prop_oneof![3 => Just(String::new()), 1 => "\\.[0-9]{1,12}"];
    let parts = (
        (year(), 1u32..=12, 1u32..=28),
        (0u32..=23, 0u32..=59, 0u32..=59, fraction),
        (select(vec!['T', 't']), offset(), select(vec!['Z', 'z'])),
        date_time_break(),
    );
    parts
        .prop_map(
            |((year, month, day), (hour, minute, second, fraction), (t, offset, z), brk)| {
                let dt = DateTime {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    fraction,
                    t,
                    offset,
                    z,
                };
                broken(dt, &brk)
            },
        )
        .boxed()
}

/// Hand-picked date-times and the verdict of RFC 3339 section 5.6 (with
/// its note that `T` and `Z` may be lowercase) and of the JSON Schema test
/// suite (`optional/format/date-time.json` and `time.json`: a leap second
/// is valid at 23:59:60 UTC on any date, in any offset).
const DATE_TIMES: &[(&str, bool)] = &[
    // From the JSON Schema test suite.
    ("1963-06-19T08:30:06.283185Z", true),
    ("1963-06-19T08:30:06Z", true),
    ("1937-01-01T12:00:27.87+00:20", true),
    ("1990-12-31T15:59:50.123-08:00", true),
    ("1998-12-31T23:59:60Z", true),
    ("1998-12-31T15:59:60.123-08:00", true),
    ("1998-12-31T23:59:61Z", false),
    ("1998-12-31T23:58:60Z", false),
    ("1998-12-31T22:59:60Z", false),
    ("1990-02-31T15:59:59.123-08:00", false),
    ("1990-12-31T15:59:59-24:00", false),
    ("1963-06-19T08:30:06.28123+01:00Z", false),
    ("1990-12-31T24:00:00Z", false),
    ("1990-12-31T15:60:00Z", false),
    ("1990-12-31T10:00:00+10:60", false),
    ("06/19/1963 08:30:06 PST", false),
    ("1963-06-19t08:30:06.283185z", true),
    ("2013-350T01:01:01", false),
    ("1963-6-19T08:30:06.283185Z", false),
    ("1963-06-1T08:30:06.283185Z", false),
    ("1963-06-1৪T00:00:00Z", false),
    ("1963-06-11T0৪:00:00Z", false),
    ("+11963-06-19T08:30:06.283185Z", false),
    ("1985-04-12T00:59:59.999999999999999Z", true),
    // Leap seconds at 23:59 UTC in other offsets (time.json's cases, dated).
    ("2016-12-31T23:59:60+00:00", true),
    ("2016-12-31T22:59:60+00:00", false),
    ("2016-12-31T23:58:60+00:00", false),
    ("2017-01-01T01:29:60+01:30", true),
    ("2017-01-01T23:29:60+23:30", true),
    ("2016-12-31T23:59:60+01:00", false),
    ("2016-12-31T23:59:60+00:30", false),
    ("2016-12-31T15:59:60-08:00", true),
    ("2016-12-31T00:29:60-23:30", true),
    ("2016-12-31T23:59:60-01:00", false),
    ("2016-12-31T23:59:60-00:30", false),
    ("2016-12-31T23:59:60-00:00", true),
    ("2016-12-31T23:59:60.999z", true),
    ("2016-12-31t23:59:60Z", true),
    // ... and on a date that had none: the format does not know the tables.
    ("2026-03-14T23:59:60Z", true),
    // Calendar.
    ("2023-02-29T10:00:00Z", false),
    ("2024-02-29T10:00:00Z", true),
    ("1900-02-29T10:00:00Z", false),
    ("2000-02-29T10:00:00Z", true),
    ("2100-02-29T10:00:00Z", false),
    ("0000-02-29T00:00:00Z", true),
    ("0000-01-01T00:00:00Z", true),
    ("9999-12-31T23:59:59Z", true),
    ("2026-04-31T10:00:00Z", false),
    ("2026-04-30T10:00:00Z", true),
    ("2026-00-10T10:00:00Z", false),
    ("2026-13-10T10:00:00Z", false),
    ("2026-01-00T10:00:00Z", false),
    ("2026-01-32T10:00:00Z", false),
    // Times and offsets.
    ("2026-11-27T24:00:00Z", false),
    ("2026-11-27T23:59:59+23:59", true),
    ("2026-11-27T23:59:59-23:59", true),
    ("2026-11-27T10:00:00+24:00", false),
    ("2026-11-27T10:00:00-24:00", false),
    ("2026-11-27T10:00:00+00:60", false),
    ("2026-11-27T10:00:00+0100", false),
    ("2026-11-27T10:00:00+01", false),
    ("2026-11-27T10:00:00", false),
    ("2026-11-27T10:00:00.5", false),
    ("2026-11-27T10:00Z", false),
    ("2026-11-27T10:00:00.Z", false),
    ("2026-11-27T10:00:00,5Z", false),
    ("2026-11-27T10:00:00.0000000000000000000001Z", true),
    ("2026-11-27 10:00:00Z", false),
    ("2026-11-27_10:00:00Z", false),
    ("2026-11-27T10:00:00Z ", false),
    (" 2026-11-27T10:00:00Z", false),
    ("2026-11-27T10:00:00Z\n", false),
    ("2026-11-27T10:00:00ZZ", false),
    ("2026-11-27T10:00:00+01:00:00", false),
    ("2026-11-27T10:00:00UTC", false),
    ("2026-11-27", false),
    ("10:00:00Z", false),
    ("", false),
    // Non-ASCII digits and signs.
    ("٢٠٢٦-11-27T10:00:00Z", false),
    ("2026-11-27T10:00:00.５Z", false),
    ("2026-11-27T10:00:00+0１:00", false),
    ("2026-11-27T10:00:00−01:00", false),
    ("2026‐11‐27T10:00:00Z", false),
];

// ---------------------------------------------------------------------------
// Valid documents.

fn valid(shape: &Shape) -> BoxedStrategy<Value> {
    match shape {
        &Shape::Str { min, max } => string_in(min, max).prop_map(Value::from).boxed(),
        &Shape::DateTime { max } => valid_date_time()
            .prop_filter("short enough", move |s| s.chars().count() <= max)
            .prop_map(Value::from)
            .boxed(),
        &Shape::Int { min, max } => {
            let (low, high) = (min.max(-(1 << 53)), max.min(1 << 53));
            let mut whole = vec![int_value(min), int_value(max)];
            if min <= 0 && max >= 0 {
                whole.extend([float(-0.0), float(0.0)]);
            }
            prop_oneof![
                4 => (min..=max).prop_map(int_value),
                2 => select(whole),
                1 => (low..=high).prop_map(|i| float(i as f64)),
            ]
            .boxed()
        }
        &Shape::Float { min, max, single } => {
            let whole: Vec<Value> = float_bounds(min, max, single)
                .into_iter()
                .filter(|v| (min..=max).contains(&v.as_f64().unwrap()))
                .collect();
            let (low, high) = (min.ceil() as i64, max.floor().min(1e15) as i64);
            prop_oneof![
                3 => (min..=max).prop_map(float),
                // An f32's value, where `single`.
                1 => (min..=max).prop_map(move |f| {
                    let narrowed = f64::from(f as f32);
                    float(if single && (min..=max).contains(&narrowed) { narrowed } else { f })
                }),
                2 => select(whole),
                1 => (low..=high).prop_map(Value::from),
                1 => (low..=high).prop_map(|i| float(i as f64)),
            ]
            .boxed()
        }
        Shape::Enum { values, open } => {
            if *open {
                prop_oneof![3 => select(*values).prop_map(Value::from), 1 => any_string().prop_map(Value::from)].boxed()
            } else {
                select(*values).prop_map(Value::from).boxed()
            }
        }
        Shape::Array { item, min, max } => {
            let top = (*max).min(min + 3);
            vec(valid(item), *min..=top).prop_map(Value::Array).boxed()
        }
        Shape::Map(item) => vec((key(), valid(item)), 0..4)
            .prop_map(|entries| Value::Object(entries.into_iter().collect()))
            .boxed(),
        Shape::Object { closed, fields } => {
            let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                .iter()
                .map(|field| {
                    let name = field.name.to_owned();
                    let value = valid(&field.shape).prop_map(move |v| (name.clone(), v));
                    if field.required {
                        value.prop_map(Some).boxed()
                    } else {
                        proptest::option::of(value).boxed()
                    }
                })
                .collect();
            let names: Vec<&'static str> = fields.iter().map(|f| f.name).collect();
            let extras = if *closed {
                Just(Vec::new()).boxed()
            } else {
                let unknown = key().prop_filter("unknown", move |k| !names.contains(&k.as_str()));
                vec((unknown, any_json()), 0..4).boxed()
            };
            (parts, extras)
                .prop_map(|(parts, extras)| {
                    let mut entries: Map<String, Value> = parts.into_iter().flatten().collect();
                    for (key, value) in extras {
                        entries.entry(key).or_insert(value);
                    }
                    entries.into_iter().collect::<Vec<_>>()
                })
                .prop_shuffle()
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed()
        }
    }
}

// ---------------------------------------------------------------------------
// Near-misses.

/// One mutation at one site of a document: the site, which kind of change,
/// which change of that kind, and material for it.
#[derive(Clone, Debug)]
struct Mutation {
    site: Index,
    kind: Index,
    choice: Index,
    seed: u64,
    date_time: String,
    value: Value,
}

fn mutation() -> BoxedStrategy<Mutation> {
    (
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<u64>(),
        prop_oneof![3 => near_date_time(), 1 => valid_date_time(), 1 => select(DATE_TIMES).prop_map(|d| d.0.to_owned())],
        any_json(),
    )
        .prop_map(|(site, kind, choice, seed, date_time, value)| Mutation {
            site,
            kind,
            choice,
            seed,
            date_time,
            value,
        })
        .boxed()
}

/// Near-miss spellings of a property name or an enum string.
fn near_words(s: &str) -> Vec<String> {
    vec![
        toggle_first(s),
        s.to_uppercase(),
        s.to_lowercase(),
        camel_or_snake(s),
        s.replace('-', "_"),
        s.replace('-', ""),
        s.replace('.', "-"),
        s.replace('.', ""),
        format!("{s} "),
        format!("{s}\u{0}"),
        format!("r#{s}"),
        String::new(),
    ]
}

/// Values near the limits of `shape`, most of them at or just beyond one.
fn near_values(shape: &Shape, m: &Mutation) -> Vec<Value> {
    match *shape {
        Shape::Str { min, max } => {
            let mut lengths = vec![min, min + 1, min.saturating_sub(1)];
            if max != NO_MAX {
                lengths.extend([max, max + 1, max - 1, max + 2]);
            }
            let mut out = Vec::new();
            for n in lengths {
                out.push(Value::from(chars(n, m.seed)));
                out.push(Value::from(chars(n, m.seed / 2 + 1)));
            }
            out
        }
        Shape::DateTime { max } => {
            let mut out = vec![Value::from(m.date_time.clone())];
            if max != NO_MAX {
                // At and beyond the length limit, valid as date-times.
                out.push(json!("2026-11-27T10:00:00+01:00"));
                out.push(json!("2026-11-27T10:00:00.5+01:00"));
                out.push(json!(format!(
                    "2026-11-27T10:00:00.{}Z",
                    "5".repeat(max - 21)
                )));
                out.push(json!(format!(
                    "2026-11-27T10:00:00.{}Z",
                    "5".repeat(max - 20)
                )));
            }
            out
        }
        Shape::Int { min, max } => {
            let mut out = int_bounds(min, max);
            out.extend([json!(0), json!(-1), json!(1.5), float(-0.0), float(1e300)]);
            out
        }
        Shape::Float { min, max, single } => float_bounds(min, max, single),
        Shape::Enum { values, .. } => {
            let mut out: Vec<Value> = Vec::new();
            for v in values {
                out.push(Value::from(*v));
                out.extend(near_words(v).into_iter().map(Value::from));
            }
            out.extend(WORDS.iter().map(|w| Value::from(*w)));
            out
        }
        _ => Vec::new(),
    }
}

/// The value in another JSON type, often made from it.
fn retyped(value: &Value, m: &Mutation) -> Vec<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = vec![
        Value::Null,
        Value::from(text.clone()),
        json!(0),
        json!(1.5),
        json!(true),
        json!([]),
        json!([value]),
        json!({}),
        json!({ "value": value }),
        m.value.clone(),
    ];
    out.extend(
        text.parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
    );
    out
}

fn apply(doc: &mut Value, shape: &Shape, m: &Mutation) {
    let mut all = Vec::new();
    sites(doc, Some(shape), &mut Vec::new(), &mut all);
    let site = &all[m.site.index(all.len())];
    let target = at(doc, &site.path);
    // The kinds of change that fit this site, each a list of new values.
    let mut kinds: Vec<Vec<Value>> = Vec::new();
    if let Some(shape) = &site.shape {
        let near = near_values(shape, m);
        if !near.is_empty() {
            kinds.push(near);
        }
    }
    kinds.push(retyped(target, m));
    match target {
        Value::Object(map) => {
            let fields: Vec<&Field> = match &site.shape {
                Some(Shape::Object { fields, .. }) => fields.iter().collect(),
                _ => Vec::new(),
            };
            let keys: Vec<String> = map.keys().cloned().collect();
            let mut objects = Vec::new();
            for key in &keys {
                // Drop it, set it to null, rename it.
                let mut without = map.clone();
                let value = without.shift_remove(key).unwrap();
                objects.push(Value::Object(without.clone()));
                let mut null = map.clone();
                null[key] = Value::Null;
                objects.push(Value::Object(null));
                let mut names = near_words(key);
                names.extend(fields.iter().map(|f| f.name.to_owned()));
                names.push("extra".to_owned());
                let name = &names[(m.seed as usize) % names.len()];
                let mut renamed = without.clone();
                renamed.insert(name.clone(), value.clone());
                objects.push(Value::Object(renamed));
            }
            // Add a property: unknown, a Rust spelling, an absent field with a near value.
            let mut added = map.clone();
            let name = WORDS[(m.seed as usize) % WORDS.len()];
            added.insert(name.to_owned(), m.value.clone());
            objects.push(Value::Object(added));
            for field in &fields {
                if !map.contains_key(field.name) {
                    let mut values = near_values(&field.shape, m);
                    values.push(m.value.clone());
                    let mut added = map.clone();
                    let value = values[(m.seed as usize) % values.len()].clone();
                    added.insert(field.name.to_owned(), value);
                    objects.push(Value::Object(added));
                }
                let mut added = map.clone();
                added.insert(camel_or_snake(field.name), m.value.clone());
                objects.push(Value::Object(added));
            }
            kinds.push(objects);
        }
        Value::Array(items) => {
            let mut arrays = vec![Value::Array(Vec::new()), json!([null])];
            if let Some(first) = items.first() {
                let mut more = items.clone();
                more.push(first.clone());
                arrays.push(Value::Array(more.clone()));
                more.push(first.clone());
                arrays.push(Value::Array(more));
                let mut fewer = items.clone();
                fewer.pop();
                arrays.push(Value::Array(fewer));
                let mut odd = items.clone();
                odd.push(m.value.clone());
                arrays.push(Value::Array(odd));
            }
            kinds.push(arrays);
        }
        _ => {}
    }
    let kind = &kinds[m.kind.index(kinds.len())];
    *target = kind[m.choice.index(kind.len())].clone();
}

/// Documents of `shape`: valid ones (`true`), near-misses and anything.
fn documents(shape: Shape) -> BoxedStrategy<(Value, bool)> {
    let mutated = {
        let shape = shape.clone();
        (valid(&shape), vec(mutation(), 1..=2))
            .prop_map(move |(mut doc, mutations)| {
                for m in &mutations {
                    apply(&mut doc, &shape, m);
                }
                (doc, false)
            })
            .boxed()
    };
    prop_oneof![
        2 => valid(&shape).prop_map(|doc| (doc, true)),
        6 => mutated,
        1 => any_json().prop_map(|doc| (doc, false)),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// The check.

/// A draft 2020-12 validator that checks formats, not only notes them.
fn validator(schema: &Value) -> jsonschema::Validator {
    iff::validator(schema, true)
}

/// What we accept writes back as text that reads back the same.
fn reads_back<T: OcppType + Debug + PartialEq>(
    doc: &Value,
    value: &T,
) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let back = serde_json::from_str::<T>(&text);
    prop_assert!(
        matches!(&back, Ok(read) if read == value),
        "{doc} written back as {text}, read back as {back:?}"
    );
    Ok(())
}

/// Cases per type: 1024, or what `PROPTEST_CASES` sets, for a longer hunt.
fn cases() -> u32 {
    iff::cases(1024)
}

/// Runs the property on `T` with documents of `shape`: at least a tenth of
/// the cases accepted and a tenth rejected.
fn run<T: OcppType + Debug + PartialEq>(shape: Shape) {
    let cases = cases();
    iff::run::<T>(
        &[validator(&T::json_schema())],
        documents(shape),
        cases,
        (cases / 10) as usize,
        reads_back::<T>,
    );
}

// ---------------------------------------------------------------------------
// One property test per type.

#[test]
fn boot_notification_request() {
    run::<BootNotificationRequest>(shapes::boot_notification_request());
}

#[test]
fn meter_values_request() {
    run::<MeterValuesRequest>(shapes::meter_values_request());
}

#[test]
fn sampled_value() {
    run::<SampledValue>(shapes::sampled_value());
}

#[test]
fn bounds() {
    run::<Bounds>(shapes::bounds());
}

#[test]
fn tariffs() {
    run::<Tariffs>(shapes::tariffs());
}

#[test]
fn vendor_data() {
    run::<VendorData>(shapes::vendor_data());
}

#[test]
fn stamped() {
    run::<Stamped>(shapes::stamped());
}

#[test]
fn measurand() {
    run::<Measurand>(shapes::enumeration(MEASURAND, true));
}

#[test]
fn location() {
    run::<Location>(shapes::enumeration(LOCATION, false));
}

// ---------------------------------------------------------------------------
// Rule tests: hand-picked cases, each against the verdict it should get.

/// Whether our `Deserialize` (from the value and from its text, which must
/// agree) and the validator accept `doc`.
fn verdicts<T: OcppType + Debug>(validator: &jsonschema::Validator, doc: &Value) -> (bool, bool) {
    let ours = serde_json::from_value::<T>(doc.clone()).is_ok();
    let text = serde_json::from_str::<T>(&doc.to_string()).is_ok();
    assert_eq!(ours, text, "value and text paths differ on {doc}");
    (ours, validator.is_valid(doc))
}

/// Each hand-picked date-time, in a required field, an optional field with a
/// length limit, and nested in MeterValues.req, against the verdict of
/// RFC 3339 and the JSON Schema test suite.
#[test]
fn date_time_edge_cases() {
    let stamped = validator(&Stamped::json_schema());
    let meter = validator(&MeterValuesRequest::json_schema());
    let mut wrong = Vec::new();
    for &(text, expected) in DATE_TIMES {
        let docs = [
            (&stamped, json!({ "at": text }), expected, "Stamped.at"),
            (
                &stamped,
                json!({ "at": "2026-11-27T10:00:00Z", "until": text }),
                expected && text.chars().count() <= 25,
                "Stamped.until",
            ),
            (
                &meter,
                json!({"connectorId": 1, "meterValue": [{"timestamp": text, "sampledValue": [{"value": "1"}]}]}),
                expected,
                "MeterValue.timestamp",
            ),
        ];
        for (validator, doc, expected, place) in docs {
            let (ours, theirs) = if place == "MeterValue.timestamp" {
                verdicts::<MeterValuesRequest>(validator, &doc)
            } else {
                verdicts::<Stamped>(validator, &doc)
            };
            if (ours, theirs) != (expected, expected) {
                wrong.push(format!(
                    "{place} = {text:?}: expected {expected}, ours {ours}, theirs {theirs}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    println!("{} date-times checked", DATE_TIMES.len());
}

/// Generated date-times, valid ones and ones with a part broken (Feb 29 in
/// a common year, 24:00, offsets of 24 hours, leap seconds at other
/// minutes, missing offsets, non-ASCII digits...): both sides agree.
#[test]
fn date_time_near_misses() {
    let validator = validator(&Stamped::json_schema());
    let (valid, invalid) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut runner = TestRunner::new(Config {
        cases: cases() * 8,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = prop_oneof![1 => valid_date_time(), 3 => near_date_time()];
    let result = runner.run(&strategy, |text| {
        let doc = json!({ "at": text });
        let ours = serde_json::from_value::<Stamped>(doc.clone());
        let theirs = validator.is_valid(&doc);
        prop_assert_eq!(ours.is_ok(), theirs, "{:?}: ours {:?}", text, ours);
        let counter = if theirs { &valid } else { &invalid };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let (valid, invalid) = (valid.into_inner(), invalid.into_inner());
    println!(
        "{} date-times: {valid} valid, {invalid} invalid",
        valid + invalid
    );
    assert!(valid > 0 && invalid > 0);
}

/// Lengths count Unicode scalar values: at, under and over each limit, in
/// characters of one to four bytes, combining marks and emoji sequences.
#[test]
fn string_lengths_count_characters() {
    let boot = validator(&BootNotificationRequest::json_schema());
    let vendor = validator(&VendorData::json_schema());
    let mut checked = 0;
    for seed in 0..(3 * CHARS.len() as u64) {
        for n in 0..=52 {
            let s = chars(n, seed);
            assert_eq!(s.chars().count(), n);
            let doc = json!({"chargePointVendor": s, "chargePointModel": "m"});
            let expected = (1..=20).contains(&n);
            let got = verdicts::<BootNotificationRequest>(&boot, &doc);
            assert_eq!(got, (expected, expected), "vendor of {n} chars {s:?}");
            let doc =
                json!({"chargePointVendor": "v", "chargePointModel": "m", "firmwareVersion": s});
            let got = verdicts::<BootNotificationRequest>(&boot, &doc);
            assert_eq!(
                got,
                (n <= 50, n <= 50),
                "firmwareVersion of {n} chars {s:?}"
            );
            let doc = json!({"vendorId": "v", "messageId": s, "other": s});
            let got = verdicts::<VendorData>(&vendor, &doc);
            assert_eq!(got, (n <= 50, n <= 50), "messageId of {n} chars {s:?}");
            checked += 3;
        }
    }
    // 20 family emoji: 100 scalar values, 100 bytes... and one picture each.
    let doc = json!({"chargePointVendor": FAMILY.repeat(4), "chargePointModel": "m"});
    assert_eq!(
        verdicts::<BootNotificationRequest>(&boot, &doc),
        (true, true)
    );
    let doc = json!({"chargePointVendor": FAMILY.repeat(5), "chargePointModel": "m"});
    assert_eq!(
        verdicts::<BootNotificationRequest>(&boot, &doc),
        (false, false)
    );
    println!("{checked} strings checked");
}

/// A bounded number field: its wire name and what a valid number is.
#[derive(Clone, Copy)]
enum Bounded {
    /// An integer field: whole numbers in `min..=max`, exactly.
    Int(&'static str, i128, i128),
    /// A float field: numbers in `min..=max`; `single`: an `f32`.
    Float(&'static str, f64, f64, bool),
}

/// The whole number `n` is, exactly, if it is one that fits an i128.
fn whole(n: &Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(u.into());
    }
    if let Some(i) = n.as_i64() {
        return Some(i.into());
    }
    let f = n.as_f64().unwrap();
    (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
}

/// Whether the JSON number `n` lies within `min..=max`, exactly: an
/// integer is compared with the whole numbers next to the bounds, in
/// integers, never rounded to a float.
fn exactly_within(n: &Number, min: f64, max: f64) -> bool {
    match n.as_u64().map(i128::from).or(n.as_i64().map(i128::from)) {
        Some(i) => {
            let low = if min <= -1.7e38 {
                i128::MIN
            } else {
                min.ceil() as i128
            };
            let high = if max >= 1.7e38 {
                i128::MAX
            } else {
                max.floor() as i128
            };
            (low..=high).contains(&i)
        }
        None => (min..=max).contains(&n.as_f64().unwrap()),
    }
}

/// Each field of `fields` at, and just beyond, its bounds, in `base`:
/// integers, whole floats (`100.0`), fractions, f32 and f64 neighbours.
/// Returns the numbers on which ours or theirs differ from arithmetic on
/// the document's number, and how many were checked.
fn bounded_numbers<T: OcppType + Debug>(base: &Value, fields: &[Bounded]) -> (Vec<String>, usize) {
    let validator = validator(&T::json_schema());
    let mut wrong = Vec::new();
    let mut checked = 0;
    for &field in fields {
        let (name, mut candidates) = match field {
            Bounded::Int(name, min, max) => {
                let mut out = int_bounds(min, max);
                out.extend(float_bounds(min as f64, max as f64, false));
                (name, out)
            }
            Bounded::Float(name, min, max, single) => (name, float_bounds(min, max, single)),
        };
        candidates.extend([
            json!(u64::MAX),
            json!(i64::MIN),
            json!(9007199254740993u64),
            float(1e300),
            float(-1e300),
            float(0.5),
        ]);
        for number in candidates {
            let Value::Number(n) = &number else {
                unreachable!()
            };
            let expected = match field {
                Bounded::Int(_, min, max) => whole(n).is_some_and(|w| (min..=max).contains(&w)),
                Bounded::Float(_, min, max, _) => exactly_within(n, min, max),
            };
            let mut doc = base.clone();
            doc[name] = number.clone();
            let (ours, theirs) = verdicts::<T>(&validator, &doc);
            if (ours, theirs) != (expected, expected) {
                wrong.push(format!(
                    "{}.{name} = {number}: expected {expected}, ours {ours}, theirs {theirs}",
                    T::NAME
                ));
            }
            checked += 1;
        }
    }
    (wrong, checked)
}

/// Each bounded field of `Bounds` at, and just beyond, its bounds and its
/// type's range; the verdict of exact arithmetic on the document's number is
/// the one both sides must give. (`counter`'s maximum, `u64::MAX - 1`, is
/// one below the type's own and the same as an f64.)
#[test]
fn number_bounds() {
    let base = json!({"soc": 50, "temperature": 20, "energy": 1, "celsius": 20.5});
    let (wrong, checked) = bounded_numbers::<Bounds>(
        &base,
        &[
            Bounded::Int("soc", 0, 100),
            Bounded::Int("temperature", -40, 85),
            Bounded::Int("energy", 1, 9007199254740993),
            Bounded::Float("celsius", -40.5, 99.5, false),
            Bounded::Int("counter", 1, 18446744073709551614),
            Bounded::Int("level", 1, 10),
        ],
    );
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!("{checked} numbers checked");
}

/// A float field's bounds apply to the number in the document, not to the
/// value it is narrowed to: `99.50000000000001` and `99.50000381469727`
/// (the midpoint to the next f32) are beyond `maximum = 99.5` though they
/// round onto it, `-1e-50` and `-5e-324` are below `minimum = 0` though
/// they round to `-0.0`, and `9007199254740993` is beyond
/// `maximum = 9007199254740992` though an f64 reads it as 2^53. (Found by
/// this test while bounds were checked after narrowing.)
#[test]
fn narrowed_number_bounds() {
    let (wrong, checked) = bounded_numbers::<Narrowed>(
        &json!({"fahrenheit": 70.25}),
        &[
            Bounded::Float("fahrenheit", -40.5, 99.5, true),
            // No maximum but the f32's own: numbers that round to a finite f32.
            Bounded::Float(
                "ratio",
                0.0,
                next_down(2f64.powi(128) - 2f64.powi(103)),
                true,
            ),
            Bounded::Float("whole", f64::MIN, 9007199254740992.0, false),
        ],
    );
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// An `f32` of `f32::MAX` is written as `3.4028235e38` (the shortest text
/// that reads back as that f32), which is above `f32::MAX` as an f64: both
/// `Deserialize` and the schema accept every number that rounds to a finite
/// f32 (below 2^128 - 2^103 in magnitude), so it reads back. (Found by this
/// test while the f32 range ended at `f32::MAX`.)
#[test]
fn f32_max_reads_back_from_text() {
    let value: Narrowed =
        serde_json::from_value(json!({"fahrenheit": 1, "ratio": f32::MAX})).unwrap();
    let text = serde_json::to_string(&value).unwrap();
    let back = serde_json::from_str::<Narrowed>(&text);
    assert!(back.is_ok(), "{text}: {back:?}");
}

/// The property on `Narrowed`, which found the two problems above.
#[test]
fn narrowed() {
    run::<Narrowed>(shapes::narrowed());
}

/// Arrays at, under and over their item limits, at each level of nesting.
#[test]
fn item_limits() {
    let validator = validator(&MeterValuesRequest::json_schema());
    let sample = json!({"value": "1", "measurand": "Voltage"});
    for meter_values in 0..=3 {
        for samples in 0..=6 {
            let meter_value = json!({"timestamp": "2026-11-27T10:00:00Z", "sampledValue": vec![sample.clone(); samples]});
            let doc = json!({"connectorId": 0, "meterValue": vec![meter_value; meter_values]});
            let expected = meter_values >= 1 && (meter_values == 0 || (1..=4).contains(&samples));
            let got = verdicts::<MeterValuesRequest>(&validator, &doc);
            assert_eq!(got, (expected, expected), "{meter_values} × {samples}");
        }
    }
}

/// Every enum string and near-miss spelling: known ones only for a closed
/// enum (kebab case, renames), any string for an open one.
#[test]
fn enum_strings() {
    let location = validator(&Location::json_schema());
    let measurand = validator(&Measurand::json_schema());
    let phase = validator(&Phase::json_schema());
    let mut words: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
    for w in LOCATION.iter().chain(MEASURAND).chain(PHASE) {
        words.extend(near_words(w));
    }
    for w in &words {
        let doc = Value::from(w.as_str());
        let expected = LOCATION.contains(&w.as_str());
        assert_eq!(
            verdicts::<Location>(&location, &doc),
            (expected, expected),
            "{w:?}"
        );
        let expected = PHASE.contains(&w.as_str());
        assert_eq!(
            verdicts::<Phase>(&phase, &doc),
            (expected, expected),
            "{w:?}"
        );
        assert_eq!(
            verdicts::<Measurand>(&measurand, &doc),
            (true, true),
            "{w:?}"
        );
    }
    for other in [
        json!(null),
        json!(1),
        json!(["Voltage"]),
        json!({"Voltage": 1}),
        json!(true),
    ] {
        assert_eq!(
            verdicts::<Location>(&location, &other),
            (false, false),
            "{other}"
        );
        assert_eq!(
            verdicts::<Measurand>(&measurand, &other),
            (false, false),
            "{other}"
        );
    }
    assert_eq!(Location::EvInlet.as_str(), "ev-inlet");
    assert_eq!(Location::OutletSocket.as_str(), "Outlet.Socket");
}

/// Wire names only: a Rust spelling of a renamed property is unknown, an
/// error on a closed type and kept on a flatten type; the same names as
/// map keys are free.
#[test]
fn renamed_properties() {
    let boot = validator(&BootNotificationRequest::json_schema());
    let vendor = validator(&VendorData::json_schema());
    let tariffs = validator(&Tariffs::json_schema());
    let base = json!({"chargePointVendor": "v", "chargePointModel": "m"});
    for name in [
        "charge_point_vendor",
        "icc_id",
        "iccId",
        "ICCID",
        "chargepointvendor",
        "ChargePointVendor",
        "firmware_version",
        "meter-type",
    ] {
        let mut doc = base.clone();
        doc[name] = json!("x");
        assert_eq!(
            verdicts::<BootNotificationRequest>(&boot, &doc),
            (false, false),
            "{name}"
        );
        let mut doc = json!({"vendorId": "v"});
        doc[name] = json!("x");
        let kept = serde_json::from_value::<VendorData>(doc.clone()).unwrap();
        assert_eq!(kept.extra[name], json!("x"));
        assert_eq!(
            verdicts::<VendorData>(&vendor, &doc),
            (true, true),
            "{name}"
        );
        let doc = json!({"pricePerConnector": {name: 1}, "phases": {name: "L3"}});
        assert_eq!(verdicts::<Tariffs>(&tariffs, &doc), (true, true), "{name}");
    }
    let doc = json!({"chargePointVendor": "v", "chargePointModel": "m", "iccid": "1"});
    assert_eq!(
        verdicts::<BootNotificationRequest>(&boot, &doc),
        (true, true)
    );
    // `vendor_id` is not the wire name: kept, and `vendorId` is still missing.
    let doc = json!({"vendor_id": "v"});
    assert_eq!(verdicts::<VendorData>(&vendor, &doc), (false, false));
}

/// Map values of the wrong type, `null` and nested near-misses are errors;
/// the kept properties of a flatten type may be anything, `null` too, even
/// named like the flatten field itself.
#[test]
fn map_values_and_kept_properties() {
    let tariffs = validator(&Tariffs::json_schema());
    let vendor = validator(&VendorData::json_schema());
    let cases = [
        (json!({"pricePerConnector": {}}), true),
        (json!({"pricePerConnector": {"1": 4294967295u64}}), true),
        (json!({"pricePerConnector": {"1": 4294967296u64}}), false),
        (json!({"pricePerConnector": {"1": -1}}), false),
        (json!({"pricePerConnector": {"1": 2.0}}), true),
        (json!({"pricePerConnector": {"1": 2.5}}), false),
        (json!({"pricePerConnector": {"1": "2"}}), false),
        (json!({"pricePerConnector": {"1": null}}), false),
        (json!({"pricePerConnector": []}), false),
        (json!({"pricePerConnector": null}), false),
        (json!({"pricePerConnector": {}, "labels": {"a": ""}}), true),
        (json!({"pricePerConnector": {}, "labels": {"a": 1}}), false),
        (json!({"pricePerConnector": {}, "labels": null}), false),
        (
            json!({"pricePerConnector": {}, "phases": {"x": "L2-N"}}),
            true,
        ),
        (
            json!({"pricePerConnector": {}, "phases": {"x": "L2N"}}),
            false,
        ),
        (json!({"pricePerConnector": {}, "samples": {"x": []}}), true),
        (
            json!({"pricePerConnector": {}, "samples": {"x": [{"value": "1", "location": "ev-inlet"}]}}),
            true,
        ),
        (
            json!({"pricePerConnector": {}, "samples": {"x": [{"value": "1", "location": "EvInlet"}]}}),
            false,
        ),
        (
            json!({"pricePerConnector": {}, "samples": {"x": [{"value": "1", "extra": 1}]}}),
            false,
        ),
        (
            json!({"pricePerConnector": {}, "samples": {"x": [null]}}),
            false,
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(
            verdicts::<Tariffs>(&tariffs, &doc),
            (expected, expected),
            "{doc}"
        );
    }
    let cases = [
        (
            json!({"vendorId": "v", "extra": {"a": [1, null]}, "x": null}),
            true,
        ),
        (
            json!({"vendorId": "v", "type": "Power.Active.Import"}),
            true,
        ),
        (json!({"vendorId": "v", "type": null}), false),
        (json!({"vendorId": "v", "data": null}), false),
        (json!({"vendorId": "", "x": 1}), false),
        (json!({"vendorId": "v".repeat(255), "": ""}), true),
        (json!({"vendorId": "v".repeat(256)}), false),
        (json!({"x": 1}), false),
    ];
    for (doc, expected) in cases {
        assert_eq!(
            verdicts::<VendorData>(&vendor, &doc),
            (expected, expected),
            "{doc}"
        );
    }
}

/// Every schema is a valid draft 2020-12 schema, and the validator used
/// here does check formats.
#[test]
fn schemas_are_valid_2020_12() {
    let meta = jsonschema::draft202012::meta::validator();
    let schemas = [
        (
            "BootNotificationRequest",
            BootNotificationRequest::json_schema(),
        ),
        ("MeterValuesRequest", MeterValuesRequest::json_schema()),
        ("SampledValue", SampledValue::json_schema()),
        ("Measurand", Measurand::json_schema()),
        ("Location", Location::json_schema()),
        ("Phase", Phase::json_schema()),
        ("Bounds", Bounds::json_schema()),
        ("Narrowed", Narrowed::json_schema()),
        ("Tariffs", Tariffs::json_schema()),
        ("VendorData", VendorData::json_schema()),
        ("Stamped", Stamped::json_schema()),
    ];
    for (name, schema) in &schemas {
        if let Err(error) = meta.validate(schema) {
            panic!("{name}: not a valid 2020-12 schema: {error}\n{schema:#}");
        }
        validator(schema);
    }
    let stamped = Stamped::json_schema();
    assert!(!validator(&stamped).is_valid(&json!({"at": "2026-13-01T00:00:00Z"})));
    // Without format validation the same document would pass: formats are
    // annotations in 2020-12 unless asked for.
    let lax = jsonschema::validator_for(&stamped).unwrap();
    assert!(lax.is_valid(&json!({"at": "2026-13-01T00:00:00Z"})));
}
