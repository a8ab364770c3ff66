//! Content hashing: the modules' content-hashed names and the loader's `@assets` line that
//! names them, SRI hashes and `integrity.json`, and the `Cache-Control` a name earns.

use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};

use crate::util::{read, write};

/// The loader's line that names the modules (`var ASSETS = {…}; // @assets`).
const ASSETS_MARK: &str = "// @assets";
/// The loader's line that pins them (`var INTEGRITY = {…}; // @integrity`): key → SRI.
const INTEGRITY_MARK: &str = "// @integrity";

/// Writes `pins` (the `@assets` keys → `sha384-…`) into the loader's `@integrity` line. The
/// tracked loader's is `{}` (a development build changes the plain names' contents).
pub fn rewrite_integrity(
    loader: &str,
    pins: &serde_json::Map<String, serde_json::Value>,
) -> Result<String, String> {
    let lines: Vec<&str> = loader
        .lines()
        .filter(|l| l.trim_end().ends_with(INTEGRITY_MARK))
        .collect();
    let [line] = lines[..] else {
        return Err(format!(
            "www/article-widget.js: expected one line ending in `{INTEGRITY_MARK}` (the modules' SRI), found {}",
            lines.len()
        ));
    };
    let indent = &line[..line.len() - line.trim_start().len()];
    let new_line = format!(
        "{indent}var INTEGRITY = {}; {INTEGRITY_MARK}",
        serde_json::Value::Object(pins.clone())
    );
    Ok(loader.replacen(line, &new_line, 1))
}

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

pub fn sha256_hex(data: &[u8]) -> String {
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

/// `pkg/article_widget_bg.wasm` + its bytes → `pkg/article_widget_bg.<10 hex>.wasm`.
pub fn hashed_name(rel: &str, data: &[u8]) -> String {
    let hash = &sha256_hex(data)[..10];
    match rel.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{rel}.{hash}"),
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

/// The `@assets` keys and their development paths (`module` → `pkg/article_widget.js`).
pub fn asset_paths(loader: &str) -> Result<Vec<(String, String)>, String> {
    Ok(assets_line(loader)?
        .1
        .into_iter()
        .filter_map(|(k, v)| v.as_str().map(|p| (k, p.to_owned())))
        .collect())
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
    // Each hashed module pinned by its SHA-384, as the bundle's loader pins it.
    let mut pins = serde_json::Map::new();
    for (key, hashed) in &map {
        if let Some(file) = hashed.as_str().filter(|h| is_content_hashed(h)) {
            if let Ok(data) = std::fs::read(www.join(file)) {
                pins.insert(key.clone(), sri(&data).into());
            }
        }
    }
    Ok(rewrite_integrity(&rewritten, &pins)?.into_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::root;

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
