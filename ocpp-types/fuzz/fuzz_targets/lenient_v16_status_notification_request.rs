//! Reads the input as an OCPP 1.6 `StatusNotificationRequest` with
//! `Policy::TOLERANT`; deviations and errors must be one line, and what reads
//! must write leniently and read back to an equal value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ocpp_types_fuzz::lenient::<ocpp_types::v16::StatusNotificationRequest>(data);
});
