//! `cargo xtask <command>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! * `setup`  install what is missing (idempotent): wasm32 target, wasm-pack, wasm-bindgen-cli
//!   of exactly the version in Cargo.lock, npm tools (wasm-opt, playwright-core), Chromium and
//!   ChromeDriver.
//! * `build`  release WebAssembly build into `www/pkg/` (wasm-bindgen + wasm-opt -Oz, glue
//!   without doc comments), the demo's embed-code builder into `www/demo/pkg/`, and the
//!   compiled dictionaries into `www/dict/`.
//! * `demo`   setup + build, then serve the demo on 127.0.0.1 and print the URL.
//! * `serve`  serve without building.
//! * `test`   every check CI makes: fmt, clippy (native and wasm32), native tests, browser tests
//!   in headless Chromium, end-to-end tests, size budgets.
//! * `sizes`  raw, gzip and brotli sizes of the distributable (`--write` updates README.md).
//! * `dist`   the release bundle for CDNs: `target/dist/article-widget-VERSION/`, `.tar.gz`,
//!   `.sha256` (content-hashed modules, `integrity.json`, licenses, `DEPLOY.md`).
//! * `crates` `cargo package`, `cargo doc` and the examples of the publishable library crates.
//! * `deny`   `cargo deny check licenses bans sources` (deny.toml), offline.
//! * `licenses` writes `THIRD_PARTY.md` (`--check`: fails when it is out of date).
//! * `fuzz`   every cargo-fuzz target for a bounded time (`--seconds N`, default 30).

mod bench;
mod fuzz;
mod npm;
mod release;
mod server;
mod setup;
mod sizes;
mod supply;
mod util;
mod widgetbench;

use std::process::ExitCode;

use util::{cargo, root, run, Cmd};

const USAGE: &str = "\
usage: cargo xtask <command>

  setup              install missing tools (idempotent)
  build [--dev]      build www/pkg (wasm) and www/dict (dictionaries)
  demo [--port N]    setup, build and serve the demo on 127.0.0.1 (default port 8080)
  serve [--port N]   serve the repository's demo without building
  test               run every check and test (what CI runs)
  e2e                only the end-to-end tests (after `build`)
  browser            only the wasm-bindgen browser tests, with www/ served (after `build`)
  sizes [--write]    print distributable sizes; --write updates README.md
  dist               release build + the CDN bundle in target/dist/ (directory, .tar.gz, .sha256)
  dist-test          only the bundle (and npm package) tests (after `build`)
  install-test       cargo install the CLI into a temp root and run it away from the source tree
  crates             cargo package + cargo doc (warnings denied) + examples of the library crates
  bench [--iters N]  side-by-side conversion benchmarks into docs/BENCHMARKS.md (not a test)
  deny               cargo deny check licenses bans sources (offline; advisories: see README)
  licenses [--check] write THIRD_PARTY.md; --check fails when it is out of date
  fuzz [--seconds N] run each cargo-fuzz target for N s (default 30; converter targets N/2)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => build(args.iter().any(|a| a == "--dev")),
        Some("demo") => setup::all()
            .and_then(|()| build(false))
            .and_then(|()| serve_forever(port(&args))),
        Some("serve") => serve_forever(port(&args)),
        Some("test") => test(),
        Some("e2e") => e2e(),
        Some("browser") => browser_tests(),
        Some("crates") => release::check_crates(),
        Some("dist") => release::dist_command(),
        Some("dist-test") => release::test_bundle(),
        Some("install-test") => release::test_installed_cli(),
        Some("sizes") => sizes::report(args.iter().any(|a| a == "--write")).map(|_| ()),
        Some("bench") => bench::run_all(&args[1..]),
        Some("deny") => supply::deny(),
        Some("licenses") => release::licenses_command(args.iter().any(|a| a == "--check")),
        Some("fuzz") => fuzz::seconds(&args).and_then(fuzz::run_all),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn port(args: &[String]) -> u16 {
    args.iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080)
}

/// Builds the distributable: `www/pkg/` and `www/dict/`.
pub(crate) fn build(dev: bool) -> Result<(), String> {
    let root = root();
    let pkg = root.join("www/pkg");
    wasm_package("article-widget-embed", &[], !dev, &pkg)?;
    // The conversion engine: a second module, loaded on a reader's first script switch.
    wasm_package("article-widget-engine", &[], !dev, &pkg)?;
    // The demo's embed-code builder: the snippet code in its own module, never in www/pkg.
    let demo = root.join("www/demo/pkg");
    wasm_package("snippet-builder", &[], !dev, &demo)?;
    // Content-hashed copies of the modules and their names (www/pkg/assets.json), which the
    // demo and test server writes into the loader it serves.
    let hashed = release::hash_assets(&root.join("www"))?;
    println!("hashed modules: {}", serde_json::Value::Object(hashed));
    let dict = root.join("www/dict");
    let mut c = cargo(&[
        "run",
        "--quiet",
        "-p",
        "article-widget-cli",
        "--bin",
        "article-widget",
    ]);
    if !dev {
        c = c.arg("--release");
    }
    run(c
        .args(["--", "dict", "build", "--out"])
        .arg(dict.to_str().unwrap_or_default()))?;
    println!(
        "built {}, {} and {}",
        pkg.display(),
        demo.display(),
        dict.display()
    );
    Ok(())
}

/// Builds `package`'s library for wasm32, runs wasm-bindgen (`--target web`) into `out_dir`
/// and, for a release build, `wasm-opt -Oz --converge` with the features rustc enables.
pub fn wasm_package(
    package: &str,
    extra_cargo_args: &[&str],
    release: bool,
    out_dir: &std::path::Path,
) -> Result<(), String> {
    let mut c = cargo(&[
        "build",
        "-p",
        package,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
    ])
    .args(extra_cargo_args);
    if release {
        c = c.arg("--release");
    }
    run(c)?;
    let lib = package.replace('-', "_");
    // The widget's module keeps the file names partners and the loader know.
    let out_name = if package == "article-widget-embed" {
        "article_widget".to_owned()
    } else {
        lib.clone()
    };
    let profile = if release { "release" } else { "debug" };
    let wasm = util::target_dir().join(format!("wasm32-unknown-unknown/{profile}/{lib}.wasm"));
    run(Cmd::new("wasm-bindgen")
        .arg(wasm.to_string_lossy())
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            &out_name,
            "--out-dir",
        ])
        .arg(out_dir.to_string_lossy()))?;
    if release {
        let out = out_dir.join(format!("{out_name}_bg.wasm"));
        let out = out.to_string_lossy();
        run(Cmd::new(&setup::wasm_opt().to_string_lossy())
            // `--converge` repeats -Oz until it stops shrinking the module (about 0.5 KB brotli
            // off the widget); `--low-memory-unused` lets loads and stores fold small constant
            // offsets, true for Rust's layout, whose stack grows down towards address 0 and
            // whose data lies above it (about 0.4 KB more). See docs/BENCHMARKS.md.
            .args(["-Oz", "--converge", "--low-memory-unused"])
            .args(["--strip-debug", "--strip-producers"])
            .args(setup::WASM_FEATURES)
            .args([&*out, "-o", &*out]))?;
        let glue = out_dir.join(format!("{out_name}.js"));
        let text =
            std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
        std::fs::write(&glue, compact_glue(&text))
            .map_err(|e| format!("{}: {e}", glue.display()))?;
    }
    Ok(())
}

/// wasm-bindgen's JS glue without its comments (`/** … */` blocks copied from the Rust docs,
/// which stay the reference, and whole-line `//` comments), blank lines and indentation: about
/// 1 KB brotli off the widget's glue. The glue is left as it is when its code has a template
/// literal over several lines or a line continuation (where a line could be part of a
/// string), or a comment of another shape than wasm-bindgen writes.
fn compact_glue(text: &str) -> String {
    let mut code = Vec::new();
    let mut in_doc = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_doc {
            if trimmed == "*/" {
                in_doc = false;
            } else if !trimmed.starts_with('*') || trimmed.contains("*/") {
                return text.to_owned();
            }
        } else if trimmed == "/**" {
            in_doc = true;
        } else if !trimmed.is_empty() && !trimmed.starts_with("//") {
            code.push(trimmed);
        }
    }
    // A line with an odd number of backticks opens or closes a multi-line template literal.
    let multi_line = |l: &&str| l.matches('`').count() % 2 == 1 || l.ends_with('\\');
    if in_doc || code.iter().any(multi_line) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in code {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn serve_forever(port: u16) -> Result<(), String> {
    let server = server::Server::start(root(), port, false)?;
    println!(
        "article-widget demo: {}/  (partner page with hostile CSS: {}/www/partner-hostile.html)",
        server.base_url(),
        server.base_url()
    );
    println!("press Ctrl-C to stop");
    server.wait();
    Ok(())
}

/// Everything CI checks, in order of cost; stops at the first failure.
fn test() -> Result<(), String> {
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
        run(cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "xtask",
            "--exclude",
            "article-widget-cli",
            "--exclude",
            "article-widget-fuzz-harness",
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
        || supply::deny().and_then(|()| release::licenses_command(true)),
    )?;
    // setup installed the OpenCC oracle: its live differential tests must run, not skip.
    step("native tests", || {
        run(cargo(&["test", "--workspace"]).env("AW_REQUIRE_ORACLE", "1"))
    })?;
    step(
        "fuzzing (cargo-fuzz, every target for a bounded time)",
        || fuzz::run_all(fuzz::DEFAULT_SECONDS),
    )?;
    step(
        "library crates (cargo package, cargo doc, examples)",
        release::check_crates,
    )?;
    step("release build", || build(false))?;
    step(
        "installed CLI (cargo install --path crates/cli into a temp root, run away from the source tree)",
        release::test_installed_cli,
    )?;
    step(
        "browser tests (wasm-bindgen-test, headless Chromium)",
        browser_tests,
    )?;
    step("end-to-end tests (playwright-core, headless Chromium)", e2e)?;
    step(
        "release bundle and npm package (unpacked / installed, served from a second origin)",
        release::test_bundle,
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
fn browser_tests() -> Result<(), String> {
    let server = server::Server::start(root(), 0, true)?;
    let result = run(cargo(&[
        "test",
        "-p",
        "article-widget",
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
fn e2e() -> Result<(), String> {
    // The module with the test-only `__crash` export (tests/e2e/lifecycle.test.mjs), built as
    // the release is but into its own folder, served under /__crash/pkg/.
    wasm_package(
        "article-widget-embed",
        &["--features", "crash-test"],
        true,
        &util::target_dir().join("crash-pkg"),
    )?;
    let pages = server::Server::start(root(), 0, true)?;
    let cdn = server::Server::start(root(), 0, true)?;
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
            &util::target_dir()
                .join("release/article-widget")
                .to_string_lossy(),
        )
        .env("AW_CHROMIUM", setup::CHROMIUM));
    pages.stop();
    cdn.stop();
    result
}

#[cfg(test)]
mod tests {
    use super::compact_glue;

    #[test]
    fn glue_loses_comments_and_indentation_only() {
        let glue = "/**\n * Mounts `host`.\n * @param {any} host\n */\nexport function mount(host) {\n    // Cast intrinsic for `F64 -> Externref`.\n    const ret = wasm.mount(host, `${a}`);\n\n    if (ret[1]) { throw x; }\n}\n/** @type {number} */ let n = 1;\nconst a = '/** not a comment */'; // trailing\n";
        assert_eq!(
            compact_glue(glue),
            "export function mount(host) {\nconst ret = wasm.mount(host, `${a}`);\nif (ret[1]) { throw x; }\n}\n/** @type {number} */ let n = 1;\nconst a = '/** not a comment */'; // trailing\n"
        );
        for unchanged in [
            "function f() {\n    return `a\n    // b`;\n}\n",
            "const s = 'a\\\n    b';\n",
            "/**\n * doc\nconst x = 1;\n",
        ] {
            assert_eq!(compact_glue(unchanged), unchanged);
        }
    }
}
