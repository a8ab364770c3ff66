//! Native side of `cargo xtask bench` (see `docs/BENCHMARKS.md`).
//!
//! ```text
//! bench-native corpus --dict DIR --out DIR [--bytes N]
//! bench-native run    --dict DIR --corpus DIR --out DIR [--iters N]
//! bench-native diff   --out DIR
//! bench-native daachorse --dict DIR --corpus DIR [--data DIR] [--iters N]
//! ```
//!
//! `daachorse` compares this engine's dictionary structure for the `st` group with a daachorse
//! automaton over the same table (see `automaton.rs`); `--data` is the OpenCC text data
//! (default `data/opencc`).
//!
//! Results are printed as tab-separated records, `section<TAB>converter<TAB>config<TAB>metric<TAB>value`,
//! which the xtask collects into the benchmark document.

#[cfg(not(target_arch = "wasm32"))]
mod automaton;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::main(std::env::args().skip(1).collect()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-native: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
