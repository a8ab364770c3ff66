//! The oEmbed 1.0 `rich` response around a snippet, and the height estimate it carries.

use article_model::Article;

use crate::layout::*;

/// The response's `width`: the widget's own.
const WIDTH: u64 = px(MAX_WIDTH.number());

// The estimate's parts in whole pixels, each from the layout table (`crate::layout`). A line
// box is its font size times its line height; every part is rounded up, so the estimate errs
// on the tall side. (`parts_are_as_described` holds these comments to the numbers.)

/// The text's font size, 16, and in em of it: small text 14, the headline 28 and the script
/// control's buttons 13.
const TEXT_PX: f64 = FONT_SIZE.number();
const SMALL_PX: f64 = TEXT_PX * SMALL_FONT_SIZE.number();
const HEADLINE_PX: f64 = TEXT_PX * HEADLINE_FONT_SIZE.number();
const SCRIPT_PX: f64 = TEXT_PX * SCRIPT_FONT_SIZE.number();

/// A line of text: 16 × 1.75 = 28.
const LINE: u64 = px(TEXT_PX * LINE_HEIGHT.number());
/// A line of small text (sections, meta line, credit lines, the notice's title):
/// 14 × 1.75 = 24.5, so 25.
const SMALL_LINE: u64 = px(SMALL_PX * LINE_HEIGHT.number());
/// A line of the headline: 28 × 1.35 = 37.8, so 38.
const HEADLINE_LINE: u64 = px(HEADLINE_PX * HEADLINE_LINE_HEIGHT.number());

/// The width text is set in: 736 − 2 × 20 = 696.
const CONTENT_WIDTH: f64 = MAX_WIDTH.number() - 2.0 * PADDING_X.number();
/// Whole glyphs a line, CJK glyphs being 1 em wide: 696 / 16, so 43 of text, and 696 / 28,
/// so 24 of the headline.
const TEXT_GLYPHS: u64 = (CONTENT_WIDTH / TEXT_PX) as u64;
const HEADLINE_GLYPHS: u64 = (CONTENT_WIDTH / HEADLINE_PX) as u64;

/// The widget's padding above and below: 2 × 16 = 32.
const PADDING: u64 = 2 * px(PADDING_Y.number());
/// The script control (`.aw-script`), or the snapshot's space for it: the buttons' line box
/// 13 × 1.6 = 20.8, their padding 2 + 2 and the group's border 1 + 1 (a row of 26.8), the row
/// gap 4 above the empty status line and the margin 8 below: 38.8, so 39.
const CONTROL: u64 = px(SCRIPT_PX * SCRIPT_LINE_HEIGHT.number()
    + 2.0 * SCRIPT_PADDING_Y.number()
    + 2.0 * SCRIPT_BORDER.number()
    + SCRIPT_ROW_GAP.number()
    + SCRIPT_MARGIN_BOTTOM.number());
/// The headline's margins: 12 above and 8 below, 20.
const HEADLINE_MARGINS: u64 = px(HEADLINE_MARGIN_TOP.number() + HEADLINE_MARGIN_BOTTOM.number());
/// The meta line: a small line, its bottom padding 12 and its rule 1, 38.
const META: u64 = SMALL_LINE + px(META_PADDING_BOTTOM.number()) + px(RULE_WIDTH.number());
/// Above the body: 16.
const BODY_TOP: u64 = px(BODY_MARGIN_TOP.number());
/// Below each paragraph and the continue-reading link: 1 em of 16 px.
const PARAGRAPH_BOTTOM: u64 = px(TEXT_PX * PARAGRAPH_GAP.number());
/// Above the attribution block: the footer's margin 8 and the block's own 8, 16.
const FOOTER_TOP: u64 = px(FOOTER_MARGIN_TOP.number() + ATTRIBUTION_MARGIN_TOP.number());
/// A line of the attribution block: a small line and the gap 4 above it, 29.
const ATTRIBUTION_LINE: u64 = SMALL_LINE + px(ATTRIBUTION_LINE_GAP.number());
/// The closed notice: its margin 20, its rule 1 and its padding 12 (33), then its title, a
/// small line: 58.
const NOTICE: u64 = px(COPYRIGHT_MARGIN_TOP.number())
    + px(RULE_WIDTH.number())
    + px(COPYRIGHT_PADDING_TOP.number())
    + SMALL_LINE;

/// A length rounded up to whole pixels.
const fn px(length: f64) -> u64 {
    let whole = length as u64;
    if (whole as f64) < length {
        whole + 1
    } else {
        whole
    }
}

/// An estimate of the rendered height in pixels: oEmbed wants one, and the exact value depends
/// on the consumer's fonts. Consumers use it to reserve space; the widget sizes itself. (The
/// end-to-end tests compare it with Chromium's layout of the snippet, within 10%.)
///
/// It adds the widget's padding, the script control (Chinese articles), one small line of
/// sections, the headline's lines (1-em glyphs) and margins, the meta line, each paragraph
/// shown (1-em glyphs) with the gap below it, the continue-reading link of an excerpt, the
/// attribution lines (credit, byline, rights) and the closed notice. It is simpler than the
/// layout, mostly on the tall side: margins that meet are added where the browser keeps the
/// largest (below the body 16 + 8 + 8, where it uses 16; with no sections, the control's 12 and
/// the headline's 12, where it uses 12); the byline, a 28 px line with no gap above it, counts
/// as a small line with its gap (29); the authors line is not counted, a row of fields that
/// wraps counts as one line, and every glyph is 1 em wide (Latin text is narrower).
pub fn estimated_height(article: &Article, excerpt: Option<u32>) -> u32 {
    // Lines of `text` at `per_line` glyphs a line; an empty text still takes one.
    let lines = |text: &str, per_line: u64| -> u64 {
        (text.chars().count() as u64)
            .div_ceil(per_line.max(1))
            .max(1)
    };
    let shown = article_widget::excerpt_paragraphs(article, excerpt);
    let body: u64 = article.body[..shown.unwrap_or(article.body.len())]
        .iter()
        .map(|p| lines(&p.text(), TEXT_GLYPHS).saturating_mul(LINE) + PARAGRAPH_BOTTOM)
        .fold(0, u64::saturating_add);
    let control = if article_convert::source_script(&article.in_language).is_some() {
        CONTROL
    } else {
        0
    };
    let sections = if article.sections.is_empty() {
        0
    } else {
        SMALL_LINE
    };
    let attribution_lines = 1 // the credit line
        + u64::from(article.byline.is_some())
        + u64::from(article.copyright.as_ref().is_some_and(|c| c.holder.is_some() || c.license.is_some()));
    let notice = if article.copyright.is_some() {
        NOTICE
    } else {
        0
    };
    let continue_reading = if shown.is_some() {
        LINE + PARAGRAPH_BOTTOM
    } else {
        0
    };
    let height = PADDING
        + control
        + sections
        + lines(&article.headline, HEADLINE_GLYPHS) * HEADLINE_LINE
        + HEADLINE_MARGINS
        + META
        + BODY_TOP
        + body
        + continue_reading
        + FOOTER_TOP
        + attribution_lines * ATTRIBUTION_LINE
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
        a.body = vec![
            "字".repeat(43).into(),
            "字".repeat(44).into(),
            String::new().into(),
        ];
        out.push((
            "rights line, long headline, paragraphs at a line's edge",
            a,
            None,
        ));
        out
    }

    /// The numbers the comments above give for each part.
    #[test]
    fn parts_are_as_described() {
        assert_eq!(WIDTH, 736);
        assert_eq!(
            (TEXT_PX, SMALL_PX, HEADLINE_PX, SCRIPT_PX),
            (16.0, 14.0, 28.0, 13.0)
        );
        assert_eq!((LINE, SMALL_LINE, HEADLINE_LINE), (28, 25, 38));
        assert_eq!(
            (CONTENT_WIDTH, TEXT_GLYPHS, HEADLINE_GLYPHS),
            (696.0, 43, 24)
        );
        assert_eq!(
            (
                PADDING,
                CONTROL,
                HEADLINE_MARGINS,
                META,
                BODY_TOP,
                PARAGRAPH_BOTTOM
            ),
            (32, 39, 20, 38, 16, 16)
        );
        assert_eq!((FOOTER_TOP, ATTRIBUTION_LINE, NOTICE), (16, 29, 58));
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
