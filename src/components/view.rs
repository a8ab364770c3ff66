//! Pure rendering of an article: no fetching, no browser APIs beyond date formatting.
//! Renders the same HTML in the browser and under Yew SSR.

use std::rc::Rc;

use article_model::{
    Article, Block, Copyright, Correction, Editor, EditorRole, Image, Inline, Person,
};
use yew::prelude::*;

use crate::dates;
use crate::hooks::{use_paragraphs_shown, LONG_BODY};
use crate::labels::{self, Labels};

/// Class names of the widget's frame and error box, shared with the box the embed builds for
/// the loader to draw after a crash (the embed's `stoppedView`): one source, so the loader
/// holds none. The stylesheet styles them.
pub mod class {
    /// The element the app renders into, in the host's shadow root.
    pub const ROOT: &str = "aw-root";
    /// The widget's outermost element.
    pub const WIDGET: &str = "article-widget";
    /// The error box.
    pub const ERROR: &str = "aw-error";
    /// The error box's title.
    pub const ERROR_TITLE: &str = "aw-error-title";
    /// The error box's button (Retry; Reload after a crash).
    pub const RETRY: &str = "aw-retry";
}

/// Properties of [`ArticleView`].
#[derive(Properties, Clone, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// Locale for dates; defaults to the article's language.
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    /// Which rendering of this article on the page this is (0 for the first). Element ids are
    /// derived from the article and this index, so server-side renderings are reproducible
    /// and two copies of one article in the same light DOM still get distinct ids.
    #[prop_or_default]
    pub instance: u32,
    /// Show only the first N paragraphs, followed by a link to the whole article at the
    /// source (see [`excerpt_paragraphs`]). Attribution and notice are always shown.
    #[prop_or_default]
    pub excerpt: Option<u32>,
    /// The language of the text shown, when it was converted from the article's own
    /// (`zh-Hans`, `zh-Hant-TW`, …); picks the labels and the `lang` attribute.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// Controls shown at the top of the header (the widget's script control).
    #[prop_or_default]
    pub controls: Html,
    /// The language of the widget's own words (the `ui-lang` attribute), when they should not
    /// follow the text shown; also the default locale of dates. Words in another language
    /// than the text carry their own `lang`.
    #[prop_or_default]
    pub ui_lang: Option<AttrValue>,
    /// Render a long body in steps (the widget in a browser): the first
    /// [`FIRST_PARAGRAPHS`](crate::hooks::FIRST_PARAGRAPHS) at once, then
    /// [`STEP_PARAGRAPHS`](crate::hooks::STEP_PARAGRAPHS) more per task, so a very long
    /// article never blocks the page. Server-side rendering shows every paragraph at once.
    #[prop_or_default]
    pub progressive: bool,
    /// How the article's images load.
    #[prop_or_default]
    pub images: ImageOptions,
    /// Called once every paragraph of the body is in the DOM (from an effect, after the render
    /// that completed it): at once for a short body, after the last step for a long one.
    #[prop_or_default]
    pub on_rendered: Callback<()>,
}

/// How the article's images load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageOptions {
    /// The images' `referrerpolicy` (the widget's `referrerpolicy` option, one of
    /// [`REFERRER_POLICIES`]); [`DEFAULT_REFERRER_POLICY`] when not given.
    pub referrer_policy: Option<AttrValue>,
    /// The lead image is wanted at once (the widget is in the viewport when it mounts): it
    /// loads eagerly with `fetchpriority="high"`. Otherwise it loads lazily, as figures do.
    pub lead_priority: bool,
}

/// How many body blocks an excerpt of `excerpt` blocks shows, or `None` when it shows the
/// whole body: no limit, a limit of at least the body's length, or no URL to continue at. Each
/// block counts as one (a figure, a heading, a list).
pub fn excerpt_paragraphs(a: &Article, excerpt: Option<u32>) -> Option<usize> {
    let n = usize::try_from(excerpt?).ok()?.max(1);
    (n < a.body.len() && origin_url(a).is_some()).then_some(n)
}

/// The `id` of the headline: a hash of the article's identity (its URL, or else its headline
/// and publication time) and the instance index. Same input, same id, on every run.
pub fn headline_id(article: &Article, instance: u32) -> String {
    format!("aw-h-{}-{instance}", article_key(article))
}

/// A short stable key for the article: 8 hex digits of a hash of its URL, or else of its
/// headline and publication time. Also names its JSON-LD block (`data-aw-ld`).
pub fn article_key(article: &Article) -> String {
    let identity = match &article.url {
        Some(url) => url.clone(),
        None => format!("{}\n{}", article.headline, article.date_published),
    };
    format!("{:08x}", fnv1a(identity.as_bytes()))
}

/// 32-bit FNV-1a: tiny, stable across platforms and runs (ids only, not security).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Renders a whole article: sections, headline, metadata, body, and the footer with the
/// attribution block (always shown) and the copyright notice.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let a = &props.article;
    let lang = props.lang.as_deref().unwrap_or(&a.in_language);
    let ui_lang = props.ui_lang.as_deref();
    let l = labels::for_language(ui_lang.unwrap_or(lang));
    // The widget's words get their own `lang` where they differ from the text's language.
    let mark = (l.lang != labels::for_language(lang).lang).then_some(l.lang);
    let locale = props.locale.as_deref().or(ui_lang).unwrap_or(lang);
    let headline_id = headline_id(a, props.instance);
    let shown = excerpt_paragraphs(a, props.excerpt);
    let now = use_paragraphs_shown(
        shown.unwrap_or(a.body.len()),
        props.progressive,
        props.on_rendered.clone(),
    );
    let continue_at = shown.and(origin_url(a)).map(|href| {
        html! {
            <p class="aw-continue">
                <a href={href.to_owned()} target="_blank" rel="noopener" lang={mark}>{ l.continue_reading }</a>
            </p>
        }
    });
    let policy = props
        .images
        .referrer_policy
        .clone()
        .unwrap_or(AttrValue::Static(DEFAULT_REFERRER_POLICY));
    let lead = a.image.as_ref().map(|image| {
        let loading = if props.images.lead_priority {
            Loading::Priority
        } else {
            Loading::Lazy
        };
        figure(image, "aw-figure aw-lead", "lead-image", loading, &policy)
    });
    html! {
        <article class="aw-article" lang={lang.to_owned()} aria-labelledby={headline_id.clone()}>
            <header class="aw-header">
                { props.controls.clone() }
                { sections(a, l) }
                <h1 class="aw-headline" part="headline" id={headline_id}>{ &a.headline }</h1>
                if let Some(d) = &a.description {
                    <p class="aw-standfirst" part="standfirst">{ d }</p>
                }
                { meta(a, l, mark, lang, locale) }
            </header>
            { for lead }
            <div class={if a.body.len() > LONG_BODY { "aw-body aw-long" } else { "aw-body" }} part="body">
                { for a.body.iter().take(now).map(|b| block(b, &policy)) }
                { for continue_at }
            </div>
            <footer class="aw-footer">
                if !a.corrections.is_empty() {
                    { corrections(&a.corrections, l, mark, lang, locale) }
                }
                { attribution(a, l, mark, lang, locale) }
                if let Some(c) = &a.copyright {
                    { copyright(c, l, mark) }
                }
            </footer>
        </article>
    }
}

/// The images' referrer policy when the page sets none: the browsers' default, stated, so that
/// an image host sees the embedding page's origin and never its full URL.
pub const DEFAULT_REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The referrer policies the widget's `referrerpolicy` option accepts: the default and the
/// stricter ones.
pub const REFERRER_POLICIES: [&str; 5] = [
    "strict-origin-when-cross-origin",
    "strict-origin",
    "same-origin",
    "origin",
    "no-referrer",
];

/// How an image loads.
#[derive(Clone, Copy, PartialEq)]
enum Loading {
    /// At once, ahead of other images (the lead image of a widget in view).
    Priority,
    /// When it nears the viewport.
    Lazy,
}

/// The widths the article's images are laid out at: the article's column (736 px at most).
const IMAGE_SIZES: &str = "(min-width: 736px) 736px, 100vw";

/// One block of the body.
fn block(b: &Block, policy: &AttrValue) -> Html {
    match b {
        Block::Text(text) => html! { <p>{ text }</p> },
        Block::Paragraph(content) => html! { <p>{ inline(content) }</p> },
        Block::Heading(content) => html! { <h2 class="aw-subhead">{ inline(content) }</h2> },
        Block::Quote { content, cite } => html! {
            <figure class="aw-quote">
                <blockquote><p>{ inline(content) }</p></blockquote>
                if let Some(cite) = cite {
                    <figcaption class="aw-cite">{ cite }</figcaption>
                }
            </figure>
        },
        Block::List { ordered, items } => {
            let items = items.iter().map(|i| html! { <li>{ inline(i) }</li> });
            if *ordered {
                html! { <ol class="aw-list">{ for items }</ol> }
            } else {
                html! { <ul class="aw-list">{ for items }</ul> }
            }
        }
        Block::Figure(image) => figure(image, "aw-figure", "figure", Loading::Lazy, policy),
    }
}

/// Inline content: text, and spans as links (http(s) only, in a new tab), `em` and `strong`.
fn inline(content: &[Inline]) -> Html {
    content
        .iter()
        .map(|i| match i {
            Inline::Text(text) => html! { { text } },
            Inline::Span(span) => {
                let mut out = html! { { &span.text } };
                if span.em {
                    out = html! { <em>{ out }</em> };
                }
                if span.strong {
                    out = html! { <strong>{ out }</strong> };
                }
                match span
                    .link
                    .as_deref()
                    .filter(|u| article_model::is_safe_http_url(u))
                {
                    Some(href) => html! {
                        <a href={href.to_owned()} target="_blank" rel="noopener">{ out }</a>
                    },
                    None => out,
                }
            }
        })
        .collect()
}

/// An image in a `<figure>`, with its caption and credit. Given both dimensions, the image's
/// box is reserved before it loads; otherwise it takes its natural ratio once loaded.
fn figure(
    image: &Image,
    class: &'static str,
    part: &'static str,
    loading: Loading,
    policy: &AttrValue,
) -> Html {
    let safe = |u: &str| article_model::is_safe_http_url(u);
    let src = Some(image.src.as_str())
        .filter(|u| safe(u))
        .map(str::to_owned);
    let srcset: Vec<String> = image
        .srcset
        .iter()
        .filter(|s| safe(&s.src) && !s.src.contains(','))
        .map(|s| format!("{} {}w", s.src, s.width))
        .collect();
    let srcset = (!srcset.is_empty()).then(|| srcset.join(", "));
    let sizes = srcset.as_ref().map(|_| IMAGE_SIZES);
    let alt = if image.decorative {
        String::new()
    } else {
        image.alt.clone()
    };
    let (eager, priority) = match loading {
        Loading::Priority => ("eager", Some("high")),
        Loading::Lazy => ("lazy", None),
    };
    let has_caption = image.caption.is_some() || image.credit.is_some();
    html! {
        <figure {class} {part}>
            <img src={src} {alt} width={image.width.map(|w| w.to_string())} height={image.height.map(|h| h.to_string())}
                srcset={srcset} sizes={sizes} loading={eager} fetchpriority={priority} decoding="async"
                referrerpolicy={policy.clone()} />
            if has_caption {
                <figcaption part="caption">
                    if let Some(c) = &image.caption {
                        <span class="aw-caption">{ c }</span>
                    }
                    if let Some(c) = &image.credit {
                        <span class="aw-image-credit">{ c }</span>
                    }
                </figcaption>
            }
        </figure>
    }
}

/// The corrections, oldest first, each with its date: always visible, plain text.
fn corrections(
    list: &[Correction],
    l: &'static Labels,
    mark: Option<&'static str>,
    lang: &str,
    locale: &str,
) -> Html {
    html! {
        <section class="aw-corrections" part="corrections">
            <h2 class="aw-corrections-title" lang={mark}>{ l.corrections }</h2>
            <ul>
                { for list.iter().map(|c| {
                    let date = article_model::DateTime::parse(&c.date).ok().map(|t| html! {
                        <time datetime={c.date.clone()} lang={date_lang(lang, locale)}>{ dates::display(&t, locale) }</time>
                    });
                    html! {
                        <li>{ for date }{ l.colon }{ &c.text }</li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The `lang` of a date written in `locale` inside text in `lang`: none when they are the same
/// (the date inherits it), else the locale (English dates in a Chinese article).
fn date_lang(lang: &str, locale: &str) -> Option<String> {
    (!locale.eq_ignore_ascii_case(lang)).then(|| locale.to_owned())
}

/// One of the widget's words, inside a `lang` span when it differs from the text's language.
fn word(s: &'static str, mark: Option<&'static str>) -> Html {
    match mark {
        Some(lang) => html! { <span {lang}>{ s }</span> },
        None => html! { { s } },
    }
}

/// Text from the article that shares a line with the widget's words or other fields (names,
/// labels, the source): a `<bdi>`, so its bidi controls and right-to-left characters are
/// isolated and cannot reorder the label before it or the separators and date after it.
/// (Headline, body, byline and notice paragraphs are blocks of their own, which isolate too.)
fn isolated(text: &str) -> Html {
    html! { <bdi>{ text }</bdi> }
}

fn link_or_text(text: &str, url: Option<&str>) -> Html {
    link_with(text, url, "noopener noreferrer")
}

/// A link in a new tab with `rel`, for safe http(s) URLs only; otherwise the text alone.
/// Either way the text is [`isolated`].
fn link_with(text: &str, url: Option<&str>, rel: &'static str) -> Html {
    match url.filter(|u| article_model::is_safe_http_url(u)) {
        Some(href) => html! {
            <a href={href.to_owned()} target="_blank" {rel}>{ isolated(text) }</a>
        },
        None => isolated(text),
    }
}

/// A link to the article's origin: opens in a new tab, and keeps the referrer so the publisher
/// sees where its readers come from (`noopener` only).
fn source_link(text: &str, url: Option<&str>) -> Html {
    link_with(text, url, "noopener")
}

/// Where the article was first published: its own URL, or else its source's.
pub fn origin_url(a: &Article) -> Option<&str> {
    [a.url.as_deref(), a.source.url.as_deref()]
        .into_iter()
        .flatten()
        .find(|u| article_model::is_safe_http_url(u))
}

/// The credit line as plain text (`原載於 中央廣電總臺國際在線, 2025年12月29日`), as shown.
pub fn credit_text(a: &Article, locale: &str) -> String {
    let l = labels::for_language(&a.in_language);
    let date = a
        .published()
        .map(|t| dates::display_date(&t, locale))
        .unwrap_or_default();
    l.originally
        .replacen("{source}", &a.source.name, 1)
        .replacen("{date}", &date, 1)
}

/// Fills the credit template: `{source}` and `{date}` (in that order, as every label table
/// has them) become their parts, the text around them stays text.
fn fill(template: &str, source: Html, date: Html) -> Html {
    let (before, rest) = template.split_once("{source}").unwrap_or((template, ""));
    let (between, after) = rest.split_once("{date}").unwrap_or((rest, ""));
    html! { <>{ before }{ source }{ between }{ date }{ after }</> }
}

/// True when the byline already names every author (the seed's `(文 王小軍)` names 王小軍),
/// so the authors are not listed twice.
fn byline_names_authors(a: &Article) -> bool {
    a.byline
        .as_deref()
        .is_some_and(|b| a.authors.iter().all(|p| b.contains(p.name.as_str())))
}

fn people(list: &[Person], l: &Labels) -> Html {
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            html! {
                <>
                    if i > 0 { { l.list_separator } }
                    { source_link(&p.name, p.url.as_deref()) }
                </>
            }
        })
        .collect::<Html>()
}

/// The credit that no option hides: byline, authors, "originally published by", the copyright
/// holder and the license.
fn attribution(
    a: &Article,
    l: &'static Labels,
    mark: Option<&'static str>,
    lang: &str,
    locale: &str,
) -> Html {
    let date = a.published().map(|t| {
        html! {
            <time datetime={a.date_published.clone()} lang={date_lang(lang, locale)}>{ dates::display_date(&t, locale) }</time>
        }
    });
    // In another language than the text, the credit line is in the widget's language and
    // the source's name in the text's.
    let source = source_link(&a.source.name, origin_url(a));
    let source = match mark {
        Some(_) => html! { <span lang={lang.to_owned()}>{ source }</span> },
        None => source,
    };
    let credit = fill(l.originally, source, date.unwrap_or_default());
    let holder = a.copyright.as_ref().and_then(|c| c.holder.as_deref());
    let license = a
        .copyright
        .as_ref()
        .and_then(|c| c.license.as_deref())
        .filter(|u| article_model::is_safe_http_url(u));
    html! {
        <section class="aw-attribution" part="attribution" aria-label={l.attribution}>
            if let Some(byline) = &a.byline {
                <p class="aw-byline" part="byline">{ byline }</p>
            }
            if !a.authors.is_empty() && !byline_names_authors(a) {
                <p class="aw-authors">{ word(l.authors, mark) }{ l.colon }{ people(&a.authors, l) }</p>
            }
            <p class="aw-credit" lang={mark}>{ credit }</p>
            if holder.is_some() || license.is_some() {
                <p class="aw-rights">
                    if let Some(holder) = holder {
                        <span class="aw-holder">{ word(l.copyright_holder, mark) }{ l.colon }{ isolated(holder) }</span>
                    }
                    if let Some(license) = license {
                        <a class="aw-license" href={license.to_owned()} target="_blank" rel="license noopener" lang={mark}>{ l.license }</a>
                    }
                </p>
            }
        </section>
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

/// The publisher's label for an editor (in the text's language), or the widget's word.
fn editor_label(e: &Editor, l: &'static Labels, mark: Option<&'static str>) -> Html {
    match &e.label {
        Some(label) => isolated(label),
        None => word(
            match e.role {
                EditorRole::Editor => l.editor,
                EditorRole::ResponsibleEditor => l.responsible_editor,
                EditorRole::Other => l.other_editor,
            },
            mark,
        ),
    }
}

fn meta(
    a: &Article,
    l: &'static Labels,
    mark: Option<&'static str>,
    lang: &str,
    locale: &str,
) -> Html {
    let published = a.published().map(|t| {
        html! {
            <time class="aw-published" datetime={a.date_published.clone()} lang={date_lang(lang, locale)}>
                { dates::display(&t, locale) }
            </time>
        }
    });
    let modified = a
        .modified()
        .filter(|_| a.date_modified.as_deref() != Some(a.date_published.as_str()))
        .map(|t| {
            html! {
                <span class="aw-modified">
                    { word(l.modified, mark) }{ " " }
                    <time datetime={a.date_modified.clone()} lang={date_lang(lang, locale)}>{ dates::display(&t, locale) }</time>
                </span>
            }
        });
    html! {
        <p class="aw-meta" part="meta">
            { for published }
            { for modified }
            <span class="aw-source">
                { word(l.source, mark) }{ l.colon }{ link_or_text(&a.source.name, a.source.url.as_deref()) }
            </span>
            { for a.editors.iter().map(|e| html! {
                <span class="aw-editor" data-role={e.role.as_str()}>
                    { editor_label(e, l, mark) }{ l.colon }{ isolated(&e.name) }
                </span>
            }) }
        </p>
    }
}

fn copyright(c: &Copyright, l: &'static Labels, mark: Option<&'static str>) -> Html {
    let title = if c.title.trim().is_empty() {
        word(l.copyright_fallback_title, mark)
    } else {
        html! { { &c.title } }
    };
    // A native disclosure: collapsed by default, toggled by mouse, Enter and Space, announced
    // as expanded/collapsed by screen readers, and it works without script after SSR.
    html! {
        <details class="aw-copyright" part="notice">
            <summary part="notice-summary">{ title }</summary>
            <div class="aw-clauses">
                { for c.clauses.iter().map(|clause| html! {
                    <section class="aw-clause">
                        { for clause.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
                    </section>
                }) }
            </div>
        </details>
    }
}
