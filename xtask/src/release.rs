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

// ---------------------------------------------------------------------------------------------
// The release bundle for CDNs.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};

/// The loader's line that names the modules (`var ASSETS = {…}; // @assets`).
const ASSETS_MARK: &str = "// @assets";

/// `Cache-Control` for a file of the bundle, by its path in the bundle: content-hashed files
/// never change under their name; everything else (the loader, its stylesheet, the dictionary
/// manifest, the schema, the metadata) may change in place and is cached briefly. `DEPLOY.md`
/// documents the same rule, and the bundle test serves the bundle with it.
pub fn cache_control(rel: &str) -> &'static str {
    if is_content_hashed(rel) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300, must-revalidate"
    }
}

/// `pkg/article_widget.0123456789.js`, `dict/st.77d6af20.scd`: a name whose second-to-last
/// dot-separated part is 8 to 16 lowercase hex digits.
pub fn is_content_hashed(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3 && {
        let h = parts[parts.len() - 2];
        (8..=16).contains(&h.len()) && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }
}

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Subresource Integrity value of `data`: `sha384-<base64>`.
pub fn sri(data: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(data))
    )
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

/// `pkg/article_widget_bg.wasm` + its bytes → `pkg/article_widget_bg.<10 hex>.wasm`.
fn hashed_name(rel: &str, data: &[u8]) -> String {
    let hash = &sha256_hex(data)[..10];
    match rel.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{rel}.{hash}"),
    }
}

/// The release version: the workspace's (checked against the others by tests/version.rs).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Where `cargo xtask dist` writes: `target/dist/article-widget-VERSION/`, its `.tar.gz` and
/// the `.tar.gz.sha256`.
pub struct Bundle {
    pub dir: PathBuf,
    pub tarball: PathBuf,
    pub checksum: PathBuf,
}

pub fn bundle_paths() -> Bundle {
    let name = format!("article-widget-{}", version());
    let dist = target_dir().join("dist");
    Bundle {
        dir: dist.join(&name),
        tarball: dist.join(format!("{name}.tar.gz")),
        checksum: dist.join(format!("{name}.tar.gz.sha256")),
    }
}

/// Rewrites the loader's `var ASSETS = {…}; // @assets` line through `rename` (dev path →
/// bundle path). Fails unless the line is there exactly once.
pub fn rewrite_assets(
    loader: &str,
    mut rename: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let (line, assets) = assets_line(loader)?;
    let mut renamed = serde_json::Map::new();
    for (key, value) in assets {
        let path = value
            .as_str()
            .ok_or_else(|| format!("www/article-widget.js: ASSETS.{key} is not a string"))?;
        renamed.insert(key, rename(path)?.into());
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let new_line = format!(
        "{indent}var ASSETS = {}; {ASSETS_MARK}",
        serde_json::Value::Object(renamed)
    );
    Ok(loader.replacen(line, &new_line, 1))
}

/// The loader's `@assets` line and its object (key → module path).
fn assets_line(loader: &str) -> Result<(&str, serde_json::Map<String, serde_json::Value>), String> {
    let lines: Vec<&str> = loader
        .lines()
        .filter(|l| l.trim_end().ends_with(ASSETS_MARK))
        .collect();
    let [line] = lines[..] else {
        return Err(format!(
            "www/article-widget.js: expected one line ending in `{ASSETS_MARK}` (the module names), found {}",
            lines.len()
        ));
    };
    let json = line
        .split_once('=')
        .map(|(_, r)| r)
        .and_then(|r| r.trim_end().strip_suffix(ASSETS_MARK))
        .map(|r| r.trim_end().trim_end_matches(';'))
        .ok_or(
            "www/article-widget.js: the @assets line must read `var ASSETS = {…}; // @assets`",
        )?;
    let assets: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json.trim())
        .map_err(|e| format!("www/article-widget.js: the @assets object is not JSON: {e}"))?;
    Ok((line, assets))
}

/// Where `cargo xtask build` writes the content-hashed names of the loader's modules (ignored
/// by git, like the rest of `www/pkg/`).
pub const ASSET_MAP: &str = "pkg/assets.json";

/// Writes a content-hashed copy of each module the loader's `@assets` line names beside it in
/// `www/pkg/` (`pkg/article_widget_bg.<10 hex>.wasm`, the names `dist` gives them) and their
/// names to `www/pkg/assets.json`, for [`served_loader`]. The tracked `www/article-widget.js`
/// is not touched, so a build leaves the repository clean. Hashed copies of the previous build
/// are kept (a page that still has the previous loader finds its modules); older ones are
/// removed.
pub fn hash_assets(www: &Path) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let loader = String::from_utf8(read(&www.join("article-widget.js"))?)
        .map_err(|_| "www/article-widget.js is not UTF-8")?;
    let map_file = www.join(ASSET_MAP);
    let previous: serde_json::Map<String, serde_json::Value> = std::fs::read(&map_file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut map = serde_json::Map::new();
    for (key, path) in assets_line(&loader)?.1 {
        let dev = path
            .as_str()
            .filter(|p| p.starts_with("pkg/") && !p.contains(".."))
            .ok_or_else(|| {
                format!("www/article-widget.js: ASSETS.{key} is {path}, not a file in pkg/")
            })?;
        let data = read(&www.join(dev)).map_err(|e| format!("{e} (run `cargo xtask build`)"))?;
        let name = hashed_name(dev, &data);
        write(&www.join(&name), &data)?;
        map.insert(key, name.into());
    }
    // Remove hashed copies neither this build nor the previous one names.
    let keep: Vec<String> = map
        .values()
        .chain(previous.values())
        .filter_map(|v| v.as_str())
        .filter_map(|p| p.rsplit('/').next())
        .map(str::to_owned)
        .collect();
    let pkg = www.join("pkg");
    for entry in std::fs::read_dir(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if is_content_hashed(&name) && !keep.iter().any(|k| *k == name) {
            let _ = std::fs::remove_file(pkg.join(&*name));
        }
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(map.clone()))
        .map_err(|e| e.to_string())?;
    write(&map_file, text.as_bytes())?;
    Ok(map)
}

/// The loader as the demo and test server sends it: `www/article-widget.js` with its `@assets`
/// line naming the hashed modules of the last `cargo xtask build` (from `www/pkg/assets.json`),
/// or as it is when there is no build.
pub fn served_loader(www: &Path) -> Result<Vec<u8>, String> {
    let loader = read(&www.join("article-widget.js"))?;
    let Ok(map) = std::fs::read(www.join(ASSET_MAP)) else {
        return Ok(loader);
    };
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&map).map_err(|e| format!("www/{ASSET_MAP}: {e}"))?;
    let text = String::from_utf8(loader).map_err(|_| "www/article-widget.js is not UTF-8")?;
    let dev = assets_line(&text)?.1;
    let rewritten = rewrite_assets(&text, |path| {
        let hashed = dev
            .iter()
            .find(|(_, v)| v.as_str() == Some(path))
            .and_then(|(k, _)| map.get(k))
            .and_then(|v| v.as_str());
        Ok(hashed.unwrap_or(path).to_owned())
    })?;
    Ok(rewritten.into_bytes())
}

/// Builds the release (`cargo xtask build`) and writes the bundle.
pub fn dist_command() -> Result<(), String> {
    crate::build::build(false)?;
    let b = dist()?;
    println!(
        "wrote {}\n      {}\n      {}",
        b.dir.display(),
        b.tarball.display(),
        b.checksum.display()
    );
    Ok(())
}

/// Writes the bundle from the release build in `www/` (run `cargo xtask build` first).
pub fn dist() -> Result<Bundle, String> {
    let root = root();
    let www = root.join("www");
    let b = bundle_paths();
    if b.dir.exists() {
        std::fs::remove_dir_all(&b.dir).map_err(|e| format!("{}: {e}", b.dir.display()))?;
    }
    // Bundle path → bytes, in a stable order.
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();

    // The modules, content-hashed; the loader learns their names.
    let loader = String::from_utf8(read(&www.join("article-widget.js"))?)
        .map_err(|_| "www/article-widget.js is not UTF-8")?;
    let mut hashed = Vec::new();
    let loader = rewrite_assets(&loader, |dev| {
        if !dev.starts_with("pkg/") || dev.contains("..") {
            return Err(format!(
                "www/article-widget.js: ASSETS names {dev:?}, not a file in pkg/"
            ));
        }
        let data = read(&www.join(dev)).map_err(|e| format!("{e} (run `cargo xtask build`)"))?;
        let name = hashed_name(dev, &data);
        hashed.push((name.clone(), data));
        Ok(name)
    })?;
    files.extend(hashed);
    files.insert("article-widget.js".into(), loader.into_bytes());
    // The stylesheet some browsers link (beside the loader, stable name), when there is one.
    if let Ok(css) = std::fs::read(www.join("article-widget.css")) {
        files.insert("article-widget.css".into(), css);
    }

    // Dictionaries: already content-addressed (`<group>.<crc32>.scd`), listed by manifest.json.
    let manifest_bytes = read(&www.join("dict/manifest.json"))
        .map_err(|e| format!("{e} (run `cargo xtask build`)"))?;
    let manifest: serde_json::Value = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| format!("www/dict/manifest.json: {e}"))?;
    let dict_files = manifest["files"]
        .as_array()
        .ok_or("www/dict/manifest.json has no files array")?;
    for f in dict_files {
        let name = f["file"]
            .as_str()
            .filter(|n| !n.contains('/') && is_content_hashed(n))
            .ok_or_else(|| format!("www/dict/manifest.json: bad file entry {f}"))?;
        files.insert(format!("dict/{name}"), read(&www.join("dict").join(name))?);
    }
    files.insert("dict/manifest.json".into(), manifest_bytes);

    // Schema, licenses, notices, deployment guide, changelog.
    for entry in std::fs::read_dir(www.join("schema")).map_err(|e| format!("www/schema: {e}"))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        files.insert(format!("schema/{name}"), read(&entry.path())?);
    }
    let opencc = root.join("crates/script-convert/data/opencc");
    for (from, to) in [
        (root.join("LICENSE-MIT"), "LICENSE-MIT"),
        (root.join("LICENSE-APACHE"), "LICENSE-APACHE"),
        (root.join("docs/DEPLOY.md"), "DEPLOY.md"),
        (root.join("CHANGELOG.md"), "CHANGELOG.md"),
        (opencc.join("LICENSE"), "licenses/OpenCC-LICENSE"),
    ] {
        files.insert(to.into(), read(&from)?);
    }
    files.insert(
        "NOTICE".into(),
        notice(&read(&opencc.join("NOTICE"))?).into_bytes(),
    );
    files.insert(
        "licenses/THIRD-PARTY.md".into(),
        third_party_licenses()?.into_bytes(),
    );

    // The bundle is also the npm package.
    let npm = crate::npm::package_files(&files)?;
    files.extend(npm);

    // integrity.json: the SRI hash of every other file.
    let mut integrity = serde_json::Map::new();
    for (rel, data) in &files {
        integrity.insert(rel.clone(), sri(data).into());
    }
    let integrity = serde_json::json!({
        "version": version(),
        "algorithm": "sha384",
        "files": integrity,
    });
    let mut integrity_json = serde_json::to_string_pretty(&integrity).map_err(|e| e.to_string())?;
    integrity_json.push('\n');
    files.insert("integrity.json".into(), integrity_json.into_bytes());

    for (rel, data) in &files {
        write(&b.dir.join(rel), data)?;
    }
    write_tarball(&b, &files)?;
    Ok(b)
}

/// The bundle's NOTICE: this project, then OpenCC's notice for the dictionaries.
fn notice(opencc_notice: &[u8]) -> String {
    format!(
        "article-widget {}\n\
         Copyright (c) 2025-2026 The article-widget authors.\n\
         Licensed under the MIT License or the Apache License, Version 2.0, at your option\n\
         (LICENSE-MIT, LICENSE-APACHE).\n\n\
         The dictionaries in dict/ are compiled from OpenCC 1.4.2's dictionaries\n\
         (Apache License, Version 2.0: licenses/OpenCC-LICENSE) and carry its notice:\n\n{}\n\
         The WebAssembly modules in pkg/ contain the Rust crates listed, with their licenses,\n\
         in licenses/THIRD-PARTY.md.\n",
        version(),
        String::from_utf8_lossy(opencc_notice).trim_end()
    )
}

/// `cargo xtask licenses`: writes `THIRD_PARTY.md`; with `--check` (in `cargo xtask test`)
/// fails instead when the committed file is not what the generator makes.
pub fn licenses_command(check: bool) -> Result<(), String> {
    let want = third_party_licenses()?;
    let path = root().join("THIRD_PARTY.md");
    if check {
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            return Err(
                "THIRD_PARTY.md is out of date (a dependency or its license changed): run \
                 `cargo xtask licenses` and commit the file"
                    .to_owned(),
            );
        }
        println!("THIRD_PARTY.md is up to date");
        return Ok(());
    }
    write(&path, want.as_bytes())?;
    println!("wrote {}", path.display());
    Ok(())
}

/// `THIRD_PARTY.md` (repository root; `licenses/THIRD-PARTY.md` in the bundle): what the
/// distributable ships besides this project's own code. The OpenCC data the dictionaries are
/// compiled from, and every crate compiled into the two WebAssembly modules (`cargo tree` of
/// the normal dependencies for wasm32 of `article-widget` and `article-widget-engine`, this
/// workspace's own crates left out), with its license expression (from `cargo metadata`) and
/// the license files it ships (identical texts printed once). The npm package adds nothing:
/// its loader is ours.
pub fn third_party_licenses() -> Result<String, String> {
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root())
        .args([
            "metadata",
            "--locked",
            "--format-version",
            "1",
            "--filter-platform",
            "wasm32-unknown-unknown",
        ])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let packages: std::collections::HashMap<&str, &serde_json::Value> = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str())
        .collect();
    // What `cargo build --target wasm32-unknown-unknown` of the two modules compiles, with
    // their features only: `cargo metadata`'s resolve unifies the features of the whole
    // workspace (the demo's snippet builder turns on `ssr`, which the modules never link).
    let tree = Cmd::new(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "tree",
            "--locked",
            "-p",
            "article-widget",
            "-p",
            "article-widget-engine",
            "--target",
            "wasm32-unknown-unknown",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .ok_or("`cargo tree` of the wasm modules failed")?;
    // Lines are `name vVERSION` and, for path packages, ` (PATH)`.
    let compiled: std::collections::BTreeSet<(&str, &str)> = tree
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?, words.next()?.strip_prefix('v')?))
        })
        .collect();
    let mut crates: Vec<&serde_json::Value> = packages
        .iter()
        .filter(|(id, _)| !members.contains(id))
        .map(|(_, p)| *p)
        .filter(|p| {
            compiled.contains(&(
                p["name"].as_str().unwrap_or(""),
                p["version"].as_str().unwrap_or(""),
            ))
        })
        .collect();
    crates.sort_by_key(|p| {
        (
            p["name"].as_str().unwrap_or(""),
            p["version"].as_str().unwrap_or(""),
        )
    });
    let opencc = root().join("crates/script-convert/data/opencc");
    let mut md = format!(
        "# Third-party licenses\n\n\
         <!-- Generated by `cargo xtask licenses` from `cargo tree` and `cargo metadata`; do not edit. \
         `cargo xtask test` fails when it is out of date. -->\n\n\
         article-widget is MIT OR Apache-2.0 (`LICENSE-MIT`, `LICENSE-APACHE`). Besides its own \
         code, the distributable (the release bundle, the npm package, `www/`) ships:\n\n\
         - **The dictionaries** (`dict/`), compiled from OpenCC 1.4.2's dictionary data \
         (`crates/script-convert/data/opencc/`, Apache-2.0). Its license and notice are below; \
         the bundle also carries them as `licenses/OpenCC-LICENSE` and in `NOTICE`.\n\
         - **The WebAssembly modules** (`pkg/`: the widget and the conversion engine), which \
         contain these {} Rust crates.\n\n\
         | crate | version | license | repository |\n|---|---|---|---|\n",
        crates.len()
    );
    let mut texts: Vec<(String, Vec<String>)> = Vec::new();
    for (file, label) in [
        ("LICENSE", "OpenCC 1.4.2 dictionary data (LICENSE)"),
        ("NOTICE", "OpenCC 1.4.2 dictionary data (NOTICE)"),
    ] {
        let text = std::fs::read_to_string(opencc.join(file))
            .map_err(|e| format!("{}: {e}", opencc.join(file).display()))?;
        texts.push((text, vec![label.to_owned()]));
    }
    for p in &crates {
        let name = p["name"].as_str().unwrap_or("?");
        let ver = p["version"].as_str().unwrap_or("?");
        let license = p["license"].as_str().unwrap_or("(see its license file)");
        md.push_str(&format!(
            "| {name} | {ver} | {license} | {} |\n",
            p["repository"].as_str().unwrap_or("")
        ));
        let dir = p["manifest_path"]
            .as_str()
            .and_then(|m| Path::new(m).parent())
            .map(Path::to_path_buf);
        let mut found = false;
        // Sorted: read_dir's order depends on the file system, and the file must not.
        let mut entries: Vec<std::fs::DirEntry> = dir
            .iter()
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flatten()
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let file = entry.file_name().to_string_lossy().to_uppercase();
            if ["LICENSE", "LICENCE", "COPYING", "NOTICE"]
                .iter()
                .any(|p| file.starts_with(p))
            {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                found = true;
                let label = format!("{name} {ver} ({})", entry.file_name().to_string_lossy());
                match texts.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, users)) => users.push(label),
                    None => texts.push((text, vec![label])),
                }
            }
        }
        if !found {
            // Some crates name their license in Cargo.toml only: give the standard text, with
            // the crate's authors as the copyright holders where the license needs them.
            let authors: Vec<&str> = p["authors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str())
                .collect();
            let spdx: Vec<&str> = license
                .split(|c: char| c == '/' || c.is_whitespace() || c == '(' || c == ')')
                .filter(|t| !t.is_empty() && *t != "OR" && *t != "AND")
                .collect();
            if spdx.is_empty() || !spdx.iter().all(|t| *t == "MIT" || *t == "Apache-2.0") {
                return Err(format!(
                    "{name} {ver} ships no license file and its license {license:?} has no standard text in xtask/src/release.rs; add one"
                ));
            }
            if spdx.contains(&"MIT") {
                let holders = if authors.is_empty() {
                    format!("the {name} authors")
                } else {
                    authors.join(", ")
                };
                let text = MIT_TEXT.replace("{holders}", &holders);
                texts.push((
                    text,
                    vec![format!("{name} {ver} (MIT, from its Cargo.toml)")],
                ));
            }
            if spdx.contains(&"Apache-2.0") {
                let label = format!("{name} {ver} (Apache-2.0, from its Cargo.toml)");
                let apache = std::fs::read_to_string(root().join("LICENSE-APACHE"))
                    .map_err(|e| format!("LICENSE-APACHE: {e}"))?;
                match texts.iter_mut().find(|(t, _)| *t == apache) {
                    Some((_, users)) => users.push(label),
                    None => texts.push((apache, vec![label])),
                }
            }
        }
    }
    md.push_str("\n## License texts\n");
    for (text, users) in texts {
        md.push_str(&format!(
            "\n### {}\n\n```text\n{}\n```\n",
            users.join(", "),
            text.trim_end()
        ));
    }
    Ok(md)
}

/// The MIT license's standard text.
const MIT_TEXT: &str = "MIT License

Copyright (c) {holders}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.";

/// `article-widget-VERSION.tar.gz` (entries under `article-widget-VERSION/`, sorted, with the
/// commit's time, so the same tree gives the same bytes) and its `.sha256`.
fn write_tarball(
    b: &Bundle,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<(), String> {
    let prefix = format!("article-widget-{}", version());
    let mtime = crate::util::Cmd::new("git")
        .args(["log", "-1", "--format=%ct"])
        .output()
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(0);
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    for (rel, data) in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, format!("{prefix}/{rel}"), &data[..])
            .map_err(|e| format!("tar {rel}: {e}"))?;
    }
    let gz = tar.into_inner().map_err(|e| format!("tar: {e}"))?;
    let bytes = gz.finish().map_err(|e| format!("gzip: {e}"))?;
    write(&b.tarball, &bytes)?;
    let name = b
        .tarball
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write(
        &b.checksum,
        format!("{}  {name}\n", sha256_hex(&bytes)).as_bytes(),
    )
}

/// Unpacks `tarball` (after checking it against its `.sha256`) into `into`; returns the bundle
/// directory inside.
pub fn unpack(b: &Bundle, into: &Path) -> Result<PathBuf, String> {
    let bytes = read(&b.tarball)?;
    let sum = String::from_utf8_lossy(&read(&b.checksum)?).into_owned();
    if sum.split_whitespace().next() != Some(sha256_hex(&bytes).as_str()) {
        return Err(format!(
            "{} does not match {}",
            b.checksum.display(),
            b.tarball.display()
        ));
    }
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
    archive
        .unpack(into)
        .map_err(|e| format!("unpacking {}: {e}", b.tarball.display()))?;
    Ok(into.join(format!("article-widget-{}", version())))
}

/// A fresh directory under the system's temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Result<TempDir, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("aw-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Checks the unpacked bundle's `integrity.json` against its files (every file listed, every
/// hash right), then serves it from a second loopback origin with DEPLOY.md's headers and
/// renders the seed on a page of the first origin (`tests/dist/bundle.test.mjs`); then the
/// same for the npm package made from it ([`crate::npm::test_package`]).
pub fn test_bundle() -> Result<(), String> {
    let b = dist()?;
    // The same tree gives the same tarball (entries sorted, the commit's time), so a CDN team
    // can rebuild a release and compare checksums.
    let first = read(&b.checksum)?;
    let b = dist()?;
    if read(&b.checksum)? != first {
        return Err(format!(
            "two `cargo xtask dist` runs gave different tarballs ({})",
            b.checksum.display()
        ));
    }
    let tmp = TempDir::new("bundle")?;
    let dir = unpack(&b, &tmp.0)?;
    check_integrity(&dir)?;
    browser_test(&dir, "tests/dist/bundle.test.mjs")?;
    crate::npm::test_package(&dir)
}

/// Every file of `dir` (but integrity.json) is listed in its integrity.json with the right hash.
pub fn check_integrity(dir: &Path) -> Result<(), String> {
    let listed: serde_json::Value = serde_json::from_slice(&read(&dir.join("integrity.json"))?)
        .map_err(|e| format!("integrity.json: {e}"))?;
    let listed = listed["files"]
        .as_object()
        .ok_or("integrity.json has no files object")?;
    let mut found = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "integrity.json" {
                continue;
            }
            found += 1;
            let want = listed
                .get(&rel)
                .and_then(|v| v.as_str())
                .ok_or_else(|| format!("integrity.json does not list {rel}"))?;
            if want != sri(&read(&path)?) {
                return Err(format!("integrity.json: wrong hash for {rel}"));
            }
        }
    }
    if found != listed.len() {
        return Err(format!(
            "integrity.json lists {} files, the bundle has {found}",
            listed.len()
        ));
    }
    Ok(())
}

/// Serves `assets` as a CDN (second origin) and the repository's pages (first origin), then
/// runs one node test file with AW_BASE, AW_CDN and AW_ASSETS_DIR set.
pub fn browser_test(assets: &Path, test_file: &str) -> Result<(), String> {
    // With the test routes: the page is served under a Content-Security-Policy (`/__csp/…`).
    let pages = crate::server::Server::start(root(), 0, true)?;
    let cdn = crate::server::Server::start_bundle(assets.to_path_buf())?;
    let result = run(Cmd::new("node")
        .args(["--test", "--test-reporter=spec", test_file])
        .env("AW_BASE", &pages.base_url())
        .env("AW_CDN", &cdn.base_url())
        .env("AW_ASSETS_DIR", &assets.to_string_lossy())
        .env("AW_CHROMIUM", crate::setup::CHROMIUM));
    pages.stop();
    cdn.stop();
    result
}

/// `cargo install --path . --root <tmp>` (reusing the release build), then the installed
/// `article-widget` run from another temporary directory with an environment that names
/// nothing of the repository: it converts, validates, writes the dictionaries and answers
/// `--help` for every subcommand; under strace, its conversions open no path of the
/// repository.
pub fn test_installed_cli() -> Result<(), String> {
    let tmp = TempDir::new("install")?;
    let prefix = tmp.0.join("root");
    run(
        cargo(&["install", "--locked", "--quiet", "--path", ".", "--root"])
            .arg(prefix.to_string_lossy())
            .args(["--bin", "article-widget"]),
    )?;
    let bin = prefix.join("bin/article-widget");
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
                "installed `article-widget {}`: exit {got:?} (want {code}), output lacks {want:?}:\n{out}{err}",
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
        let status = std::process::Command::new(crate::setup::STRACE)
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
                "installed `article-widget {}` under strace: {status}\n{traced}",
                args.join(" ")
            ));
        }
        let repo = root().to_string_lossy().into_owned();
        if let Some(line) = traced.lines().find(|l| l.contains(&repo)) {
            return Err(format!(
                "installed `article-widget {}` touched the repository: {line}",
                args.join(" ")
            ));
        }
    }
    expect(&["--version"], 0, &format!("article-widget {}", version()))?;
    expect(&["convrt"], 2, "similar")?;
    for sub in [
        "validate",
        "convert",
        "convert-article",
        "dict",
        "completions",
    ] {
        expect(&[sub, "--help"], 0, &format!("Usage: article-widget {sub}"))?;
    }
    expect(&["completions", "bash"], 0, "complete -F")?;
    println!("installed CLI: ok ({})", bin.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed THIRD_PARTY.md (kept equal to the generator's output by `cargo xtask
    /// licenses --check` in the test command) lists what the modules link, and only that.
    #[test]
    fn third_party_md_lists_the_modules_crates_and_the_dictionary_data() {
        let md = std::fs::read_to_string(root().join("THIRD_PARTY.md")).unwrap();
        let listed = |name: &str| md.contains(&format!("\n| {name} | "));
        for name in [
            "yew",
            "wasm-bindgen",
            "js-sys",
            "web-sys",
            "serde",
            "gloo-net",
        ] {
            assert!(listed(name), "{name} is compiled into the widget module");
        }
        // Native-only (CLI), ssr-only (the demo's snippet builder), benchmark and test crates,
        // and the workspace's own crates are not in the modules.
        for name in [
            "tokio",
            "clap",
            "sha2",
            "base64ct",
            "html-escape",
            "zhconv",
            "proptest",
            "brotli",
            "article-model",
            "script-convert",
            "article-widget",
        ] {
            assert!(!listed(name), "{name} is not in the wasm modules");
        }
        assert!(md.contains("### OpenCC 1.4.2 dictionary data (LICENSE)"));
        assert!(md.contains("### OpenCC 1.4.2 dictionary data (NOTICE)"));
    }

    #[test]
    fn content_hashed_names() {
        assert!(is_content_hashed("pkg/article_widget_bg.d72f935704.wasm"));
        assert!(is_content_hashed("dict/st.77d6af20.scd"));
        assert!(!is_content_hashed("article-widget.js"));
        assert!(!is_content_hashed("dict/manifest.json"));
        assert!(!is_content_hashed("pkg/article_widget.js"));
        assert!(!is_content_hashed("schema/article.v1.json"));
        assert!(!is_content_hashed("pkg/x.D72F935704.js"));
        assert_eq!(
            cache_control("article-widget.js"),
            "public, max-age=300, must-revalidate"
        );
        assert_eq!(
            cache_control("dict/st.77d6af20.scd"),
            "public, max-age=31536000, immutable"
        );
    }

    #[test]
    fn deploy_md_documents_the_headers_the_bundle_test_serves() {
        let deploy = std::fs::read_to_string(root().join("docs/DEPLOY.md")).expect("DEPLOY.md");
        for header in [
            cache_control("pkg/article_widget.0123456789.js"),
            cache_control("article-widget.js"),
            "application/wasm",
            "Access-Control-Allow-Origin: *",
            "'wasm-unsafe-eval'",
        ] {
            assert!(
                deploy.contains(header),
                "DEPLOY.md does not mention {header}"
            );
        }
    }

    #[test]
    fn the_loader_learns_the_hashed_names() {
        let loader = "a\n  var ASSETS = {\"module\": \"pkg/m.js\", \"wasm\": \"pkg/m_bg.wasm\"}; // @assets\nb\n";
        let out = rewrite_assets(loader, |p| Ok(format!("{p}!"))).expect("rewritten");
        assert_eq!(
            out,
            "a\n  var ASSETS = {\"module\":\"pkg/m.js!\",\"wasm\":\"pkg/m_bg.wasm!\"}; // @assets\nb\n"
        );
        let err = rewrite_assets("var ASSETS = {};\n", |p| Ok(p.to_owned())).expect_err("no mark");
        assert!(err.contains("@assets"), "{err}");
        let twice = format!("{loader}{loader}");
        assert!(rewrite_assets(&twice, |p| Ok(p.to_owned())).is_err());
        let err = rewrite_assets(
            "var ASSETS = {\"m\": 1}; // @assets\n",
            |p| Ok(p.to_owned()),
        )
        .expect_err("not a string");
        assert!(err.contains("ASSETS.m"), "{err}");
    }

    #[test]
    fn the_repository_loader_has_the_assets_line() {
        let loader = std::fs::read_to_string(root().join("www/article-widget.js")).expect("loader");
        let mut seen = Vec::new();
        rewrite_assets(&loader, |p| {
            seen.push(p.to_owned());
            Ok(p.to_owned())
        })
        .expect("the loader's @assets line");
        seen.sort();
        assert_eq!(
            seen,
            [
                "pkg/article_widget.js",
                "pkg/article_widget_bg.wasm",
                "pkg/article_widget_engine.js",
                "pkg/article_widget_engine_bg.wasm"
            ]
        );
    }
}
