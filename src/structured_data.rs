//! schema.org `NewsArticle` structured data (JSON-LD) for an embedded copy of an article.
//!
//! Opt-in: `article-widget snippet --structured-data` puts the block in the snippet, and the
//! element's `structured-data` attribute makes the widget add it to the host page's `<head>`
//! (one per article, however many widgets show it). `isBasedOn` points search engines at the
//! original; the copy itself should still be `noindex` or canonicalized (see the README).
//!
//! The JSON is written by a few lines here rather than through `serde_json::Value`, which
//! would link serde_json's serializer into the widget's module (about 10 KB) for this alone.
//! Tests parse the output with serde_json.

use article_model::{is_safe_http_url, Article, Block, Image};

use crate::components::view;

/// Writes one JSON object; strings are escaped for JSON and, as in the snippet's inline JSON,
/// `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`, so the text is safe inside `<script>`.
struct Obj {
    out: String,
    first: bool,
}

impl Obj {
    fn new() -> Obj {
        Obj {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    fn str(mut self, key: &str, value: &str) -> Obj {
        string(self.key(key), value);
        self
    }

    fn opt(self, key: &str, value: Option<&str>) -> Obj {
        match value {
            Some(v) => self.str(key, v),
            None => self,
        }
    }

    fn num(mut self, key: &str, value: Option<u32>) -> Obj {
        if let Some(n) = value {
            self.key(key).push_str(&n.to_string());
        }
        self
    }

    fn obj(mut self, key: &str, value: Obj) -> Obj {
        let value = value.end();
        self.key(key).push_str(&value);
        self
    }

    fn list(mut self, key: &str, items: impl Iterator<Item = Obj>) -> Obj {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.end());
        }
        out.push(']');
        self
    }

    fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn typed(kind: &str, name: &str, url: Option<&str>) -> Obj {
    Obj::new()
        .str("@type", kind)
        .str("name", name)
        .opt("url", url.filter(|u| is_safe_http_url(u)))
}

/// A schema.org `ImageObject` for an image with a safe URL (the validator refuses others; a
/// hand-built article's are left out).
fn image_object(image: &Image) -> Option<Obj> {
    if !is_safe_http_url(&image.src) {
        return None;
    }
    let (width, height) = image.size().unzip();
    Some(
        Obj::new()
            .str("@type", "ImageObject")
            .str("url", &image.src)
            .num("width", width)
            .num("height", height)
            .opt("caption", image.caption.as_deref())
            .opt("creditText", image.credit.as_deref()),
    )
}

/// The text of the `<script type="application/ld+json">` element for `article`: a schema.org
/// `NewsArticle` with `<` and the other characters above escaped, so nothing in it can close
/// the element. `locale` formats the date in `creditText` as the widget shows it.
pub fn script_text(a: &Article, locale: &str) -> String {
    let mut o = Obj::new()
        .str("@context", "https://schema.org")
        .str("@type", "NewsArticle")
        .str("headline", &a.headline)
        .str("datePublished", &a.date_published)
        .opt("dateModified", a.date_modified.as_deref())
        .str("inLanguage", &a.in_language)
        .opt("description", a.description.as_deref());
    // The lead image first, then the figures', as search engines take the first as the main one.
    let images: Vec<Obj> = a
        .image
        .iter()
        .chain(a.body.iter().filter_map(|b| match b {
            Block::Figure(image) => Some(image),
            _ => None,
        }))
        .filter(|i| !i.decorative)
        .filter_map(image_object)
        .collect();
    if !images.is_empty() {
        o = o.list("image", images.into_iter());
    }
    if !a.corrections.is_empty() {
        o = o.list(
            "correction",
            a.corrections.iter().map(|c| {
                Obj::new()
                    .str("@type", "CorrectionComment")
                    .str("datePublished", &c.date)
                    .str("text", &c.text)
            }),
        );
    }
    if !a.authors.is_empty() {
        let authors = a.authors.iter();
        o = o.list(
            "author",
            authors.map(|p| typed("Person", &p.name, p.url.as_deref())),
        );
    }
    if !a.editors.is_empty() {
        o = o.list(
            "editor",
            a.editors.iter().map(|e| typed("Person", &e.name, None)),
        );
    }
    o = o
        .obj(
            "publisher",
            typed("Organization", &a.source.name, a.source.url.as_deref()),
        )
        .opt(
            "isBasedOn",
            a.url.as_deref().filter(|u| is_safe_http_url(u)),
        );
    if let Some(c) = &a.copyright {
        let mut notice = vec![c.title.as_str()];
        notice.extend(
            c.clauses
                .iter()
                .flat_map(|k| k.paragraphs.iter().map(String::as_str)),
        );
        o = o.str("copyrightNotice", &notice.join("\n"));
        if let Some(holder) = &c.holder {
            o = o.obj("copyrightHolder", typed("Organization", holder, None));
        }
        o = o.opt(
            "license",
            c.license.as_deref().filter(|u| is_safe_http_url(u)),
        );
    }
    o.str("creditText", &view::credit_text(a, locale)).end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_json_and_cannot_close_a_script() {
        let mut out = String::new();
        let hostile = "</script><!-- \"q\" \\ \n\t\u{1}\u{2028}\u{2029}&>";
        string(&mut out, hostile);
        assert!(!out.contains('<') && !out.contains('\u{2028}') && !out.contains('\u{1}'));
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, hostile);
    }

    #[test]
    fn the_seed_gives_a_news_article() {
        let seed = Article::from_json(include_str!("../www/article.json")).unwrap();
        let ld: serde_json::Value = serde_json::from_str(&script_text(&seed, "zh-Hant")).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], seed.headline.as_str());
        assert_eq!(ld["author"][0]["name"], "王小軍");
        assert_eq!(ld["editor"][1]["name"], "蔣碩");
        assert_eq!(ld["publisher"]["url"], "https://www.cri.cn/");
        assert!(ld.get("isBasedOn").is_none(), "the seed has no url");
        assert!(ld.get("license").is_none());
        for absent in ["description", "image", "correction", "dateModified"] {
            assert!(ld.get(absent).is_none(), "the seed has no {absent}");
        }
    }

    #[test]
    fn a_rich_article_gives_its_description_images_and_corrections() {
        for (text, locale) in [
            (
                include_str!("../tests/fixtures/rich/rich.hant.json"),
                "zh-Hant",
            ),
            (
                include_str!("../tests/fixtures/rich/rich.hans.json"),
                "zh-Hans",
            ),
        ] {
            let a = Article::from_json(text).unwrap();
            let ld: serde_json::Value = serde_json::from_str(&script_text(&a, locale)).unwrap();
            assert_eq!(ld["description"], a.description.as_deref().unwrap());
            assert_eq!(ld["dateModified"], a.date_modified.as_deref().unwrap());
            let lead = a.image.as_ref().unwrap();
            let images = ld["image"].as_array().unwrap();
            // The lead image and the three figures, the lead first.
            assert_eq!(images.len(), 4, "{images:?}");
            assert_eq!(
                images[0],
                serde_json::json!({
                    "@type": "ImageObject",
                    "url": lead.src,
                    "width": 1280,
                    "height": 720,
                    "caption": lead.caption.as_deref().unwrap(),
                    "creditText": lead.credit.as_deref().unwrap(),
                })
            );
            // The figure without dimensions has no width or height.
            let unsized_figure = images
                .iter()
                .find(|i| i["url"].as_str().unwrap().ends_with("reading-room.png"))
                .expect("the figure without dimensions");
            assert!(
                unsized_figure.get("width").is_none() && unsized_figure.get("height").is_none()
            );
            let corrections = ld["correction"].as_array().unwrap();
            assert_eq!(corrections.len(), a.corrections.len());
            for (ld, c) in corrections.iter().zip(&a.corrections) {
                assert_eq!(
                    ld,
                    &serde_json::json!({
                        "@type": "CorrectionComment",
                        "datePublished": c.date,
                        "text": c.text,
                    })
                );
            }
        }
    }

    #[test]
    fn decorative_and_unsafe_images_are_left_out() {
        let mut a =
            Article::from_json(include_str!("../tests/fixtures/rich/rich.hant.json")).unwrap();
        a.image.as_mut().unwrap().src = "javascript:alert(1)".to_owned();
        for b in &mut a.body {
            if let Block::Figure(image) = b {
                image.decorative = true;
            }
        }
        let text = script_text(&a, "zh-Hant");
        assert!(!text.contains("javascript"), "{text}");
        let ld: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(ld.get("image").is_none(), "{ld}");
    }
}
