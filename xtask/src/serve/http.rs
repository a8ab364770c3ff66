//! What the handlers share: the server's state, the response they build, and HTTP details.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The server's state, shared by the threads that answer its connections.
pub struct Shared {
    pub root: PathBuf,
    pub faults: bool,
    /// Serve every file under `root` as a CDN would serve a release bundle (see
    /// [`super::Server::start_bundle`]) instead of the repository's demo paths.
    pub bundle: bool,
    /// Requests seen per `flaky` key, so a route can fail once and then succeed.
    pub flaky: Mutex<HashMap<String, u32>>,
}

/// What a route answers, and how the connection sends it.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub cache_control: &'static str,
    /// Extra response headers.
    pub headers: Vec<(&'static str, String)>,
    /// Send no Content-Length (the body then ends when the connection closes).
    pub unknown_length: bool,
    /// Leave out `Access-Control-Allow-Origin` (a cross-origin fetch then fails).
    pub no_cors: bool,
    /// Close the connection without answering (a reset).
    pub reset: bool,
    /// Send the body one byte per this many milliseconds (a slow drip).
    pub drip_ms: Option<u64>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
            cache_control: "no-cache",
            headers: Vec::new(),
            unknown_length: false,
            no_cors: false,
            reset: false,
            drip_ms: None,
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body)
    }
}

/// A strong validator: the first 16 hex digits of the body's SHA-256, quoted.
pub fn etag(body: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(body);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        421 => "Misdirected Request",
        302 => "Found",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether `rel` (a request path without its leading `/`) names a file under the served root
/// and nothing else: no `..`, no hidden segment, no empty segment, no backslash (a separator on
/// Windows), no `:` (a drive prefix such as `C:` makes `Path::join` leave the root there, and
/// names an NTFS stream), no NUL.
pub fn is_plain_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(['\\', ':', '\0'])
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && !seg.starts_with('.'))
}

pub fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}
