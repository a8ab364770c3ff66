//! `article-widget oembed`: the oEmbed 1.0 rich response whose html is the snippet.

use article_widget_syndication::{oembed, snippet};

use super::snippet::{shown_article, SnippetArgs};
use super::{block_on, read_article};

/// The response (JSON); consumers may cache it for `cache_age` seconds.
pub fn run(args: &SnippetArgs, cache_age: u64) -> Result<String, String> {
    let options = args.options()?;
    let article = read_article(&args.file, args.max_bytes)?;
    let shown = shown_article(&article, &options)?;
    let html = block_on(snippet::render(&article, &shown, &options))??;
    Ok(oembed::response(&article, html, options.excerpt, cache_age))
}
