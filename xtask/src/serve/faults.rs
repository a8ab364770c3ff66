//! `/__faults/…`: a failing publisher, simulated for the tests (HTTP errors, slow, oversized
//! and malformed responses, dictionaries served badly).

use std::time::Duration;

use super::http::{mime, query_param, Response, Shared};

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

/// `/__faults/doc/NAME`: the sample article made malformed in one way, served with status 200
/// and a JSON content type (a publisher's broken document, which HTTP does not flag).
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
pub fn fault(shared: &Shared, what: &str, query: &str) -> Response {
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
