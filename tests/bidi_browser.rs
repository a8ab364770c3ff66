//! Bidi isolation in the browser: bidi controls left open in one field (RLO,
//! RLE, LRO, an RLI without its PDI) do not reorder the labels, separators and dates around
//! it on screen, in the live widget and in its server-side markup without any style; and the
//! same renderings without their `<bdi>` elements are reordered, so the check can fail.
//!
//! Run: `cargo xtask browser` (after `cargo xtask build`), or as part of `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use article_widget::Article;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Node;

mod common;

use common::browser::{boxes, document, mount, new_host, parse_html, ssr, unmount, unwrap_bdi};

wasm_bindgen_test_configure!(run_in_browser);

/// The lines checked on screen: an element, and pieces of its text in logical order.
const LINES: &[(&str, &[&str])] = &[
    // The source line: date, source, editors (the publisher's labels, then the names).
    (
        ".aw-meta",
        &[
            "2025", "來源", "Src", "LabA", ":", "EdA", "LabB", ":", "EdB",
        ],
    ),
    // The attribution: credit line, authors, holder and license.
    (".aw-credit", &["原載於", "Src", ",", "2025"]),
    (".aw-authors", &["作者", "AuA", "、", "AuB"]),
    (".aw-rights", &["版權所有", "Hold", "授權條款"]),
    (".aw-sections", &["SecA", "SecB"]),
];

/// The seed with bidi controls left open at the start of names and labels: RLO, RLE, LRO,
/// and an RLI without its PDI.
fn bidi_doc() -> String {
    let mut doc: serde_json::Value = serde_json::from_str(common::SEED).unwrap();
    doc["source"]["name"] = "\u{202E}Src".into();
    doc["editors"][0]["label"] = "\u{202E}LabA".into();
    doc["editors"][0]["name"] = "\u{202B}EdA".into();
    doc["editors"][1]["label"] = "\u{2067}LabB".into();
    doc["editors"][1]["name"] = "\u{202D}EdB".into();
    // A byline that does not name the authors, so they are listed.
    doc["byline"] = "\u{202E}By".into();
    doc["authors"] = serde_json::json!([{ "name": "\u{202E}AuA" }, { "name": "AuB" }]);
    doc["copyright"]["holder"] = "\u{202E}Hold".into();
    doc["copyright"]["license"] = "https://example.com/license".into();
    doc["sections"][0]["name"] = "\u{202E}SecA".into();
    doc["sections"][1]["name"] = "SecB".into();
    doc.to_string()
}

/// The lines of [`LINES`] under `root` whose pieces are not on screen in their logical order
/// (left to right, line after line), with their boxes.
fn reordered(root: &Node) -> Vec<String> {
    let mut out = Vec::new();
    for (selector, needles) in LINES {
        let el = root
            .dyn_ref::<web_sys::Element>()
            .map(|e| e.query_selector(selector))
            .or_else(|| {
                root.dyn_ref::<web_sys::DocumentFragment>()
                    .map(|f| f.query_selector(selector))
            })
            .unwrap()
            .unwrap()
            .unwrap_or_else(|| panic!("{selector} rendered"));
        let list: js_sys::Array = needles.iter().map(|n| JsValue::from_str(n)).collect();
        let found: serde_json::Value = serde_json::from_str(&boxes(&el, list)).unwrap();
        let Some(found) = found.as_array() else {
            panic!("{selector}: {found}");
        };
        let rect = |i: usize| -> [f64; 4] { serde_json::from_value(found[i].clone()).unwrap() };
        let in_order = (1..found.len()).all(|i| {
            let ([_, a_right, a_top, a_bottom], [b_left, _, b_top, _]) = (rect(i - 1), rect(i));
            let later_line = b_top >= a_bottom - 1.0;
            let same_line = (b_top - a_top).abs() < 1.0;
            later_line || (same_line && b_left >= a_right - 1.0)
        });
        if !in_order {
            out.push(format!("{selector} {needles:?}: {found:?}"));
        }
    }
    out
}

#[wasm_bindgen_test]
async fn bidi_controls_in_one_field_do_not_reorder_the_attribution_or_the_source_line() {
    let doc = bidi_doc();
    // Wide enough for each line to fit on one line.
    let host = new_host("div");
    host.set_attribute("style", "width: 1400px; --aw-max-width: 1400px")
        .unwrap();

    // The live widget, styled by its stylesheet in its shadow root.
    let shadow = mount(&host, &doc).await.expect("mounts");
    let widget = shadow.query_selector(".article-widget").unwrap().unwrap();
    assert_eq!(reordered(&widget), Vec::<String>::new(), "live widget");

    // The server-side markup without any style (a page that strips the snippet's inline
    // styles): the source line's parts are inline in one paragraph.
    let bare = document().create_element("div").unwrap();
    bare.set_attribute("style", "width: 1400px").unwrap();
    bare.append_child(&parse_html(&ssr(Article::from_json(&doc).unwrap()).await))
        .unwrap();
    document().body().unwrap().append_child(&bare).unwrap();
    assert_eq!(reordered(&bare), Vec::<String>::new(), "unstyled markup");

    // The same renderings without their <bdi> elements are reordered: the check sees what
    // the isolation prevents.
    let copy: web_sys::Element = widget
        .clone_node_with_deep(true)
        .unwrap()
        .dyn_into()
        .unwrap();
    shadow.append_child(&copy).unwrap();
    unwrap_bdi(&copy);
    let live_broken = reordered(&copy);
    copy.remove();
    unwrap_bdi(&bare);
    let bare_broken = reordered(&bare);
    web_sys::console::log_1(
        &format!("without <bdi>: live {live_broken:#?}, unstyled {bare_broken:#?}").into(),
    );
    assert!(
        live_broken.iter().any(|l| l.starts_with(".aw-credit")),
        "{live_broken:?}"
    );
    assert!(
        bare_broken.iter().any(|l| l.starts_with(".aw-meta")),
        "{bare_broken:?}"
    );
    bare.remove();
    unmount(&host);
    host.remove();
}
