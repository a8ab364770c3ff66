//! `ArticleWidget`: loads an article (or takes one given) and renders it, with loading and
//! error states. Usable directly from another Yew app, and mounted by the embed.

use std::rc::Rc;

use article_model::Article;
use yew::prelude::*;

use crate::error::LoadError;
use crate::labels::{self, Labels};
use crate::view::{ArticleView, ErrorView, LoadingView};

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
    "structuredData",
    "excerpt",
];

/// The widget's stylesheet. The embed puts it in each shadow root; a Yew app using the
/// component directly gets it too, as the component renders it first.
pub const STYLESHEET: &str = include_str!("widget.css");

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
    #[prop_or(DEFAULT_TIMEOUT_MS)]
    pub timeout_ms: u32,
    #[prop_or(DEFAULT_MAX_BYTES)]
    pub max_bytes: u32,
    /// Called once the article is rendered.
    #[prop_or_default]
    pub on_load: Callback<Rc<Article>>,
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

    let ui_labels: &'static Labels = labels::for_language(props.ui_lang.as_deref().unwrap_or("en"));
    let body = match &*state {
        LoadState::Loading => html! { <LoadingView labels={ui_labels} /> },
        LoadState::Loaded(article) => html! {
            <ArticleView article={article.clone()} locale={props.locale.clone()} excerpt={props.excerpt} />
        },
        LoadState::Failed(error) => {
            let on_retry = error.retryable().then(|| {
                let attempt = attempt.clone();
                Callback::from(move |()| attempt.set(*attempt + 1))
            });
            html! { <ErrorView labels={ui_labels} message={error.to_string()} {on_retry} /> }
        }
    };
    html! {
        <div class="article-widget">
            if props.with_style {
                <style>{ STYLESHEET }</style>
            }
            { body }
        </div>
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
        state.set(LoadState::Loaded(article.clone()));
        props.on_load.emit(article);
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
        let (request, cancel) = crate::fetch::load_article(src.to_string(), limits);
        wasm_bindgen_futures::spawn_local(async move {
            match request.await {
                Ok(article) => {
                    let article = Rc::new(article);
                    state.set(LoadState::Loaded(article.clone()));
                    props.on_load.emit(article);
                }
                Err(LoadError::Cancelled) => {}
                Err(e) => {
                    state.set(LoadState::Failed(e.clone()));
                    props.on_error.emit(e);
                }
            }
        });
        Some(Box::new(cancel))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Server-side rendering shows the loading state; the browser does the fetch.
        let _ = (src, props);
        None
    }
}
