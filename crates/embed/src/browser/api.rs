//! The module's page-wide exports besides mounting: `configure` (from the loader), `setScript`,
//! `version`, and the crash-test export.

use article_convert::Script;
use article_model::quote;
use article_widget::store;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::shadow::{Config, CONFIG};

/// Test builds only (`--features crash-test`, never in `www/pkg`): panics, which the release
/// profile turns into a trap (`WebAssembly.RuntimeError`) that leaves the module unusable,
/// so the end-to-end tests can check the loader's crash handling.
#[cfg(feature = "crash-test")]
#[wasm_bindgen(js_name = __crash)]
pub fn crash() {
    panic!("article-widget: crash requested by a test (crash-test build)");
}

/// The widget's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Sets the script of every widget on the page (and remembers it for the site): `original`,
/// `hans`, `hant`, `hant-tw` or `hant-hk`; `auto` (or `null`) forgets the reader's choice so
/// each widget shows its own default again. Throws a `TypeError` for anything else.
#[wasm_bindgen(js_name = setScript)]
pub fn set_script(script: JsValue) -> Result<(), JsValue> {
    let choice = match script.as_string().as_deref() {
        _ if script.is_null() || script.is_undefined() => None,
        Some("auto") => None,
        Some(s) => Some(Script::parse(s).ok_or_else(|| {
            JsValue::from(js_sys::TypeError::new(&format!(
                "ArticleWidget.setScript: {} is not known; give original, hans, hant, hant-tw, hant-hk or auto",
                quote(s)
            )))
        })?),
        None => {
            return Err(js_sys::TypeError::new(
                "ArticleWidget.setScript: give a string such as \"hans\"",
            )
            .into())
        }
    };
    store::set_explicit(choice);
    Ok(())
}

/// Page-wide settings from the loader, given once before the first mount:
/// `{ base, engine, nonce }`. `base` is the URL of the loader's folder, which holds `dict/` and
/// `article-widget.css`; `engine` a function that imports the conversion engine module and
/// resolves to its initialized exports (called on the first switch only); `nonce` the nonce of
/// the loader's `<script>` tag, put on a `<style>` where constructable stylesheets are missing.
/// Unknown keys and malformed values are ignored, so older modules accept newer loaders and a
/// bad value costs a fallback, never the widget.
#[wasm_bindgen]
pub fn configure(options: JsValue) {
    let get = |key: &str| crate::browser::options::own(&options, key);
    let base = get("base").and_then(|v| v.as_string());
    let beside_loader = |file: &str| {
        let base = base.as_deref()?;
        web_sys::Url::new_with_base(file, base)
            .ok()
            .map(|u| u.href())
    };
    let engine = get("engine").and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    crate::browser::dicts::configure(beside_loader("dict/"), engine);
    let stylesheet_href =
        beside_loader("article-widget.css").filter(|h| article_model::is_safe_http_url(h));
    let nonce = get("nonce")
        .and_then(|v| v.as_string())
        .filter(|n| !n.is_empty());
    CONFIG.with(|c| {
        *c.borrow_mut() = Config {
            stylesheet_href,
            nonce,
        }
    });
}
