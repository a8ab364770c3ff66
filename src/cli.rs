//! The syndication commands of the native CLI, `snippet` and `oembed`, behind the argument
//! parsing of `src/bin/article-widget.rs` (clap): each takes the parsed options and returns
//! what to print, or the problem (with the file and the JSON path where there is one).

use article_model::Article;

use crate::script::{self, Script};
use crate::snippet::{self, SnippetOptions};

/// The options `snippet` and `oembed` share, as parsed from the command line.
#[derive(Clone, Debug)]
pub struct SnippetArgs {
    /// The article document.
    pub file: String,
    /// Absolute http(s) URL of article-widget.js as the page will load it.
    pub loader: String,
    /// The live widget fetches the article from this URL (else it is inlined).
    pub json_url: Option<String>,
    /// Show the text in this script, converted now.
    pub script: Option<Script>,
    /// Keep the first N paragraphs and link to the rest at the source.
    pub excerpt: Option<u32>,
    /// The loader file served at `loader`: adds its SRI hash to the script tag.
    pub loader_file: Option<String>,
    /// Add a schema.org NewsArticle JSON-LD block.
    pub structured_data: bool,
}

impl SnippetArgs {
    fn options(&self) -> Result<SnippetOptions, String> {
        let integrity = match &self.loader_file {
            Some(file) => {
                Some(snippet::sri_sha384(&std::fs::read(file).map_err(|e| {
                    format!("--loader-file {file}: cannot read: {e}")
                })?))
            }
            None => None,
        };
        Ok(SnippetOptions {
            loader: self.loader.clone(),
            json_url: self.json_url.clone(),
            excerpt: self.excerpt,
            integrity,
            structured_data: self.structured_data,
            script: self.script,
        })
    }
}

/// The message for a document that failed validation: every problem listed (the first
/// [`article_model::MAX_PROBLEMS`], then how many more), each with its JSON path.
fn invalid_document(file: &str, problems: &[article_model::Problem]) -> String {
    let n = article_model::Problem::count(problems);
    let mut msg = format!(
        "{file}: not a valid article document ({n} problem{}):",
        if n == 1 { "" } else { "s" }
    );
    for p in problems {
        msg.push_str(&format!("\n{file}: {p}"));
    }
    msg
}

/// Reads and validates an article document, with every problem's JSON path on failure.
fn read_article(file: &str) -> Result<Article, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    article_model::parse_article(&text).map_err(|problems| invalid_document(file, &problems))
}

/// The article as the snippet shows it, converted with the repository's OpenCC dictionaries
/// (tofu-risk ones left out, as in the widget).
fn shown_article(article: &Article, o: &SnippetOptions) -> Result<Article, String> {
    let configs = snippet::configs_for(article, o.script)?;
    let converters = script::native_converters(configs, None, script_convert::TofuRisk::Exclude)
        .map_err(|e| format!("--script: {e}"))?;
    let refs: Vec<&script_convert::Converter> = converters.iter().collect();
    Ok(snippet::shown_article(article, o.script, &refs))
}

fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    Ok(runtime.block_on(future))
}

/// The widget's rendered width (`--aw-max-width`'s default) and its text metrics, for the
/// oEmbed size hint.
const WIDTH: u64 = 736;
const LINE: u64 = 28; // 16 px × line-height 1.75
const SMALL_LINE: u64 = 25; // 14 px × 1.75 (meta, credit lines, notice)
const CHARS_PER_LINE: u64 = (WIDTH - 40) / 16; // padding 20 px each side; CJK glyphs are 1 em

/// An estimate of the rendered height in pixels: oEmbed wants one, and the exact value depends
/// on the consumer's fonts. Counts 1-em glyphs per line for the headline (1.75 em), the meta
/// line and each paragraph shown, plus the parts of fixed height (script control, sections,
/// attribution lines, notice summary), with the widget's margins. Consumers use it to reserve
/// space; the widget sizes itself. (The end-to-end tests compare it with Chromium's layout.)
pub fn estimated_height(article: &Article, excerpt: Option<u32>) -> u32 {
    let lines = |text: &str, em: u64| -> u64 {
        let per_line = (CHARS_PER_LINE * 4 / em).max(1);
        (text.chars().count() as u64).div_ceil(per_line).max(1)
    };
    let shown = crate::view::excerpt_paragraphs(article, excerpt);
    let body: u64 = article.body[..shown.unwrap_or(article.body.len())]
        .iter()
        .map(|p| lines(p, 4).saturating_mul(LINE) + 16)
        .fold(0, u64::saturating_add);
    let control = if crate::script::source_script(&article.in_language).is_some() {
        39
    } else {
        0
    };
    let sections = if article.sections.is_empty() {
        0
    } else {
        SMALL_LINE
    };
    let credits = 1 // the credit line
        + u64::from(article.byline.is_some())
        + u64::from(article.copyright.as_ref().is_some_and(|c| c.holder.is_some() || c.license.is_some()));
    let notice = if article.copyright.is_some() {
        20 + 13 + SMALL_LINE
    } else {
        0
    };
    let height = 32 // padding
        + control
        + sections
        + lines(&article.headline, 7) * 38 + 20 // 1.75 em, line-height 1.35; margins 12 and 8 px
        + SMALL_LINE + 12 + 1 // meta line, its bottom padding and its rule
        + 16 + body
        + if shown.is_some() { LINE + 16 } else { 0 } // continue reading
        + 16 + credits * (SMALL_LINE + 4)
        + notice;
    u32::try_from(height).unwrap_or(u32::MAX)
}

/// `article-widget snippet`: the paste-ready HTML.
pub fn snippet(args: &SnippetArgs) -> Result<String, String> {
    let options = args.options()?;
    let article = read_article(&args.file)?;
    let shown = shown_article(&article, &options)?;
    block_on(snippet::render(&article, &shown, &options))?
}

/// `article-widget oembed`: the oEmbed 1.0 rich response (JSON) whose html is the snippet;
/// consumers may cache it for `cache_age` seconds.
pub fn oembed(args: &SnippetArgs, cache_age: u64) -> Result<String, String> {
    let options = args.options()?;
    let article = read_article(&args.file)?;
    let shown = shown_article(&article, &options)?;
    let html = block_on(snippet::render(&article, &shown, &options))??;
    let author_name = if !article.authors.is_empty() {
        let names: Vec<&str> = article.authors.iter().map(|p| p.name.as_str()).collect();
        names.join(", ")
    } else {
        article
            .byline
            .clone()
            .unwrap_or_else(|| article.source.name.clone())
    };
    let mut response = serde_json::json!({
        "type": "rich",
        "version": "1.0",
        "title": article.headline,
        "author_name": author_name,
        "provider_name": article.source.name,
        "cache_age": cache_age,
        "html": html,
        "width": WIDTH,
        "height": estimated_height(&article, options.excerpt),
    });
    let safe = |u: &Option<String>| u.clone().filter(|u| article_model::is_safe_http_url(u));
    if let Some(url) = article.authors.first().and_then(|p| safe(&p.url)) {
        response["author_url"] = url.into();
    }
    if let Some(url) =
        safe(&article.source.url).or_else(|| crate::view::origin_url(&article).map(str::to_owned))
    {
        response["provider_url"] = url.into();
    }
    let mut out = serde_json::to_string_pretty(&response).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out)
}

/// `conversion.slices` as JSON, in the document's field order (see `crates/script-convert/FORMAT.md`, Slices).
fn slices_json(slices: &article_model::Slices) -> article_model::json::Json {
    use article_model::json::Json;
    let s = |v: &str| Json::String(v.to_owned());
    let obj = |members: Vec<(&str, Json)>| {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    };
    obj(vec![
        ("version", Json::Number(slices.version.to_string())),
        (
            "targets",
            Json::Array(
                slices
                    .targets
                    .iter()
                    .map(|t| {
                        obj(vec![
                            ("target", s(&t.target)),
                            ("configs", s(&t.configs)),
                            ("input", s(&t.input)),
                            ("crc32", s(&t.crc32)),
                            (
                                "groups",
                                Json::Array(
                                    t.groups
                                        .iter()
                                        .map(|g| {
                                            obj(vec![
                                                ("group", s(&g.group)),
                                                ("dict", s(&g.dict)),
                                                ("first", s(&g.first)),
                                                ("other", s(&g.other)),
                                            ])
                                        })
                                        .collect(),
                                ),
                            ),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// `article-widget prepare`: the document with `conversion.slices` written (replacing any
/// there): for every target the widget can convert this article into, the dictionary entries
/// the converter chose (see `article_convert::slice`). Everything else in the document, unknown
/// fields and field order included, is kept as it was. `data`: OpenCC text data to use instead
/// of the built-in dictionaries (deploy `dict build --data` output from the same data).
pub fn prepare(file: &str, data: Option<&std::path::Path>) -> Result<String, String> {
    use article_model::json::{self, Json};
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let mut doc = json::parse_bytes(&bytes).map_err(|e| format!("{file}: {e}"))?;
    let article = article_model::article_from_json(&doc)
        .map_err(|problems| invalid_document(file, &problems))?;
    if script::source_script(&article.in_language).is_none() {
        return Err(format!(
            "{file}: $.inLanguage: {:?} is not Chinese, so the widget converts nothing and a slice would be unused",
            article.in_language
        ));
    }
    let slices = script::native_slices(&article, data)?;
    let Json::Object(members) = &mut doc else {
        return Err(format!("{file}: $: expected an object"));
    };
    let conversion = match members.iter().position(|(k, _)| k == "conversion") {
        Some(i) => &mut members[i].1,
        None => {
            members.push(("conversion".to_owned(), Json::Object(Vec::new())));
            &mut members.last_mut().expect("just pushed").1
        }
    };
    let Json::Object(fields) = conversion else {
        return Err(format!("{file}: $.conversion: expected an object"));
    };
    fields.retain(|(k, _)| k != "slices");
    fields.push(("slices".to_owned(), slices_json(&slices)));
    let mut out = doc.to_pretty();
    out.push('\n');
    // What is written must read back as the same article with these slices.
    let back = article_model::parse_article(&out).map_err(|p| {
        format!(
            "{file}: the prepared document does not validate: {}",
            p.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    if back.conversion.and_then(|c| c.slices).as_ref() != Some(&slices) {
        return Err(format!("{file}: the prepared slices do not read back"));
    }
    Ok(out)
}
