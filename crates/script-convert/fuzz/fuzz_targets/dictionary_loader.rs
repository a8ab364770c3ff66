#![no_main]
//! Run bounded by `cargo xtask fuzz` (stable Rust, `--sanitizer none`); seeds in
//! `fuzz/seeds/dictionary_loader/`: three small compiled dictionaries (`article-widget dict
//! build`), one cut short and one header alone.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    script_convert::fuzz_harness::dictionary_loader(data);
});
