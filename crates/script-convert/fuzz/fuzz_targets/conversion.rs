#![no_main]
//! Run bounded by `cargo xtask fuzz` (stable Rust, `--sanitizer none`); seeds in
//! `fuzz/seeds/conversion/`.
//! Input: byte 0 selects the config, byte 1 the streaming chunk size, the rest is text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    script_convert::fuzz_harness::conversion(data);
});
