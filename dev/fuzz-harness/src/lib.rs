//! Fuzzing harnesses for the whole pipeline, shared by the cargo-fuzz targets in `fuzz/`
//! (`cargo xtask fuzz`) and by `tests/pipeline_fuzz.rs` (proptest, in `cargo test`), so both
//! drive the same code and the harnesses build on stable Rust.
//!
//! Each harness must never panic on any input; a panic is a broken invariant, i.e. a bug.
//!
//! * [`pipeline`]: bytes → the JSON reader → validation → server-side render of [`ArticleView`].
//! * [`snippet`]: the first byte picks the snippet options, the rest is the document; a valid
//!   article's syndication snippet must have exactly the script elements the options ask for,
//!   and its inline data and JSON-LD must read back.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use article_model::{json, Article};
use script_convert::Converter;
use yew::LocalServerRenderer;

use article_convert::Script;
use article_widget::{ArticleView, ArticleViewProps};
use article_widget_syndication::snippet::{self, SnippetOptions};

/// The loader URL every fuzzed snippet uses (any absolute https URL).
pub const LOADER: &str = "https://cdn.example/article-widget/article-widget.js";

thread_local! {
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread tokio runtime needs no resources that can be missing");
    /// Converters by OpenCC config chain, built once from the embedded dictionaries.
    static CONVERTERS: RefCell<HashMap<&'static [&'static str], Rc<Vec<Converter>>>> =
        RefCell::new(HashMap::new());
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    RUNTIME.with(|rt| rt.block_on(future))
}

/// Reads `bytes` as the widget does ([`Article::from_json_bytes`]) and checks that the reader
/// and the validator agree with it: a syntax error is refused by both, a document's problems
/// are exactly what `validate` reports, and every problem has a path and a message.
pub fn read(bytes: &[u8]) -> Option<Article> {
    let direct = Article::from_json_bytes(bytes);
    let value = match json::parse_bytes(bytes) {
        Ok(value) => value,
        Err(e) => {
            assert!(
                direct.is_err(),
                "the reader refused what from_json_bytes read"
            );
            assert!(
                !e.to_string().is_empty(),
                "a syntax error without a message"
            );
            return None;
        }
    };
    let problems = article_model::validate_json(&value);
    match direct {
        Ok(article) => {
            assert!(
                problems.is_empty(),
                "read as an article, but validate says {problems:?}"
            );
            Some(article)
        }
        Err(found) => {
            assert_eq!(found, problems, "from_json_bytes and validate disagree");
            assert!(!found.is_empty(), "refused without a problem");
            for p in &found {
                assert!(p.path.starts_with('$'), "a problem without a path: {p:?}");
                assert!(!p.message.is_empty(), "a problem without a message: {p:?}");
            }
            None
        }
    }
}

/// The server-side render of `article` by the widget's own view.
pub fn render(article: &Article, excerpt: Option<u32>) -> String {
    block_on(
        LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
            article: Rc::new(article.clone()),
            locale: None,
            instance: 0,
            excerpt,
            images: Default::default(),
            lang: None,
            ui_lang: None,
            controls: Default::default(),
            progressive: false,
            on_rendered: Default::default(),
        })
        .render(),
    )
}

/// bytes → reader → validation → SSR render. Returns the article when the bytes are one.
pub fn pipeline(bytes: &[u8]) -> Option<Article> {
    let article = read(bytes)?;
    let html = render(&article, None);
    assert!(html.contains("<h1"), "no headline element: {html}");
    // The view creates no script element, whatever the text: text is escaped.
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "a script element in the view: {html}"
    );
    // Every link and image URL is an absolute http(s) URL, and each image of the article (the
    // lead image and the figures) has its own element.
    for name in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(name) {
            let value = &html[at + name.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let url = value.replace("&amp;", "&");
            assert!(
                article_model::is_safe_http_url(&url),
                "{name} of {url:?} in the view: {html}"
            );
        }
    }
    let images = usize::from(article.image.is_some())
        + article.body.iter().filter(|b| b.is_figure()).count();
    assert_eq!(html.matches("<img ").count(), images, "{html}");
    Some(article)
}

/// The snippet options that `flags` selects: script (bits 0-2), JSON URL (3), excerpt of 1-3
/// paragraphs (4-5), integrity (6), structured data (7).
pub fn snippet_options(flags: u8) -> SnippetOptions {
    let excerpt = u32::from((flags >> 4) & 3);
    SnippetOptions {
        loader: LOADER.into(),
        json_url: (flags & 8 != 0).then(|| "https://publisher.example/news/a.json".into()),
        excerpt: (excerpt > 0).then_some(excerpt),
        integrity: (flags & 0x40 != 0).then(|| snippet::sri_sha384(LOADER.as_bytes())),
        structured_data: flags & 0x80 != 0,
        script: Some(Script::ALL[usize::from(flags & 7) % Script::ALL.len()]),
    }
}

fn converters(configs: &'static [&'static str]) -> Rc<Vec<Converter>> {
    CONVERTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry(configs)
            .or_insert_with(|| {
                Rc::new(
                    article_convert::native_converters(
                        configs,
                        None,
                        script_convert::TofuRisk::Exclude,
                    )
                    .expect("the embedded dictionaries build every config the widget uses"),
                )
            })
            .clone()
    })
}

/// The contents of every `<script …>…</script>` element of `html`.
fn script_contents(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(gt) = rest[open..].find('>') else {
            break;
        };
        let body = &rest[open + gt + 1..];
        let end = body.find("</script>").unwrap_or(body.len());
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

/// `data[0]` picks the options ([`snippet_options`]), `data[1..]` is the document. A valid
/// article's snippet is rendered as `article-widget snippet` renders it; the HTML must hold
/// exactly the script elements asked for, nothing in their data may end or confuse them, the
/// inline data must read back as the same article and the JSON-LD must be JSON.
pub fn snippet(data: &[u8]) {
    let Some((&flags, doc)) = data.split_first() else {
        return;
    };
    let Some(article) = read(doc) else {
        return;
    };
    let o = snippet_options(flags);
    let configs = match snippet::configs_for(&article, o.script) {
        Ok(configs) => configs,
        Err(e) => {
            assert!(e.starts_with("--script"), "{e}");
            return;
        }
    };
    let convs = converters(configs);
    let refs: Vec<&Converter> = convs.iter().collect();
    let shown = snippet::shown_article(&article, o.script, &refs);
    let html = match block_on(snippet::render(&article, &shown, &o)) {
        Ok(html) => html,
        Err(e) => {
            // Only an excerpt of an article with no page to continue at is refused.
            assert!(
                o.excerpt.is_some() && e.starts_with("--excerpt"),
                "refused: {e}"
            );
            return;
        }
    };
    let want = 1 + usize::from(o.json_url.is_none()) + usize::from(o.structured_data);
    let lower = html.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), want, "{html}");
    assert_eq!(lower.matches("</script").count(), want, "{html}");
    let scripts = script_contents(&html);
    assert_eq!(scripts.len(), want, "{html}");
    for body in &scripts {
        assert!(
            !body.contains("<!--"),
            "a comment opener in script data: {body}"
        );
    }
    let mut data = scripts.iter();
    if o.json_url.is_none() {
        let inline = data.next().copied().unwrap_or_default();
        let back = Article::from_json(inline).expect("the inline data is a valid article");
        assert_eq!(back, article, "the inline data is not the article");
    }
    if o.structured_data {
        let ld = data.next().copied().unwrap_or_default();
        json::parse(ld).expect("the JSON-LD is JSON");
    }
}
