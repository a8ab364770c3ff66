//! Supply chain: `cargo deny check licenses bans sources` (deny.toml) on the workspace and on
//! the fuzz crates (each has its own lock file), offline.

use crate::layout::FUZZ_CRATES;
use crate::setup;
use crate::util::{cargo, root, run, Cmd};

/// The workspaces cargo-deny checks: the main one, then the fuzz crates.
fn manifests() -> Vec<String> {
    let fuzz = FUZZ_CRATES.iter().map(|dir| match *dir {
        "." => "fuzz/Cargo.toml".to_owned(),
        dir => format!("{dir}/fuzz/Cargo.toml"),
    });
    std::iter::once("Cargo.toml".to_owned())
        .chain(fuzz)
        .collect()
}

/// Each license exception in deny.toml is for one graph only (zhconv: the main workspace's
/// benchmarks; libfuzzer-sys: the fuzz crates), so it is never met in the other.
const ALWAYS_ALLOWED: [&str; 1] = ["license-exception-not-encountered"];

/// For the fuzz crates, which are never shipped: their smaller graphs do not use every entry
/// of the shared deny.toml (an allowed license, a skipped duplicate), and a second version of a
/// crate there (e.g. getrandom 0.4 for libFuzzer's build) costs nothing. Their licenses and
/// sources are checked like the main workspace's.
const FUZZ_ALLOWED: [&str; 3] = ["license-not-encountered", "unmatched-skip", "duplicate"];

/// `cargo fetch --locked` puts every package of each lock file in cargo's cache (the only
/// network use, crates.io, as any build), then cargo-deny runs `--frozen`: `cargo metadata`
/// offline and no advisory database (that check is the manual `cargo deny check advisories`).
pub fn deny() -> Result<(), String> {
    let config = root().join("deny.toml");
    for manifest in &manifests() {
        let manifest = manifest.as_str();
        run(cargo(&["fetch", "--locked", "--manifest-path", manifest]))?;
        let mut c = Cmd::new(&setup::cargo_deny_bin().to_string_lossy())
            .args([
                "--frozen",
                "--workspace",
                "--manifest-path",
                manifest,
                "--config",
            ])
            .arg(config.to_string_lossy())
            .args(["check", "--show-stats"]);
        for lint in ALWAYS_ALLOWED {
            c = c.args(["--allow", lint]);
        }
        if manifest != "Cargo.toml" {
            for lint in FUZZ_ALLOWED {
                c = c.args(["--allow", lint]);
            }
        }
        run(c.args(["licenses", "bans", "sources"]))?;
    }
    Ok(())
}
