//! What the widget shows before an article is there: loading, and the error box.

use yew::prelude::*;

use super::view::class;
use crate::labels::Labels;

/// Placeholder shown while the article loads; it reserves roughly an article's height so the
/// host page does not jump when the content arrives. The skeleton is hidden from assistive
/// technology: the widget's polite live region (`ArticleWidget`) says that it is loading.
/// (Plain functions, not components: the widget's module stays within its size budget.)
pub fn loading_view(labels: &'static Labels) -> Html {
    html! {
        <div class="aw-loading" lang={labels.lang} aria-busy="true">
            <div class="aw-skeleton aw-skeleton-title" aria-hidden="true"></div>
            <div class="aw-skeleton aw-skeleton-meta" aria-hidden="true"></div>
            { for (0..6).map(|_| html! { <div class="aw-skeleton aw-skeleton-line" aria-hidden="true"></div> }) }
        </div>
    }
}

/// The error box: title, the reader's `message` in the labels' language, technical `detail`
/// in English (`LoadError::detail`), and a Retry button (`.aw-retry`) when `retry`; the
/// widget listens for its click (`use_dom_listener`).
pub fn error_view(
    labels: &'static Labels,
    message: String,
    detail: Option<String>,
    retry: bool,
) -> Html {
    let retry = retry
        .then(|| html! { <button type="button" class={class::RETRY}>{ labels.retry }</button> });
    html! {
        <div class={class::ERROR} part="error" lang={labels.lang}>
            <p class={class::ERROR_TITLE}>{ labels.error_title }</p>
            <p class="aw-error-message">{ message }</p>
            if let Some(detail) = detail {
                <pre class="aw-error-detail" lang="en">{ detail }</pre>
            }
            { for retry }
        </div>
    }
}
