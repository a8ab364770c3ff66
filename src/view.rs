//! Pure rendering of an article: no fetching, no browser APIs beyond date formatting.
//! Renders the same HTML in the browser and under Yew SSR.

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use article_model::{Article, Copyright, Editor, EditorRole};
use yew::prelude::*;

use crate::datefmt;
use crate::labels::{self, Labels};

/// Properties of [`ArticleView`].
#[derive(Properties, Clone, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// Locale for dates; defaults to the article's language.
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    /// The language of the text shown, when it was converted from the article's own
    /// (`zh-Hans`, `zh-Hant-TW`, …); picks the labels and the `lang` attribute.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// Controls shown at the top of the header (the widget's script control).
    #[prop_or_default]
    pub controls: Html,
}

/// Renders a whole article: sections, headline, metadata, body, byline, copyright notice.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let a = &props.article;
    let lang = props.lang.as_deref().unwrap_or(&a.in_language);
    let l = labels::for_language(lang);
    let locale = props.locale.as_deref().unwrap_or(lang);
    // Unique per instance, so several widgets in one light DOM still label their own article.
    let headline_id = use_state(|| {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        format!("aw-headline-{}", NEXT.fetch_add(1, Ordering::Relaxed))
    });
    html! {
        <article class="aw-article" lang={lang.to_owned()} aria-labelledby={(*headline_id).clone()}>
            <header class="aw-header">
                { props.controls.clone() }
                { sections(a, l) }
                <h1 class="aw-headline" id={(*headline_id).clone()}>{ &a.headline }</h1>
                { meta(a, l, locale) }
            </header>
            <div class="aw-body">
                { for a.body.iter().map(|p| html! { <p>{ p }</p> }) }
            </div>
            <footer class="aw-footer">
                if let Some(byline) = &a.byline {
                    <p class="aw-byline">{ byline }</p>
                }
                if let Some(c) = &a.copyright {
                    { copyright(c, l) }
                }
            </footer>
        </article>
    }
}

fn link_or_text(text: &str, url: Option<&str>) -> Html {
    match url.filter(|u| article_model::is_safe_http_url(u)) {
        Some(href) => html! {
            <a href={href.to_owned()} target="_blank" rel="noopener noreferrer">{ text }</a>
        },
        None => html! { <span>{ text }</span> },
    }
}

fn sections(a: &Article, l: &Labels) -> Html {
    if a.sections.is_empty() {
        return Html::default();
    }
    html! {
        <nav class="aw-sections" aria-label={l.sections}>
            <ul>
                { for a.sections.iter().map(|s| html! {
                    <li>{ link_or_text(&s.name, s.url.as_deref()) }</li>
                }) }
            </ul>
        </nav>
    }
}

fn editor_label<'a>(e: &'a Editor, l: &'static Labels) -> &'a str {
    e.label.as_deref().unwrap_or(match e.role {
        EditorRole::Editor => l.editor,
        EditorRole::ResponsibleEditor => l.responsible_editor,
        EditorRole::Other => l.other_editor,
    })
}

fn meta(a: &Article, l: &'static Labels, locale: &str) -> Html {
    let published = a.published().map(|t| {
        html! {
            <time class="aw-published" datetime={a.date_published.clone()}>
                { datefmt::display(&t, locale) }
            </time>
        }
    });
    html! {
        <p class="aw-meta">
            { for published }
            <span class="aw-source">
                { l.source }{ l.colon }{ link_or_text(&a.source.name, a.source.url.as_deref()) }
            </span>
            { for a.editors.iter().map(|e| html! {
                <span class="aw-editor" data-role={e.role.as_str()}>
                    { editor_label(e, l) }{ l.colon }{ &e.name }
                </span>
            }) }
        </p>
    }
}

fn copyright(c: &Copyright, l: &Labels) -> Html {
    let title = if c.title.trim().is_empty() {
        l.copyright_fallback_title
    } else {
        &c.title
    };
    // A native disclosure: collapsed by default, toggled by mouse, Enter and Space, announced
    // as expanded/collapsed by screen readers, and it works without script after SSR.
    html! {
        <details class="aw-copyright">
            <summary>{ title }</summary>
            <div class="aw-clauses">
                { for c.clauses.iter().map(|clause| html! {
                    <section class="aw-clause">
                        { for clause.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
                    </section>
                }) }
                if let Some(license) = c.license.as_deref().filter(|u| article_model::is_safe_http_url(u)) {
                    <p class="aw-license">
                        <a href={license.to_owned()} target="_blank" rel="license noopener noreferrer">{ license }</a>
                    </p>
                }
            </div>
        </details>
    }
}

/// Placeholder shown while the article loads; it reserves roughly an article's height so the
/// host page does not jump when the content arrives.
#[derive(Properties, Clone, PartialEq)]
pub struct LoadingProps {
    pub labels: &'static Labels,
}

#[function_component(LoadingView)]
pub fn loading_view(props: &LoadingProps) -> Html {
    html! {
        <div class="aw-loading" role="status" aria-live="polite" aria-busy="true">
            <span class="aw-visually-hidden">{ props.labels.loading }</span>
            <div class="aw-skeleton aw-skeleton-title" aria-hidden="true"></div>
            <div class="aw-skeleton aw-skeleton-meta" aria-hidden="true"></div>
            { for (0..6).map(|_| html! { <div class="aw-skeleton aw-skeleton-line" aria-hidden="true"></div> }) }
        </div>
    }
}

/// Properties of [`ErrorView`].
#[derive(Properties, Clone, PartialEq)]
pub struct ErrorProps {
    pub labels: &'static Labels,
    pub message: AttrValue,
    /// When set, a retry button calls it.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

#[function_component(ErrorView)]
pub fn error_view(props: &ErrorProps) -> Html {
    let retry = props.on_retry.clone().map(|cb| {
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(()));
        html! { <button type="button" class="aw-retry" {onclick}>{ props.labels.retry }</button> }
    });
    html! {
        <div class="aw-error" role="alert">
            <p class="aw-error-title">{ props.labels.error_title }</p>
            <pre class="aw-error-detail">{ props.message.clone() }</pre>
            { for retry }
        </div>
    }
}
