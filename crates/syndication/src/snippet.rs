//! The syndication snippet: paste-ready HTML that reads correctly without JavaScript and
//! upgrades to the live widget when the loader runs (`article-widget snippet`).
//!
//! ```text
//! <article-widget data-snapshot style="display:block" [src=JSON_URL] [excerpt=N] [script=S]>
//!   <div class="aw-snapshot" style=…>  server-side rendering of ArticleView, inline styles
//!   <script type="application/json">   the article, when there is no JSON_URL
//!   <script type="application/ld+json"> schema.org NewsArticle, with --structured-data
//! </article-widget>
//! <script async src=LOADER [integrity=sha384-… crossorigin=anonymous]></script>
//! ```
//!
//! The snapshot is rendered by the same component as the live widget ([`ArticleView`] under
//! Yew's `LocalServerRenderer`), so the two cannot drift apart. Blog platforms often strip
//! `<style>` elements, so the snapshot carries a few inline `style` attributes (the layout
//! metrics of `www/article-widget.css`, from [`crate::layout`], so the live widget replaces it
//! without a jump) and relies on
//! `<details>` for the collapsible notice.

use std::rc::Rc;

use article_model::Article;
use yew::LocalServerRenderer;

use crate::layout::*;
use article_convert::Script;
use article_widget::{excerpt_paragraphs, origin_url, ArticleView, ArticleViewProps};

/// What `article-widget snippet` was asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnippetOptions {
    /// Absolute http(s) URL of `article-widget.js`.
    pub loader: String,
    /// Where the live widget fetches the article; without it the article is carried inline.
    pub json_url: Option<String>,
    /// Keep the first N paragraphs and link to the rest at the source.
    pub excerpt: Option<u32>,
    /// The loader's Subresource Integrity value (`sha384-…`), when its file was given.
    pub integrity: Option<String>,
    /// Add a schema.org `NewsArticle` JSON-LD block (see [`article_widget::structured_data`]).
    pub structured_data: bool,
    /// The script the snapshot is shown in; the live widget is told to keep it (`script`
    /// attribute). `None` is as published.
    pub script: Option<Script>,
}

/// The OpenCC configs that convert `article` into `script`, in order (empty when it is shown
/// as published). Refuses a script for an article that is not in Chinese.
pub fn configs_for(
    article: &Article,
    script: Option<Script>,
) -> Result<&'static [&'static str], String> {
    let target = script.unwrap_or(Script::Original);
    match article_convert::plan_for(article, target) {
        Some(configs) => Ok(configs),
        None if target == Script::Original => Ok(&[]),
        None => Err(format!(
            "--script {}: the article's inLanguage {:?} is not Chinese, so there is nothing to \
             convert; leave --script out",
            target.as_str(),
            article.in_language
        )),
    }
}

/// The article as the snippet shows it: converted with `converters` (built for
/// [`configs_for`], tofu-risk dictionaries left out, as the widget does) and the article's
/// overrides, its `inLanguage` the tag of the text shown. As published when there is nothing
/// to convert.
pub fn shown_article(
    article: &Article,
    script: Option<Script>,
    converters: &[&script_convert::Converter],
) -> Article {
    let target = script.unwrap_or(Script::Original);
    if converters.is_empty() {
        return article.clone();
    }
    let mut shown = article_convert::convert_article(
        article,
        target,
        converters,
        article_convert::ConvertOptions::default(),
    );
    shown.in_language = article_convert::shown_lang(article, target);
    shown
}

/// Where the live widget shows its script control (Chinese articles), the snapshot keeps an
/// empty line of the control's height, so nothing below moves on upgrade. Without script
/// the control could not work, so the snapshot does not pretend to have one.
fn control_space(article: &Article) -> yew::Html {
    if article_convert::source_script(&article.in_language).is_none() {
        return yew::Html::default();
    }
    yew::html! { <div class="aw-script-space" aria-hidden="true">{ "\u{a0}" }</div> }
}

/// Checks the options against the article; the message names the option and the fix.
pub fn check(article: &Article, o: &SnippetOptions) -> Result<(), String> {
    if !article_model::is_safe_http_url(&o.loader) {
        return Err(format!(
            "--loader {:?}: give the absolute http(s) URL of article-widget.js, e.g. \
             https://cdn.example/article-widget/article-widget.js",
            o.loader
        ));
    }
    if let Some(url) = &o.json_url {
        if !article_model::is_safe_http_url(url) {
            return Err(format!(
                "--json-url {url:?}: give the absolute http(s) URL of the article's JSON document"
            ));
        }
    }
    match o.excerpt {
        Some(0) => Err("--excerpt 0: give the number of paragraphs to keep, at least 1".into()),
        Some(_) if origin_url(article).is_none() => Err(
            "--excerpt needs a page to continue reading at: the article has neither `url` nor \
             `source.url` (an absolute http(s) URL); add one of them to the document"
                .into(),
        ),
        _ => Ok(()),
    }
}

/// Renders the snippet of `article` as published, showing `shown`: the same article converted
/// into `o.script` (see [`article_convert::convert_article`]; `article` itself when no script is
/// asked for), with its `inLanguage` the tag of the text shown ([`article_convert::shown_lang`]).
/// The inline data is the article as published, so the live widget converts it the same way.
pub async fn render(
    article: &Article,
    shown: &Article,
    o: &SnippetOptions,
) -> Result<String, String> {
    check(article, o)?;
    let excerpt = o
        .excerpt
        .filter(|_| excerpt_paragraphs(article, o.excerpt).is_some());
    let view = LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        article: Rc::new(shown.clone()),
        locale: None,
        instance: 0,
        excerpt,
        images: Default::default(),
        lang: None,
        controls: control_space(article),
        ui_lang: None,
        progressive: false,
        on_rendered: Default::default(),
    })
    .hydratable(false)
    .render()
    .await;

    // display:block, as the live widget's :host rule makes it, so nothing moves on upgrade.
    let mut out = String::from("<article-widget data-snapshot style=\"display:block\"");
    if let Some(url) = &o.json_url {
        push_attr(&mut out, "src", url);
    }
    if let Some(n) = excerpt {
        push_attr(&mut out, "excerpt", &n.to_string());
    }
    if let Some(script) = o.script.filter(|s| *s != Script::Original) {
        push_attr(&mut out, "script", script.as_str());
    }
    out.push_str(">\n<div class=\"aw-snapshot\" style=\"");
    out.push_str(&root_style());
    out.push_str("\">");
    out.push_str(&inline_styles(&view));
    out.push_str("</div>\n");
    if o.json_url.is_none() {
        out.push_str("<script type=\"application/json\" data-article>");
        out.push_str(&crate::inline_json::to_script_json(article)?);
        out.push_str("</script>\n");
    }
    if o.structured_data {
        // Marked with the article's key, so a widget with the `structured-data` attribute
        // showing the same article does not add a second block to the page.
        out.push_str("<script type=\"application/ld+json\"");
        push_attr(
            &mut out,
            "data-aw-ld",
            &article_widget::article_key(article),
        );
        out.push('>');
        out.push_str(&article_widget::structured_data::script_text(
            shown,
            &shown.in_language,
        ));
        out.push_str("</script>\n");
    }
    out.push_str("</article-widget>\n<script async");
    push_attr(&mut out, "src", &o.loader);
    if let Some(integrity) = &o.integrity {
        push_attr(&mut out, "integrity", integrity);
        push_attr(&mut out, "crossorigin", "anonymous");
    }
    out.push_str("></script>\n");
    Ok(out)
}

/// The loader's Subresource Integrity value: `sha384-` and the base64 of its SHA-384 digest.
pub fn sri_sha384(bytes: &[u8]) -> String {
    use base64ct::Encoding;
    use sha2::Digest;
    let digest = sha2::Sha384::digest(bytes);
    format!("sha384-{}", base64ct::Base64::encode_string(&digest))
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&escape_attr(value));
    out.push('"');
}

/// Escapes an attribute value for a double-quoted attribute.
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The snapshot's outer box: the metrics of `.article-widget` in `www/article-widget.css`,
/// behind the same custom properties, so a page's theme sizes both alike. Colours are left
/// to the page. `all: initial` has no inline equivalent, so the inherited properties that
/// matter for layout are reset one by one.
fn root_style() -> String {
    format!(
        "display:block;box-sizing:border-box;max-width:var(--aw-max-width,{MAX_WIDTH});\
         margin:0 auto;padding:var(--aw-padding,{PADDING_Y} {PADDING_X});\
         font-family:var(--aw-font-family,{FONT_FAMILY});font-size:var(--aw-font-size,{FONT_SIZE});\
         font-style:normal;font-weight:{FONT_WEIGHT};line-height:{LINE_HEIGHT};\
         letter-spacing:normal;text-align:start;text-indent:0;text-transform:none;\
         overflow-wrap:anywhere"
    )
}

/// The rule under the meta line and above the notice.
fn rule() -> String {
    format!("{RULE_WIDTH} solid var(--aw-color-rule,{RULE_COLOR})")
}

/// The space the script control will take (`aw-script-space`) ends where the live control's
/// margin does: below its status line's row gap (the status line is empty) and its margin.
/// That holds where sections follow. Where the headline follows, its 12 px margin and this one
/// collapse to 12 px, while the live control's 8 px margin does not hold the row gap: the live
/// headline sits 4 px lower than the snapshot's (measured in Chromium).
const SCRIPT_SPACE_MARGIN: Value =
    Value::Px(SCRIPT_ROW_GAP.number() + SCRIPT_MARGIN_BOTTOM.number());

/// The snapshot has no `|` between sections; twice the separator's padding spaces them about
/// alike (the glyph's own width aside).
const SECTIONS_COLUMN_GAP: Value = Value::Em(2.0 * SECTION_SEPARATOR_PADDING.number());

/// Inline style for an element of the rendered view, by its own class, or else by its tag and
/// the class of its nearest ancestor that has one. Mirrors the layout of
/// `www/article-widget.css`, from the same table ([`crate::layout`]). Two declarations differ
/// from the stylesheet's: the clauses of an opened notice have no [`CLAUSES_MARGIN_TOP`]
/// (12 px less than the live widget's), and the first line of the attribution block has an
/// [`ATTRIBUTION_LINE_GAP`] above it even with no byline before it (it collapses into the
/// larger margins above, so nothing shows).
fn style_for(tag: &str, class: Option<&str>, context: Option<&str>) -> Option<String> {
    let s = match (class, tag, context) {
        (Some("aw-article" | "aw-header" | "aw-clauses"), ..) => {
            "display:block;margin:0;padding:0".to_owned()
        }
        // The script control's box: its buttons' font size, line height and padding, and the
        // group's border (transparent: there are no buttons to frame), then the margin.
        (Some("aw-script-space"), ..) => format!(
            "display:block;margin:0 0 {SCRIPT_SPACE_MARGIN};padding:{SCRIPT_PADDING_Y} 0;\
             border:{SCRIPT_BORDER} solid transparent;font-size:{SCRIPT_FONT_SIZE};\
             line-height:{SCRIPT_LINE_HEIGHT}"
        ),
        (Some("aw-sections"), ..) => "display:block;margin:0;padding:0".to_owned(),
        (None, "ul", Some("aw-sections")) => format!(
            "display:flex;flex-wrap:wrap;gap:{FIELD_ROW_GAP} {SECTIONS_COLUMN_GAP};\
             list-style:none;margin:0;padding:0;font-size:{SMALL_FONT_SIZE}"
        ),
        (None, "li", Some("aw-sections")) => "margin:0;padding:0".to_owned(),
        (Some("aw-headline"), ..) => format!(
            "margin:{HEADLINE_MARGIN_TOP} 0 {HEADLINE_MARGIN_BOTTOM};padding:0;\
             font-size:{HEADLINE_FONT_SIZE};font-weight:{HEADLINE_FONT_WEIGHT};\
             line-height:{HEADLINE_LINE_HEIGHT}"
        ),
        (Some("aw-meta"), ..) => format!(
            "display:flex;flex-wrap:wrap;gap:{FIELD_ROW_GAP} {FIELD_COLUMN_GAP};margin:0;\
             padding:0 0 {META_PADDING_BOTTOM};border-bottom:{rule};font-size:{SMALL_FONT_SIZE}",
            rule = rule()
        ),
        (Some("aw-body"), ..) => format!("display:block;margin:{BODY_MARGIN_TOP} 0 0;padding:0"),
        (None, "p", Some("aw-body")) => {
            format!("margin:0 0 {PARAGRAPH_GAP};padding:0;text-indent:{PARAGRAPH_INDENT}")
        }
        (Some("aw-continue"), ..) => format!("margin:0 0 {PARAGRAPH_GAP};padding:0"),
        (Some("aw-footer"), ..) => {
            format!("display:block;margin:{FOOTER_MARGIN_TOP} 0 0;padding:0")
        }
        (Some("aw-attribution"), ..) => {
            format!("display:block;margin:{ATTRIBUTION_MARGIN_TOP} 0 0;padding:0")
        }
        (Some("aw-byline"), ..) => "margin:0;padding:0;text-align:end".to_owned(),
        (Some("aw-authors" | "aw-credit"), ..) => {
            format!("margin:{ATTRIBUTION_LINE_GAP} 0 0;padding:0;font-size:{SMALL_FONT_SIZE}")
        }
        (Some("aw-rights"), ..) => format!(
            "display:flex;flex-wrap:wrap;gap:{FIELD_ROW_GAP} {FIELD_COLUMN_GAP};\
             margin:{ATTRIBUTION_LINE_GAP} 0 0;padding:0;font-size:{SMALL_FONT_SIZE}"
        ),
        (Some("aw-copyright"), ..) => format!(
            "display:block;margin:{COPYRIGHT_MARGIN_TOP} 0 0;padding:{COPYRIGHT_PADDING_TOP} 0 0;\
             border-top:{rule};font-size:{SMALL_FONT_SIZE}",
            rule = rule()
        ),
        (None, "summary", Some("aw-copyright")) => {
            format!("display:list-item;cursor:pointer;font-weight:{COPYRIGHT_TITLE_WEIGHT}")
        }
        // A rich article's blocks, as the stylesheet's rules for them. Colours are left to
        // the page but for the rules (the quote's and the corrections' borders).
        (Some("aw-standfirst"), ..) => format!(
            "margin:0 0 {STANDFIRST_MARGIN_BOTTOM};padding:0;font-size:{STANDFIRST_FONT_SIZE}"
        ),
        (Some("aw-figure"), ..) => {
            format!("display:block;margin:0 0 {FIGURE_MARGIN_BOTTOM};padding:0")
        }
        (None, "figcaption", Some("aw-figure")) => format!(
            "display:block;margin:{CAPTION_MARGIN_TOP} 0 0;padding:0;\
             font-size:{CAPTION_FONT_SIZE};line-height:{CAPTION_LINE_HEIGHT}"
        ),
        (Some("aw-subhead"), ..) => format!(
            "margin:{SUBHEAD_MARGIN_TOP} 0 {SUBHEAD_MARGIN_BOTTOM};padding:0;\
             font-size:{SUBHEAD_FONT_SIZE};font-weight:{SUBHEAD_FONT_WEIGHT};\
             line-height:{SUBHEAD_LINE_HEIGHT}"
        ),
        (Some("aw-quote"), ..) => format!(
            "display:block;margin:0 0 {QUOTE_MARGIN_BOTTOM};padding:0;\
             padding-inline-start:{QUOTE_PADDING_START};\
             border-inline-start:{QUOTE_RULE_WIDTH} solid var(--aw-color-rule,{RULE_COLOR})"
        ),
        (None, "blockquote" | "p", Some("aw-quote")) => {
            "display:block;margin:0;padding:0;text-indent:0".to_owned()
        }
        (Some("aw-cite"), ..) => format!(
            "display:block;margin:{CITE_MARGIN_TOP} 0 0;padding:0;font-size:{CITE_FONT_SIZE}"
        ),
        (Some("aw-list"), ..) => format!(
            "margin:0 0 {LIST_MARGIN_BOTTOM};padding:0;padding-inline-start:{LIST_PADDING_START}"
        ),
        (None, "li", Some("aw-list")) => "margin:0;padding:0".to_owned(),
        (Some("aw-corrections"), ..) => format!(
            "display:block;margin:{CORRECTIONS_MARGIN_TOP} 0 {CORRECTIONS_MARGIN_BOTTOM};\
             padding:{CORRECTIONS_PADDING_Y} {CORRECTIONS_PADDING_X};\
             border:{CORRECTIONS_BORDER} solid var(--aw-color-rule,{RULE_COLOR});\
             border-radius:{CORRECTIONS_RADIUS};font-size:{CORRECTIONS_FONT_SIZE}"
        ),
        (Some("aw-corrections-title"), ..) => format!(
            "margin:0 0 {CORRECTIONS_TITLE_MARGIN_BOTTOM};padding:0;\
             font-size:{CORRECTIONS_TITLE_FONT_SIZE};font-weight:{CORRECTIONS_TITLE_FONT_WEIGHT};\
             line-height:{LINE_HEIGHT}"
        ),
        (None, "ul", Some("aw-corrections")) => "list-style:none;margin:0;padding:0".to_owned(),
        (None, "li", Some("aw-corrections")) => "margin:0;padding:0".to_owned(),
        (Some("aw-clause"), ..) => "display:block;margin:0;padding:0".to_owned(),
        (None, "p", Some("aw-clause")) => format!("margin:0 0 {CLAUSE_GAP};padding:0"),
        _ => return None,
    };
    Some(s)
}

/// The inline style of a figure's image: never wider than its column, its height following
/// its width; given both dimensions, their ratio reserves the box before the image loads
/// (`aspect-ratio`, which browsers also derive from the attributes, written out for readers
/// whose browser does not). Without them the image takes its natural ratio once it loads.
fn image_style(tag: &str) -> String {
    let dimension = |name| {
        attr(tag, name)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| *n > 0)
    };
    let mut style = String::from("display:block;max-width:100%;height:auto");
    if let (Some(w), Some(h)) = (dimension("width"), dimension("height")) {
        style.push_str(&format!(";aspect-ratio:{w}/{h}"));
    }
    style
}

/// Elements that have no end tag: they are not pushed as a context.
const VOID_ELEMENTS: [&str; 6] = ["img", "br", "hr", "wbr", "source", "input"];

/// Adds `style` attributes to the server-rendered view. The input is Yew's own output for our
/// components: well-formed, attribute values double-quoted and escaped, text escaped (so a `<`
/// always starts a tag), void elements (`img`) without end tags, and no `style` attributes
/// of its own.
fn inline_styles(html: &str) -> String {
    let mut out = String::with_capacity(html.len() * 3 / 2);
    // Per open element: its own class, and its class or else the inherited context class.
    let mut stack: Vec<(Option<String>, Option<String>)> = Vec::new();
    // The class of the element that ended last, where the next one is its next sibling (a
    // credit after a caption is spaced from it, as `.aw-caption + .aw-image-credit`).
    let mut previous: Option<String> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let tag = &rest[open..open + len + 1];
        rest = &rest[open + len + 1..];
        // `part` names let the page style the live widget's shadow tree (`::part()`); they
        // mean nothing in the light-DOM snapshot, which keeps its markup without them.
        let unparted;
        let tag = match attr(tag, "part") {
            Some(part) => {
                unparted = tag.replacen(&format!(" part=\"{part}\""), "", 1);
                unparted.as_str()
            }
            None => tag,
        };
        if tag.starts_with("</") {
            previous = stack.pop().and_then(|(own, _)| own);
            out.push_str(tag);
            continue;
        }
        if tag.starts_with("<!") {
            out.push_str(tag);
            continue;
        }
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let classes = attr(tag, "class").unwrap_or("");
        let class = attr(tag, "class").map(|c| c.split(' ').next().unwrap_or("").to_owned());
        let context = stack.last().and_then(|(_, c)| c.clone());
        let mut style = if name == "img" {
            Some(image_style(tag))
        } else {
            style_for(&name, class.as_deref(), context.as_deref())
        };
        if let Some(style) = style.as_mut() {
            if classes.split(' ').any(|c| c == "aw-lead") {
                style.push_str(&format!(";margin-top:{LEAD_MARGIN_TOP}"));
            }
        }
        if class.as_deref() == Some("aw-image-credit") && previous.as_deref() == Some("aw-caption")
        {
            style = Some(format!("margin-inline-start:{CREDIT_GAP}"));
        }
        previous = None;
        match style {
            Some(style) => {
                out.push_str(&tag[..tag.len() - 1]);
                out.push_str(" style=\"");
                out.push_str(&style);
                out.push_str("\">");
            }
            None => out.push_str(tag),
        }
        if VOID_ELEMENTS.contains(&name.as_str()) || tag.ends_with("/>") {
            continue;
        }
        stack.push((class.clone(), class.or(context)));
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in an opening tag rendered by Yew (`name="value"`).
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_follow_classes_and_context() {
        let html = "<div class=\"aw-body\"><p>a &lt;b&gt;</p></div><details class=\"aw-copyright\"><summary>t</summary></details>";
        let out = inline_styles(html);
        assert!(out.starts_with("<div class=\"aw-body\" style=\"display:block;margin:16px 0 0;padding:0\"><p style=\"margin:0 0 1em;padding:0;text-indent:2em\">a &lt;b&gt;</p></div>"), "{out}");
        assert!(out.contains(
            "<summary style=\"display:list-item;cursor:pointer;font-weight:600\">t</summary>"
        ));
    }

    #[test]
    fn figures_are_styled_and_an_image_ends_no_context() {
        // Yew writes `<img>` without an end tag: the paragraph after the figure is the body's
        // again, not the figure's.
        let html = "<div class=\"aw-body\"><figure class=\"aw-figure aw-lead\"><img src=\"https://i.example/a.png\" width=\"960\" height=\"640\"><figcaption><span class=\"aw-caption\">c</span><span class=\"aw-image-credit\">r</span></figcaption></figure><p>t</p><figure class=\"aw-figure\"><img src=\"https://i.example/b.png\"><figcaption><span class=\"aw-image-credit\">r</span></figcaption></figure></div>";
        let out = inline_styles(html);
        assert!(out.contains("<figure class=\"aw-figure aw-lead\" style=\"display:block;margin:0 0 1em;padding:0;margin-top:16px\">"), "{out}");
        assert!(out.contains("height=\"640\" style=\"display:block;max-width:100%;height:auto;aspect-ratio:960/640\">"), "{out}");
        assert!(out.contains("<img src=\"https://i.example/b.png\" style=\"display:block;max-width:100%;height:auto\">"), "{out}");
        assert!(out.contains("<figcaption style=\"display:block;margin:6px 0 0;padding:0;font-size:0.875em;line-height:1.6\">"), "{out}");
        // A credit after a caption is spaced from it; a credit alone is not.
        assert!(out.contains("<span class=\"aw-image-credit\" style=\"margin-inline-start:0.75em\">r</span></figcaption></figure><p style=\"margin:0 0 1em;padding:0;text-indent:2em\">t</p>"), "{out}");
        assert!(out.ends_with("<figcaption style=\"display:block;margin:6px 0 0;padding:0;font-size:0.875em;line-height:1.6\"><span class=\"aw-image-credit\">r</span></figcaption></figure></div>"), "{out}");
    }

    #[test]
    fn a_zero_or_unreadable_dimension_reserves_nothing() {
        for tag in [
            "<img width=\"0\" height=\"10\">",
            "<img width=\"10\">",
            "<img width=\"x\" height=\"10\">",
        ] {
            assert_eq!(
                image_style(tag),
                "display:block;max-width:100%;height:auto",
                "{tag}"
            );
        }
    }

    #[test]
    fn part_names_stay_out_of_the_snapshot() {
        let html = "<h1 part=\"headline\" class=\"aw-headline\">t</h1><p part=\"meta\">m</p>";
        let out = inline_styles(html);
        assert!(!out.contains("part="), "{out}");
        assert!(
            out.starts_with("<h1 class=\"aw-headline\" style=\""),
            "{out}"
        );
        assert!(out.ends_with("<p>m</p>"), "{out}");
    }

    #[test]
    fn sri_is_the_base64_sha384() {
        // FIPS 180-2 test vector "abc", base64 of cb00753f…c825a7.
        assert_eq!(
            sri_sha384(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(escape_attr("a\"b&<c>"), "a&quot;b&amp;&lt;c&gt;");
    }
}
