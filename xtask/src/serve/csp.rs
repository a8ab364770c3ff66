//! `/__csp/…`: pages served under a Content-Security-Policy.

use super::files::{cdn_origin, file};
use super::http::{Response, Shared};

/// `/__csp/<policy>/<path>?cdn=ORIGIN`: the page at `<path>` (as served normally, `{{CDN}}`
/// replaced) with a `Content-Security-Policy` header naming ORIGIN as the assets' origin, and
/// `{{NONCE}}` replaced by a fresh nonce (the one the `nonce` policies allow). Other files (the
/// page's CSS and scripts, by relative URLs) are served as they are. Policies:
/// * `strict`: no inline script or style, scripts and fetches from the page and ORIGIN only;
/// * `styles-from-cdn`: `strict`, and stylesheets from ORIGIN (what the `<link>` fallback needs);
/// * `images`: `strict`, and images from the page and ORIGIN (`img-src`, as docs/EMBEDDING.md
///   documents for articles with images);
/// * `trusted-types`: `strict` with Trusted Types enforced and no policy allowed;
/// * `nonce`: scripts and styles only with the nonce (scripts also from ORIGIN);
/// * `nonce-scripts-only`: scripts with the nonce (or from ORIGIN), styles from the page and
///   ORIGIN, not by nonce.
pub fn csp(shared: &Shared, what: &str, query: &str) -> Response {
    let Some((name, path)) = what.split_once('/') else {
        return Response::text(404, "use /__csp/<policy>/<path>?cdn=http://127.0.0.1:PORT");
    };
    let mut response = file(shared, &format!("/{path}"), query);
    if response.status != 200 || !response.content_type.starts_with("text/html") {
        return response;
    }
    let Some(cdn) = cdn_origin(query) else {
        return Response::text(400, "give the assets' origin: ?cdn=http://127.0.0.1:PORT");
    };
    let nonce = {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        format!("{:016x}", h.finish())
    };
    let strict = format!(
        "default-src 'self'; script-src 'self' {cdn} 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' {cdn}"
    );
    let policy = match name {
        "strict" => strict,
        "styles-from-cdn" => format!(
            "default-src 'self'; script-src 'self' {cdn} 'wasm-unsafe-eval'; style-src 'self' {cdn}; connect-src 'self' {cdn}"
        ),
        "images" => format!("{strict}; img-src 'self' {cdn}"),
        "trusted-types" => {
            format!("{strict}; require-trusted-types-for 'script'; trusted-types 'none'")
        }
        "nonce" => format!(
            "default-src 'self'; script-src 'nonce-{nonce}' {cdn} 'wasm-unsafe-eval'; style-src 'nonce-{nonce}'; connect-src 'self' {cdn}"
        ),
        "nonce-scripts-only" => format!(
            "default-src 'self'; script-src 'nonce-{nonce}' {cdn} 'wasm-unsafe-eval'; style-src 'self' {cdn}; connect-src 'self' {cdn}"
        ),
        _ => return Response::text(404, "unknown CSP policy"),
    };
    response.body = String::from_utf8_lossy(&response.body)
        .replace("{{NONCE}}", &nonce)
        .into_bytes();
    response.headers.push(("Content-Security-Policy", policy));
    response
}
