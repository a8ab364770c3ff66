//! Helpers shared by the test files. Each file includes this folder with `mod common;` and
//! uses the part it needs (hence `dead_code` is allowed here).
#![allow(dead_code)]

use std::rc::Rc;

use article_widget::{Article, ArticleView, ArticleViewProps, ArticleWidgetProps};

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod naughty;

/// The seed article (`www/article.json`), the sample every test starts from.
pub const SEED: &str = include_str!("../../www/article.json");

pub fn seed() -> Rc<Article> {
    Rc::new(Article::from_json(SEED).expect("the sample is valid"))
}

/// [`ArticleWidget`](article_widget::ArticleWidget)'s properties with every default: no
/// `src` or `article`, the published script, the stylesheet rendered, no callbacks. Tests set
/// what they are about: `ArticleWidgetProps { article: Some(seed()), ..widget_props() }`.
/// In the browser the embed's backend loads and converts, as on a partner page.
pub fn widget_props() -> ArticleWidgetProps {
    #[cfg(target_arch = "wasm32")]
    return yew::props!(ArticleWidgetProps {
        backend: Some(article_widget_embed::backend())
    });
    #[cfg(not(target_arch = "wasm32"))]
    yew::props!(ArticleWidgetProps {})
}

/// [`ArticleView`]'s properties for `article` with every default: the first instance, the
/// article's own language for text, labels and dates, the whole body, no controls.
pub fn view_props(article: Rc<Article>) -> ArticleViewProps {
    yew::props!(ArticleViewProps { article })
}

/// The view's server-side markup as the snippet renders it (not hydratable), before the
/// snippet's inline styles.
pub async fn render_view(props: ArticleViewProps) -> String {
    yew::LocalServerRenderer::<ArticleView>::with_props(props)
        .hydratable(false)
        .render()
        .await
}
