//! schema.org `NewsArticle` structured data (JSON-LD) for an embedded copy of an article.
//!
//! Opt-in: `article-widget snippet --structured-data` puts the block in the snippet, and the
//! element's `structured-data` attribute makes the widget add it to the host page's `<head>`
//! (one per article, however many widgets show it). `isBasedOn` points search engines at the
//! original; the copy itself should still be `noindex` or canonicalized (see the README).

use article_model::Article;
use serde_json::{json, Map, Value};

use crate::view;

/// The `NewsArticle` object for `article`. `locale` formats the date in `creditText` as the
/// widget shows it.
pub fn news_article(a: &Article, locale: &str) -> Value {
    let mut o = Map::new();
    o.insert("@context".into(), "https://schema.org".into());
    o.insert("@type".into(), "NewsArticle".into());
    o.insert("headline".into(), a.headline.as_str().into());
    o.insert("datePublished".into(), a.date_published.as_str().into());
    if let Some(modified) = &a.date_modified {
        o.insert("dateModified".into(), modified.as_str().into());
    }
    o.insert("inLanguage".into(), a.in_language.as_str().into());
    let person = |name: &str, url: Option<&str>| {
        let mut p = json!({ "@type": "Person", "name": name });
        if let Some(url) = url.filter(|u| article_model::is_safe_http_url(u)) {
            p["url"] = url.into();
        }
        p
    };
    if !a.authors.is_empty() {
        let authors = a.authors.iter().map(|p| person(&p.name, p.url.as_deref()));
        o.insert("author".into(), authors.collect());
    }
    if !a.editors.is_empty() {
        let editors = a.editors.iter().map(|e| person(&e.name, None));
        o.insert("editor".into(), editors.collect());
    }
    let mut publisher = json!({ "@type": "Organization", "name": a.source.name });
    if let Some(url) = a
        .source
        .url
        .as_deref()
        .filter(|u| article_model::is_safe_http_url(u))
    {
        publisher["url"] = url.into();
    }
    o.insert("publisher".into(), publisher);
    if let Some(url) = a
        .url
        .as_deref()
        .filter(|u| article_model::is_safe_http_url(u))
    {
        o.insert("isBasedOn".into(), url.into());
    }
    if let Some(c) = &a.copyright {
        let mut notice = vec![c.title.as_str()];
        notice.extend(
            c.clauses
                .iter()
                .flat_map(|k| k.paragraphs.iter().map(String::as_str)),
        );
        o.insert("copyrightNotice".into(), notice.join("\n").into());
        if let Some(holder) = &c.holder {
            o.insert(
                "copyrightHolder".into(),
                json!({ "@type": "Organization", "name": holder }),
            );
        }
        if let Some(license) = c
            .license
            .as_deref()
            .filter(|u| article_model::is_safe_http_url(u))
        {
            o.insert("license".into(), license.into());
        }
    }
    o.insert("creditText".into(), view::credit_text(a, locale).into());
    Value::Object(o)
}

/// The text of the `<script type="application/ld+json">` element: `news_article` serialized
/// with `<`, `>`, `&`, U+2028 and U+2029 escaped, so nothing in it can close the element.
pub fn script_text(a: &Article, locale: &str) -> String {
    crate::inline_json::escape(&news_article(a, locale).to_string())
}
