//! What a mounted widget tells the page: `data-state` and `data-script` on the host element,
//! and `article-widget:load`, `article-widget:error`, `article-widget:script` events (bubbling,
//! composed, so they cross shadow roots).

use article_convert::Script;
use article_model::Article;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use article_widget::LoadError;

/// The host element of one widget and the article URL it shows (in every event's detail).
#[derive(Clone)]
pub(crate) struct Host {
    pub element: HtmlElement,
    pub src: Option<String>,
}

impl Host {
    /// The article's URL, first in the load and error events' detail.
    fn src(&self) -> (&'static str, JsValue) {
        (
            "src",
            self.src.as_deref().map_or(JsValue::NULL, JsValue::from),
        )
    }

    fn dispatch(&self, name: &str, pairs: &[(&str, JsValue)]) {
        let detail = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), v);
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.element.dispatch_event(&event);
        }
    }

    pub fn set_state(&self, state: &str) {
        self.element.set_attribute("data-state", state).ok();
    }

    /// The article is rendered.
    pub fn loaded(&self, a: &Article) {
        self.set_state("loaded");
        self.dispatch(
            "article-widget:load",
            &[
                self.src(),
                ("headline", a.headline.as_str().into()),
                ("datePublished", a.date_published.as_str().into()),
                ("inLanguage", a.in_language.as_str().into()),
            ],
        );
    }

    /// Loading failed: the widget shows the error.
    pub fn failed(&self, e: &LoadError) {
        self.set_state("error");
        let status = match e {
            LoadError::Http { status, .. } => JsValue::from(*status),
            _ => JsValue::NULL,
        };
        self.error(e.kind(), e.to_string(), status);
    }

    /// A conversion's dictionaries could not be loaded: the text stays as it was.
    pub fn dictionary_failed(&self, message: String) {
        self.error("dictionary", message, JsValue::NULL);
    }

    fn error(&self, kind: &str, message: String, status: JsValue) {
        self.dispatch(
            "article-widget:error",
            &[
                self.src(),
                ("kind", kind.into()),
                ("message", message.into()),
                ("status", status),
            ],
        );
    }

    /// The text shown changed script (it is painted).
    pub fn script(&self, script: Script, config: Option<String>) {
        self.element
            .set_attribute("data-script", script.as_str())
            .ok();
        self.dispatch(
            "article-widget:script",
            &[
                ("script", script.as_str().into()),
                ("config", config.map_or(JsValue::NULL, JsValue::from)),
            ],
        );
    }
}
