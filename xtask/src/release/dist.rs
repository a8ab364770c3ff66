//! `cargo xtask dist`: the release bundle for CDNs, `target/dist/article-widget-VERSION/`
//! with its `.tar.gz` and `.sha256` (content-hashed modules, `integrity.json`, licenses,
//! `DEPLOY.md`), which is also the npm package; and `cargo xtask dist-test`, its test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::assets::{
    check_integrity, hashed_name, is_content_hashed, rewrite_assets, sha256_hex, sri,
};
use super::{licenses, npm};
use crate::layout::{version, OPENCC_DATA, PRODUCT, SCRIPT_CONVERT_DIR};
use crate::serve::Server;
use crate::util::{read, root, run, target_dir, write, Cmd, TempDir};
use crate::{build, setup};

/// Where `cargo xtask dist` writes: `target/dist/article-widget-VERSION/`, its `.tar.gz` and
/// the `.tar.gz.sha256`.
pub struct Bundle {
    pub dir: PathBuf,
    pub tarball: PathBuf,
    pub checksum: PathBuf,
}

/// `article-widget-VERSION`: the bundle's directory, and the top directory in its tarball.
fn bundle_name() -> String {
    format!("{PRODUCT}-{}", version())
}

pub fn bundle_paths() -> Bundle {
    let name = bundle_name();
    let dist = target_dir().join("dist");
    Bundle {
        dir: dist.join(&name),
        tarball: dist.join(format!("{name}.tar.gz")),
        checksum: dist.join(format!("{name}.tar.gz.sha256")),
    }
}

/// Builds the release (`cargo xtask build`) and writes the bundle.
pub fn dist_command() -> Result<(), String> {
    build::build(false)?;
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
    let mut files: BTreeMap<String, Vec<u8>> = Default::default();

    // The modules, content-hashed; the loader learns their names.
    let loader = String::from_utf8(read(&www.join("article-widget.js"))?)
        .map_err(|_| "www/article-widget.js is not UTF-8")?;
    let mut hashed = Vec::new();
    let mut pins = serde_json::Map::new();
    for (key, dev) in crate::release::assets::asset_paths(&loader)? {
        if let Ok(data) = std::fs::read(www.join(&dev)) {
            pins.insert(key, sri(&data).into());
        }
    }
    let loader = crate::release::assets::rewrite_integrity(&loader, &pins)?;
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
    let opencc = root.join(SCRIPT_CONVERT_DIR).join(OPENCC_DATA);
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
        licenses::third_party_licenses()?.into_bytes(),
    );

    // The bundle is also the npm package.
    let npm = npm::package_files(&files)?;
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

/// `article-widget-VERSION.tar.gz` (entries under `article-widget-VERSION/`, sorted, with the
/// commit's time, so the same tree gives the same bytes) and its `.sha256`.
fn write_tarball(b: &Bundle, files: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let prefix = bundle_name();
    let mtime = Cmd::new("git")
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
    Ok(into.join(bundle_name()))
}

/// Checks the unpacked bundle's `integrity.json` against its files (every file listed, every
/// hash right), then serves it from a second loopback origin with DEPLOY.md's headers and
/// renders the seed on a page of the first origin (`tests/dist/bundle.test.mjs`); then the
/// same for the npm package made from it ([`npm::install`]).
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
    // The npm package made from it: what npm installed is what the bundle holds (the files
    // list left nothing out), its declarations type-check a usage example, and it renders as
    // the bundle does.
    let installed = npm::install(&dir)?;
    check_integrity(&installed.package)?;
    npm::check_declarations(&installed.project)?;
    browser_test(&installed.package, "tests/dist/bundle.test.mjs")
}

/// Serves `assets` as a CDN (second origin) and the repository's pages (first origin), then
/// runs one node test file with AW_BASE, AW_CDN and AW_ASSETS_DIR set.
pub fn browser_test(assets: &Path, test_file: &str) -> Result<(), String> {
    // With the test routes: the page is served under a Content-Security-Policy (`/__csp/…`).
    let pages = Server::start(root(), 0, true)?;
    let cdn = Server::start_bundle(assets.to_path_buf())?;
    let result = run(Cmd::new("node")
        .args(["--test", "--test-reporter=spec", test_file])
        .env("AW_BASE", &pages.base_url())
        .env("AW_CDN", &cdn.base_url())
        .env("AW_ASSETS_DIR", &assets.to_string_lossy())
        .env("AW_CHROMIUM", setup::CHROMIUM));
    pages.stop();
    cdn.stop();
    result
}
