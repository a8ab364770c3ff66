#![no_main]
//! `cargo +nightly fuzz run dictionary_loader` (from crates/script-convert).
//! Seed corpus: the compiled files, e.g. `article-widget dict build --out fuzz/corpus/dictionary_loader`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    script_convert::fuzz_harness::dictionary_loader(data);
});
