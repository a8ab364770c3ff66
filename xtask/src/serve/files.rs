//! The repository's files as the demo and the tests get them, the crash-test module's, and a
//! release bundle's.

use std::io::Read;

use super::http::{is_plain_relative, mime, query_param, Response, Shared};
use crate::release::assets;
use crate::util::target_dir;

/// `Cache-Control` of a repository file the demo and test server sends: the loader's short
/// lifetime (revalidated with its ETag), `immutable` for content-hashed names (the modules'
/// copies `cargo xtask build` writes, the dictionaries), and `no-cache` for the rest (pages and
/// documents a developer edits).
pub fn dev_cache_control(rel: &str) -> &'static str {
    if rel == "www/article-widget.js" {
        assets::cache_control("article-widget.js")
    } else if (rel.starts_with("www/pkg/") || rel.starts_with("www/dict/"))
        && assets::is_content_hashed(rel)
    {
        assets::cache_control(rel)
    } else {
        "no-cache"
    }
}

pub fn file(shared: &Shared, path: &str, query: &str) -> Response {
    let rel = if path == "/" {
        "index.html"
    } else {
        path.trim_start_matches('/')
    };
    let allowed = rel == "index.html"
        || rel.starts_with("www/")
        || rel.starts_with("tests/e2e/pages/")
        || rel.starts_with("target/bench/");
    if !allowed || !is_plain_relative(rel) {
        return Response::text(404, "not found");
    }
    let full = shared.root.join(rel);
    let mut body = Vec::new();
    if rel == "www/article-widget.js" {
        // With the hashed module names of the last build (the tracked file stays as it is).
        match assets::served_loader(&shared.root.join("www")) {
            Ok(b) => body = b,
            Err(e) => return Response::text(500, &e),
        }
    } else {
        match std::fs::File::open(&full).and_then(|mut f| f.read_to_end(&mut body)) {
            Ok(_) => {}
            Err(_) => return Response::text(404, "not found"),
        }
    }
    // Test pages name the other origin (the "CDN") through ?cdn=http://127.0.0.1:PORT.
    if rel.starts_with("tests/e2e/pages/") {
        if let Some(cdn) = cdn_origin(query) {
            body = String::from_utf8_lossy(&body)
                .replace("{{CDN}}", &cdn)
                .into_bytes();
        }
    }
    Response {
        cache_control: dev_cache_control(rel),
        ..Response::new(200, mime(&full), body)
    }
}

/// `/__crash/<path>`: `www/<path>`, except that `pkg/…` comes from `target/crash-pkg/`, the
/// module built with the test-only `crash-test` feature (its `__crash` export panics). A loader
/// served from here loads that module; `www/pkg/` never holds it.
pub fn crash_file(shared: &Shared, rest: &str, query: &str) -> Response {
    match rest.strip_prefix("pkg/") {
        Some(name) if !name.contains('/') && is_plain_relative(name) => {
            let full = target_dir().join("crash-pkg").join(name);
            match std::fs::read(&full) {
                Ok(body) => Response::new(200, mime(&full), body),
                Err(_) => Response::text(404, "no crash-test build (cargo xtask e2e builds it)"),
            }
        }
        Some(_) => Response::text(404, "not found"),
        // The tracked loader as it is: its plain `pkg/` names are the crash build's (the
        // demo's `/www/article-widget.js` names the release build's hashed copies instead).
        None if rest == "article-widget.js" => {
            let full = shared.root.join("www/article-widget.js");
            match std::fs::read(&full) {
                Ok(body) => Response::new(200, mime(&full), body),
                Err(_) => Response::text(404, "not found"),
            }
        }
        None => file(shared, &format!("/www/{rest}"), query),
    }
}

/// A file of a release bundle, with the headers `DEPLOY.md` prescribes.
pub fn bundle_file(shared: &Shared, path: &str) -> Response {
    let rel = path.trim_start_matches('/');
    if !is_plain_relative(rel) {
        return Response::text(404, "not found");
    }
    let full = shared.root.join(rel);
    match std::fs::read(&full) {
        Ok(body) => Response {
            cache_control: assets::cache_control(rel),
            ..Response::new(200, mime(&full), body)
        },
        Err(_) => Response::text(404, "not found"),
    }
}

/// The `cdn` query parameter, when it is a loopback origin `http://127.0.0.1:PORT`.
pub fn cdn_origin(query: &str) -> Option<String> {
    let cdn = query_param(query, "cdn")?
        .replace("%3A", ":")
        .replace("%2F", "/");
    let port = cdn.strip_prefix("http://127.0.0.1:")?;
    (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then_some(cdn)
}
