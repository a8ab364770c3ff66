//! Untrusted strings in the browser: every string of the Big List of Naughty
//! Strings, and the control characters it lacks, in every string field of the article, one at
//! a time, mounted through the embed (`mount` with an inline `article`, as the loader's
//! `ArticleWidget.mount` does) into one reused element, and the same article's server-side
//! markup (the snippet's) parsed by the browser's HTML parser.
//!
//! Run: `cargo xtask browser` (after `cargo xtask build`), or as part of `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use article_model::is_safe_http_url;
use article_widget::Article;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Node;

mod common;

use common::browser::{mount, new_host, parse_html, skeleton, ssr, unmount};
use common::naughty::{doc_with, json_path, strings, FIELDS};

wasm_bindgen_test_configure!(run_in_browser);

/// What a rendering is made of, from [`skeleton`].
#[derive(serde::Deserialize)]
struct Shape {
    skeleton: String,
    hrefs: Vec<(String, String)>,
    text: String,
    labelled: bool,
}

/// The shape of a live rendering: text nodes are created from the strings as they are, so
/// there is one wherever the widget puts text.
fn shape(root: &Node, masked: &[&str]) -> Shape {
    let masked: js_sys::Array = masked.iter().map(|m| JsValue::from_str(m)).collect();
    serde_json::from_str(&skeleton(root, masked, false)).expect("skeleton JSON")
}

/// The shape of parsed markup, without text nodes: a text of U+0000 alone leaves none (see
/// [`as_parsed`]); the text itself is compared whole.
fn parsed_shape(html: &str, masked: &[&str]) -> Shape {
    let masked: js_sys::Array = masked.iter().map(|m| JsValue::from_str(m)).collect();
    serde_json::from_str(&skeleton(&parse_html(html), masked, true)).expect("skeleton JSON")
}

/// What the HTML parser does to text (HTML § 13.2.3.5, input stream preprocessing, and the
/// "in body" rules for a U+0000 character token): CR LF and a lone CR become LF, and U+0000
/// in text is dropped, so a text of U+0000 alone leaves no text node. Nothing else changes:
/// the other controls, noncharacters, a BOM and bidi controls stay (some are parse errors,
/// which the parser reports and keeps). The live widget needs none of this: its text nodes
/// are created from the strings, not parsed.
fn as_parsed(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "")
}

/// Stands for a plain value of a text field, and of a URL field.
const MARKER: &str = "aw-plain-value";
const URL_MARKER: &str = "https://example.com/aw-plain-value";

fn check_links(hrefs: &[(String, String)], what: &str, failures: &mut Vec<String>) {
    for (href, protocol) in hrefs {
        if !((protocol == "http:" || protocol == "https:") && is_safe_http_url(href)) {
            failures.push(format!("{what}: link to {href:?} ({protocol})"));
        }
    }
}

/// The first line where two skeletons differ, for a failure message.
fn first_difference(actual: &str, expected: &str) -> String {
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    let i = (0..a.len().max(e.len()))
        .find(|&i| a.get(i) != e.get(i))
        .unwrap_or(0);
    format!(
        "line {i}: {:?} where a plain value has {:?}",
        a.get(i),
        e.get(i)
    )
}

#[wasm_bindgen_test]
async fn every_naughty_string_in_every_field_stays_text_in_the_browser() {
    let strings = strings();
    // Failures are collected and reported together at the end (a panic in the middle of
    // the loop would leave the test runner waiting instead of reporting it).
    let mut failures: Vec<String> = Vec::new();
    macro_rules! check {
        ($ok:expr, $($why:tt)+) => {
            if !$ok {
                failures.push(format!($($why)+));
            }
        };
    }
    // One element for every render: mount, check, unmount.
    let host = new_host("div");
    let started = js_sys::Date::now();
    let (mut rendered, mut refused) = (0, 0);
    for &(field, is_url) in FIELDS {
        // The element's id and the article's aria-labelledby derive from the article's
        // identity (its URL, or headline and date); they are compared separately. A URL
        // field's own value is compared as a link.
        let masked: &[&str] = if is_url {
            &["id", "aria-labelledby", "href"]
        } else {
            &["id", "aria-labelledby"]
        };
        let plain = if is_url { URL_MARKER } else { MARKER };
        let plain_doc = doc_with(field, plain);
        let shadow = mount(&host, &plain_doc)
            .await
            .expect("the plain value mounts");
        let base = shape(&shadow, masked);
        unmount(&host);
        let parsed_base = parsed_shape(&ssr(Article::from_json(&plain_doc).unwrap()).await, masked);
        assert!(is_url || base.text.contains(MARKER), "{field} is shown");
        for s in &strings {
            let what = format!("{field} = {s:?}");
            let doc = doc_with(field, s);
            let shadow = match mount(&host, &doc).await {
                Ok(shadow) => shadow,
                Err(message) => {
                    // Refused, for the stated reason and naming the field.
                    let reason = if is_url {
                        !is_safe_http_url(s)
                    } else {
                        s.trim().is_empty()
                    };
                    check!(reason, "{what} refused: {message}");
                    check!(
                        message.contains(&json_path(field)),
                        "{what}: the error does not name the field: {message}"
                    );
                    refused += 1;
                    continue;
                }
            };
            check!(!is_url || is_safe_http_url(s), "{what} accepted");
            let live = shape(&shadow, masked);
            unmount(&host);
            // The live DOM: the same elements and attributes as for a plain value.
            check!(
                live.skeleton == base.skeleton,
                "{what} changed the DOM: {}",
                first_difference(&live.skeleton, &base.skeleton)
            );
            check!(
                live.labelled,
                "{what}: the headline does not label the article"
            );
            check_links(&live.hrefs, &what, &mut failures);
            // Text nodes are created from the string as it is: it reads back exactly,
            // U+0000, CR and all, wherever the field is shown.
            let expected = if is_url {
                base.text.clone()
            } else {
                base.text.replace(MARKER, s)
            };
            check!(live.text == expected, "{what} does not read back");
            check!(
                !is_url || live.hrefs.iter().any(|(h, _)| h == s),
                "{what}: not linked as given"
            );

            // The same article's server-side markup, parsed by the browser.
            let markup = ssr(Article::from_json(&doc).unwrap()).await;
            let parsed = parsed_shape(&markup, masked);
            check!(
                parsed.skeleton == parsed_base.skeleton,
                "{what} changed the parsed markup: {}",
                first_difference(&parsed.skeleton, &parsed_base.skeleton)
            );
            check_links(&parsed.hrefs, &format!("{what} (markup)"), &mut failures);
            let expected = if is_url {
                parsed_base.text.clone()
            } else {
                as_parsed(&parsed_base.text.replace(MARKER, s))
            };
            check!(
                parsed.text == expected,
                "{what} does not read back from the markup"
            );
            check!(
                !is_url || parsed.hrefs.iter().any(|(h, _)| h == s),
                "{what}: not linked as given in the markup"
            );
            rendered += 1;
        }
    }
    let seconds = (js_sys::Date::now() - started) / 1000.0;
    console_log!(
        "naughty strings: {rendered} renders (live and parsed) and {refused} refusals of {} \
         strings in {} fields in {seconds:.1} s",
        strings.len(),
        FIELDS.len()
    );
    host.remove();
    assert!(
        failures.is_empty(),
        "{} failures, the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    // Every non-blank string in each of the 11 text fields, and the http(s) ones as URLs.
    assert!(rendered > 11 * 400, "{rendered} renders");
}
