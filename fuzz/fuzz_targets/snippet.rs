#![no_main]
//! The syndication snippet: byte 0 picks the options, the rest is the document
//! (`article_widget_fuzz_harness::snippet`). Bounded run: `cargo xtask fuzz`; seeds in
//! `fuzz/seeds/snippet/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    article_widget_fuzz_harness::snippet(data);
});
