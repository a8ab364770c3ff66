//! Compressed responses, as a CDN sends them: brotli or gzip when the request's
//! `Accept-Encoding` asks for it, each file compressed once (as if precompressed at build, like
//! `nginx gzip_static`) and kept by its ETag. Off unless [`enable`]d (`cargo xtask bench`
//! turns it on): the tests see the files' bytes as they are.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::http::Response;

static ENABLED: AtomicBool = AtomicBool::new(false);

type Cache = Mutex<HashMap<(String, &'static str), Arc<Vec<u8>>>>;
static CACHE: OnceLock<Cache> = OnceLock::new();

/// From now on, every server of this process sends compressed bodies when asked.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// The encoding to send for `accept` (brotli first, then gzip), if any.
fn choose(accept: &str) -> Option<&'static str> {
    let offers: Vec<&str> = accept
        .split(',')
        .filter(|t| !t.contains("q=0") || t.contains("q=0."))
        .map(|t| t.split(';').next().unwrap_or("").trim())
        .collect();
    ["br", "gzip"].into_iter().find(|e| offers.contains(e))
}

fn compress(body: &[u8], encoding: &str) -> Vec<u8> {
    let mut out = Vec::new();
    if encoding == "br" {
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    } else {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = enc.write_all(body);
        out = enc.finish().unwrap_or_default();
    }
    out
}

/// Replaces a 200 response's body (ETag `tag`) by its compressed form when enabled and asked
/// for; images stay as they are.
pub fn apply(response: &mut Response, accept: Option<&str>, tag: &str) {
    if !ENABLED.load(Ordering::Relaxed) || response.content_type.starts_with("image/png") {
        return;
    }
    let Some(encoding) = accept.and_then(choose) else {
        return;
    };
    let cache = CACHE.get_or_init(Cache::default);
    let key = (tag.to_owned(), encoding);
    let known = cache.lock().ok().and_then(|c| c.get(&key).cloned());
    let body = match known {
        Some(b) => b,
        None => {
            let b = Arc::new(compress(&response.body, encoding));
            if let Ok(mut c) = cache.lock() {
                c.insert(key, b.clone());
            }
            b
        }
    };
    response.body = body.to_vec();
    response
        .headers
        .push(("Content-Encoding", encoding.to_owned()));
    response
        .headers
        .push(("Vary", "Accept-Encoding".to_owned()));
    for (name, value) in &mut response.headers {
        if *name == "ETag" {
            // Another representation, another validator.
            *value = format!("{}-{encoding}\"", value.trim_end_matches('"'));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn brotli_first_then_gzip_and_nothing_refused() {
        assert_eq!(choose("gzip, deflate, br, zstd"), Some("br"));
        assert_eq!(choose("gzip, deflate"), Some("gzip"));
        assert_eq!(choose("br;q=0, gzip"), Some("gzip"));
        assert_eq!(choose("identity"), None);
    }
}
