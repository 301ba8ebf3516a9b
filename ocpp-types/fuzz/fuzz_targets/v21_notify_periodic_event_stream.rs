//! Parses the input strictly as an OCPP 2.1 `NotifyPeriodicEventStream` (a SEND
//! message, with open `customData`); what parses must round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ocpp_types_fuzz::round_trip::<ocpp_types::v21::NotifyPeriodicEventStream>(data);
});
