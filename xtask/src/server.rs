//! A small static file server for the demo and the end-to-end tests, on 127.0.0.1 only.
//!
//! It serves `index.html`, `www/` and the test pages with the right MIME types (browsers insist
//! on `application/wasm` for streaming compilation) and `Access-Control-Allow-Origin: *`, like
//! a CDN. With `faults` it also answers the `/__faults/…` routes the tests use to simulate a
//! failing publisher: HTTP errors, slow and oversized responses, invalid documents; and the
//! `/__csp/<policy>/…` routes, which serve a file with a `Content-Security-Policy` header, and
//! the `/__crash/…` routes, the loader with the crash-test module (see [`crash_file`]).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::release::assets;

pub struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    root: PathBuf,
    faults: bool,
    /// Serve every file under `root` as a CDN would serve a release bundle (see
    /// [`Server::start_bundle`]) instead of the repository's demo paths.
    bundle: bool,
    /// Requests seen per `flaky` key, so a route can fail once and then succeed.
    flaky: Mutex<HashMap<String, u32>>,
}

impl Server {
    /// Starts serving `root` on 127.0.0.1:`port` (0 picks a free port).
    pub fn start(root: PathBuf, port: u16, faults: bool) -> Result<Server, String> {
        Server::start_with(root, port, faults, false)
    }

    /// Serves a release bundle (or an installed npm package) in `dir` the way `DEPLOY.md` tells
    /// a CDN to: every file under `dir`, with CORS, the MIME types, and `Cache-Control` from
    /// [`assets::cache_control`] (immutable for content-hashed names).
    pub fn start_bundle(dir: PathBuf) -> Result<Server, String> {
        Server::start_with(dir, 0, false, true)
    }

    fn start_with(root: PathBuf, port: u16, faults: bool, bundle: bool) -> Result<Server, String> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            root,
            faults,
            bundle,
            flaky: Mutex::new(HashMap::new()),
        });
        let stop2 = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = shared.clone();
                    std::thread::spawn(move || handle(stream, &shared));
                }
            }
        });
        Ok(Server {
            port,
            stop,
            thread: Some(thread),
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Blocks until the process is stopped.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `cargo xtask serve`: the demo on 127.0.0.1:`port` until the process is stopped.
pub fn serve_forever(port: u16) -> Result<(), String> {
    let server = Server::start(crate::util::root(), port, false)?;
    println!(
        "article-widget demo: {}/  (partner page with hostile CSS: {}/www/partner-hostile.html)",
        server.base_url(),
        server.base_url()
    );
    println!("press Ctrl-C to stop");
    server.wait();
    Ok(())
}

struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    cache_control: &'static str,
    /// Extra response headers.
    headers: Vec<(&'static str, String)>,
    /// Send no Content-Length (the body then ends when the connection closes).
    unknown_length: bool,
    /// Leave out `Access-Control-Allow-Origin` (a cross-origin fetch then fails).
    no_cors: bool,
    /// Close the connection without answering (a reset).
    reset: bool,
    /// Send the body one byte per this many milliseconds (a slow drip).
    drip_ms: Option<u64>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
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

    fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body)
    }
}

/// A strong validator: the first 16 hex digits of the body's SHA-256, quoted.
fn etag(body: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(body);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
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

fn mime(path: &Path) -> &'static str {
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

fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers; only If-None-Match is used.
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("if-none-match") {
                        if_none_match = Some(value.trim().to_owned());
                    }
                }
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let response = if method != "GET" && method != "HEAD" {
        Response::text(405, "only GET and HEAD")
    } else if shared.bundle {
        bundle_file(shared, path)
    } else if shared.faults && path.starts_with("/__faults/") {
        fault(shared, &path["/__faults/".len()..], query)
    } else if shared.faults && path.starts_with("/__csp/") {
        csp(shared, &path["/__csp/".len()..], query)
    } else if shared.faults && path.starts_with("/__crash/") {
        crash_file(shared, &path["/__crash/".len()..], query)
    } else {
        file(shared, path, query)
    };
    if response.reset {
        // SO_LINGER 0 is not in std; closing without a word is what the client sees as a reset
        // ("empty response"/ERR_CONNECTION_CLOSED in Chromium), a network error either way.
        let _ = stream.shutdown(Shutdown::Both);
        return;
    }
    let mut response = response;
    if response.status == 200 && !response.unknown_length && response.drip_ms.is_none() {
        // A validator for every file: revalidating an unchanged loader costs a 304.
        let tag = etag(&response.body);
        if if_none_match
            .as_deref()
            .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
        {
            response.status = 304;
            response.body.clear();
        }
        response.headers.push(("ETag", tag));
    }
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n{}Cache-Control: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        if response.no_cors {
            ""
        } else {
            "Access-Control-Allow-Origin: *\r\n"
        },
        response.cache_control
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !response.unknown_length {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if method == "GET" {
        match response.drip_ms {
            Some(ms) => {
                for b in &response.body {
                    if stream
                        .write_all(&[*b])
                        .and_then(|_| stream.flush())
                        .is_err()
                    {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(ms));
                }
            }
            None => {
                let _ = stream.write_all(&response.body);
            }
        }
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn file(shared: &Shared, path: &str, query: &str) -> Response {
    let rel = if path == "/" {
        "index.html"
    } else {
        path.trim_start_matches('/')
    };
    let allowed = rel == "index.html"
        || rel.starts_with("www/")
        || rel.starts_with("tests/e2e/pages/")
        || rel.starts_with("target/bench/");
    if !allowed
        || rel
            .split('/')
            .any(|seg| seg == ".." || seg.starts_with('.'))
    {
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
fn crash_file(shared: &Shared, rest: &str, query: &str) -> Response {
    match rest.strip_prefix("pkg/") {
        Some(name) if !name.contains('/') && !name.starts_with('.') && !name.is_empty() => {
            let full = crate::util::target_dir().join("crash-pkg").join(name);
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
fn bundle_file(shared: &Shared, path: &str) -> Response {
    let rel = path.trim_start_matches('/');
    if rel.is_empty()
        || rel
            .split('/')
            .any(|seg| seg.is_empty() || seg == ".." || seg.starts_with('.'))
    {
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
fn cdn_origin(query: &str) -> Option<String> {
    let cdn = query_param(query, "cdn")?
        .replace("%3A", ":")
        .replace("%2F", "/");
    let port = cdn.strip_prefix("http://127.0.0.1:")?;
    (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then_some(cdn)
}

/// `/__csp/<policy>/<path>?cdn=ORIGIN`: the page at `<path>` (as served normally, `{{CDN}}`
/// replaced) with a `Content-Security-Policy` header naming ORIGIN as the assets' origin, and
/// `{{NONCE}}` replaced by a fresh nonce (the one the `nonce` policies allow). Other files (the
/// page's CSS and scripts, by relative URLs) are served as they are. Policies:
/// * `strict`: no inline script or style, scripts and fetches from the page and ORIGIN only;
/// * `styles-from-cdn`: `strict`, and stylesheets from ORIGIN (what the `<link>` fallback needs);
/// * `trusted-types`: `strict` with Trusted Types enforced and no policy allowed;
/// * `nonce`: scripts and styles only with the nonce (scripts also from ORIGIN);
/// * `nonce-scripts-only`: scripts with the nonce (or from ORIGIN), styles from the page and
///   ORIGIN, not by nonce.
fn csp(shared: &Shared, what: &str, query: &str) -> Response {
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

fn sample(shared: &Shared) -> Vec<u8> {
    std::fs::read(shared.root.join("www/article.json")).unwrap_or_default()
}

/// `/__faults/dictfault/MODE/KEY/dict/FILE`: the built dictionaries (`www/dict/`) served
/// badly. `manifest.json` is served as is; a dictionary file is, with MODE `flaky`, refused
/// with 503 on its first request (per KEY) and served after; with `corrupt`, served with its
/// last byte flipped (same size, wrong CRC); with `missing`, answered 404.
fn dict_fault(shared: &Shared, rest: &str) -> Response {
    let mut parts = rest.splitn(4, '/');
    let (Some(mode), Some(key), Some("dict"), Some(file)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Response::text(404, "use /__faults/dictfault/MODE/KEY/dict/FILE");
    };
    if file.contains('/') || file.starts_with('.') {
        return Response::text(404, "not found");
    }
    let path = shared.root.join("www/dict").join(file);
    let Ok(mut body) = std::fs::read(&path) else {
        return Response::text(404, "not found");
    };
    if file == "manifest.json" {
        return Response::new(200, mime(&path), body);
    }
    match mode {
        "flaky" => {
            let n = {
                let mut map = shared.flaky.lock().unwrap_or_else(|e| e.into_inner());
                let n = map.entry(format!("dict/{key}/{file}")).or_insert(0);
                *n += 1;
                *n
            };
            if n == 1 {
                return Response::text(503, "try again");
            }
        }
        "corrupt" => {
            if let Some(last) = body.last_mut() {
                *last ^= 0x5a;
            }
        }
        "missing" => return Response::text(404, "not found"),
        _ => return Response::text(404, "unknown dictionary fault"),
    }
    Response::new(200, mime(&path), body)
}

fn count_request(shared: &Shared, key: &str) -> u32 {
    let mut map = shared.flaky.lock().unwrap_or_else(|e| e.into_inner());
    let n = map.entry(key.to_owned()).or_insert(0);
    *n += 1;
    *n
}

/// `/__faults/doc/NAME`: the sample article made malformed in one way (issue 8, item 3), served
/// with status 200 and a JSON content type.
fn malformed_document(seed: &[u8], name: &str) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(seed).into_owned();
    let with = |field: &str, value: serde_json::Value| -> Option<Vec<u8>> {
        let mut doc: serde_json::Value = serde_json::from_str(&text).ok()?;
        doc[field] = value;
        Some(doc.to_string().into_bytes())
    };
    match name {
        "syntax" => Some(b"{\"version\": 1,\n  \"headline\": \"x\",,\n}".to_vec()),
        "wrongtype" => with("body", serde_json::json!("one paragraph")),
        "missing" => {
            let mut doc: serde_json::Value = serde_json::from_str(&text).ok()?;
            doc.as_object_mut()?.remove("datePublished");
            Some(doc.to_string().into_bytes())
        }
        "version2" => with("version", serde_json::json!(2)),
        "duplicate" => Some(
            text.replacen("\"headline\":", "\"headline\": \"forged\", \"headline\":", 1)
                .into_bytes(),
        ),
        "headline1mb" => with("headline", serde_json::json!("x".repeat(1 << 20))),
        "paragraphs100k" => with("body", serde_json::json!(vec!["p"; 100_000])),
        "deep10k" => Some(
            text.replacen('{', &format!("{{\"x\": {}{},", "[".repeat(10_000), "]".repeat(10_000)), 1)
                .into_bytes(),
        ),
        // Over the widget's default maxBytes (2 MiB), with a known length.
        "overlimit" => with("body", serde_json::json!(vec!["長".repeat(90_000); 10])),
        "bom" => Some([b"\xEF\xBB\xBF".as_slice(), seed].concat()),
        "html200" => Some(
            b"<!DOCTYPE html>\n<html><head><title>Error</title></head><body>Try later</body></html>"
                .to_vec(),
        ),
        _ => None,
    }
}

/// `/__faults/…`: doc/NAME (malformed documents), status/N, slow?ms=N, huge, invalid, notjson, notutf8, flaky?key=K, and
/// `dictfault/…` (see [`dict_fault`]).
fn fault(shared: &Shared, what: &str, query: &str) -> Response {
    let json = "application/json; charset=utf-8";
    if let Some(rest) = what.strip_prefix("dictfault/") {
        return dict_fault(shared, rest);
    }
    if let Some(name) = what.strip_prefix("doc/") {
        return match malformed_document(&sample(shared), name) {
            Some(body) => Response::new(200, json, body),
            None => Response::text(404, "unknown malformed document"),
        };
    }
    if let Some(code) = what.strip_prefix("status/") {
        let status = code.parse().unwrap_or(500);
        return Response::new(status, json, format!("{{\"error\": {status}}}"));
    }
    match what {
        "slow" => {
            let ms = query_param(query, "ms").and_then(|v| v.parse().ok()).unwrap_or(1000u64);
            std::thread::sleep(Duration::from_millis(ms.min(60_000)));
            Response::new(200, json, sample(shared))
        }
        "huge" => {
            let mut body = b"{\"pad\": \"".to_vec();
            body.resize(3 * 1024 * 1024, b'x');
            body.extend_from_slice(b"\"}");
            Response {
                unknown_length: true,
                ..Response::new(200, json, body)
            }
        }
        "invalid" => Response::new(
            200,
            json,
            "{\"version\": 1, \"datePublished\": \"yesterday\", \"inLanguage\": \"zh-Hant\", \"source\": {\"name\": \"x\"}, \"body\": []}",
        ),
        "notjson" => Response::new(200, "text/html", "<html><body>Sign in</body></html>"),
        "notutf8" => Response::new(200, json, vec![0xff, 0xfe, 0x00, 0x7b]),
        // Fails with 503 (`status=N` for another status, `retryAfter=S` adds the header) on its
        // first `fails` requests per `key` (default 1), then serves the sample.
        "flaky" => {
            let key = query_param(query, "key").unwrap_or("").to_owned();
            let n = count_request(shared, &key);
            let fails = query_param(query, "fails").and_then(|v| v.parse().ok()).unwrap_or(1u32);
            if n <= fails {
                let status = query_param(query, "status").and_then(|v| v.parse().ok()).unwrap_or(503u16);
                let mut r = Response::new(status, json, format!("{{\"error\": {status}}}"));
                if let Some(s) = query_param(query, "retryAfter") {
                    r.headers.push(("Retry-After", s.to_owned()));
                }
                r
            } else {
                Response::new(200, json, sample(shared))
            }
        }
        // How many requests `flaky`, `count` or `reset` saw for `key`.
        "requests" => {
            let key = query_param(query, "key").unwrap_or("");
            let map = shared.flaky.lock().unwrap_or_else(|e| e.into_inner());
            Response::text(200, &map.get(key).copied().unwrap_or(0).to_string())
        }
        // Counted, then answered with `status` (a permanent 404/410 must be asked once).
        "count" => {
            let key = query_param(query, "key").unwrap_or("").to_owned();
            count_request(shared, &key);
            let status = query_param(query, "status").and_then(|v| v.parse().ok()).unwrap_or(404u16);
            Response::new(status, json, format!("{{\"error\": {status}}}"))
        }
        "reset" => {
            let key = query_param(query, "key").unwrap_or("").to_owned();
            count_request(shared, &key);
            Response {
                reset: true,
                ..Response::new(200, json, "")
            }
        }
        // The sample, one byte every 50 ms: a timeout while the body is still arriving.
        "drip" => Response {
            drip_ms: Some(50),
            ..Response::new(200, json, sample(shared))
        },
        "nocors" => Response {
            no_cors: true,
            ..Response::new(200, json, sample(shared))
        },
        // 302 to `to` (another origin's URL).
        "redirect" => {
            let mut r = Response::new(302, json, "");
            r.headers.push(("Location", query_param(query, "to").unwrap_or("/").to_owned()));
            r
        }
        "redirectloop" => {
            let mut r = Response::new(302, json, "");
            r.headers.push(("Location", "/__faults/redirectloop".to_owned()));
            r
        }
        // The sample with a content type that is not JSON.
        "wrongtype" => Response::new(200, "text/plain; charset=utf-8", sample(shared)),
        _ => Response::text(404, "unknown fault"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One GET with optional extra header lines; returns (status, headers lowercased, body).
    fn get(base: &str, path: &str, extra: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let addr = base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}\r\n").expect("request");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("response");
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers, raw[split + 4..].to_vec())
    }

    fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
        h.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A repository-like root: the real loader, stand-in modules, one dictionary.
    fn tree(dir: &Path, wasm: &[u8]) {
        let www = dir.join("www");
        std::fs::create_dir_all(www.join("pkg")).expect("pkg");
        std::fs::create_dir_all(www.join("dict")).expect("dict");
        std::fs::copy(
            crate::util::root().join("www/article-widget.js"),
            www.join("article-widget.js"),
        )
        .expect("loader");
        for (name, data) in [
            ("article_widget.js", &b"export default 1;"[..]),
            ("article_widget_bg.wasm", wasm),
            ("article_widget_engine.js", b"export default 2;"),
            ("article_widget_engine_bg.wasm", b"\0asm engine"),
        ] {
            std::fs::write(www.join("pkg").join(name), data).expect("module");
        }
        std::fs::write(www.join("dict/st.77d6af20.scd"), b"dictionary").expect("dict");
        std::fs::write(www.join("article.json"), b"{}").expect("article");
    }

    #[test]
    fn the_server_sends_cache_headers_for_the_loader_and_hashed_files() {
        let dir = std::env::temp_dir().join(format!("aw-server-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        tree(&dir, b"\0asm one");
        let www = dir.join("www");
        let first = assets::hash_assets(&www).expect("hashed");
        let wasm1 = first["wasm"].as_str().expect("wasm").to_owned();
        assert!(assets::is_content_hashed(&wasm1), "{wasm1}");
        assert!(www.join(&wasm1).exists());

        let server = Server::start(dir.clone(), 0, false).expect("server");
        let base = server.base_url();
        // The loader: its stable URL, a short lifetime, revalidated with its ETag; it names the
        // hashed modules while the file on disk keeps the plain ones.
        let (status, h, body) = get(&base, "/www/article-widget.js", "");
        assert_eq!(status, 200);
        assert_eq!(
            header(&h, "cache-control"),
            "public, max-age=300, must-revalidate"
        );
        assert_eq!(header(&h, "content-type"), "text/javascript; charset=utf-8");
        let text = String::from_utf8(body).expect("UTF-8");
        assert!(text.contains(&wasm1), "the served loader names {wasm1}");
        let on_disk = std::fs::read_to_string(www.join("article-widget.js")).expect("loader");
        assert!(on_disk.contains("\"pkg/article_widget_bg.wasm\"") && !on_disk.contains(&wasm1));
        let tag = header(&h, "etag").to_owned();
        assert!(tag.starts_with('"') && tag.len() == 18, "{tag}");
        let (status, _, body) = get(
            &base,
            "/www/article-widget.js",
            &format!("If-None-Match: {tag}\r\n"),
        );
        assert_eq!((status, body.len()), (304, 0));
        // Hashed modules and dictionaries: immutable, with their MIME types.
        let (status, h, _) = get(&base, &format!("/www/{wasm1}"), "");
        assert_eq!(status, 200);
        assert_eq!(
            header(&h, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(header(&h, "content-type"), "application/wasm");
        let (_, h, _) = get(&base, "/www/dict/st.77d6af20.scd", "");
        assert_eq!(
            header(&h, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        // Everything else a developer edits is revalidated every time.
        let (_, h, _) = get(&base, "/www/article.json", "");
        assert_eq!(header(&h, "cache-control"), "no-cache");
        assert_eq!(
            header(&h, "content-type"),
            "application/json; charset=utf-8"
        );

        // A new build with a changed module: a new name for it only; the previous build's copy
        // stays (a cached loader still finds it), the one before is removed.
        std::fs::write(www.join("pkg/article_widget_bg.wasm"), b"\0asm two").expect("rebuild");
        let second = assets::hash_assets(&www).expect("hashed");
        let wasm2 = second["wasm"].as_str().expect("wasm").to_owned();
        assert_ne!(wasm2, wasm1);
        assert_eq!(
            second["module"], first["module"],
            "an unchanged file keeps its name"
        );
        let (_, _, body) = get(&base, "/www/article-widget.js", "");
        assert!(String::from_utf8_lossy(&body).contains(&wasm2));
        assert!(www.join(&wasm1).exists() && www.join(&wasm2).exists());
        std::fs::write(www.join("pkg/article_widget_bg.wasm"), b"\0asm three").expect("rebuild");
        assets::hash_assets(&www).expect("hashed");
        assert!(!www.join(&wasm1).exists(), "two builds old");
        assert!(www.join(&wasm2).exists());
        server.stop();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
