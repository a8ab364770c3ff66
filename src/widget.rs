//! `ArticleWidget`: loads an article (or takes one given) and renders it, with loading and
//! error states. Usable directly from another Yew app, and mounted by the embed.

use std::rc::Rc;

use article_model::Article;
use yew::prelude::*;

use crate::control::ScriptControl;
use crate::error::LoadError;
use crate::labels::{self, Labels};
use crate::listen::use_dom_listener;
use crate::script::{self, ConvertOptions, Script, ScriptDefault};
use crate::switch;
use crate::view::{error_view, loading_view, ArticleView};

/// Default fetch timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// Default upper limit on the article document's size (articles are text: 2 MiB is generous).
pub const DEFAULT_MAX_BYTES: u32 = 2 * 1024 * 1024;

/// The options `ArticleWidget.mount(element, options)` accepts (camelCase, as in JavaScript).
pub const MOUNT_OPTIONS: &[&str] = &[
    "src",
    "article",
    "locale",
    "timeoutMs",
    "maxBytes",
    "script",
    "quoteMarks",
    "structuredData",
    "excerpt",
    "uiLang",
];

/// The widget's stylesheet (`www/article-widget.css`, the single source). The embed adopts it
/// into each shadow root as a constructable stylesheet (or links that file, or uses a
/// `<style nonce>`); a Yew app using the component directly gets it too, as the component
/// renders it first.
///
/// Minified at compile time (comments and layout whitespace dropped, strings kept), so the
/// file's comments cost the module nothing.
pub const STYLESHEET: &str = {
    const SOURCE: &[u8] = include_bytes!("../www/article-widget.css");
    const OUT: ([u8; SOURCE.len()], usize) = minify_css(SOURCE);
    match std::str::from_utf8(OUT.0.split_at(OUT.1).0) {
        Ok(css) => css,
        Err(_) => panic!("www/article-widget.css is not UTF-8"),
    }
};

/// Drops CSS comments and whitespace that carries no meaning (around `{`, `}`, `;`, `,`, after
/// `:`, and runs of it), keeping quoted strings as they are. A space before `:` is kept: in a
/// selector it is a descendant combinator (`.a :where(p)` is not `.a:where(p)`). `N` is at least the input's
/// length; returns the buffer and the length used.
const fn minify_css<const N: usize>(src: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n) = (0, 0);
    let mut pending_space = false;
    while i < src.len() {
        let c = src[i];
        if c == b'/' && i + 1 < src.len() && src[i + 1] == b'*' {
            i += 2;
            while i + 1 < src.len() && !(src[i] == b'*' && src[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if c.is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        let tight = matches!(c, b'{' | b'}' | b';' | b',' | b')');
        let after_tight = n > 0 && matches!(out[n - 1], b'{' | b'}' | b';' | b',' | b':' | b'(');
        if pending_space && n > 0 && !tight && !after_tight {
            out[n] = b' ';
            n += 1;
        }
        pending_space = false;
        if c == b'"' || c == b'\'' {
            // A string, copied with its quotes.
            out[n] = c;
            n += 1;
            i += 1;
            while i < src.len() && src[i] != c {
                out[n] = src[i];
                n += 1;
                i += 1;
            }
        }
        if i < src.len() {
            out[n] = src[i];
            n += 1;
        }
        i += 1;
    }
    (out, n)
}

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
    /// Called once the article is rendered: after it is in the DOM, once per load.
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
    /// Show only the first N paragraphs and a link to the rest (see `ArticleView`).
    #[prop_or_default]
    pub excerpt: Option<u32>,
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
    // The Retry button's clicks (a Yew `onclick` would leak on unmount: `crate::listen`).
    let root = use_node_ref();
    {
        let attempt = attempt.clone();
        use_dom_listener(
            root.clone(),
            "click",
            Callback::from(move |e: Event| {
                if crate::listen::targets(&e, "button.aw-retry") {
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
                chrome_lang={props.chrome_lang.clone()}
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
        <div class={crate::view::class::WIDGET} ref={root}>
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
    #[cfg(target_arch = "wasm32")]
    {
        let limits = crate::fetch::Limits {
            timeout_ms: props.timeout_ms,
            max_bytes: props.max_bytes,
        };
        // Transient failures are retried here (see `auto_retry_delay_ms`) before the error
        // and its Retry button are shown; dropping the guard stops the loop and aborts the
        // request in flight.
        let guard = LoadGuard::default();
        let (stopped, current) = (guard.stopped.clone(), guard.current.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut tries = 0;
            loop {
                let (request, cancel) = crate::fetch::load_article(src.to_string(), limits);
                *current.borrow_mut() = Some(cancel);
                let result = request.await;
                current.borrow_mut().take();
                if stopped.get() {
                    return;
                }
                match result {
                    Ok(article) => {
                        // A long body: its first paragraphs render in a task of their own,
                        // after the one that read the document (see `view::use_paragraphs_shown`).
                        if article.body.len() > crate::view::LONG_BODY {
                            sleep_ms(0).await;
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
                            sleep_ms(ms).await;
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
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Server-side rendering shows the loading state; the browser does the fetch.
        let _ = (src, props);
        None
    }
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
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
struct LoadGuard {
    stopped: Rc<std::cell::Cell<bool>>,
    current: Rc<std::cell::RefCell<Option<crate::fetch::Cancel>>>,
}

#[cfg(target_arch = "wasm32")]
impl Drop for LoadGuard {
    fn drop(&mut self) {
        self.stopped.set(true);
        self.current.borrow_mut().take();
    }
}

#[cfg(target_arch = "wasm32")]
async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Properties of [`SwitchingArticle`].
#[derive(Properties, Clone, PartialEq)]
pub struct SwitchingArticleProps {
    pub article: Rc<Article>,
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    #[prop_or(ScriptDefault::Fixed(Script::Original))]
    pub script: ScriptDefault,
    #[prop_or_default]
    pub quote_marks: bool,
    #[prop_or_default]
    pub on_script: Callback<(Script, Option<String>)>,
    #[prop_or_default]
    pub on_script_error: Callback<String>,
    /// Show only the first N paragraphs and a link to the rest.
    #[prop_or_default]
    pub excerpt: Option<u32>,
    /// The widget's words in this language instead of the text's (`ui-lang`).
    #[prop_or_default]
    pub chrome_lang: Option<AttrValue>,
    /// Called once the whole body is in the DOM (`ArticleViewProps::on_rendered`).
    #[prop_or_default]
    pub on_rendered: Callback<()>,
}

/// What is on screen: the option and its text.
#[derive(Clone, PartialEq)]
struct Shown {
    script: Script,
    article: Rc<Article>,
}

/// A loaded article with the script control: follows the page-wide choice (or the widget's
/// default), converts once the dictionaries are there, and keeps the text readable and
/// unchanged while they load or when they fail.
#[function_component(SwitchingArticle)]
pub fn switching_article(props: &SwitchingArticleProps) -> Html {
    let refresh = use_force_update();
    use_effect_with((), move |()| {
        let subscription = switch::subscribe(Callback::from(move |()| refresh.force_update()));
        move || drop(subscription)
    });
    let article = props.article.clone();
    let chosen =
        switch::explicit().unwrap_or_else(|| props.script.resolve(&switch::reader_languages()));
    let attempt = switch::attempt();
    let shown = use_state(|| Shown {
        script: Script::Original,
        article: article.clone(),
    });
    // (option, attempt) that failed; cleared by a new attempt.
    let failed = use_state(|| None::<(Script, u64)>);
    // Converted articles of this widget, per option.
    let converted = use_mut_ref(Vec::<(Script, Rc<Article>)>::new);
    // Bumped by every run of the effect, so a late result of an older choice is dropped.
    let generation = use_mut_ref(|| 0u64);

    {
        let shown = shown.clone();
        let failed = failed.clone();
        let converted = converted.clone();
        let generation = generation.clone();
        let options = ConvertOptions {
            quote_marks: props.quote_marks,
        };
        let on_error = props.on_script_error.clone();
        use_effect_with(
            (chosen, article.clone(), attempt, props.quote_marks),
            move |(chosen, article, attempt, _)| {
                let (chosen, attempt) = (*chosen, *attempt);
                *generation.borrow_mut() += 1;
                // An article that is not Chinese is always shown as published.
                let plan = script::plan_for(article, chosen);
                let chosen = if plan.is_some() {
                    chosen
                } else {
                    Script::Original
                };
                let configs = plan.unwrap_or_default();
                let cached = converted
                    .borrow()
                    .iter()
                    .find(|(s, _)| *s == chosen)
                    .map(|(_, a)| a.clone());
                if configs.is_empty() {
                    // Published text: nothing to fetch, nothing to convert.
                    shown.set(Shown {
                        script: chosen,
                        article: article.clone(),
                    });
                } else if let Some(done) = cached {
                    shown.set(Shown {
                        script: chosen,
                        article: done,
                    });
                } else {
                    start_conversion(
                        chosen,
                        configs,
                        article.clone(),
                        options,
                        Conversion {
                            shown,
                            failed,
                            converted,
                            generation,
                            attempt,
                            on_error,
                        },
                    );
                }
            },
        );
    }

    // Tell the page once the new text is on screen.
    {
        let on_script = props.on_script.clone();
        let reported = use_mut_ref(|| Script::Original);
        let article = article.clone();
        use_effect_with(shown.script, move |script| {
            if *reported.borrow() != *script {
                *reported.borrow_mut() = *script;
                let configs = script::plan_for(&article, *script).unwrap_or_default();
                on_script.emit((*script, script::config_label(configs)));
            }
        });
    }

    let lang = script::shown_lang(&article, shown.script);
    let labels = labels::for_language(props.chrome_lang.as_deref().unwrap_or(&lang));
    let controls = if script::source_script(&article.in_language).is_some() {
        let error = failed
            .filter(|(s, a)| *s == chosen && *a == attempt)
            .map(|_| AttrValue::from(labels.script_failed));
        let pending = (shown.script != chosen && error.is_none()).then(|| {
            let configs = script::plan_for(&article, chosen).unwrap_or_default();
            (chosen, progress(configs))
        });
        let on_choose = Callback::from(move |s: Script| {
            if s == chosen {
                // Choosing the current option again retries a failed switch.
                switch::retry();
            } else {
                switch::set_explicit(Some(s));
            }
        });
        html! {
            <ScriptControl {labels} shown={shown.script} {pending} {error} {on_choose} />
        }
    } else {
        Html::default()
    };
    html! {
        <ArticleView
            article={shown.article.clone()}
            locale={props.locale.clone()}
            lang={AttrValue::from(lang)}
            {controls}
            excerpt={props.excerpt}
            ui_lang={props.chrome_lang.clone()}
            // In steps in the browser; at once under server-side rendering, which runs no
            // effects to take the next steps.
            progressive={cfg!(target_arch = "wasm32")}
            on_rendered={props.on_rendered.clone()}
        />
    }
}

/// Converted articles of a widget, per option.
type ConvertedCache = Rc<std::cell::RefCell<Vec<(Script, Rc<Article>)>>>;

/// The state a conversion in flight reports to.
// (`converted`'s type trips clippy's type_complexity, which `-D warnings` makes an error.)
#[allow(clippy::type_complexity)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct Conversion {
    shown: UseStateHandle<Shown>,
    failed: UseStateHandle<Option<(Script, u64)>>,
    converted: ConvertedCache,
    generation: Rc<std::cell::RefCell<u64>>,
    attempt: u64,
    on_error: Callback<String>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl Conversion {
    fn done(self, chosen: Script, article: Article) {
        let article = Rc::new(article);
        self.converted.borrow_mut().push((chosen, article.clone()));
        self.shown.set(Shown {
            script: chosen,
            article,
        });
    }

    fn fail(self, chosen: Script, message: String) {
        self.failed.set(Some((chosen, self.attempt)));
        self.on_error.emit(message);
    }
}

#[cfg(target_arch = "wasm32")]
fn progress(configs: &[&'static str]) -> Option<u8> {
    crate::dicts::progress(configs)
}

#[cfg(not(target_arch = "wasm32"))]
fn progress(_configs: &[&'static str]) -> Option<u8> {
    None
}

/// Converts `article` into `chosen` now if its converters are built, else once they are.
fn start_conversion(
    chosen: Script,
    configs: &'static [&'static str],
    article: Rc<Article>,
    options: ConvertOptions,
    state: Conversion,
) {
    #[cfg(target_arch = "wasm32")]
    {
        let quote_marks = options.quote_marks;
        let full = article.clone();
        let convert =
            move |engine: wasm_bindgen::JsValue, state: Conversion| match crate::dicts::convert(
                &engine,
                &full,
                chosen,
                configs,
                quote_marks,
            ) {
                Ok(converted) => state.done(chosen, converted),
                Err(message) => state.fail(chosen, message),
            };
        if let Some(engine) = crate::dicts::ready(configs) {
            convert(engine, state);
            return;
        }
        let generation = *state.generation.borrow();
        wasm_bindgen_futures::spawn_local(async move {
            // The article's own slice first (no full dictionary); on any mismatch the full
            // dictionaries, with a warning in the console so the publisher can see why.
            let slices = article.conversion.as_ref().and_then(|c| c.slices.as_ref());
            if let Some(slice) = article_convert::slice::slice_for(slices, chosen) {
                match crate::dicts::convert_with_slice(&article, chosen, configs, slice, quote_marks)
                    .await
                {
                    Ok(converted) => {
                        if *state.generation.borrow() == generation {
                            state.done(chosen, converted);
                        }
                        return;
                    }
                    Err(message) => web_sys::console::warn_1(
                        &format!(
                            "article-widget: not using the article's dictionary slice for {}: {message}; fetching the full dictionaries",
                            chosen.as_str()
                        )
                        .into(),
                    ),
                }
            }
            let result = crate::dicts::prepare(configs).await;
            if *state.generation.borrow() != generation {
                return; // The reader chose something else meanwhile.
            }
            match result {
                Ok(engine) => convert(engine, state),
                Err(message) => state.fail(chosen, message),
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Server-side rendering shows the published text; converting needs the dictionaries,
        // which only the browser fetches (the CLI converts before rendering instead).
        let _ = (chosen, configs, article, options, state);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_is_minified_without_changing_its_rules() {
        let out: ([u8; 240], usize) = minify_css(
            b"/* note */\n:host([hidden]) {\n  display: none;\n}\n.a > p + p,\n.b::before { content: \"| a /* b */\"; font: 1em \"PingFang SC\" }\n.c :where(p, h1) { margin: 0 }",
        );
        let css = std::str::from_utf8(&out.0[..out.1]).unwrap();
        assert_eq!(
            css,
            ":host([hidden]){display:none;}.a > p + p,.b::before{content:\"| a /* b */\";font:1em \"PingFang SC\"}.c :where(p,h1){margin:0}"
        );
        let source = include_str!("../www/article-widget.css");
        assert!(
            STYLESHEET.len() < source.len() * 3 / 4,
            "{}",
            STYLESHEET.len()
        );
        assert!(!STYLESHEET.contains("/*") && !STYLESHEET.contains('\n'));
        // Every brace and quote outside comments survives.
        let mut rules = String::new();
        let mut rest = source;
        while let Some((before, after)) = rest.split_once("/*") {
            rules.push_str(before);
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
        }
        rules.push_str(rest);
        for needle in ['{', '}', '"', '(', ')'] {
            assert_eq!(
                STYLESHEET.matches(needle).count(),
                rules.matches(needle).count(),
                "{needle}"
            );
        }
        assert!(STYLESHEET.contains("@media (prefers-reduced-motion:no-preference){"));
    }
}
