//! `/__rich/…`: the rich fixture article (`tests/fixtures/rich/`) with images that resolve,
//! for the tests of figures: the fixture's image URLs (on `https://img.article-widget.test/rich/`,
//! a name that never resolves) point at this server's generated images, served as they are,
//! late, or not at all.

use std::time::Duration;

use super::files::cdn_origin;
use super::http::{Response, Shared};

/// Where the fixtures name their images.
const FIXTURE_IMAGES: &str = "https://img.article-widget.test/rich/";

/// The longest delay `/__rich/slow/` accepts, in milliseconds.
const MAX_DELAY_MS: u64 = 10_000;

/// * `/__rich/doc/NAME?cdn=ORIGIN[&images=MODE]`: `tests/fixtures/rich/NAME` (`rich.hant.json`
///   or `rich.hans.json`) with every image URL on ORIGIN (a loopback origin, this server's own
///   or the other one): MODE `ok` (the default) `ORIGIN/__rich/img/…`, `slow-N`
///   `ORIGIN/__rich/slow/N/…` (each image N ms late), `broken` `ORIGIN/__rich/broken/…`
///   (every image a 404).
/// * `/__rich/img/FILE`: a generated image of `tests/fixtures/rich/img/`.
/// * `/__rich/slow/N/FILE`: that image after N ms (at most 10 s).
/// * `/__rich/broken/FILE`: 404.
pub fn rich(shared: &Shared, rest: &str, query: &str) -> Response {
    let plain = |name: &str| !name.is_empty() && !name.contains('/') && !name.starts_with('.');
    if let Some(name) = rest.strip_prefix("doc/") {
        if !matches!(name, "rich.hant.json" | "rich.hans.json") {
            return Response::text(404, "use /__rich/doc/rich.hant.json or rich.hans.json");
        }
        let Some(origin) = cdn_origin(query) else {
            return Response::text(400, "give the images' origin: ?cdn=http://127.0.0.1:PORT");
        };
        let route = match super::http::query_param(query, "images").unwrap_or("ok") {
            "ok" => "img".to_owned(),
            "broken" => "broken".to_owned(),
            mode => match mode.strip_prefix("slow-").map(str::parse::<u64>) {
                Some(Ok(ms)) if ms <= MAX_DELAY_MS => format!("slow/{ms}"),
                _ => return Response::text(400, "images: ok, broken or slow-N (N ≤ 10000 ms)"),
            },
        };
        let path = shared.root.join("tests/fixtures/rich").join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Response::text(404, "not found");
        };
        let body = text.replace(FIXTURE_IMAGES, &format!("{origin}/__rich/{route}/"));
        return Response::new(200, "application/json; charset=utf-8", body);
    }
    if let Some(file) = rest.strip_prefix("img/").filter(|f| plain(f)) {
        return image(shared, file);
    }
    if let Some(file) = rest.strip_prefix("broken/").filter(|f| plain(f)) {
        return Response::text(404, &format!("{file}: no such image (a broken image)"));
    }
    if let Some((ms, file)) = rest.strip_prefix("slow/").and_then(|r| r.split_once('/')) {
        if let (Ok(ms), true) = (ms.parse::<u64>(), plain(file)) {
            std::thread::sleep(Duration::from_millis(ms.min(MAX_DELAY_MS)));
            return image(shared, file);
        }
    }
    Response::text(404, "not found")
}

fn image(shared: &Shared, file: &str) -> Response {
    let path = shared.root.join("tests/fixtures/rich/img").join(file);
    match std::fs::read(&path) {
        Ok(body) if file.ends_with(".png") => Response::new(200, "image/png", body),
        _ => Response::text(404, "not found"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Instant;

    use crate::serve::Server;

    /// One GET: (status line, body).
    fn get(base: &str, path: &str) -> (String, Vec<u8>) {
        let addr = base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("request");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("response");
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.lines().next().unwrap_or("").to_owned();
        (status, raw[split + 4..].to_vec())
    }

    #[test]
    fn the_rich_fixture_is_served_with_images_that_resolve() {
        let server = Server::start(crate::util::root(), 0, true).expect("server");
        let base = server.base_url();
        let (status, body) = get(&base, &format!("/__rich/doc/rich.hant.json?cdn={base}"));
        assert!(status.contains(" 200 "), "{status}");
        let doc: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        let lead = doc["image"]["src"].as_str().expect("lead src");
        assert_eq!(lead, format!("{base}/__rich/img/lead-1280.png"));
        assert!(!String::from_utf8_lossy(&body).contains("img.article-widget.test"));
        // Every image the document names is served, a PNG.
        let text = String::from_utf8_lossy(&body).into_owned();
        let mut seen = 0;
        for url in text
            .split('"')
            .filter(|s| s.starts_with(&base) && s.ends_with(".png"))
        {
            let (status, png) = get(&base, &url[base.len()..]);
            assert!(status.contains(" 200 "), "{url}: {status}");
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{url}");
            seen += 1;
        }
        assert!(seen >= 6, "{seen} image URLs");
        // Late images arrive late; broken ones fail; the modes are checked.
        let (_, body) = get(
            &base,
            &format!("/__rich/doc/rich.hans.json?cdn={base}&images=slow-300"),
        );
        assert!(String::from_utf8_lossy(&body).contains("/__rich/slow/300/queue-400.png"));
        let t = Instant::now();
        let (status, _) = get(&base, "/__rich/slow/300/queue-400.png");
        assert!(
            status.contains(" 200 ") && t.elapsed().as_millis() >= 300,
            "{status}"
        );
        let (status, _) = get(&base, "/__rich/broken/queue-400.png");
        assert!(status.contains(" 404 "), "{status}");
        let (status, _) = get(
            &base,
            &format!("/__rich/doc/rich.hant.json?cdn={base}&images=slow-x"),
        );
        assert!(status.contains(" 400 "), "{status}");
        let (status, _) = get(&base, "/__rich/img/..%2Fgenerate.py");
        assert!(status.contains(" 404 "), "{status}");
        let (status, _) = get(&base, "/__rich/img/generate.py");
        assert!(status.contains(" 404 "), "{status}");
        server.stop();
    }
}
