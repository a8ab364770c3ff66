//! `cargo xtask test`: every check CI makes, in order of cost; and the browser and end-to-end
//! tests on their own (`cargo xtask browser`, `cargo xtask e2e`).

use crate::build::{build, wasm_package};
use crate::release::{crates, dist, licenses};
use crate::util::{cargo, root, run, target_dir, Cmd};
use crate::{flags, fuzz, layout, serve, setup, sizes, supply};

/// Everything CI checks, in order of cost; stops at the first failure.
pub fn all() -> Result<(), String> {
    let started = std::time::Instant::now();
    setup::all()?;
    step("format", || run(cargo(&["fmt", "--all", "--check"])))?;
    step("clippy (native)", || {
        run(cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("clippy (wasm32)", || {
        let excluded = layout::NATIVE_ONLY.iter().flat_map(|p| ["--exclude", p]);
        run(cargo(&["clippy", "--workspace"]).args(excluded).args([
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step(
        "supply chain (cargo deny check licenses bans sources; THIRD_PARTY.md up to date)",
        || supply::deny().and_then(|()| licenses::licenses_command(true)),
    )?;
    // setup installed the OpenCC oracle: its live differential tests must run, not skip.
    step("native tests", || {
        run(cargo(&["test", "--workspace"]).env("AW_REQUIRE_ORACLE", "1"))
    })?;
    step(
        "fuzzing (cargo-fuzz, every target for a bounded time)",
        || fuzz::run_all(flags::DEFAULT_FUZZ_SECONDS),
    )?;
    step(
        "library crates (cargo package, cargo doc, examples)",
        crates::check_crates,
    )?;
    step("release build", || build(false))?;
    step(
        &format!(
            "installed CLI (cargo install --path {} into a temp root, run away from the source tree)",
            layout::CLI_DIR
        ),
        crates::test_installed_cli,
    )?;
    step(
        "browser tests (wasm-bindgen-test, headless Chromium)",
        browser,
    )?;
    step("end-to-end tests (playwright-core, headless Chromium)", e2e)?;
    step(
        "release bundle and npm package (unpacked / installed, served from a second origin)",
        dist::test_bundle,
    )?;
    step("sizes", || {
        sizes::report(false).and_then(|s| sizes::check(&s))
    })?;
    println!(
        "\nxtask test: all steps passed in {:.0?}",
        started.elapsed()
    );
    Ok(())
}

/// The wasm-bindgen tests, with the release build's `www/` (engine module, dictionaries) and
/// the fault routes served on loopback; the tests get the URLs at build time.
pub fn browser() -> Result<(), String> {
    let server = serve::Server::start(root(), 0, true)?;
    let result = run(cargo(&[
        "test",
        "-p",
        layout::COMPONENTS,
        "--target",
        "wasm32-unknown-unknown",
    ])
    .env("CHROMEDRIVER", setup::CHROMEDRIVER)
    .env("AW_SERVER", &server.base_url())
    .env("AW_ASSETS", &format!("{}/www/", server.base_url()))
    // tests/naughty_browser.rs renders ~7,400 articles in one test binary: ~90 s on an idle
    // 2-core machine (486 s measured with the machine 8× oversubscribed).
    .env_default("WASM_BINDGEN_TEST_TIMEOUT", "600"));
    server.stop();
    result
}

fn step(name: &str, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("\n==> {name}");
    let t = std::time::Instant::now();
    f().map_err(|e| format!("{name} failed: {e}"))?;
    println!("<== {name}: ok ({:.1?})", t.elapsed());
    Ok(())
}

/// Serves the pages on one port and the widget's assets on another, so the tests also cover
/// a loader embedded from a different origin, then runs the node test files.
pub fn e2e() -> Result<(), String> {
    // The module with the test-only `__crash` export (tests/e2e/lifecycle.test.mjs), built as
    // the release is but into its own folder, served under /__crash/pkg/.
    wasm_package(
        &layout::WIDGET,
        &["--features", "crash-test"],
        true,
        &target_dir().join("crash-pkg"),
    )?;
    let pages = serve::Server::start(root(), 0, true)?;
    let cdn = serve::Server::start(root(), 0, true)?;
    // `AW_E2E_FILTER=regex` runs only the matching tests (while working on them).
    let filter = std::env::var("AW_E2E_FILTER")
        .ok()
        .map(|f| format!("--test-name-pattern={f}"));
    let result = run(Cmd::new("node")
        .args(["--test", "--test-reporter=spec"])
        .args(filter.as_slice())
        .arg("tests/e2e/")
        .env("AW_BASE", &pages.base_url())
        .env("AW_CDN", &cdn.base_url())
        // The release CLI (built by `build`), for pages generated at test time (snippets).
        .env(
            "AW_CLI",
            &target_dir()
                .join("release")
                .join(layout::CLI_BIN)
                .to_string_lossy(),
        )
        .env("AW_CHROMIUM", setup::CHROMIUM));
    pages.stop();
    cdn.stop();
    result
}
