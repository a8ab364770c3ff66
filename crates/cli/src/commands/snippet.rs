//! `article-widget snippet`: paste-ready HTML, readable without JavaScript.

use article_convert::Script;
use article_model::Article;
use article_widget_syndication::snippet::{self, SnippetOptions};

use super::{block_on, read_article};

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
    /// The largest article document (and loader file) read, in bytes.
    pub max_bytes: u64,
}

impl SnippetArgs {
    pub(super) fn options(&self) -> Result<SnippetOptions, String> {
        let integrity = match &self.loader_file {
            Some(file) => Some(snippet::sri_sha384(
                &super::read_capped(file, self.max_bytes)
                    .map_err(|e| format!("--loader-file {e}"))?,
            )),
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

/// The article as the snippet shows it, converted with the repository's OpenCC dictionaries
/// (tofu-risk ones left out, as in the widget).
pub(super) fn shown_article(article: &Article, o: &SnippetOptions) -> Result<Article, String> {
    let configs = snippet::configs_for(article, o.script)?;
    let converters =
        article_convert::native_converters(configs, None, script_convert::TofuRisk::Exclude)
            .map_err(|e| format!("--script: {e}"))?;
    let refs: Vec<&script_convert::Converter> = converters.iter().collect();
    Ok(snippet::shown_article(article, o.script, &refs))
}

/// The paste-ready HTML.
pub fn run(args: &SnippetArgs) -> Result<String, String> {
    let options = args.options()?;
    let article = read_article(&args.file, args.max_bytes)?;
    let shown = shown_article(&article, &options)?;
    block_on(snippet::render(&article, &shown, &options))?
}
