//! Parses the input as a JSON `DataTransferStatus`; what parses must round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ocpp_types_fuzz::round_trip::<ocpp_types::DataTransferStatus>(data);
});
