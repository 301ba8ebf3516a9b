//! `DateTime`, the type of every `date-time` property: read from real
//! messages of each module and written back byte for byte, ordered by
//! instant, made from the clock, and converted to and from chrono, time and
//! jiff, both ways, against those crates' own reading of the same text.

use ocpp_types::{everest, ocpp_type, v16, v201, v21, DateTime, ErrorKind, OcppType, Policy};
use serde_json::json;

/// Texts RFC 3339 allows, in the forms chargers send them.
const TEXTS: &[&str] = &[
    "2026-12-08T10:00:00Z",
    "2026-12-08T10:00:00.000Z",
    "2026-12-08T10:00:00.5+01:00",
    "2026-12-08t10:00:00.123456789z",
    "2026-12-08T10:00:00.1234567891234-05:30",
    "2016-12-31T23:59:60Z",
    "2000-02-29T00:00:00+23:59",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
];

fn time(text: &str) -> DateTime {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn each_module_reads_and_writes_a_date_time_as_it_came() {
    for text in TEXTS {
        let v16_doc = json!({"connectorId": 1, "idTag": "04A1B2C3", "meterStart": 0,
            "timestamp": text})
        .to_string();
        let start: v16::StartTransactionRequest = ocpp_types::from_str(&v16_doc).unwrap();
        assert_eq!(start.timestamp.as_str(), *text);
        assert_eq!(serde_json::to_string(&start).unwrap(), v16_doc);

        let v201_doc = json!({"currentTime": text, "interval": 300, "status": "Accepted"});
        let boot: v201::BootNotificationResponse =
            ocpp_types::from_value(v201_doc.clone()).unwrap();
        assert_eq!(serde_json::to_value(&boot).unwrap(), v201_doc);

        let v21_doc = json!({"currentTime": text});
        let heartbeat: v21::HeartbeatResponse = ocpp_types::from_value(v21_doc.clone()).unwrap();
        assert_eq!(heartbeat.current_time, time(text));
        assert_eq!(serde_json::to_value(&heartbeat).unwrap(), v21_doc);

        let everest_doc = json!({"status": "Accepted", "current_time": text, "interval": 60});
        let boot: everest::BootNotificationResponse =
            ocpp_types::from_value(everest_doc.clone()).unwrap();
        assert_eq!(serde_json::to_value(&boot).unwrap(), everest_doc);
    }
}

#[test]
fn what_rfc_3339_does_not_write_is_refused_at_its_property() {
    for text in [
        "2026-12-08",
        "2026-12-08T10:00:00",
        "2026-12-08 10:00:00Z",
        "2026-02-29T10:00:00Z",
        "2026-12-08T24:00:00Z",
        "2026-12-08T10:00:60Z",
        "2026-12-08T10:00:00.Z",
        "2026-12-08T10:00:00+24:00",
        "2026-12-08T10:00:00+0100",
        "+2026-12-08T10:00:00Z",
        "2026-12-08T10:00:00Z ",
    ] {
        let doc = json!({"currentTime": text}).to_string();
        let error = ocpp_types::from_str::<v201::HeartbeatResponse>(&doc).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Format, "{text}");
        assert_eq!(error.pointer(), "/currentTime", "{text}");
        assert!(
            error.to_string().starts_with(
                "HeartbeatResponse.currentTime: not a date-time as RFC 3339 writes it"
            ),
            "{error}"
        );
        assert!(text.parse::<DateTime>().is_err(), "{text}");
        for (wrong, kind) in [
            (json!(null), ErrorKind::Null),
            (json!(1_796_688_000), ErrorKind::WrongType),
            (json!({}), ErrorKind::WrongType),
        ] {
            let doc = json!({"currentTime": wrong}).to_string();
            let error = ocpp_types::from_str::<v201::HeartbeatResponse>(&doc).unwrap_err();
            assert_eq!(error.kind(), kind, "{doc}");
        }
    }
}

#[test]
fn transaction_events_sort_by_instant_not_by_text() {
    let event = |seq_no: i64, timestamp: &str| -> v201::TransactionEventRequest {
        ocpp_types::from_value(json!({
            "eventType": "Updated", "timestamp": timestamp, "triggerReason": "MeterValuePeriodic",
            "seqNo": seq_no, "transactionInfo": {"transactionId": "T-1"}
        }))
        .unwrap()
    };
    // 09:00, 09:30 and 09:30:00.001 UTC; in text order these would be 2, 1, 0.
    let mut events = [
        event(0, "2026-12-08T10:00:00+01:00"),
        event(1, "2026-12-08T09:30:00Z"),
        event(2, "2026-12-08T09:00:00.001-00:30"),
    ];
    events.sort_by(|a, b| a.timestamp.cmp(&b.timestamp));
    let order: Vec<i64> = events.iter().map(|e| e.seq_no).collect();
    assert_eq!(order, [0, 1, 2]);
    // Equal instants are equal values, however written; the text stays.
    assert_eq!(
        time("2026-12-08T10:00:00+01:00"),
        time("2026-12-08t09:00:00.000z")
    );
    assert_ne!(
        time("2026-12-08T10:00:00+01:00").as_str(),
        time("2026-12-08t09:00:00.000z").as_str()
    );
    let set: std::collections::HashSet<DateTime> = TEXTS
        .iter()
        .chain(&["2026-12-08T11:00:00+01:00"])
        .map(|t| time(t))
        .collect();
    assert_eq!(
        set.len(),
        TEXTS.len() - 1,
        "two texts of one instant are one key"
    );
}

#[test]
fn now_is_the_system_clock_in_utc_to_the_millisecond() {
    let before = std::time::SystemTime::now();
    let now = DateTime::now();
    let after = std::time::SystemTime::now();
    let text = now.as_str();
    assert_eq!(text.len(), "2026-12-08T10:00:00.123Z".len(), "{text}");
    assert!(text.ends_with('Z'));
    assert_eq!(now, time(text));
    let truncate = |t: std::time::SystemTime| DateTime::try_from(t).unwrap().unix_millis();
    assert!(truncate(before) <= now.unix_millis() && now.unix_millis() <= truncate(after));
    // A SystemTime before the epoch, with a fraction, and back.
    let early = std::time::UNIX_EPOCH - std::time::Duration::from_millis(1500);
    let made = DateTime::try_from(early).unwrap();
    assert_eq!(made.as_str(), "1969-12-31T23:59:58.500Z");
    assert_eq!(made.to_system_time(), early);
}

#[test]
fn a_users_own_type_takes_a_date_time() {
    /// A meter reading.
    #[ocpp_type]
    pub struct Reading {
        /// When it was read.
        pub at: DateTime,
        /// When it was sent, if it was.
        pub sent: Option<DateTime>,
        /// Earlier readings' times.
        pub history: Vec<DateTime>,
    }
    let doc = json!({"at": "2026-12-08T10:00:00+01:00", "history": ["2026-12-08T09:00:00Z"]});
    let reading: Reading = ocpp_types::from_value(doc.clone()).unwrap();
    assert_eq!(reading.at, reading.history[0]);
    assert_eq!(serde_json::to_value(&reading).unwrap(), doc);
    let schema = Reading::json_schema();
    let at = &schema["properties"]["at"];
    assert_eq!(
        (&at["type"], &at["format"]),
        (&json!("string"), &json!("date-time"))
    );
    let error = ocpp_types::from_value::<Reading>(json!({"at": "now", "history": []})).unwrap_err();
    assert_eq!(
        (error.kind(), error.pointer()),
        (ErrorKind::Format, "/at".to_owned())
    );
    let error = ocpp_types::from_value::<Reading>(
        json!({"at": "2026-12-08T10:00:00Z", "history": ["2026-12-08T09:00:00"]}),
    )
    .unwrap_err();
    assert_eq!(error.pointer(), "/history/0");
}

#[test]
fn a_lenient_reading_writes_back_what_it_tolerated_only_under_its_policy() {
    let doc = json!({"currentTime": "2026-12-08 10:00:00"}).to_string();
    let read =
        ocpp_types::from_str_with::<v201::HeartbeatResponse>(&doc, Policy::TOLERANT).unwrap();
    assert_eq!(read.deviations.len(), 1);
    assert_eq!(read.value.current_time, time("2026-12-08T10:00:00Z"));
    assert!(serde_json::to_string(&read.value).is_err());
    assert_eq!(
        ocpp_types::to_string_with(&read.value, Policy::TOLERANT).unwrap(),
        doc
    );
}

/// Every text of `TEXTS` converted to each crate's type matches that
/// crate's own reading of the text, and comes back as the same instant,
/// written at the same offset.
#[test]
fn chrono_time_and_jiff_agree_both_ways() {
    use time::format_description::well_known::Rfc3339;
    for text in TEXTS {
        let ours = time(text);
        let leap = text.contains(":60");

        let chrono_own = chrono::DateTime::parse_from_rfc3339(text).unwrap();
        let chrono_ours = chrono::DateTime::<chrono::FixedOffset>::from(&ours);
        assert_eq!(chrono_ours, chrono_own, "{text}");
        assert_eq!(chrono_ours.offset(), chrono_own.offset(), "{text}");
        let back = DateTime::try_from(chrono_own).unwrap();
        assert_eq!(
            (back.clone(), back.offset_minutes()),
            (ours.clone(), ours.offset_minutes())
        );
        let utc = chrono::DateTime::<chrono::Utc>::from(ours.clone());
        assert_eq!(DateTime::try_from(utc).unwrap().offset_minutes(), 0);

        // time and jiff have no leap seconds: 23:59:60 is 23:59:59.999999999;
        // time reads at most nine digits of fraction, as the instant keeps.
        let nine = nine_digits_of_fraction(text);
        let time_own = time::OffsetDateTime::parse(&nine, &Rfc3339).unwrap();
        let time_ours = time::OffsetDateTime::from(&ours);
        assert_eq!(time_ours, time_own, "{text}");
        assert_eq!(time_ours.offset(), time_own.offset(), "{text}");
        let back = DateTime::try_from(time_own).unwrap();
        assert_eq!(back.offset_minutes(), ours.offset_minutes(), "{text}");
        if !leap {
            assert_eq!(back, ours, "{text}");
        }

        if text.starts_with("9999-12-31") {
            // jiff's instants end at 9999-12-30T22:00:00Z.
            assert!(jiff::Timestamp::try_from(&ours).is_err());
            assert!(jiff::Zoned::try_from(&ours).is_err());
            continue;
        }
        let jiff_ours = jiff::Timestamp::try_from(&ours).unwrap();
        let zoned = jiff::Zoned::try_from(&ours).unwrap();
        assert_eq!(zoned.timestamp(), jiff_ours);
        assert_eq!(
            i32::from(ours.offset_minutes()) * 60,
            zoned.offset().seconds()
        );
        if !leap {
            let jiff_own: jiff::Timestamp = nine.parse().unwrap();
            assert_eq!(jiff_ours, jiff_own, "{text}");
            assert_eq!(DateTime::try_from(jiff_own).unwrap(), ours, "{text}");
            let back = DateTime::try_from(&zoned).unwrap();
            assert_eq!(
                (back.clone(), back.offset_minutes()),
                (ours.clone(), ours.offset_minutes())
            );
        }
    }
}

/// `text` with its fraction cut to nine digits.
fn nine_digits_of_fraction(text: &str) -> String {
    match text.find('.') {
        Some(dot) => {
            let digits = text[dot + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let kept = digits.min(9);
            format!("{}{}", &text[..dot + 1 + kept], &text[dot + 1 + digits..])
        }
        None => text.to_owned(),
    }
}

#[test]
fn conversions_from_times_rfc_3339_cannot_write_fail() {
    use chrono::Datelike;
    let year_10000 = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    assert!(DateTime::try_from(year_10000).is_err());
    let seconds_offset = chrono::FixedOffset::east_opt(30).unwrap();
    assert!(DateTime::try_from(
        year_10000
            .with_year(2026)
            .unwrap()
            .with_timezone(&seconds_offset)
    )
    .is_err());
    let before_year_0 = time::OffsetDateTime::from_unix_timestamp(-62_167_219_201).unwrap();
    assert!(DateTime::try_from(before_year_0).is_err());
    assert!(DateTime::try_from(jiff::Timestamp::MIN).is_err());
    // Before the epoch, a fraction counts up from the earlier second.
    let before = jiff::Timestamp::new(-2, -250_000_000).unwrap();
    let ours = DateTime::try_from(before).unwrap();
    assert_eq!(
        (ours.unix_seconds(), ours.subsec_nanos()),
        (-3, 750_000_000)
    );
    assert_eq!(ours.as_str(), "1969-12-31T23:59:57.750Z");
}
