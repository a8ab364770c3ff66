//! What a host gives the widget so that it can load articles and convert their script: the
//! [`Backend`]. The components never fetch or convert by themselves, so they stay free of
//! network and engine code and render the same way under server-side rendering, where there
//! is no backend (a `src` then shows the loading state; the published text is shown).
//!
//! The embed (`article-widget-embed`) is the browser's backend: `fetch` with its limits and the
//! loader's early requests, and the conversion engine with the article's dictionary slice or
//! the full dictionaries. A Yew app can give the same one, or its own.

use std::any::Any;
use std::rc::Rc;

use article_convert::Script;
use article_model::Article;
use futures::future::LocalBoxFuture;

use crate::error::LoadError;

/// Default fetch timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// Default upper limit on the article document's size (articles are text: 2 MiB is generous).
pub const DEFAULT_MAX_BYTES: u32 = 2 * 1024 * 1024;

/// Limits of one article request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub timeout_ms: u32,
    pub max_bytes: u32,
}

/// A request in flight: its result, and a value whose drop aborts it.
pub struct Load {
    pub result: LocalBoxFuture<'static, Result<Article, LoadError>>,
    pub cancel: Box<dyn Any>,
}

/// One conversion the widget asks for.
#[derive(Clone)]
pub struct Conversion {
    /// The published article.
    pub article: Rc<Article>,
    /// The option chosen.
    pub target: Script,
    /// The OpenCC configs of the plan (`article_convert::plan_for`), never empty.
    pub configs: &'static [&'static str],
    /// Converted text uses the target's quote marks.
    pub quote_marks: bool,
}

/// Loading and converting, as the host does them.
pub trait Backend {
    /// Starts loading the article document at `src` (an absolute http(s) URL).
    fn load(&self, src: &str, limits: Limits) -> Load;

    /// The conversion at once, when everything it needs is already loaded (a warm switch);
    /// `None` when it has to wait for [`Backend::convert`].
    fn convert_now(&self, conversion: &Conversion) -> Option<Result<Article, String>>;

    /// The conversion, once what it needs has loaded. An error is a short message for the
    /// page (the widget keeps the text as it was and offers the choice again).
    fn convert(&self, conversion: Conversion) -> LocalBoxFuture<'static, Result<Article, String>>;

    /// How much of what `configs` needs has arrived, in percent, while it loads; `None` when
    /// nothing is loading for them. The backend calls [`refresh`] when this changes.
    fn progress(&self, configs: &[&'static str]) -> Option<u8>;
}

/// A shared [`Backend`] as a property: equal when it is the same one.
#[derive(Clone)]
pub struct BackendHandle(pub Rc<dyn Backend>);

impl PartialEq for BackendHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for BackendHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackendHandle")
    }
}

/// Tells every widget on the page to look again (a backend's progress changed).
pub fn refresh() {
    crate::store::notify();
}
