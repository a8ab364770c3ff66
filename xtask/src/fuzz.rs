//! `cargo xtask fuzz [--seconds N]`: every cargo-fuzz target, coverage-guided, for a bounded
//! time each, on stable Rust (`--sanitizer none`: the coverage instrumentation is `-C` flags).
//!
//! Each target starts from its committed seeds (`fuzz/seeds/TARGET/`, read only) and a scratch
//! corpus in `target/fuzz/corpus/` that keeps what earlier runs found; libFuzzer writes new
//! inputs only to the first directory, so the repository never grows by itself. A crash stops
//! the step with the reproducer's path (`fuzz/artifacts/TARGET/`).

use std::path::Path;

use crate::layout::{FUZZ_CRATES, SCRIPT_CONVERT_DIR};
use crate::setup;
use crate::util::{cargo, root, run, target_dir, Cmd};

/// A fuzz crate (the directory holding `fuzz/`), a target and its share of the time.
struct Target {
    dir: &'static str,
    name: &'static str,
    /// Seconds per 60 of `--seconds`: the pipeline targets get the full time, the converter's
    /// half (the snippet target converts the articles it renders, so it fuzzes the converter
    /// too).
    share: u64,
}

const TARGETS: [Target; 4] = [
    Target {
        dir: ".",
        name: "pipeline",
        share: 60,
    },
    Target {
        dir: ".",
        name: "snippet",
        share: 60,
    },
    Target {
        dir: SCRIPT_CONVERT_DIR,
        name: "conversion",
        share: 30,
    },
    Target {
        dir: SCRIPT_CONVERT_DIR,
        name: "dictionary_loader",
        share: 30,
    },
];

/// Builds and runs every target for its share of `seconds`.
pub fn run_all(seconds: u64) -> Result<(), String> {
    let root = root();
    let fuzz_target_dir = target_dir().join("fuzz");
    let fuzz_target_dir = fuzz_target_dir.to_string_lossy();
    // The fuzz crates are outside the workspace, so `cargo fmt --all` does not see them.
    for dir in FUZZ_CRATES {
        run(cargo(&["fmt", "--check", "--manifest-path"]).arg(format!("{dir}/fuzz/Cargo.toml")))?;
    }
    for t in &TARGETS {
        let crate_dir = match t.dir {
            "." => root.clone(),
            dir => root.join(dir),
        };
        let seeds = crate_dir.join("fuzz/seeds").join(t.name);
        let count = std::fs::read_dir(&seeds)
            .map_err(|e| format!("{}: {e} (the committed seed corpus)", seeds.display()))?
            .count();
        if count == 0 {
            return Err(format!("{}: no seeds", seeds.display()));
        }
        // `target/fuzz/corpus/pipeline`, `…/script-convert-conversion`.
        let label = match t.dir.rsplit('/').next() {
            Some(".") | None => t.name.to_owned(),
            Some(krate) => format!("{krate}-{}", t.name),
        };
        let scratch = target_dir().join("fuzz/corpus").join(label);
        std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
        let secs = (seconds * t.share / 60).max(1);
        println!(
            "fuzzing {}/fuzz {} for {secs} s ({count} seeds)",
            t.dir, t.name
        );
        let result = run(Cmd::new(&setup::cargo_fuzz_bin().to_string_lossy())
            .current_dir(&crate_dir)
            .args([
                "run",
                "--sanitizer",
                "none",
                "--target-dir",
                &fuzz_target_dir,
            ])
            .arg(t.name)
            .arg(scratch.to_string_lossy())
            .arg(seeds.to_string_lossy())
            .arg("--")
            .arg(format!("-max_total_time={secs}"))
            // One input taking this long is a hang, reported like a crash.
            .arg("-timeout=20")
            .arg("-print_final_stats=1"));
        if let Err(e) = result {
            return Err(crash_help(&crate_dir, t.name, &e));
        }
    }
    Ok(())
}

fn crash_help(crate_dir: &Path, name: &str, e: &str) -> String {
    format!(
        "{e}\nfuzz target {name} failed: the input is in {}/fuzz/artifacts/{name}/. Reproduce \
         with `cd {} && cargo fuzz run --sanitizer none {name} fuzz/artifacts/{name}/FILE`, fix \
         the bug, and add the input to the regression tests (see docs/RELIABILITY.md, Fuzzing).",
        crate_dir.display(),
        crate_dir.display()
    )
}
