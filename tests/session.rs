//! `rpc::Session`: typed calls with deadlines, one at a time, typed
//! replies, late and stray answers, message ids; driven by hand with
//! `Instant`s, as a program's event loop drives it.

use ocpp_types::rpc::{
    CallFailure, CallRejected, Config, ErrorCode, Event, Frame, Handlers, MessageId, Messages,
    Refusal, Registration, Session,
};
use ocpp_types::{v16, v201, v21, DateTime};
use std::collections::HashSet;
use std::time::{Duration, Instant};

fn heartbeat_response() -> v16::HeartbeatResponse {
    v16::HeartbeatResponse::new(DateTime::from_unix(1_796_688_000, 0).unwrap())
}

/// Ids `c1`, `c2`, ... for a charge point, so frames can be written by hand.
fn numbered(prefix: &'static str) -> impl FnMut() -> MessageId + Send {
    let mut next = 0;
    move || {
        next += 1;
        MessageId::new(format!("{prefix}{next}")).unwrap()
    }
}

/// A charge point accepted already, with a heartbeat every 300 s.
fn charge_point(config: Config) -> Session<v16::Request> {
    Session::charge_point(config)
        .with_message_ids(numbered("c"))
        .with_registration(ACCEPTED)
}

const ACCEPTED: Registration = Registration::Accepted {
    interval: Duration::from_secs(300),
};

/// The next event, which must be there.
fn event<M: ocpp_types::rpc::Messages>(session: &mut Session<M>) -> Event<M> {
    session.poll_event().expect("an event")
}

#[test]
fn calls_go_one_at_a_time_in_order() {
    let now = Instant::now();
    let mut cp = charge_point(Config::default());
    let first = cp.call(v16::HeartbeatRequest::new()).unwrap();
    let second = cp
        .call(v16::StatusNotificationRequest::new(
            1,
            v16::ChargePointErrorCode::NoError,
            v16::StatusNotificationRequestStatus::Available,
        ))
        .unwrap();
    assert_eq!(cp.queued(), 2);
    assert_eq!(cp.poll_transmit(now).unwrap(), r#"[2,"c1","Heartbeat",{}]"#);
    assert!(cp.is_waiting());
    assert_eq!(
        cp.poll_transmit(now),
        None,
        "the second waits for the first"
    );

    cp.receive(
        r#"[3,"c1",{"currentTime":"2026-12-08T00:00:00Z"}]"#,
        now + Duration::from_secs(1),
    );
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    // Not the second's: given back.
    let answered = second.outcome(answered).unwrap_err();
    let response = first.outcome(answered).unwrap().unwrap();
    assert_eq!(response, heartbeat_response());

    let text = cp.poll_transmit(now).unwrap();
    assert!(
        text.starts_with(r#"[2,"c2","StatusNotification","#),
        "{text}"
    );
    assert_eq!(cp.poll_transmit(now), None);
}

#[test]
fn a_call_times_out_at_its_deadline_and_its_answer_is_late() {
    let start = Instant::now();
    let mut cp = charge_point(Config::default().with_call_timeout(Duration::from_secs(10)));
    let slow = cp
        .call_with_timeout(v16::HeartbeatRequest::new(), Duration::from_secs(2))
        .unwrap();
    let next = cp.call(v16::HeartbeatRequest::new()).unwrap();
    // The deadline counts from sending, not from calling.
    let sent = start + Duration::from_secs(5);
    cp.poll_transmit(sent).unwrap();
    assert_eq!(cp.poll_timeout(), Some(sent + Duration::from_secs(2)));
    cp.handle_timeout(sent + Duration::from_secs(1));
    assert!(cp.poll_event().is_none(), "not yet");
    cp.handle_timeout(sent + Duration::from_secs(2));
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(matches!(
        slow.outcome(answered),
        Ok(Err(CallFailure::Timeout))
    ));

    // The next call goes, with the session's own timeout.
    let later = sent + Duration::from_secs(3);
    assert_eq!(
        cp.poll_transmit(later).unwrap(),
        r#"[2,"c2","Heartbeat",{}]"#
    );
    assert_eq!(cp.poll_timeout(), Some(later + Duration::from_secs(10)));
    // The first call's answer now is late, never the second's.
    cp.receive(r#"[3,"c1",{"currentTime":"2026-12-08T00:00:00Z"}]"#, later);
    let Event::Late(frame) = event(&mut cp) else {
        panic!()
    };
    assert_eq!(frame.message_id(), "c1");
    assert!(cp.is_waiting());
    // An answer to no call at all is stray.
    cp.receive(r#"[3,"x9",{}]"#, later);
    assert!(matches!(
        event(&mut cp),
        Event::Stray(Frame::UnexpectedResult(_))
    ));
    cp.receive(r#"[4,"x9","GenericError","",{}]"#, later);
    assert!(matches!(event(&mut cp), Event::Stray(Frame::CallError(_))));
    // The second's answer is its own.
    cp.receive(r#"[3,"c2",{"currentTime":"2026-12-08T00:00:00Z"}]"#, later);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(next.outcome(answered).unwrap().is_ok());
}

#[test]
fn an_answer_after_the_deadline_is_late_even_before_handle_timeout() {
    let now = Instant::now();
    let mut cp = charge_point(Config::default());
    let call = cp.call(v16::HeartbeatRequest::new()).unwrap();
    cp.poll_transmit(now).unwrap();
    cp.receive(
        r#"[3,"c1",{"currentTime":"2026-12-08T00:00:00Z"}]"#,
        now + Duration::from_secs(31),
    );
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(matches!(
        call.outcome(answered),
        Ok(Err(CallFailure::Timeout))
    ));
    assert!(matches!(event(&mut cp), Event::Late(_)));
}

#[test]
fn a_callerror_and_an_invalid_result_are_failures_of_the_call() {
    let now = Instant::now();
    let mut cp = charge_point(Config::default());
    let refused = cp.call(v16::HeartbeatRequest::new()).unwrap();
    let broken = cp.call(v16::HeartbeatRequest::new()).unwrap();
    cp.poll_transmit(now).unwrap();
    cp.receive(r#"[4,"c1","InternalError","down",{}]"#, now);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    let Ok(Err(CallFailure::Error(error))) = refused.outcome(answered) else {
        panic!()
    };
    assert_eq!(
        (error.code, error.description.as_str()),
        (ErrorCode::InternalError, "down")
    );

    cp.poll_transmit(now).unwrap();
    cp.receive(r#"[3,"c2",{"currentTime":"yesterday"}]"#, now);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    let Ok(Err(CallFailure::InvalidResult(error))) = broken.outcome(answered) else {
        panic!()
    };
    assert_eq!(error.pointer(), "/2/currentTime");
    // 1.6 has no CALLRESULTERROR: nothing to send.
    assert_eq!(cp.poll_transmit(now), None);
    assert!(!cp.is_waiting());
}

#[test]
fn in_2_1_an_invalid_result_is_answered_with_a_callresulterror() {
    let now = Instant::now();
    let mut cp = Session::<v21::Request>::charge_point(Config::default())
        .with_message_ids(numbered("c"))
        .with_registration(ACCEPTED);
    let call = cp.call(v21::HeartbeatRequest::new()).unwrap();
    cp.poll_transmit(now).unwrap();
    cp.receive(r#"[3,"c1",{"currentTime":"yesterday"}]"#, now);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(matches!(
        call.outcome(answered),
        Ok(Err(CallFailure::InvalidResult(_)))
    ));
    let answer = cp.poll_transmit(now).unwrap();
    assert!(answer.starts_with(r#"[5,"c1","#), "{answer}");
}

#[test]
fn replies_are_typed_and_go_before_the_next_call() {
    let now = Instant::now();
    let mut csms = Session::<v16::Request>::csms(Config::default()).with_message_ids(numbered("s"));
    let _reset = csms
        .call(v16::ResetRequest::new(v16::ResetRequestType::Soft))
        .unwrap();
    csms.receive(r#"[2,"c1","Heartbeat",{}]"#, now);
    csms.receive(r#"[2,"c2","Authorize",{"idTag":"04A1B2C3"}]"#, now);
    let Event::Request(incoming) = event(&mut csms) else {
        panic!()
    };
    // Not a BootNotification: given back, to try the next type.
    let incoming = incoming.take::<v16::BootNotificationRequest>().unwrap_err();
    let (_heartbeat, reply) = incoming.take::<v16::HeartbeatRequest>().unwrap();
    csms.reply(reply, heartbeat_response()).unwrap();
    let Event::Request(incoming) = event(&mut csms) else {
        panic!()
    };
    assert_eq!(incoming.action(), "Authorize");
    csms.refuse(incoming, ErrorCode::NotSupported, "no local list")
        .unwrap();

    assert_eq!(
        csms.poll_transmit(now).unwrap(),
        r#"[3,"c1",{"currentTime":"2026-12-08T00:00:00Z"}]"#
    );
    assert_eq!(
        csms.poll_transmit(now).unwrap(),
        r#"[4,"c2","NotSupported","no local list",{}]"#
    );
    assert_eq!(
        csms.poll_transmit(now).unwrap(),
        r#"[2,"s1","Reset",{"type":"Soft"}]"#
    );
}

#[test]
fn an_answer_routed_by_match_is_checked_at_run_time() {
    let now = Instant::now();
    let mut csms = Session::<v16::Request>::csms(Config::default());
    csms.receive(r#"[2,"c1","Heartbeat",{}]"#, now);
    let Event::Request(incoming) = event(&mut csms) else {
        panic!()
    };
    assert!(matches!(
        incoming.call().payload,
        v16::Request::Heartbeat(_)
    ));
    let error = csms
        .answer(
            incoming,
            v16::ClearCacheResponse::new(v16::CancelReservationResponseStatus::Accepted),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "a response of `ClearCache` can't answer a call of `Heartbeat`"
    );
    // Every CALL is answered: a program's mistake with InternalError.
    assert_eq!(
        csms.poll_transmit(now).unwrap(),
        r#"[4,"c1","InternalError","a response of `ClearCache` can't answer a call of `Heartbeat`",{}]"#
    );
    assert_eq!(csms.poll_transmit(now), None);
}

#[test]
fn a_broken_call_is_an_event_and_its_callerror_is_queued() {
    let now = Instant::now();
    let mut csms = Session::<v16::Request>::csms(Config::default());
    csms.receive(r#"[2,"c1","Heartbeat",{"now":true}]"#, now);
    let Event::Broken(error) = event(&mut csms) else {
        panic!()
    };
    assert_eq!(error.code(), ErrorCode::FormatViolation);
    let answer = csms.poll_transmit(now).unwrap();
    assert!(
        answer.starts_with(r#"[4,"c1","FormationViolation","#),
        "{answer}"
    );
}

#[test]
fn calls_are_refused_for_the_wrong_side_a_full_queue_or_a_broken_request() {
    let mut cp = charge_point(Config::default().with_max_queued(2));
    let reset = cp.call(v16::ResetRequest::new(v16::ResetRequestType::Hard));
    assert!(matches!(
        reset,
        Err(CallRejected::Direction {
            action: "Reset",
            ..
        })
    ));
    let long_vendor = "x".repeat(21);
    let boot = cp.call(v16::BootNotificationRequest::new(long_vendor, "model"));
    let Err(CallRejected::Invalid(error)) = boot else {
        panic!()
    };
    assert!(
        error.to_string().contains("maximum length of 20"),
        "{error}"
    );
    cp.call(v16::HeartbeatRequest::new()).unwrap();
    cp.call(v16::HeartbeatRequest::new()).unwrap();
    assert!(matches!(
        cp.call(v16::HeartbeatRequest::new()),
        Err(CallRejected::QueueFull)
    ));
}

#[test]
fn message_ids_differ_across_sessions() {
    let now = Instant::now();
    let mut seen = HashSet::new();
    for _ in 0..50 {
        let mut cp = Session::<v16::Request>::charge_point(Config::default());
        for _ in 0..20 {
            let call = cp.call(v16::HeartbeatRequest::new()).unwrap();
            let id = call.message_id().as_str().to_owned();
            assert_eq!(id.len(), 32);
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
            assert!(seen.insert(id));
            cp.poll_transmit(now);
            cp.handle_timeout(now + Duration::from_secs(60));
        }
    }
}

fn at() -> DateTime {
    DateTime::from_unix(1_796_688_000, 0).unwrap()
}

fn meter_values(transaction_id: Option<i64>) -> v16::MeterValuesRequest {
    let sampled = v16::MeterValueSampledValue::new("1500");
    let request = v16::MeterValuesRequest::new(1, vec![v16::MeterValue::new(at(), vec![sampled])]);
    match transaction_id {
        Some(id) => request.with_transaction_id(id),
        None => request,
    }
}

/// The action of a CALL frame.
fn action_of(frame: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(frame).unwrap();
    value[2].as_str().unwrap().to_owned()
}

#[test]
fn transaction_messages_survive_a_lost_connection_and_go_once_in_order() {
    let now = Instant::now();
    let mut cp = charge_point(Config::default());
    let start = cp
        .call(v16::StartTransactionRequest::new(1, "04A1B2C3", 0, at()))
        .unwrap();
    let heartbeat = cp.call(v16::HeartbeatRequest::new()).unwrap();
    assert_eq!(
        action_of(&cp.poll_transmit(now).unwrap()),
        "StartTransaction"
    );

    // Lost before the answer: the StartTransaction waits, the Heartbeat fails.
    cp.disconnected();
    assert!(!cp.is_online());
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(matches!(
        heartbeat.outcome(answered),
        Ok(Err(CallFailure::Disconnected))
    ));
    assert_eq!(cp.poll_transmit(now), None, "nothing goes while offline");
    // Offline, only transaction messages are taken.
    assert!(matches!(
        cp.call(v16::HeartbeatRequest::new()),
        Err(CallRejected::Offline)
    ));
    assert!(matches!(
        cp.call(meter_values(None)),
        Err(CallRejected::Offline)
    ));
    let values = cp.call(meter_values(Some(7))).unwrap();
    let stop = cp
        .call(v16::StopTransactionRequest::new(1500, at(), 7))
        .unwrap();
    assert_eq!(cp.transaction_messages().len(), 3);

    cp.connected();
    let mut sent = Vec::new();
    while let Some(frame) = cp.poll_transmit(now) {
        let value: serde_json::Value = serde_json::from_str(&frame).unwrap();
        let id = value[1].as_str().unwrap().to_owned();
        sent.push(action_of(&frame));
        let answer = match sent.last().unwrap().as_str() {
            "StartTransaction" => {
                format!(r#"[3,"{id}",{{"idTagInfo":{{"status":"Accepted"}},"transactionId":7}}]"#)
            }
            _ => format!(r#"[3,"{id}",{{}}]"#),
        };
        cp.receive(&answer, now);
    }
    assert_eq!(sent, ["StartTransaction", "MeterValues", "StopTransaction"]);
    let mut answered = Vec::new();
    while let Some(Event::Answered(one)) = cp.poll_event() {
        answered.push(one);
    }
    assert_eq!(answered.len(), 3);
    let mut answered = answered.into_iter();
    assert_eq!(
        start
            .outcome(answered.next().unwrap())
            .unwrap()
            .unwrap()
            .transaction_id,
        7
    );
    assert!(values.outcome(answered.next().unwrap()).unwrap().is_ok());
    assert!(stop.outcome(answered.next().unwrap()).unwrap().is_ok());
    assert!(cp.transaction_messages().is_empty());
}

#[test]
fn a_failed_transaction_message_is_sent_again_after_the_interval() {
    let now = Instant::now();
    let config = Config::default().with_message_attempts(3, Duration::from_secs(10));
    let mut cp = charge_point(config);
    let start = cp
        .call(v16::StartTransactionRequest::new(1, "04A1B2C3", 0, at()))
        .unwrap();
    let first = cp.poll_transmit(now).unwrap();
    assert!(first.starts_with(r#"[2,"c1","StartTransaction","#));
    cp.receive(r#"[4,"c1","InternalError","busy",{}]"#, now);
    assert!(cp.poll_event().is_none(), "not final: sent again");
    // After the interval times the attempts made (1), under a new id.
    assert_eq!(cp.poll_timeout(), Some(now + Duration::from_secs(10)));
    assert_eq!(cp.poll_transmit(now + Duration::from_secs(9)), None);
    let second = cp.poll_transmit(now + Duration::from_secs(10)).unwrap();
    assert!(
        second.starts_with(r#"[2,"c2","StartTransaction","#),
        "{second}"
    );
    assert_eq!(first[8..], second[8..], "the same message");

    // A timeout is a failed attempt too; the old id's answer is then late.
    let t2 = now + Duration::from_secs(10);
    cp.handle_timeout(t2 + Duration::from_secs(30));
    assert!(cp.poll_event().is_none());
    let t3 = t2 + Duration::from_secs(30);
    assert_eq!(cp.poll_timeout(), Some(t3 + Duration::from_secs(20)));
    let third = cp.poll_transmit(t3 + Duration::from_secs(20)).unwrap();
    assert!(
        third.starts_with(r#"[2,"c3","StartTransaction","#),
        "{third}"
    );
    cp.receive(
        r#"[3,"c2",{"idTagInfo":{"status":"Accepted"},"transactionId":7}]"#,
        t3,
    );
    assert!(matches!(event(&mut cp), Event::Late(_)));

    // The third attempt fails: that is final, for the handle's call.
    cp.receive(r#"[4,"c3","InternalError","still busy",{}]"#, t3);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert_eq!(answered.message_id, "c1");
    let Ok(Err(CallFailure::Error(error))) = start.outcome(answered) else {
        panic!()
    };
    assert_eq!(error.description, "still busy");
    assert_eq!(cp.poll_transmit(t3 + Duration::from_secs(100)), None);
}

#[test]
fn transaction_messages_are_kept_across_a_restart_as_data() {
    let now = Instant::now();
    let mut before =
        Session::<v201::Request>::charge_point(Config::default()).with_registration(ACCEPTED);
    let event_request: v201::TransactionEventRequest = serde_json::from_value(serde_json::json!({
        "eventType": "Started", "timestamp": "2026-12-08T00:00:00Z",
        "triggerReason": "Authorized", "seqNo": 0, "transactionInfo": {"transactionId": "T-1"}
    }))
    .unwrap();
    before.call(event_request).unwrap();
    before.disconnected();
    let stored = before.transaction_messages();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].action, "TransactionEvent");
    assert_eq!(stored[0].attempts, 0);

    // After the restart: the message goes first, as it was.
    let mut after =
        Session::<v201::Request>::charge_point(Config::default()).with_registration(ACCEPTED);
    after.call(v201::HeartbeatRequest::new()).unwrap();
    after.restore_transaction_messages(stored.clone()).unwrap();
    assert_eq!(after.poll_transmit(now).unwrap(), stored[0].frame);
    after.receive(&format!(r#"[3,"{}",{{}}]"#, stored[0].message_id), now);
    let Event::Answered(answered) = event(&mut after) else {
        panic!()
    };
    assert_eq!(
        (answered.action, answered.message_id.as_str()),
        ("TransactionEvent", stored[0].message_id.as_str())
    );
    assert!(answered.outcome.is_ok());
    assert_eq!(action_of(&after.poll_transmit(now).unwrap()), "Heartbeat");

    // Only transaction messages are restored.
    let mut heartbeat = stored[0].clone();
    heartbeat.action = "Heartbeat".into();
    let error = after
        .restore_transaction_messages(vec![heartbeat])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`Heartbeat` is not a transaction message"
    );
}

#[test]
fn a_charge_point_sends_nothing_but_bootnotification_until_accepted() {
    let now = Instant::now();
    let mut cp =
        Session::<v16::Request>::charge_point(Config::default()).with_message_ids(numbered("c"));
    assert_eq!(cp.registration(), Registration::Unknown);
    let status = cp
        .call(v16::StatusNotificationRequest::new(
            1,
            v16::ChargePointErrorCode::NoError,
            v16::StatusNotificationRequestStatus::Available,
        ))
        .unwrap();
    assert_eq!(cp.poll_transmit(now), None, "waits for a BootNotification");
    let boot = || v16::BootNotificationRequest::new("Pionix", "BelayBox");
    cp.call(boot()).unwrap();
    assert_eq!(
        action_of(&cp.poll_transmit(now).unwrap()),
        "BootNotification"
    );

    // Pending, retry in 60 s: still only a BootNotification, not before then.
    cp.receive(
        r#"[3,"c2",{"status":"Pending","currentTime":"2026-12-08T00:00:00Z","interval":60}]"#,
        now,
    );
    assert!(matches!(event(&mut cp), Event::Answered(_)));
    let retry = now + Duration::from_secs(60);
    assert_eq!(cp.registration(), Registration::Pending { retry });
    cp.call(boot()).unwrap();
    assert_eq!(cp.poll_timeout(), Some(retry));
    assert_eq!(cp.poll_transmit(now + Duration::from_secs(59)), None);
    let frame = cp.poll_transmit(retry).unwrap();
    assert_eq!(action_of(&frame), "BootNotification");
    // The CSMS's own calls are answered meanwhile.
    cp.receive(r#"[2,"s1","GetConfiguration",{}]"#, retry);
    let Event::Request(incoming) = event(&mut cp) else {
        panic!()
    };
    cp.refuse(incoming, ErrorCode::NotSupported, "").unwrap();
    assert!(cp.poll_transmit(retry).unwrap().starts_with(r#"[4,"s1""#));

    // Accepted: the StatusNotification goes, and heartbeats fall due.
    cp.receive(
        r#"[3,"c3",{"status":"Accepted","currentTime":"2026-12-08T00:00:00Z","interval":300}]"#,
        retry,
    );
    assert!(matches!(event(&mut cp), Event::Answered(_)));
    assert_eq!(cp.registration(), ACCEPTED);
    let sent = retry + Duration::from_secs(1);
    assert_eq!(
        action_of(&cp.poll_transmit(sent).unwrap()),
        "StatusNotification"
    );
    cp.receive(r#"[3,"c1",{}]"#, sent);
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert!(status.outcome(answered).unwrap().is_ok());
    let due = sent + Duration::from_secs(300);
    assert_eq!(cp.next_heartbeat(), Some(due));
    assert_eq!(cp.poll_timeout(), Some(due));
    assert!(!cp.heartbeat_due(due - Duration::from_secs(1)));
    assert!(cp.heartbeat_due(due));
}

#[test]
fn a_rejected_charge_point_waits_its_interval() {
    let now = Instant::now();
    let mut cp =
        Session::<v201::Request>::charge_point(Config::default()).with_message_ids(numbered("c"));
    let station = v201::ChargingStationType::new("BelayBox", "Pionix");
    let boot = v201::BootNotificationRequest::new(station, v201::BootReasonEnumType::PowerUp);
    cp.call(boot.clone()).unwrap();
    cp.poll_transmit(now).unwrap();
    cp.receive(
        r#"[3,"c1",{"status":"Rejected","currentTime":"2026-12-08T00:00:00Z","interval":600}]"#,
        now,
    );
    let retry = now + Duration::from_secs(600);
    assert_eq!(cp.registration(), Registration::Rejected { retry });
    cp.call(boot).unwrap();
    assert_eq!(cp.poll_transmit(now + Duration::from_secs(599)), None);
    assert!(cp.poll_transmit(retry).is_some());
    // A CSMS session has no such rule.
    let mut csms = Session::<v201::Request>::csms(Config::default());
    csms.call(v201::GetVariablesRequest::new(vec![])).ok();
    assert_eq!(csms.registration(), Registration::Unknown);
}

#[test]
fn one_frame_can_be_read_leniently_and_its_deviations_point_into_the_frame() {
    let now = Instant::now();
    let mut csms = Session::<v16::Request>::csms(Config::default());
    let text = r#"[2,"c1","Heartbeat",{"uptime":12}]"#;
    csms.receive(text, now);
    assert!(matches!(event(&mut csms), Event::Broken(_)));
    csms.poll_transmit(now).unwrap();
    csms.receive_with(text, ocpp_types::Policy::TOLERANT, now);
    assert!(matches!(event(&mut csms), Event::Request(_)));
    let (deviations, omitted) = csms.deviations();
    assert_eq!((deviations.len(), omitted), (1, 0));
    assert_eq!(deviations[0].pointer(), "/3/uptime");
}

#[test]
fn an_attempt_again_has_a_new_id_however_the_ids_are_spelled() {
    let now = Instant::now();
    let mut next = 0;
    let quoted = move || {
        next += 1;
        MessageId::new(format!("a\"{next}\\")).unwrap()
    };
    let mut cp = Session::<v16::Request>::charge_point(
        Config::default().with_message_attempts(2, Duration::ZERO),
    )
    .with_message_ids(quoted)
    .with_registration(ACCEPTED);
    let start = cp
        .call(v16::StartTransactionRequest::new(1, "04A1B2C3", 0, at()))
        .unwrap();
    let first = cp.poll_transmit(now).unwrap();
    assert!(
        first.starts_with(r#"[2,"a\"1\\","StartTransaction","#),
        "{first}"
    );
    cp.receive(r#"[4,"a\"1\\","InternalError","",{}]"#, now);
    let second = cp.poll_transmit(now).unwrap();
    assert!(
        second.starts_with(r#"[2,"a\"2\\","StartTransaction","#),
        "{second}"
    );
    cp.receive(
        r#"[3,"a\"2\\",{"idTagInfo":{"status":"Accepted"},"transactionId":9}]"#,
        now,
    );
    let Event::Answered(answered) = event(&mut cp) else {
        panic!()
    };
    assert_eq!(start.outcome(answered).unwrap().unwrap().transaction_id, 9);
}

/// A CSMS's handlers for 1.6: what they record, and how they answer.
#[derive(Default)]
struct Csms16 {
    booted: Vec<String>,
}

fn handlers_16() -> Handlers<v16::Request, Csms16> {
    Handlers::new()
        .on(|csms: &mut Csms16, boot: v16::BootNotificationRequest| {
            csms.booted.push(boot.charge_point_vendor);
            v16::BootNotificationResponse::new(
                v16::BootNotificationResponseStatus::Accepted,
                at(),
                300,
            )
        })
        .try_on(|_, authorize: v16::AuthorizeRequest| {
            let status = match authorize.id_tag.as_str() {
                "BAD" => return Err(Refusal::new(ErrorCode::SecurityError, "not here")),
                "LONG" => {
                    // A parent id tag of 21 characters breaks the schema.
                    return Ok(v16::AuthorizeResponse::new(
                        v16::IdTagInfo::new(v16::IdTagInfoStatus::Accepted)
                            .with_parent_id_tag("P".repeat(21)),
                    ));
                }
                _ => v16::IdTagInfoStatus::Accepted,
            };
            Ok(v16::AuthorizeResponse::new(v16::IdTagInfo::new(status)))
        })
}

/// What `session` sends, all of it, after `frames` came in and each
/// request went to `handlers`; and what `handle` returned for each.
fn handled<M: Messages, S>(
    session: &mut Session<M>,
    handlers: &mut Handlers<M, S>,
    state: &mut S,
    frames: &[&str],
) -> (Vec<String>, Vec<bool>) {
    let now = Instant::now();
    let mut results = Vec::new();
    for frame in frames {
        session.receive(frame, now);
        while let Some(event) = session.poll_event() {
            let Event::Request(incoming) = event else {
                panic!("not a request: {event:?}")
            };
            results.push(handlers.handle(session, state, incoming).is_ok());
        }
    }
    (
        std::iter::from_fn(|| session.poll_transmit(now)).collect(),
        results,
    )
}

#[test]
fn handlers_answer_each_call_with_its_actions_response_in_1_6() {
    let (mut handlers, mut csms) = (handlers_16(), Csms16::default());
    assert!(handlers.handles("BootNotification") && handlers.handles("Authorize"));
    assert!(!handlers.handles("DataTransfer"));
    let mut session = Session::<v16::Request>::csms(Config::default());
    let (sent, results) = handled(
        &mut session,
        &mut handlers,
        &mut csms,
        &[
            r#"[2,"1","BootNotification",{"chargePointVendor":"Pionix","chargePointModel":"BelayBox"}]"#,
            r#"[2,"2","Authorize",{"idTag":"04A2B3C4"}]"#,
            r#"[2,"3","Authorize",{"idTag":"BAD"}]"#,
            r#"[2,"4","Authorize",{"idTag":"LONG"}]"#,
            r#"[2,"5","DataTransfer",{"vendorId":"com.acme"}]"#,
        ],
    );
    assert_eq!(csms.booted, ["Pionix"]);
    assert_eq!(
        sent,
        [
            r#"[3,"1",{"status":"Accepted","currentTime":"2026-12-08T00:00:00Z","interval":300}]"#,
            r#"[3,"2",{"idTagInfo":{"status":"Accepted"}}]"#,
            r#"[4,"3","SecurityError","not here",{}]"#,
            r#"[4,"4","InternalError","the response breaks its schema: IdTagInfo.parentIdTag: string of 21 characters is longer than the maximum length of 20 characters",{}]"#,
            r#"[4,"5","NotImplemented","no handler for `DataTransfer`",{}]"#,
        ]
    );
    // Only the response that broke its schema is an error of `handle`.
    assert_eq!(results, [true, true, true, false, true]);
}

#[test]
fn handlers_answer_each_call_with_its_actions_response_in_2_x() {
    let mut v201 = Handlers::<v201::Request, u32>::new()
        .on(|boots: &mut u32, _: v201::BootNotificationRequest| {
            *boots += 1;
            v201::BootNotificationResponse::new(
                at(),
                300,
                v201::RegistrationStatusEnumType::Accepted,
            )
        })
        .on(|_, _: v201::HeartbeatRequest| v201::HeartbeatResponse::new(at()));
    let mut boots = 0;
    let mut session = Session::<v201::Request>::csms(Config::default());
    let boot = r#"[2,"b","BootNotification",{"chargingStation":{"model":"BelayBox","vendorName":"Pionix"},"reason":"PowerUp"}]"#;
    let (sent, _) = handled(
        &mut session,
        &mut v201,
        &mut boots,
        &[
            boot,
            r#"[2,"h","Heartbeat",{}]"#,
            r#"[2,"a","Authorize",{"idToken":{"idToken":"04A2","type":"ISO14443"}}]"#,
        ],
    );
    assert_eq!(boots, 1);
    assert_eq!(
        sent,
        [
            r#"[3,"b",{"currentTime":"2026-12-08T00:00:00Z","interval":300,"status":"Accepted"}]"#,
            r#"[3,"h",{"currentTime":"2026-12-08T00:00:00Z"}]"#,
            r#"[4,"a","NotImplemented","no handler for `Authorize`",{}]"#,
        ]
    );

    // A charge point of 2.1 answers the CSMS's calls the same way; a later
    // handler for an action replaces the earlier one.
    let mut v21 = Handlers::<v21::Request>::new()
        .on(|_, _: v21::ClearCacheRequest| {
            v21::ClearCacheResponse::new(v21::ClearCacheStatusEnumType::Rejected)
        })
        .on(|_, _: v21::ClearCacheRequest| {
            v21::ClearCacheResponse::new(v21::ClearCacheStatusEnumType::Accepted)
        });
    let mut session = Session::<v21::Request>::charge_point(Config::default());
    let (sent, _) = handled(
        &mut session,
        &mut v21,
        &mut (),
        &[r#"[2,"c","ClearCache",{}]"#],
    );
    assert_eq!(sent, [r#"[3,"c",{"status":"Accepted"}]"#]);
    assert_eq!(format!("{v21:?}"), r#"{"ClearCache"}"#);
}

#[test]
fn a_taken_request_can_be_refused_through_its_reply() {
    let now = Instant::now();
    let mut csms = Session::<v201::Request>::csms(Config::default());
    csms.receive(r#"[2,"r1","Heartbeat",{}]"#, now);
    let Event::Request(incoming) = event(&mut csms) else {
        panic!()
    };
    let (_, reply) = incoming.take::<v201::HeartbeatRequest>().unwrap();
    csms.reply_error(reply, ErrorCode::GenericError, "busy")
        .unwrap();
    assert_eq!(
        csms.poll_transmit(now).unwrap(),
        r#"[4,"r1","GenericError","busy",{}]"#
    );
}

/// The rules of a charge point's session, in one version, with its real
/// messages: `boot` (a BootNotificationRequest), the three messages of a
/// transaction (`transaction`) and the CSMS's answers to them (`answers`).
/// The CSMS's frames are written by hand, with the charge point's ids
/// `c1`, `c2`, ...
macro_rules! rules_of_a_charge_point {
    ($test:ident, $v:ident, boot: $boot:expr, transaction: [$t0:expr, $t1:expr, $t2:expr], answers: [$a0:literal, $a1:literal, $a2:literal]) => {
        #[test]
        fn $test() {
            use $v::*;
            let now = Instant::now();
            let ids = numbered("c");
            let mut cp = Session::<Request>::charge_point(Config::default()).with_message_ids(ids);

            // Nothing but BootNotification before it is accepted; after a
            // Pending answer, not before its interval.
            let boot = cp.call($boot).unwrap();
            let heartbeat = cp.call(HeartbeatRequest::new()).unwrap();
            assert_eq!(action_of(&cp.poll_transmit(now).unwrap()), "BootNotification");
            cp.receive(r#"[3,"c1",{"status":"Pending","currentTime":"2026-12-08T00:00:00Z","interval":10}]"#, now);
            let Event::Answered(answered) = event(&mut cp) else { panic!() };
            let pending = boot.outcome(answered).unwrap().unwrap();
            assert_eq!(pending.interval, 10);
            let retry = now + Duration::from_secs(10);
            assert_eq!(cp.registration(), Registration::Pending { retry });
            cp.call($boot).unwrap();
            assert_eq!(cp.poll_transmit(now), None, "the Heartbeat waits, and so does the boot");
            assert_eq!(cp.poll_timeout(), Some(retry));
            assert!(cp.poll_transmit(retry).unwrap().starts_with(r#"[2,"c3","BootNotification","#));
            cp.receive(r#"[3,"c3",{"status":"Accepted","currentTime":"2026-12-08T00:00:00Z","interval":300}]"#, retry);
            assert!(matches!(event(&mut cp), Event::Answered(_)));
            let interval = Duration::from_secs(300);
            assert_eq!(cp.registration(), Registration::Accepted { interval });

            // The Heartbeat goes now; unanswered, it times out at its
            // deadline, and its answer after that is late.
            assert!(cp.poll_transmit(retry).unwrap().starts_with(r#"[2,"c2","Heartbeat","#));
            assert_eq!(cp.next_heartbeat(), Some(retry + interval));
            let deadline = retry + Duration::from_secs(30);
            assert_eq!(cp.poll_timeout(), Some(deadline));
            cp.handle_timeout(deadline - Duration::from_millis(1));
            assert!(cp.poll_event().is_none(), "not before the deadline");
            cp.handle_timeout(deadline);
            let Event::Answered(answered) = event(&mut cp) else { panic!() };
            assert!(matches!(heartbeat.outcome(answered), Ok(Err(CallFailure::Timeout))));
            cp.receive(r#"[3,"c2",{"currentTime":"2026-12-08T00:00:00Z"}]"#, deadline);
            assert!(matches!(event(&mut cp), Event::Late(_)));

            // A transaction: its first message is on the wire when the
            // connection drops; the next two are taken while offline, other
            // calls are not.
            cp.call($t0).unwrap();
            let first = cp.poll_transmit(deadline).unwrap();
            cp.disconnected();
            cp.call($t1).unwrap();
            cp.call($t2).unwrap();
            assert!(matches!(cp.call(HeartbeatRequest::new()), Err(CallRejected::Offline)));
            assert_eq!(cp.poll_transmit(deadline), None);

            // The charge point restarts: its messages go as data to the
            // next session, and from there, once connected, in order, each
            // once.
            let stored = cp.transaction_messages();
            assert_eq!(stored.len(), 3);
            assert_eq!(stored[0].frame, first);
            let ids = numbered("d");
            let accepted = Registration::Accepted { interval };
            let mut cp = Session::<Request>::charge_point(Config::default())
                .with_message_ids(ids)
                .with_registration(accepted);
            cp.restore_transaction_messages(stored.clone()).unwrap();
            for (stored, answer) in stored.iter().zip([$a0, $a1, $a2]) {
                let frame = cp.poll_transmit(deadline).unwrap();
                assert_eq!(frame, stored.frame);
                assert_eq!(cp.poll_transmit(deadline), None, "one at a time");
                cp.receive(&format!(r#"[3,"{}",{answer}]"#, stored.message_id), deadline);
                let Event::Answered(answered) = event(&mut cp) else { panic!() };
                assert_eq!(answered.message_id.as_str(), stored.message_id);
                assert!(answered.outcome.is_ok(), "{:?}", answered.outcome);
            }
            assert_eq!(cp.poll_transmit(deadline), None);
            assert!(cp.transaction_messages().is_empty());
        }
    };
}

rules_of_a_charge_point!(
    rules_of_a_charge_point_in_1_6,
    v16,
    boot: BootNotificationRequest::new("Pionix", "BelayBox"),
    transaction: [
        StartTransactionRequest::new(1, "04A1B2C3", 0, at()),
        meter_values(Some(17)),
        StopTransactionRequest::new(3040, at(), 17)
    ],
    answers: [r#"{"idTagInfo":{"status":"Accepted"},"transactionId":17}"#, "{}", "{}"]
);

/// The `n`th TransactionEvent of transaction `T-17`, of 2.x version `$v`.
macro_rules! transaction_event {
    ($v:ident, $event_type:ident, $n:literal) => {
        $v::TransactionEventRequest::new(
            $v::TransactionEventEnumType::$event_type,
            at(),
            $v::TriggerReasonEnumType::MeterValuePeriodic,
            $n,
            $v::TransactionType::new("T-17"),
        )
    };
}

rules_of_a_charge_point!(
    rules_of_a_charge_point_in_2_0_1,
    v201,
    boot: BootNotificationRequest::new(
        ChargingStationType::new("BelayBox", "Pionix"),
        BootReasonEnumType::PowerUp
    ),
    transaction: [
        transaction_event!(v201, Started, 0),
        transaction_event!(v201, Updated, 1),
        transaction_event!(v201, Ended, 2)
    ],
    answers: ["{}", r#"{"totalCost":1.5}"#, "{}"]
);

rules_of_a_charge_point!(
    rules_of_a_charge_point_in_2_1,
    v21,
    boot: BootNotificationRequest::new(
        ChargingStationType::new("BelayBox", "Pionix"),
        BootReasonEnumType::PowerUp
    ),
    transaction: [
        transaction_event!(v21, Started, 0),
        transaction_event!(v21, Updated, 1),
        transaction_event!(v21, Ended, 2)
    ],
    answers: ["{}", r#"{"totalCost":1.5}"#, "{}"]
);

#[test]
fn a_heartbeat_is_called_in_any_version_without_its_type() {
    fn heartbeat<M: Messages>() {
        let now = Instant::now();
        let mut cp = Session::<M>::charge_point(Config::default())
            .with_message_ids(numbered("h"))
            .with_registration(ACCEPTED);
        assert_eq!(cp.heartbeat().unwrap(), "h1");
        assert_eq!(cp.poll_transmit(now).unwrap(), r#"[2,"h1","Heartbeat",{}]"#);
        cp.receive(r#"[3,"h1",{"currentTime":"2026-12-08T00:00:00Z"}]"#, now);
        let Event::Answered(answered) = event(&mut cp) else {
            panic!()
        };
        assert_eq!(
            (answered.action, answered.outcome.is_ok()),
            ("Heartbeat", true)
        );
        let mut csms = Session::<M>::csms(Config::default());
        assert!(matches!(
            csms.heartbeat(),
            Err(CallRejected::Direction {
                action: "Heartbeat",
                ..
            })
        ));
    }
    heartbeat::<v16::Request>();
    heartbeat::<v201::Request>();
    heartbeat::<v21::Request>();
}
