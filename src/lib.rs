//! article-widget: Yew components that render a news article faithfully and attributed, in
//! the reader's own Chinese script.
//!
//! * [`ArticleWidget`] loads an article (or takes one) and renders it with loading and error
//!   states; [`SwitchingArticle`] adds the script control to a loaded article;
//!   [`ArticleView`] renders an [`Article`]. All of them render under Yew SSR too.
//! * Loading and converting are the host's: a [`backend::Backend`]. In a browser the embed
//!   (`article-widget-embed`, the WebAssembly module partner pages load) is that backend.
//! * [`store`] is the page-wide script choice every widget follows; [`labels`] the widget's
//!   words; [`structured_data`] the schema.org `NewsArticle` the embed and the snippet write.
//!
//! The article format lives in `article-model`, script options and plans in
//! `article-convert`. See ARCHITECTURE.md for the map.

pub mod backend;
mod components;
pub mod dates;
mod error;
mod hooks;
pub mod labels;
mod platform;
pub mod store;
pub mod structured_data;
mod style;

pub use article_model::Article;
pub use components::control::{ScriptControl, ScriptControlProps};
pub use components::switching::{SwitchingArticle, SwitchingArticleProps};
pub use components::view::{
    article_key, class, credit_text, excerpt_paragraphs, headline_id, origin_url, ArticleView,
    ArticleViewProps, ImageOptions, DEFAULT_REFERRER_POLICY, REFERRER_POLICIES,
};
pub use components::widget::{
    auto_retry_delay_ms, ArticleWidget, ArticleWidgetProps, LoadState, MAX_AUTO_RETRIES,
    MAX_RETRY_AFTER_MS, RETRY_BACKOFF_MS,
};
pub use error::LoadError;
pub use hooks::{FIRST_PARAGRAPHS, LONG_BODY, STEP_PARAGRAPHS};
pub use style::STYLESHEET;

/// Gives back most of a registry's spare capacity once it holds a quarter of it or less, so a
/// page that once had many widgets does not keep their slots (the embed's `memoryUse()`).
#[doc(hidden)]
pub fn give_back<T>(v: &mut Vec<T>) {
    if v.len() * 4 <= v.capacity() {
        v.shrink_to(v.len() * 2);
    }
}
