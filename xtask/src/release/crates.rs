//! The Rust side of a release: the publishable library crates (`cargo xtask crates`) and the
//! CLI as `cargo install` gives it (`cargo xtask install-test`).

use crate::layout::{version, CLI_BIN, CLI_DIR, PUBLISHED_CRATES};
use crate::setup;
use crate::util::{cargo, root, run, target_dir, Cmd, TempDir};

/// crates.io refuses a `.crate` file over 10 MB.
const CRATES_IO_LIMIT: u64 = 10 * 1024 * 1024;

/// Files each crate's package must contain (beyond its sources).
fn required_files(krate: &str) -> &'static [&'static str] {
    match krate {
        "script-convert" => &[
            "README.md",
            "LICENSE-MIT",
            "LICENSE-APACHE",
            "FORMAT.md",
            "examples/convert.rs",
            "data/opencc/LICENSE",
            "data/opencc/NOTICE",
            "data/opencc/dictionary/STPhrases.txt",
            "data/opencc/config/s2twp.json",
        ],
        _ => &[
            "README.md",
            "LICENSE-MIT",
            "LICENSE-APACHE",
            "examples/validate.rs",
        ],
    }
}

/// `cargo package` (built and verified from the packaged sources) for each library crate, its
/// contents and size checked; `cargo doc` with warnings denied; each crate's example run.
pub fn check_crates() -> Result<(), String> {
    for krate in PUBLISHED_CRATES {
        let listed = Cmd::new(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args(["package", "--list", "--allow-dirty", "-p", krate])
            .output()
            .ok_or_else(|| format!("`cargo package --list -p {krate}` failed"))?;
        let files: Vec<&str> = listed.lines().collect();
        for want in required_files(krate) {
            if !files.contains(want) {
                return Err(format!(
                    "{krate}: the package lacks {want}; add it to `include` in crates/{krate}/Cargo.toml"
                ));
            }
        }
        // --allow-dirty: what is checked is the package's content, which on a clean clone is
        // the committed tree; a developer's uncommitted edits should not fail the suite.
        run(cargo(&["package", "--allow-dirty", "-p", krate]))?;
        let file = target_dir().join(format!("package/{krate}-{}.crate", version()));
        let size = std::fs::metadata(&file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        println!("{krate}: {} files, {size} bytes compressed", files.len());
        if size > CRATES_IO_LIMIT {
            return Err(format!(
                "{}: {size} bytes, over crates.io's limit of {CRATES_IO_LIMIT}; exclude large files in crates/{krate}/Cargo.toml",
                file.display()
            ));
        }
    }
    let mut doc = cargo(&["doc", "--no-deps"]);
    for krate in PUBLISHED_CRATES {
        doc = doc.args(["-p", krate]);
    }
    run(doc.env("RUSTDOCFLAGS", "-D warnings"))?;
    examples()
}

/// Runs each crate's example and checks what it prints.
fn examples() -> Result<(), String> {
    let bin = |krate: &str, example: &str, args: &[&str]| -> Result<(bool, String), String> {
        let out = std::process::Command::new(
            std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
        )
        .current_dir(root())
        .args(["run", "--quiet", "-p", krate, "--example", example, "--"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run the {krate} example: {e}"))?;
        Ok((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        ))
    };
    let (ok, out) = bin("script-convert", "convert", &["t2s", "頭髮和乾燥的麵條"])?;
    if !ok || out.trim() != "头发和干燥的面条" {
        return Err(format!(
            "script-convert example: expected 头发和干燥的面条, got {out:?}"
        ));
    }
    let (ok, out) = bin("article-model", "validate", &[])?;
    if ok || !out.contains("$.datePublished") || !out.contains("$.editors[0].role") {
        return Err(format!(
            "article-model example: expected two problems on its built-in document, got {out:?}"
        ));
    }
    let seed = root().join("www/article.json");
    let (ok, out) = bin("article-model", "validate", &[&seed.to_string_lossy()])?;
    if !ok || !out.contains("ok, format v1") {
        return Err(format!(
            "article-model example on www/article.json: {out:?}"
        ));
    }
    println!("examples: ok");
    Ok(())
}

/// `cargo install --path <CLI_DIR> --root <tmp>` (reusing the release build), then the
/// installed binary run from another temporary directory with an environment that names
/// nothing of the repository: it converts, validates, writes the dictionaries and answers
/// `--help` for every subcommand; under strace, its conversions open no path of the
/// repository.
pub fn test_installed_cli() -> Result<(), String> {
    let tmp = TempDir::new("install")?;
    let prefix = tmp.0.join("root");
    run(cargo(&[
        "install", "--locked", "--quiet", "--path", CLI_DIR, "--root",
    ])
    .arg(prefix.to_string_lossy())
    .args(["--bin", CLI_BIN]))?;
    let bin = prefix.join("bin").join(CLI_BIN);
    let work = tmp.0.join("work");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    std::fs::copy(root().join("www/article.json"), work.join("article.json"))
        .map_err(|e| format!("copying the seed: {e}"))?;
    std::fs::write(work.join("in.txt"), "包乾制 頭髮 後來的皇后\n").map_err(|e| e.to_string())?;
    let cli = |args: &[&str]| -> Result<(Option<i32>, String, String), String> {
        let out = std::process::Command::new(&bin)
            .args(args)
            .current_dir(&work)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        Ok((
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    };
    let expect = |args: &[&str], code: i32, want: &str| -> Result<(), String> {
        let (got, out, err) = cli(args)?;
        if got != Some(code) || !(out.contains(want) || err.contains(want)) {
            return Err(format!(
                "installed `{CLI_BIN} {}`: exit {got:?} (want {code}), output lacks {want:?}:\n{out}{err}",
                args.join(" ")
            ));
        }
        Ok(())
    };
    expect(
        &["convert", "--config", "t2s", "in.txt"],
        0,
        "包干制 头发 后来的皇后",
    )?;
    expect(&["convert", "--config", "s2twp", "-"], 0, "")?;
    expect(
        &["validate", "article.json"],
        0,
        "article.json: ok (format v1",
    )?;
    expect(
        &["convert-article", "article.json", "--script", "hant-tw"],
        0,
        "\"inLanguage\": \"zh-Hant-TW\"",
    )?;
    expect(&["dict", "build", "--out", "dict"], 0, "manifest.json")?;
    expect(
        &["convert", "--config", "t2s", "--dict-dir", "dict", "in.txt"],
        0,
        "包干制 头发",
    )?;
    // Traced: the conversions open no file of the repository (the dictionaries are built in).
    let trace = tmp.0.join("trace");
    for args in [
        &["convert", "--config", "s2twp", "in.txt"][..],
        &["convert-article", "article.json", "--script", "hant-hk"][..],
    ] {
        let status = std::process::Command::new(setup::STRACE)
            .args(["-f", "-e", "trace=%file", "-o"])
            .arg(&trace)
            .arg(&bin)
            .args(args)
            .current_dir(&work)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run strace: {e}"))?;
        let traced = std::fs::read_to_string(&trace).map_err(|e| format!("strace log: {e}"))?;
        if !status.success() || !(traced.contains("in.txt") || traced.contains("article.json")) {
            return Err(format!(
                "installed `{CLI_BIN} {}` under strace: {status}\n{traced}",
                args.join(" ")
            ));
        }
        let repo = root().to_string_lossy().into_owned();
        if let Some(line) = traced.lines().find(|l| l.contains(&repo)) {
            return Err(format!(
                "installed `{CLI_BIN} {}` touched the repository: {line}",
                args.join(" ")
            ));
        }
    }
    expect(&["--version"], 0, &format!("{CLI_BIN} {}", version()))?;
    expect(&["convrt"], 2, "similar")?;
    for sub in [
        "validate",
        "convert",
        "convert-article",
        "dict",
        "completions",
    ] {
        expect(&[sub, "--help"], 0, &format!("Usage: {CLI_BIN} {sub}"))?;
    }
    expect(&["completions", "bash"], 0, "complete -F")?;
    println!("installed CLI: ok ({})", bin.display());
    Ok(())
}
