//! The browser's [`Backend`] for the components: articles through `fetch` (with the loader's
//! early requests), conversion through the engine module with the article's dictionary slice
//! or the full dictionaries.

use std::rc::Rc;

use article_model::Article;
use article_widget::backend::{Backend, BackendHandle, Conversion, Limits, Load};
use futures::future::{FutureExt, LocalBoxFuture};

use crate::browser::{dicts, fetch};

struct Browser;

impl Backend for Browser {
    fn load(&self, src: &str, limits: Limits) -> Load {
        let (result, cancel) = fetch::load_article(src.to_owned(), limits);
        Load {
            result: result.boxed_local(),
            cancel: Box::new(cancel),
        }
    }

    fn convert_now(&self, c: &Conversion) -> Option<Result<Article, String>> {
        let engine = dicts::ready(c.configs)?;
        Some(dicts::convert(
            &engine,
            &c.article,
            c.target,
            c.configs,
            c.quote_marks,
        ))
    }

    fn convert(&self, c: Conversion) -> LocalBoxFuture<'static, Result<Article, String>> {
        async move {
            // The article's own slice first (no full dictionary); on any mismatch the full
            // dictionaries, with a warning in the console so the publisher can see why.
            let slices = c.article.conversion.as_ref().and_then(|v| v.slices.as_ref());
            if let Some(slice) = article_convert::slice::slice_for(slices, c.target) {
                let sliced =
                    dicts::convert_with_slice(&c.article, c.target, c.configs, slice, c.quote_marks)
                        .await;
                match sliced {
                    Ok(converted) => return Ok(converted),
                    Err(message) => web_sys::console::warn_1(
                        &format!(
                            "article-widget: not using the article's dictionary slice for {}: {message}; fetching the full dictionaries",
                            c.target.as_str()
                        )
                        .into(),
                    ),
                }
            }
            let engine = dicts::prepare(c.configs).await?;
            dicts::convert(&engine, &c.article, c.target, c.configs, c.quote_marks)
        }
        .boxed_local()
    }

    fn progress(&self, configs: &[&'static str]) -> Option<u8> {
        dicts::progress(configs)
    }
}

/// The browser backend, for one widget (the state it works on, the dictionaries and the
/// engine, is the page's: every handle shares it).
pub fn handle() -> BackendHandle {
    BackendHandle(Rc::new(Browser))
}
