//! Release checks and artifacts: the publishable crates (`cargo package`, docs, examples).

use crate::util::{cargo, root, run, target_dir, Cmd};

/// The library crates a Rust developer can depend on.
pub const CRATES: [&str; 2] = ["article-model", "script-convert"];

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
    for krate in CRATES {
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
        let version = env!("CARGO_PKG_VERSION");
        let file = target_dir().join(format!("package/{krate}-{version}.crate"));
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
    for krate in CRATES {
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
