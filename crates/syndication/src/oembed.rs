//! The oEmbed 1.0 `rich` response around a snippet, and the height estimate it carries.

use article_model::Article;

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
    let shown = article_widget::excerpt_paragraphs(article, excerpt);
    let body: u64 = article.body[..shown.unwrap_or(article.body.len())]
        .iter()
        .map(|p| lines(p, 4).saturating_mul(LINE) + 16)
        .fold(0, u64::saturating_add);
    let control = if article_convert::source_script(&article.in_language).is_some() {
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

/// The oEmbed response (JSON text): `html` is the snippet of `article`; consumers may cache it
/// for `cache_age` seconds. The size is the widget's width and [`estimated_height`].
pub fn response(article: &Article, html: String, excerpt: Option<u32>, cache_age: u64) -> String {
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
        "height": estimated_height(article, excerpt),
    });
    let safe = |u: &Option<String>| u.clone().filter(|u| article_model::is_safe_http_url(u));
    if let Some(url) = article.authors.first().and_then(|p| safe(&p.url)) {
        response["author_url"] = url.into();
    }
    if let Some(url) =
        safe(&article.source.url).or_else(|| article_widget::origin_url(article).map(str::to_owned))
    {
        response["provider_url"] = url.into();
    }
    let mut out = serde_json::to_string_pretty(&response).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Article {
        article_model::parse_article(include_str!("../../../www/article.json")).unwrap()
    }

    /// The seed and variants that take each branch of the estimate.
    fn variants() -> Vec<(&'static str, Article, Option<u32>)> {
        let mut out = vec![("seed", seed(), None), ("seed, excerpt 2", seed(), Some(2))];
        let mut a = seed();
        a.in_language = "en".into();
        out.push(("English: no script control", a, None));
        let mut a = seed();
        a.sections.clear();
        a.byline = None;
        a.copyright = None;
        out.push(("no sections, byline or notice", a, Some(1)));
        let mut a = seed();
        if let Some(c) = a.copyright.as_mut() {
            c.holder = Some("CRI".into());
        }
        a.headline = "長".repeat(100);
        a.body = vec!["字".repeat(43), "字".repeat(44), String::new()];
        out.push((
            "rights line, long headline, paragraphs at a line's edge",
            a,
            None,
        ));
        out
    }

    /// The estimate's results, pinned: a change to the layout table or to the arithmetic that
    /// moves them is a change to the oEmbed responses (and to the end-to-end comparison).
    #[test]
    fn estimates_are_pinned() {
        let got: Vec<(&str, u32)> = variants()
            .into_iter()
            .map(|(name, a, excerpt)| (name, estimated_height(&a, excerpt)))
            .collect();
        assert_eq!(
            got,
            [
                ("seed", 1373),
                ("seed, excerpt 2", 725),
                ("English: no script control", 1334),
                ("no sections, byline or notice", 400),
                (
                    "rights line, long headline, paragraphs at a line's edge",
                    681
                ),
            ]
        );
    }
}
