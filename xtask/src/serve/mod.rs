//! A small static file server for the demo and the end-to-end tests, on 127.0.0.1 only.
//!
//! It serves `index.html`, `www/` and the test pages with the right MIME types (browsers insist
//! on `application/wasm` for streaming compilation) and `Access-Control-Allow-Origin: *`, like
//! a CDN. With `faults` it also answers the `/__faults/…` routes the tests use to simulate a
//! failing publisher: HTTP errors, slow and oversized responses, invalid documents; and the
//! `/__csp/<policy>/…` routes, which serve a file with a `Content-Security-Policy` header, and
//! the `/__crash/…` routes, the loader with the crash-test module (`files.rs`).

mod csp;
mod encoding;
mod faults;
mod files;
mod http;

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
    // Read the headers; only If-None-Match and Accept-Encoding are used.
    let mut if_none_match = None;
    let mut accept_encoding = None;
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
                    if name.trim().eq_ignore_ascii_case("accept-encoding") {
                        accept_encoding = Some(value.trim().to_owned());
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
        files::bundle_file(shared, path)
    } else if shared.faults && path.starts_with("/__faults/") {
        faults::fault(shared, &path["/__faults/".len()..], query)
    } else if shared.faults && path.starts_with("/__csp/") {
        csp::csp(shared, &path["/__csp/".len()..], query)
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

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::path::Path;

    use super::*;
    use crate::release::assets;

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
