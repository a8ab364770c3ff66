//! A small static file server for the demo and the end-to-end tests, on 127.0.0.1 only.
//!
//! It serves `index.html`, `www/` and the test pages with the right MIME types (browsers insist
//! on `application/wasm` for streaming compilation). Only requests whose `Host` names this
//! server (`127.0.0.1`, `localhost` or `[::1]` with its port) are answered, so a website that
//! rebinds its DNS name to 127.0.0.1 reads nothing; and `Access-Control-Allow-Origin` is sent
//! only on the routes the tests fetch from another origin (`www/` and the test routes below),
//! only to loopback origins (the tests' second server), never `*`, so that no website can
//! read the tree while `cargo xtask serve` runs. A release bundle is served as a CDN would
//! serve it, with `*`. With `faults` it also answers the `/__faults/…` routes the tests use to simulate a
//! failing publisher: HTTP errors, slow and oversized responses, invalid documents; and the
//! `/__csp/<policy>/…` routes, which serve a file with a `Content-Security-Policy` header, and
//! the `/__crash/…` routes, the loader with the crash-test module (`files.rs`), and the
//! `/__rich/…` routes, the rich fixture with its images served on time, late or not at all
//! (`rich.rs`).

mod csp;
mod encoding;
mod faults;
mod files;
mod http;
mod rich;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub use encoding::enable as compress;
use http::{etag, reason, Response, Shared};

pub struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `root` on 127.0.0.1:`port` (0 picks a free port).
    pub fn start(root: PathBuf, port: u16, faults: bool) -> Result<Server, String> {
        Server::start_with(root, port, faults, false)
    }

    /// Serves a release bundle (or an installed npm package) in `dir` the way `DEPLOY.md` tells
    /// a CDN to: every file under `dir`, with CORS, the MIME types, and `Cache-Control` from
    /// [`crate::release::assets::cache_control`] (immutable for content-hashed names).
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
                    std::thread::spawn(move || handle(stream, &shared, port));
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

/// Whether `host` (a `Host` header) names this server: a loopback name with `port`.
fn is_own_host(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "[::1]"
    ) && p == port.to_string()
}

/// The `Access-Control-Allow-Origin` a dev-server route sends to `origin`: the origin itself
/// when it is a loopback one (`http://127.0.0.1:PORT`, `http://localhost:PORT`,
/// `http://[::1]:PORT`: the tests' other server), and only on the routes fetched from another
/// origin (`/www/`, `/__faults/`, `/__csp/`, `/__crash/`, `/__rich/`).
fn cors_for(path: &str, origin: Option<&str>) -> Option<String> {
    let route = ["/www/", "/__faults/", "/__csp/", "/__crash/", "/__rich/"]
        .iter()
        .any(|r| path.starts_with(r));
    let origin = origin?;
    let (name, port) = origin.strip_prefix("http://")?.rsplit_once(':')?;
    let loopback = matches!(name, "127.0.0.1" | "localhost" | "[::1]")
        && !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit());
    (route && loopback).then(|| origin.to_owned())
}

fn handle(mut stream: TcpStream, shared: &Shared, port: u16) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers; Host, Origin, If-None-Match and Accept-Encoding are used.
    let mut if_none_match = None;
    let mut host = None;
    let mut origin = None;
    let mut accept_encoding = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    let name = name.trim();
                    let value = Some(value.trim().to_owned());
                    if name.eq_ignore_ascii_case("if-none-match") {
                        if_none_match = value;
                    } else if name.eq_ignore_ascii_case("host") {
                        host = value;
                    } else if name.eq_ignore_ascii_case("origin") {
                        origin = value;
                    } else if name.eq_ignore_ascii_case("accept-encoding") {
                        accept_encoding = value;
                    }
                }
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let response = if !host.as_deref().is_some_and(|h| is_own_host(h, port)) {
        Response {
            no_cors: true,
            ..Response::text(
                421,
                &format!(
                    "this server answers only requests for 127.0.0.1:{port}, localhost:{port} \
                     or [::1]:{port} (the Host header), so that a website cannot reach it by \
                     DNS rebinding"
                ),
            )
        }
    } else if method != "GET" && method != "HEAD" {
        Response::text(405, "only GET and HEAD")
    } else if shared.bundle {
        files::bundle_file(shared, path)
    } else if shared.faults && path.starts_with("/__faults/") {
        faults::fault(shared, &path["/__faults/".len()..], query)
    } else if shared.faults && path.starts_with("/__csp/") {
        csp::csp(shared, &path["/__csp/".len()..], query)
    } else if shared.faults && path.starts_with("/__rich/") {
        rich::rich(shared, &path["/__rich/".len()..], query)
    } else if shared.faults && path.starts_with("/__crash/") {
        files::crash_file(shared, &path["/__crash/".len()..], query)
    } else {
        files::file(shared, path, query)
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
        response.headers.push(("ETag", tag.clone()));
        if response.status == 200 {
            encoding::apply(&mut response, accept_encoding.as_deref(), &tag);
        }
    }
    let cors = if response.no_cors {
        String::new()
    } else if shared.bundle {
        // A release bundle, served as DEPLOY.md asks of a CDN.
        "Access-Control-Allow-Origin: *\r\n".to_owned()
    } else {
        cors_for(path, origin.as_deref())
            .map(|o| format!("Access-Control-Allow-Origin: {o}\r\nVary: Origin\r\n"))
            .unwrap_or_default()
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n{}Cache-Control: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        cors,
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

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::path::Path;

    use super::*;
    use crate::release::assets;

    /// One GET with optional extra header lines; returns (status, headers lowercased, body).
    fn get(base: &str, path: &str, extra: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let addr = base.trim_start_matches("http://");
        raw_get(base, path, &format!("Host: {addr}\r\n{extra}"))
    }

    /// One GET with exactly the header lines `headers` (each ending in CRLF).
    fn raw_get(base: &str, path: &str, headers: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let addr = base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\n{headers}\r\n").expect("request");
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

    /// DNS rebinding: a request whose Host is another name (or another port, or none) gets
    /// 421 and no file; the loopback names with the server's port are answered.
    #[test]
    fn only_requests_for_this_servers_loopback_host_are_answered() {
        let dir = std::env::temp_dir().join(format!("aw-server-host-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        tree(&dir, b"\0asm host");
        let server = Server::start(dir.clone(), 0, true).expect("server");
        let base = server.base_url();
        let port = base.rsplit(':').next().expect("port").to_owned();
        for host in [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("LOCALHOST:{port}"),
            format!("[::1]:{port}"),
        ] {
            let (status, _, body) =
                raw_get(&base, "/www/article.json", &format!("Host: {host}\r\n"));
            assert_eq!((status, body.as_slice()), (200, &b"{}"[..]), "{host}");
        }
        let other = if port == "1" { "2" } else { "1" };
        for headers in [
            "Host: attacker.example\r\n".to_owned(),
            format!("Host: attacker.example:{port}\r\n"),
            format!("Host: 127.0.0.1.attacker.example:{port}\r\n"),
            format!("Host: 127.0.0.1:{other}\r\n"),
            "Host: 127.0.0.1\r\n".to_owned(),
            String::new(),
        ] {
            for path in ["/www/article.json", "/__faults/status/200", "/"] {
                let (status, h, body) = raw_get(&base, path, &headers);
                let body = String::from_utf8_lossy(&body);
                assert_eq!(status, 421, "{headers:?} {path}: {body}");
                assert!(body.contains("DNS rebinding"), "{body}");
                assert_eq!(header(&h, "access-control-allow-origin"), "");
            }
        }
        server.stop();
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// CORS: only on the routes fetched from another origin, only to a loopback origin, and
    /// never `*`; pages and the root get none.
    #[test]
    fn cors_is_sent_only_to_loopback_origins_on_the_asset_and_test_routes() {
        let dir = std::env::temp_dir().join(format!("aw-server-cors-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        tree(&dir, b"\0asm cors");
        std::fs::create_dir_all(dir.join("tests/e2e/pages")).expect("pages");
        std::fs::write(dir.join("tests/e2e/pages/p.html"), b"<p>page</p>").expect("page");
        let server = Server::start(dir.clone(), 0, true).expect("server");
        let base = server.base_url();
        let acao = |path: &str, origin: &str| {
            let (status, h, _) = get(&base, path, &format!("Origin: {origin}\r\n"));
            (status, header(&h, "access-control-allow-origin").to_owned())
        };
        for origin in [
            "http://127.0.0.1:8123",
            "http://localhost:8080",
            "http://[::1]:9",
        ] {
            assert_eq!(
                acao("/www/article.json", origin),
                (200, origin.to_owned()),
                "{origin}"
            );
        }
        assert_eq!(
            acao("/__faults/status/404", "http://127.0.0.1:8123").1,
            "http://127.0.0.1:8123"
        );
        assert_eq!(
            acao("/__rich/doc/rich.hant.json", "http://127.0.0.1:8123").1,
            "http://127.0.0.1:8123"
        );
        for origin in [
            "https://attacker.example",
            "http://127.0.0.1.attacker.example:80",
            "http://127.0.0.1",
            "null",
        ] {
            assert_eq!(
                acao("/www/article.json", origin),
                (200, String::new()),
                "{origin}"
            );
        }
        // Pages are never read cross-origin.
        assert_eq!(
            acao("/tests/e2e/pages/p.html", "http://127.0.0.1:8123"),
            (200, String::new())
        );
        // No Origin (a same-origin or no-cors request): no header.
        let (_, h, _) = get(&base, "/www/article.json", "");
        assert_eq!(header(&h, "access-control-allow-origin"), "");
        server.stop();
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Backslashes, drive prefixes, NTFS streams, dot segments and NUL are refused before the
    /// path is joined to the root (on Windows `C:` or `\\` would leave it).
    #[test]
    fn backslash_paths_and_drive_prefixes_are_refused() {
        use super::http::is_plain_relative;
        for ok in ["www/article.json", "www/pkg/a.b.c.js", "index.html"] {
            assert!(is_plain_relative(ok), "{ok}");
        }
        for bad in [
            "www\\..\\Cargo.toml",
            "www/..\\..\\secret",
            "C:/Windows/win.ini",
            "www/C:secret",
            "c:\\secret",
            "www/article.json:stream",
            "www/../Cargo.toml",
            "www/.git/config",
            "www//article.json",
            "www/a\0b",
            "",
        ] {
            assert!(!is_plain_relative(bad), "{bad:?}");
        }
        let dir = std::env::temp_dir().join(format!("aw-server-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        tree(&dir, b"\0asm paths");
        // On Linux these are plain names, which a Windows server would read as a drive and a
        // separator: files by those names make the refusal visible here too.
        for name in [
            "www/C:/article.json",
            "www/pkg\\article.json",
            "C:/www/article.json",
        ] {
            let file = dir.join(name);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("dir");
            std::fs::write(&file, b"{}").expect("file");
        }
        let server = Server::start(dir.clone(), 0, true).expect("server");
        let base = server.base_url();
        for path in [
            "/www/pkg\\article.json",
            "/www/C:/article.json",
            "/C:/www/article.json",
            "/__crash/www/C:/article.json",
        ] {
            let (status, _, _) = get(&base, path, "");
            assert_eq!(status, 404, "{path}");
        }
        server.stop();
        let bundle = Server::start_bundle(dir.join("www")).expect("bundle");
        let (status, h, _) = get(&bundle.base_url(), "/article.json", "");
        assert_eq!(
            (status, header(&h, "access-control-allow-origin")),
            (200, "*"),
            "a bundle is served as a CDN serves it"
        );
        for path in [
            "/pkg\\article_widget.js",
            "/C:/article.json",
            "/article.json:x",
        ] {
            let (status, _, _) = get(&bundle.base_url(), path, "");
            assert_eq!(status, 404, "{path}");
        }
        bundle.stop();
        let _ = std::fs::remove_dir_all(&dir);
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
        // …and pins each by its SHA-384, as a bundle's loader does.
        let pin = assets::sri(&std::fs::read(www.join(&wasm1)).expect("hashed wasm"));
        assert!(
            text.contains(&format!("\"wasm\":\"{pin}\"")) && text.contains("; // @integrity"),
            "the served loader pins {wasm1} by {pin}"
        );
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
