//! `ArticleWidget`: loads an article (or takes one given) and renders it, with loading and
//! error states. Usable directly from another Yew app, and mounted by the embed.

use std::rc::Rc;

use article_model::Article;
use yew::prelude::*;

use article_convert::{Script, ScriptDefault};

use super::states::{error_view, loading_view};
use super::switching::SwitchingArticle;
use super::view::{class, ImageOptions};
use crate::backend::{BackendHandle, Limits, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS};
use crate::error::LoadError;
use crate::hooks::{targets, use_dom_listener, LONG_BODY};
use crate::labels::{self, Labels};
use crate::platform;
use crate::style::STYLESHEET;

/// Properties of [`ArticleWidget`]. Give `src` to fetch, or `article` to render a document
/// you already have (`article` wins when both are set).
#[derive(Properties, Clone, PartialEq)]
pub struct ArticleWidgetProps {
    /// Absolute URL of an article v1 JSON document.
    #[prop_or_default]
    pub src: Option<AttrValue>,
    /// An already loaded article.
    #[prop_or_default]
    pub article: Option<Rc<Article>>,
    /// Locale for dates; defaults to the article's language.
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    /// Language for the loading and error states (usually the host page's `lang`).
    #[prop_or_default]
    pub ui_lang: Option<AttrValue>,
    /// The `ui-lang` attribute: the widget's own words in this language in every state,
    /// instead of following the text shown (and the page for loading and errors); also the
    /// default locale of dates.
    #[prop_or_default]
    pub chrome_lang: Option<AttrValue>,
    #[prop_or(DEFAULT_TIMEOUT_MS)]
    pub timeout_ms: u32,
    #[prop_or(DEFAULT_MAX_BYTES)]
    pub max_bytes: u32,
    /// The script shown until the reader chooses one (their choice on the site wins).
    #[prop_or(ScriptDefault::Fixed(Script::Original))]
    pub script: ScriptDefault,
    /// Converted text uses the target's quote marks (「」 for Traditional, “” for Simplified).
    #[prop_or_default]
    pub quote_marks: bool,
    /// Called once the article is rendered: after it is in the DOM, once per load. When the
    /// script at mount needs a conversion, that is once the converted text is in the DOM (or
    /// the published text, if the conversion failed); the loading state stays until then.
    #[prop_or_default]
    pub on_load: Callback<Rc<Article>>,
    /// Called when the text shown changes script, once it is painted: the script and the
    /// OpenCC config(s) used (`None` for the published text).
    #[prop_or_default]
    pub on_script: Callback<(Script, Option<String>)>,
    /// Called when a conversion dictionary could not be loaded (the text stays as it was).
    #[prop_or_default]
    pub on_script_error: Callback<String>,
    /// Called when loading fails.
    #[prop_or_default]
    pub on_error: Callback<LoadError>,
    /// Whether to render the stylesheet (the embed puts it in the shadow root instead).
    #[prop_or(true)]
    pub with_style: bool,
    /// Show only the first N body blocks and a link to the rest (see `ArticleView`).
    #[prop_or_default]
    pub excerpt: Option<u32>,
    /// How the article's images load (the `referrerpolicy` option; the lead image's priority).
    #[prop_or_default]
    pub images: ImageOptions,
    /// Loads `src` and converts the script ([`crate::backend`]). Without one (server-side
    /// rendering) a `src` shows the loading state and the text stays as published.
    #[prop_or_default]
    pub backend: Option<BackendHandle>,
}

/// What the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Loaded(Rc<Article>),
    Failed(LoadError),
}

/// The article widget.
#[function_component(ArticleWidget)]
pub fn article_widget(props: &ArticleWidgetProps) -> Html {
    let state = use_state(|| match (&props.article, &props.src) {
        (Some(a), _) => LoadState::Loaded(a.clone()),
        (None, Some(_)) => LoadState::Loading,
        (None, None) => LoadState::Failed(LoadError::Options(
            "give the widget a `src` URL of an article JSON document".into(),
        )),
    });
    // Bumped by the retry button to run the load effect again.
    let attempt = use_state(|| 0u32);
    // The Retry button's clicks (a Yew `onclick` would leak on unmount: `crate::hooks`).
    let root = use_node_ref();
    {
        let attempt = attempt.clone();
        use_dom_listener(
            root.clone(),
            "click",
            Callback::from(move |e: Event| {
                if targets(&e, "button.aw-retry") {
                    attempt.set(*attempt + 1);
                }
            }),
        );
    }

    {
        let state = state.setter();
        let props = props.clone();
        use_effect_with(
            (props.src.clone(), props.article.clone(), *attempt),
            move |(src, article, _)| {
                let cancel = start_load(src.clone(), article.clone(), props, state);
                move || drop(cancel)
            },
        );
    }

    // `on_load` fires once the whole article is in the DOM: the view calls `on_rendered`
    // from an effect, which Yew runs after the render is in the DOM (at once for a short body,
    // after the last step of a long one), so a listener can already read every paragraph.
    // Keyed on the loaded article's identity: once per load, again after a retry or a new
    // `src`, never for a script switch.
    let rendered = use_state(|| None::<SameArticle>);
    let loaded = match &*state {
        LoadState::Loaded(article) => Some(SameArticle(article.clone())),
        _ => None,
    };
    let on_rendered = {
        let rendered = rendered.setter();
        use_callback(loaded.clone(), move |(), loaded| {
            rendered.set(loaded.clone())
        })
    };
    {
        let ready = loaded.filter(|a| rendered.as_ref() == Some(a));
        let on_load = props.on_load.clone();
        use_effect_with(ready, move |ready| {
            if let Some(SameArticle(article)) = ready {
                on_load.emit(article.clone());
            }
        });
    }

    let ui_labels: &'static Labels = labels::for_language(
        props
            .chrome_lang
            .as_deref()
            .or(props.ui_lang.as_deref())
            .unwrap_or("en"),
    );
    let body = match &*state {
        LoadState::Loading => loading_view(ui_labels),
        LoadState::Loaded(article) => html! {
            <SwitchingArticle
                article={article.clone()}
                locale={props.locale.clone()}
                script={props.script}
                quote_marks={props.quote_marks}
                on_script={props.on_script.clone()}
                on_script_error={props.on_script_error.clone()}
                excerpt={props.excerpt}
                images={props.images.clone()}
                chrome_lang={props.chrome_lang.clone()}
                backend={props.backend.clone()}
                {on_rendered}
            />
        },
        LoadState::Failed(error) => error_view(
            ui_labels,
            error.localized(ui_labels),
            error.detail(),
            error.retryable(),
        ),
    };
    // Announced politely, once per state: "loading", then the error (title and detail).
    let announcement = match &*state {
        LoadState::Loading => AttrValue::from(ui_labels.loading),
        LoadState::Failed(error) => AttrValue::from(format!(
            "{}{}{}",
            ui_labels.error_title,
            ui_labels.colon,
            error.localized(ui_labels)
        )),
        LoadState::Loaded(_) => AttrValue::default(),
    };
    html! {
        <div class={class::WIDGET} ref={root}>
            if props.with_style {
                <style>{ STYLESHEET }</style>
            }
            // The one polite live region: there from the first render, so screen readers
            // notice its changes, and changed only with the state, so loading and an error
            // are each announced once (the visible error box is not a live region).
            <p class="aw-visually-hidden aw-live" role="status" aria-live="polite"
               aria-atomic="true" lang={ui_labels.lang}>{ announcement }</p>
            { body }
        </div>
    }
}

/// An article compared by identity: effect dependencies change when a new load delivers one,
/// not when an equal document is set again.
#[derive(Clone)]
struct SameArticle(Rc<Article>);

impl PartialEq for SameArticle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Starts loading; the returned value cancels the load when dropped.
fn start_load(
    src: Option<AttrValue>,
    article: Option<Rc<Article>>,
    props: ArticleWidgetProps,
    state: UseStateSetter<LoadState>,
) -> Option<Box<dyn std::any::Any>> {
    if let Some(article) = article {
        state.set(LoadState::Loaded(article));
        return None;
    }
    let src = src?;
    state.set(LoadState::Loading);
    // Server-side rendering shows the loading state; the browser's backend does the fetch.
    let backend = props.backend.clone()?.0;
    let limits = Limits {
        timeout_ms: props.timeout_ms,
        max_bytes: props.max_bytes,
    };
    // Transient failures are retried here (see `auto_retry_delay_ms`) before the error and
    // its Retry button are shown; dropping the guard stops the loop and aborts the request
    // in flight.
    let guard = LoadGuard::default();
    let (stopped, current) = (guard.stopped.clone(), guard.current.clone());
    platform::spawn(async move {
        let mut tries = 0;
        loop {
            let load = backend.load(&src, limits);
            *current.borrow_mut() = Some(load.cancel);
            let result = load.result.await;
            current.borrow_mut().take();
            if stopped.get() {
                return;
            }
            match result {
                Ok(article) => {
                    // A long body: its first paragraphs render in a task of their own,
                    // after the one that read the document (see `hooks::progressive`).
                    if article.body.len() > LONG_BODY {
                        platform::sleep_ms(0).await;
                        if stopped.get() {
                            return;
                        }
                    }
                    state.set(LoadState::Loaded(Rc::new(article)));
                    return;
                }
                Err(LoadError::Cancelled) => return,
                Err(e) => match auto_retry_delay_ms(&e, tries) {
                    Some(ms) => {
                        tries += 1;
                        platform::sleep_ms(ms).await;
                        if stopped.get() {
                            return;
                        }
                    }
                    None => {
                        state.set(LoadState::Failed(e.clone()));
                        props.on_error.emit(e);
                        return;
                    }
                },
            }
        }
    });
    Some(Box::new(guard))
}

/// Automatic retries of a failed load before the error is shown.
pub const MAX_AUTO_RETRIES: u32 = 2;
/// The longest `Retry-After` honoured, in milliseconds; a longer one is cut to this.
pub const MAX_RETRY_AFTER_MS: u32 = 10_000;
/// Backoff before the first automatic retry when the server gives no `Retry-After`; doubled
/// for the second.
pub const RETRY_BACKOFF_MS: u32 = 500;

/// How long to wait before automatic retry number `tries + 1`, or `None` when the error is
/// shown at once: permanent failures (4xx other than 408/429, invalid documents, too large),
/// timeouts (the reader has already waited the whole budget; the Retry button is offered),
/// and any error after [`MAX_AUTO_RETRIES`].
pub fn auto_retry_delay_ms(error: &LoadError, tries: u32) -> Option<u32> {
    if tries >= MAX_AUTO_RETRIES {
        return None;
    }
    let backoff = RETRY_BACKOFF_MS << tries;
    match error {
        LoadError::Network(_) => Some(backoff),
        LoadError::Http {
            status,
            retry_after,
            ..
        } if *status >= 500 || *status == 408 || *status == 429 => {
            Some(retry_after.map_or(backoff, |s| s.saturating_mul(1000).min(MAX_RETRY_AFTER_MS)))
        }
        _ => None,
    }
}

/// Stops a load's retry loop and aborts its request when dropped.
#[derive(Default)]
struct LoadGuard {
    stopped: Rc<std::cell::Cell<bool>>,
    current: Rc<std::cell::RefCell<Option<Box<dyn std::any::Any>>>>,
}

impl Drop for LoadGuard {
    fn drop(&mut self) {
        self.stopped.set(true);
        self.current.borrow_mut().take();
    }
}

#[cfg(test)]
mod retry_tests {
    use super::*;

    fn http(status: u16, retry_after: Option<u32>) -> LoadError {
        LoadError::Http {
            status,
            status_text: String::new(),
            retry_after,
        }
    }

    #[test]
    fn transient_errors_back_off_twice_then_stop() {
        let net = LoadError::Network("reset".into());
        assert_eq!(auto_retry_delay_ms(&net, 0), Some(500));
        assert_eq!(auto_retry_delay_ms(&net, 1), Some(1000));
        assert_eq!(auto_retry_delay_ms(&net, 2), None);
        assert_eq!(auto_retry_delay_ms(&http(500, None), 0), Some(500));
        assert_eq!(auto_retry_delay_ms(&http(429, None), 1), Some(1000));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        assert_eq!(auto_retry_delay_ms(&http(503, Some(2)), 0), Some(2000));
        assert_eq!(auto_retry_delay_ms(&http(429, Some(0)), 0), Some(0));
        assert_eq!(
            auto_retry_delay_ms(&http(503, Some(3600)), 0),
            Some(MAX_RETRY_AFTER_MS)
        );
        assert_eq!(auto_retry_delay_ms(&http(503, Some(1)), 2), None);
    }

    #[test]
    fn permanent_errors_and_timeouts_fail_at_once() {
        for status in [400, 401, 403, 404, 410] {
            assert_eq!(
                auto_retry_delay_ms(&http(status, Some(1)), 0),
                None,
                "{status}"
            );
        }
        assert_eq!(auto_retry_delay_ms(&LoadError::Timeout { ms: 1 }, 0), None);
        assert_eq!(auto_retry_delay_ms(&LoadError::NotText, 0), None);
        assert_eq!(
            auto_retry_delay_ms(&LoadError::TooLarge { limit: 1 }, 0),
            None
        );
        assert_eq!(
            auto_retry_delay_ms(&LoadError::Invalid(Vec::new()), 0),
            None
        );
    }
}
