//! `stoppedView`: the box the loader draws in a widget's place after the module has crashed.

use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The box the loader draws in a widget's place once this module has crashed (a trap: the
/// module can run nothing then), built while it still runs, so that its words, their language
/// and its class names have one source: the labels the widget's own error box uses
/// (`labels::for_language` of a valid `uiLang` option, else of the page's language) and
/// `article_widget::class`. A detached `div.aw-root[data-aw-shadow]` > `div.article-widget[lang]` >
/// `div.aw-error[part=error][role=alert]` > `p.aw-error-title` + `button.aw-retry`.
/// The loader asks for one per load (`{}`: for elements it never mounted) and one before each
/// mount (with its options), clones it into the shadow root and makes the button reload the
/// module. Never throws (a malformed `uiLang` is `mount`'s to report); `undefined` only
/// without a document.
#[wasm_bindgen(js_name = stoppedView)]
pub fn stopped_view(options: JsValue) -> Option<Element> {
    use article_widget::class;
    let ui_lang = crate::browser::options::own(&options, "uiLang")
        .and_then(|v| v.as_string())
        .filter(|t| article_model::is_language_tag(t));
    let labels = article_widget::labels::for_language(
        &ui_lang
            .or_else(crate::browser::mount::page_lang)
            .unwrap_or_default(),
    );
    let doc = web_sys::window()?.document()?;
    // One element of the box (not inlined: the module measured 200 bytes brotli smaller).
    #[inline(never)]
    fn add(
        doc: &web_sys::Document,
        parent: Option<&Element>,
        tag: &str,
        class: &str,
    ) -> Option<Element> {
        let el = doc.create_element(tag).ok()?;
        el.set_class_name(class);
        match parent {
            Some(parent) => parent.append_child(&el).ok().map(|_| el),
            None => Some(el),
        }
    }
    let root = add(&doc, None, "div", class::ROOT)?;
    let widget = add(&doc, Some(&root), "div", class::WIDGET)?;
    let error = add(&doc, Some(&widget), "div", class::ERROR)?;
    let title = add(&doc, Some(&error), "p", class::ERROR_TITLE)?;
    let button = add(&doc, Some(&error), "button", class::RETRY)?;
    for (el, name, value) in [
        (&root, crate::browser::shadow::OURS, ""),
        (&widget, "lang", labels.lang),
        (&error, "part", "error"),
        (&error, "role", "alert"),
        (&button, "type", "button"),
    ] {
        el.set_attribute(name, value).ok()?;
    }
    title.set_text_content(Some(labels.stopped));
    button.set_text_content(Some(labels.reload));
    Some(root)
}
