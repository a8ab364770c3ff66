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
mod measure;
#[cfg(not(target_arch = "wasm32"))]
mod native;

/// `daachorse` goes to `automaton`, everything else to `native`; neither module calls the
/// other (both use `measure`).
#[cfg(not(target_arch = "wasm32"))]
fn dispatch(args: Vec<String>) -> Result<(), String> {
    if args.first().map(String::as_str) != Some("daachorse") {
        return native::main(args);
    }
    let opt = |name: &str| -> Option<&str> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let path = |name: &str| -> Result<std::path::PathBuf, String> {
        opt(name)
            .map(std::path::PathBuf::from)
            .ok_or_else(|| format!("missing {name} DIR"))
    };
    let iters = opt("--iters").map_or(Ok(7), |v| {
        v.parse::<usize>()
            .map_err(|_| format!("--iters: not a number: {v}"))
    })?;
    automaton::compare(
        &opt("--data").map_or_else(automaton::default_data_dir, std::path::PathBuf::from),
        &path("--dict")?,
        &path("--corpus")?,
        iters.max(1),
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match dispatch(std::env::args().skip(1).collect()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-native: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
