//! Parses the input strictly as an OCPP 2.0.1 `BootNotificationRequest` (with its
//! open `customData`, whose unknown properties are skipped); what parses must
//! round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ocpp_types_fuzz::round_trip::<ocpp_types::v201::BootNotificationRequest>(data);
});
