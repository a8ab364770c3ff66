//! The browser tests' page helpers (wasm-bindgen-test in headless Chromium).

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use std::rc::Rc;

use article_widget::Article;
use wasm_bindgen::prelude::*;
use web_sys::Node;

#[wasm_bindgen(inline_js = r#"
// The element and attribute skeleton of `root`'s subtree: one line per node, elements with
// their attributes sorted (values of `masked` names left out), comments and (unless
// `elementsOnly`) text nodes by kind only;
// the `href` of every element with one, with the protocol `new URL` gives it (no base: a
// relative URL has none); the text content; and whether the article is labelled by its headline.
export function skeleton(root, masked, elementsOnly) {
  const lines = [];
  const hrefs = [];
  const walk = (node, depth) => {
    const pad = " ".repeat(depth);
    if (node.nodeType === Node.ELEMENT_NODE) {
      const attrs = node.getAttributeNames().sort().map((name) =>
        masked.includes(name) ? name : `${name}=${JSON.stringify(node.getAttribute(name))}`);
      lines.push(`${pad}<${node.localName} ${attrs.join(" ")}>`);
      if (node.hasAttribute("href")) {
        const href = node.getAttribute("href");
        let protocol = "none";
        try { protocol = new URL(href).protocol; } catch { /* not absolute */ }
        hrefs.push([href, protocol]);
      }
    } else if (node.nodeType === Node.TEXT_NODE) {
      if (!elementsOnly) lines.push(`${pad}#text`);
    } else {
      lines.push(`${pad}#node${node.nodeType}`);
    }
    for (const child of node.childNodes) walk(child, depth + 1);
  };
  for (const child of root.childNodes) walk(child, 0);
  const article = root.querySelector("article");
  const h1 = root.querySelector("h1");
  const labelled = !!article && !!h1 && article.getAttribute("aria-labelledby") === h1.id && h1.id !== "";
  return JSON.stringify({ skeleton: lines.join("\n"), hrefs, text: root.textContent, labelled });
}

// Parses `html` as the snippet's markup is parsed on a partner's page (an inert template:
// nothing runs, nothing loads).
export function parse_html(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

// The boxes on screen of `needles`, found in this order in the text under `el` (logical
// order): [left, right, top, bottom] each, or a string naming the needle not found.
export function boxes(el, needles) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, text.length]);
    text += n.data;
  }
  const at = (offset) => {
    let i = nodes.length - 1;
    while (i > 0 && nodes[i][1] > offset) i--;
    return [nodes[i][0], offset - nodes[i][1]];
  };
  const out = [];
  let from = 0;
  for (const needle of needles) {
    const start = text.indexOf(needle, from);
    if (start < 0) return JSON.stringify(`${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
    from = start + needle.length;
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(from - 1));
    range.setEnd(range.endContainer, range.endOffset + 1);
    const r = range.getBoundingClientRect();
    out.push([r.left, r.right, r.top, r.bottom]);
  }
  return JSON.stringify(out);
}

// Replaces every <bdi> under `root` by its children (what the markup was without isolation).
export function unwrap_bdi(root) {
  for (const bdi of root.querySelectorAll("bdi")) bdi.replaceWith(...bdi.childNodes);
}
"#)]
extern "C" {
    pub fn skeleton(root: &Node, masked: js_sys::Array, elements_only: bool) -> String;
    pub fn parse_html(html: &str) -> Node;
    pub fn boxes(el: &Node, needles: js_sys::Array) -> String;
    pub fn unwrap_bdi(root: &Node);
}

/// Mounts `doc` (JSON text) through the embed into `host`, as `ArticleWidget.mount(host,
/// { article })` does, and waits for the render. Returns the mount's error message.
pub async fn mount(host: &HtmlElement, doc: &str) -> Result<web_sys::ShadowRoot, String> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"article".into(), &doc.into()).unwrap();
    article_widget_embed::mount(host.clone().into(), options.into())
        .map_err(|e| String::from(e.dyn_into::<js_sys::Error>().expect("an Error").message()))?;
    // The render and its effects (which set `data-state`) run in Yew's scheduler, from
    // microtasks and, after 16 ms of work, timers: wait with timers, for at most 5 s, and
    // never panic here (a panic in a test resumed by a timer leaves the runner waiting
    // instead of reporting it). (`yew::scheduler::flush` is not used: while the scheduler
    // waits on its own timer it re-polls itself from microtasks and the timer never runs.)
    let deadline = js_sys::Date::now() + 5000.0;
    while host.get_attribute("data-state").as_deref() != Some("loaded")
        && js_sys::Date::now() < deadline
    {
        tick(0).await;
    }
    let state = host.get_attribute("data-state");
    if state.as_deref() != Some("loaded") {
        return Err(format!("mounted, but data-state is {state:?}"));
    }
    host.shadow_root()
        .ok_or_else(|| "mounted without a shadow root".to_owned())
}

/// Unmounts the embed from `host`: its shadow root is emptied at once.
pub fn unmount(host: &HtmlElement) {
    article_widget_embed::unmount(host.clone().into());
}

/// The view's server-side markup (what the snippet carries, before its inline styles).
pub async fn ssr(article: Article) -> String {
    super::render_view(super::view_props(Rc::new(article))).await
}

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
    // A wall-clock deadline, not a count of ticks: on a loaded machine the timers themselves
    // run late, and 400 ticks of "25 ms" took longer than the page needed.
    let deadline = js_sys::Date::now() + 30_000.0;
    loop {
        if f() {
            return;
        }
        if js_sys::Date::now() > deadline {
            panic!("timed out after 30 s waiting for {what}");
        }
        tick(25).await;
    }
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
