//! The browser tests' page helpers (wasm-bindgen-test in headless Chromium).

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A new `tag` element at the end of the page's body.
pub fn new_host(tag: &str) -> HtmlElement {
    let el = document().create_element(tag).unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

pub async fn tick(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Polls until `f` is true, for at most 10 s (renders, fetches and dictionary loads are
/// asynchronous).
pub async fn until(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        tick(25).await;
    }
    panic!("timed out waiting for {what}");
}

/// The text of every element matching `selector` under `root`.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// The first element matching `selector` under `root`; panics when there is none.
pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not rendered"))
}
