#![no_main]
//! bytes → JSON reader → validation → server-side render (`article_widget_fuzz_harness`).
//! Bounded run: `cargo xtask fuzz`; seeds in `fuzz/seeds/pipeline/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    article_widget_fuzz_harness::pipeline(data);
});
