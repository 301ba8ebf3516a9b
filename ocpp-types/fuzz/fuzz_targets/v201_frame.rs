//! Reads the input (UTF-8 text; other bytes are skipped) as OCPP-J 2.0.1
//! frames with `rpc::Endpoint`: a CSMS and a charge point reading strictly, and
//! both reading with `Policy::TOLERANT`, the whole text as one frame, then each
//! line as a session. A broken frame's `answer()` must be one line of valid
//! JSON; a frame read must write with `to_json()` (strict sides: without an
//! error).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ocpp_types_fuzz::frames::<ocpp_types::v201::Request>(data);
});
