//! Untrusted strings: every string of the Big List of Naughty Strings
//! (`tests/fixtures/blns/`, MIT), and control characters it lacks, in every string field of the
//! article, one at a time, rendered by server-side rendering (tests/naughty_browser.rs renders
//! them in the browser). The markup has exactly the elements and attributes the widget
//! renders for a plain value, the text reads back exactly, and only absolute http(s) URLs
//! become links; a value the format refuses is refused by validation for the stated reason.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_model::is_safe_http_url;
use article_widget::Article;

mod common;

use common::naughty::{doc_with, rich_doc_with, strings, RichKind, FIELDS, RICH_FIELDS};

async fn render(article: Article) -> String {
    common::render_view(common::view_props(Rc::new(article))).await
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The markup's tags with their attribute names (values skipped, quotes respected), the
/// `href` values, every attribute's value by name, and the text between tags.
struct Markup {
    tags: Vec<String>,
    hrefs: Vec<String>,
    values: Vec<(String, String)>,
    text: String,
}

fn scan(html: &str) -> Markup {
    let b = html.as_bytes();
    let (mut tags, mut hrefs, mut text) = (Vec::new(), Vec::new(), String::new());
    let mut values = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        text.push_str(&unescape(&html[text_start..i]));
        if html[i..].starts_with("<!--") {
            i += html[i..].find("-->").expect("closed comment") + 3;
            text_start = i;
            continue;
        }
        i += 1;
        let name_end = i + html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .expect("tag name ends");
        let name_end = if name_end == i { i + 1 } else { name_end };
        let mut tag = html[i..name_end].to_owned();
        i = name_end;
        let mut attrs = Vec::new();
        loop {
            while b[i].is_ascii_whitespace() || b[i] == b'/' {
                i += 1;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            let end = i + html[i..]
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>')
                .expect("attribute name ends");
            let attr = html[i..end].to_owned();
            i = end;
            if b[i] == b'=' {
                assert_eq!(b[i + 1], b'"', "attribute values are double-quoted");
                let close = i + 2 + html[i + 2..].find('"').expect("closing quote");
                let value = unescape(&html[i + 2..close]);
                if attr == "href" {
                    hrefs.push(value.clone());
                }
                values.push((attr.clone(), value));
                i = close + 1;
            }
            attrs.push(attr);
        }
        if !attrs.is_empty() {
            tag = format!("{tag}[{}]", attrs.join(","));
        }
        tags.push(tag);
        text_start = i;
    }
    text.push_str(&unescape(&html[text_start..]));
    Markup {
        tags,
        hrefs,
        values,
        text,
    }
}

#[tokio::test]
async fn every_naughty_string_in_every_field_stays_text() {
    let strings = strings();
    let mut rendered = 0;
    for &(field, is_url) in FIELDS {
        // The structure the widget renders for a plain value in this field.
        let plain = if is_url {
            "https://example.com/x"
        } else {
            "plain"
        };
        let baseline = scan(&render(Article::from_json(&doc_with(field, plain)).unwrap()).await);
        for s in &strings {
            let doc = doc_with(field, s);
            let article = match Article::from_json(&doc) {
                Ok(a) => a,
                Err(problems) => {
                    let ok = if is_url {
                        !is_safe_http_url(s)
                    } else {
                        s.trim().is_empty()
                    };
                    assert!(ok, "{field} = {s:?} refused: {problems:?}");
                    continue;
                }
            };
            assert!(!is_url || is_safe_http_url(s), "{field} = {s:?} accepted");
            let html = render(article).await;
            let m = scan(&html);
            assert_eq!(
                m.tags, baseline.tags,
                "{field} = {s:?} changed the markup:\n{html}"
            );
            for href in &m.hrefs {
                assert!(is_safe_http_url(href), "{field} = {s:?}: link to {href:?}");
            }
            if is_url {
                assert!(
                    m.hrefs.iter().any(|h| h == s),
                    "{field} = {s:?}: not linked as given"
                );
            } else {
                assert!(
                    m.text.contains(s.as_str()),
                    "{field} = {s:?} does not read back:\n{}",
                    m.text
                );
            }
            rendered += 1;
        }
    }
    // Every non-blank string in each of the 11 text fields, and the http(s) ones as URLs.
    assert!(rendered > 11 * 400, "{rendered} renders");
}

/// The same for the rich fields (standfirst, captions, credits, alt text, subheads, quotes and
/// cites, span text, list items, corrections, image and link URLs), in the rich fixture: each
/// string is refused for the reason the format gives, or keeps the markup of a plain value
/// and reads back exactly where it is shown (text, or its attribute).
#[tokio::test]
async fn every_naughty_string_in_every_rich_field_stays_text() {
    let strings = strings();
    let mut rendered = 0;
    for &(field, kind) in RICH_FIELDS {
        let plain = match kind {
            RichKind::Url(_) => "https://example.com/x",
            _ => "plain",
        };
        let baseline =
            scan(&render(Article::from_json(&rich_doc_with(field, plain)).unwrap()).await);
        for s in &strings {
            let article = match Article::from_json(&rich_doc_with(field, s)) {
                Ok(a) => a,
                Err(problems) => {
                    let ok = match kind {
                        RichKind::Url(_) => !is_safe_http_url(s),
                        RichKind::Piece => s.is_empty(),
                        RichKind::Text | RichKind::Alt => s.trim().is_empty(),
                    };
                    assert!(ok, "{field} = {s:?} refused: {problems:?}");
                    continue;
                }
            };
            let html = render(article).await;
            let m = scan(&html);
            for href in &m.hrefs {
                assert!(is_safe_http_url(href), "{field} = {s:?}: link to {href:?}");
            }
            let shown_in = |name: &str| {
                m.values
                    .iter()
                    .any(|(a, v)| a == name && v.contains(s.as_str()))
            };
            match kind {
                RichKind::Url(attr) => {
                    assert!(is_safe_http_url(s), "{field} = {s:?} accepted");
                    // A URL with a comma cannot be a srcset candidate; the widget leaves it out.
                    if attr != "srcset" || !s.contains(',') {
                        assert!(shown_in(attr), "{field} = {s:?}: not in {attr}:\n{html}");
                    }
                }
                RichKind::Alt => assert!(shown_in("alt"), "{field} = {s:?}: not the alt text"),
                RichKind::Text | RichKind::Piece => assert!(
                    m.text.contains(s.as_str()),
                    "{field} = {s:?} does not read back:\n{}",
                    m.text
                ),
            }
            assert_eq!(
                m.tags, baseline.tags,
                "{field} = {s:?} changed the markup:\n{html}"
            );
            rendered += 1;
        }
    }
    // Every non-blank string in each text field, and the http(s) ones as URLs.
    let texts = RICH_FIELDS
        .iter()
        .filter(|(_, k)| !matches!(k, RichKind::Url(_)))
        .count();
    assert!(rendered > texts * 400, "{rendered} renders");
}
