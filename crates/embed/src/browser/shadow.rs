//! The host's shadow root: the widget's stylesheet in it (CSP-safe), the element the Yew app
//! renders into, and the marker by which a later mount knows the content as its own.
//!
//! The stylesheet works under a strict Content-Security-Policy (no `'unsafe-inline'`) and with
//! Trusted Types enforced: one constructable `CSSStyleSheet`, shared by every shadow root through
//! `adoptedStyleSheets`; where that API is missing, a `<style>` carrying the nonce the page gave
//! the loader, else a `<link rel="stylesheet">` to `article-widget.css` beside the loader. No
//! HTML is ever parsed from a string (no `innerHTML`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::browser::options::options_error;

/// What the loader tells the module once: where its files are, and the page's CSP nonce.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// URL of `article-widget.css` beside the loader.
    pub stylesheet_href: Option<String>,
    /// The nonce of the loader's `<script>` tag, for a `<style nonce>`.
    pub nonce: Option<String>,
}

thread_local! {
    pub(crate) static CONFIG: RefCell<Config> = RefCell::new(Config::default());
    /// The constructable stylesheet shared by every widget: `Some(None)` once found unsupported.
    static SHARED_SHEET: RefCell<Option<Option<JsValue>>> = const { RefCell::new(None) };
}

/// The shared constructable stylesheet, created on first use; `None` where the browser cannot
/// construct or adopt stylesheets (the check is made once).
fn shared_sheet() -> Option<JsValue> {
    SHARED_SHEET.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(construct_sheet)
            .clone()
    })
}

fn construct_sheet() -> Option<JsValue> {
    let global = js_sys::global();
    let shadow_proto = js_sys::Reflect::get(&global, &"ShadowRoot".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()))
        .ok()?;
    if !js_sys::Reflect::has(&shadow_proto, &"adoptedStyleSheets".into()).unwrap_or(false) {
        return None;
    }
    let constructor: js_sys::Function = js_sys::Reflect::get(&global, &"CSSStyleSheet".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let sheet = js_sys::Reflect::construct(&constructor, &js_sys::Array::new()).ok()?;
    let replace_sync: js_sys::Function = js_sys::Reflect::get(&sheet, &"replaceSync".into())
        .ok()?
        .dyn_into()
        .ok()?;
    replace_sync
        .call1(&sheet, &article_widget::STYLESHEET.into())
        .ok()?;
    Some(sheet)
}

/// Sets a shadow root's adopted stylesheets; false when the browser refuses.
fn adopt(shadow: &web_sys::ShadowRoot, sheets: &js_sys::Array) -> bool {
    js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), sheets).unwrap_or(false)
}

/// Removes every child of the shadow root with DOM methods (Trusted Types allow no `innerHTML`).
fn empty(shadow: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    while let Some(child) = shadow.last_child() {
        shadow.remove_child(&child)?;
    }
    Ok(())
}

/// Gives the (emptied) shadow root the widget's stylesheet, the CSP-safe way available.
fn install_stylesheet(
    doc: &web_sys::Document,
    shadow: &web_sys::ShadowRoot,
) -> Result<(), JsValue> {
    if let Some(sheet) = shared_sheet() {
        if adopt(shadow, &js_sys::Array::of1(&sheet)) {
            return Ok(());
        }
    }
    let (href, nonce) = CONFIG.with(|c| {
        let c = c.borrow();
        (c.stylesheet_href.clone(), c.nonce.clone())
    });
    let inline_style = |nonce: Option<&str>| -> Result<Element, JsValue> {
        let style = doc.create_element("style")?;
        style.set_attribute(OURS, "")?;
        if let Some(nonce) = nonce {
            style.set_attribute("nonce", nonce)?;
        }
        style.set_text_content(Some(article_widget::STYLESHEET));
        Ok(style)
    };
    let link = |href: &str| -> Result<Element, JsValue> {
        let link = doc.create_element("link")?;
        link.set_attribute(OURS, "")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", href)?;
        Ok(link)
    };
    match (nonce, href) {
        // A nonce the page gave: its policy allows this inline stylesheet. Should it not (a
        // nonce meant for scripts only), the browser creates no sheet for it: use the file.
        (Some(nonce), href) => {
            let style = inline_style(Some(&nonce))?;
            shadow.append_child(&style)?;
            let blocked = style.is_connected()
                && js_sys::Reflect::get(&style, &"sheet".into()).is_ok_and(|s| s.is_null());
            if let (true, Some(href)) = (blocked, href) {
                style.remove();
                let link = link(&href)?;
                shadow.append_child(&link)?;
            }
        }
        // The stylesheet file beside the loader (the page's style-src must allow its origin).
        (None, Some(href)) => {
            let link = link(&href)?;
            shadow.append_child(&link)?;
        }
        // The module used without the loader on a browser without constructable stylesheets:
        // an inline stylesheet, which works where the page has no CSP.
        (None, None) => {
            let style = inline_style(None)?;
            shadow.append_child(&style)?;
        }
    }
    Ok(())
}

/// Marks the elements the embed puts in a shadow root, so a later mount knows it as its own.
pub(crate) const OURS: &str = "data-aw-shadow";

/// True when every element child of `shadow` is one the embed put there (or there is none).
/// (`ShadowRoot.querySelector(":scope > …")` cannot answer this: `:scope` matches nothing in
/// a shadow root.)
fn is_ours(shadow: &web_sys::ShadowRoot) -> bool {
    let children = shadow.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .all(|c| c.has_attribute(OURS))
}

/// The element the Yew app renders into, inside the host's shadow root (created when missing).
pub(crate) fn app_root(host: &HtmlElement) -> Result<Element, JsValue> {
    let shadow = match host.shadow_root() {
        // Ours from an earlier mount, or an empty one: reuse it. A shadow root with someone
        // else's content is left alone.
        Some(existing) if is_ours(&existing) => existing,
        Some(_) => return Err(options_error(
            "this element already has a shadow root with other content; mount on an empty element",
        )),
        None => {
            let init = ShadowRootInit::new(ShadowRootMode::Open);
            host.attach_shadow(&init).map_err(|_| {
                options_error(
                    "this element cannot host a shadow root; use <article-widget> or a <div>",
                )
            })?
        }
    };
    empty(&shadow)?;
    let doc = host
        .owner_document()
        .ok_or_else(|| options_error("no document"))?;
    install_stylesheet(&doc, &shadow)?;
    let root = doc.create_element("div")?;
    root.set_attribute(OURS, "")?;
    root.set_attribute("class", article_widget::class::ROOT)?;
    shadow.append_child(&root)?;
    Ok(root)
}

/// Empties the shadow root of an unmounted widget, and its adopted stylesheets where adopting
/// is supported (else there is nothing to undo).
pub(crate) fn clear(host: &HtmlElement) {
    if let Some(shadow) = host.shadow_root() {
        let _ = empty(&shadow);
        if SHARED_SHEET.with(|c| matches!(*c.borrow(), Some(Some(_)))) {
            adopt(&shadow, &js_sys::Array::new());
        }
    }
}
