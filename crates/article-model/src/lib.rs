//! The article format v1 used by article-widget.
//!
//! A document is plain JSON (see `www/schema/article.v1.json` for the JSON Schema). Field names
//! follow schema.org `NewsArticle` and IPTC ninjs where they fit. Unknown fields are ignored so
//! that publishers can send richer documents; missing or malformed fields are reported with their
//! JSON path and a hint on how to fix them.
//!
//! This crate has no web dependencies: it is used by the widget (in WebAssembly), by the native
//! CLI (`article-widget validate`) and by tests. Documents are read by its own JSON reader
//! ([`json`]) and built by the validator; the serde derives serve native tools that write
//! articles (the snippet, the CLI's `convert`), and the feature `serde` (on by default) adds
//! validation of `serde_json` values for native tools and tests.

#![forbid(unsafe_code)]

mod datetime;
pub mod json;
mod validate;

pub use datetime::{DateTime, DateTimeError};
pub use json::{MAX_DEPTH, MAX_KEY_CHARS};
pub use validate::{
    article_from_json, parse_article, parse_article_bytes, validate_json, Problem, MAX_FIGURES,
    MAX_IMAGE_PIXELS, MAX_ITEMS, MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_PARAGRAPHS,
    MAX_PARAGRAPH_CHARS, MAX_PATH_CHARS, MAX_PROBLEMS, MAX_QUOTED_CHARS, MAX_SPANS, MAX_SRCSET,
    MAX_TEXT_CHARS, MAX_URL_CHARS,
};
#[cfg(feature = "serde")]
pub use validate::{article_from_value, validate_value};

use serde::{Deserialize, Serialize};

/// The format version this crate reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Top-level fields that a v1 document must have.
pub const REQUIRED_FIELDS: &[&str] = &[
    "version",
    "headline",
    "datePublished",
    "inLanguage",
    "source",
    "body",
];

/// A news article, as published by its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Format version; always [`FORMAT_VERSION`].
    pub version: u64,
    /// The headline, exactly as published.
    pub headline: String,
    /// Publication time, RFC 3339 with a UTC offset (`2025-12-29T18:35:44+08:00`).
    pub date_published: String,
    /// Last modification time, same format as `datePublished`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// BCP 47 language tag of the text (`zh-Hant`, `zh-Hans-CN`, `en`).
    pub in_language: String,
    /// Canonical URL of the article on the publisher's site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it.
    pub source: Source,
    /// The people credited as authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// The byline exactly as printed under the body (e.g. `(文 王小軍)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Editors with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Editor>,
    /// The source site's navigation sections, shown above the headline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The standfirst: a short summary under the headline, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The lead image, shown above the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// The body: plain paragraphs (strings, as in the first v1 documents) and typed blocks
    /// (paragraphs with links and emphasis, subheads, quotes, lists, figures). No markup is
    /// interpreted anywhere: every string is text.
    pub body: Vec<Block>,
    /// Corrections to the article, oldest first; shown in the footer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The publisher's copyright notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<Copyright>,
    /// The publisher's rules for script conversion, applied on top of OpenCC's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Conversion>,
}

/// One block of the body. In JSON a plain paragraph is a string, every other block an object
/// with a `type` (`paragraph`, `heading`, `quote`, `list`, `figure`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "BlockRepr", into = "BlockRepr")]
pub enum Block {
    /// A paragraph of plain text (a string item).
    Text(String),
    /// A paragraph whose text may carry links and emphasis.
    Paragraph(Vec<Inline>),
    /// A subhead (rendered as `h2`).
    Heading(Vec<Inline>),
    /// A block quote, with an optional attribution.
    Quote {
        content: Vec<Inline>,
        cite: Option<String>,
    },
    /// A list: each item is a run of inline text.
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A figure: an image with its caption and credit.
    Figure(Image),
}

/// The block's text, as [`Block::text`] gives it.
impl std::fmt::Display for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl From<String> for Block {
    fn from(s: String) -> Block {
        Block::Text(s)
    }
}

impl From<&str> for Block {
    fn from(s: &str) -> Block {
        Block::Text(s.to_owned())
    }
}

/// The names of the block types, as `type` spells them.
pub const BLOCK_TYPES: [&str; 5] = ["paragraph", "heading", "quote", "list", "figure"];

impl Block {
    /// The block's text as a reader sees it, without markup: a paragraph's or heading's
    /// text, a quote and its cite (on their own lines), a list's items (one a line), a
    /// figure's caption and credit.
    pub fn text(&self) -> String {
        match self {
            Block::Text(s) => s.clone(),
            Block::Paragraph(c) | Block::Heading(c) => inline_text(c),
            Block::Quote { content, cite } => {
                let mut t = inline_text(content);
                if let Some(c) = cite {
                    t.push('\n');
                    t.push_str(c);
                }
                t
            }
            Block::List { items, .. } => items
                .iter()
                .map(|i| inline_text(i))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Figure(image) => {
                let parts: Vec<&str> = [image.caption.as_deref(), image.credit.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                parts.join(" ")
            }
        }
    }

    /// The block's plain text when it is a plain paragraph (a string item).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Block::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the block is a figure.
    pub fn is_figure(&self) -> bool {
        matches!(self, Block::Figure(_))
    }
}

/// The text of a run of inline content, spans included, without markup.
pub fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for i in content {
        out.push_str(i.text());
    }
    out
}

/// Inline content: a plain string, or a span of text with a link, emphasis, or `keep`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Inline {
    Text(String),
    Span(Span),
}

impl Inline {
    /// The text shown.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(s) => s,
            Inline::Span(s) => &s.text,
        }
    }
}

/// A span of inline text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    /// An absolute http(s) URL the text links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Emphasis (`em`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub em: bool,
    /// Strong emphasis (`strong`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub strong: bool,
    /// Never converted to another script (a name or a brand), like `conversion.keep` in place.
    #[serde(default, skip_serializing_if = "is_false")]
    pub keep: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An image: the lead image or a figure's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// An absolute http(s) URL.
    pub src: String,
    /// The text alternative; required unless `decorative`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alt: String,
    /// The intrinsic width in pixels (with `height` it reserves the image's box).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The intrinsic height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Other sizes of the same image, for `srcset`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<ImageSource>,
    /// The caption, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The credit exactly as printed (`圖/新華社`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The image adds nothing a reader needs (it gets an empty `alt`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub decorative: bool,
}

impl Image {
    /// The intrinsic size, when both dimensions are given.
    pub fn size(&self) -> Option<(u32, u32)> {
        Some((self.width?, self.height?))
    }
}

/// One entry of an image's `srcset`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSource {
    pub src: String,
    /// Its width in pixels (the `w` descriptor).
    pub width: u32,
}

/// A correction to the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// When it was made, RFC 3339 with offset.
    pub date: String,
    /// What was corrected.
    pub text: String,
}

/// How a [`Block`] is written in JSON.
#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum BlockRepr {
    Text(String),
    Typed(TypedBlock),
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum TypedBlock {
    Paragraph {
        content: Vec<Inline>,
    },
    Heading {
        content: Vec<Inline>,
    },
    Quote {
        content: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    List {
        #[serde(default, skip_serializing_if = "is_false")]
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Figure {
        image: Image,
    },
}

impl From<BlockRepr> for Block {
    fn from(r: BlockRepr) -> Block {
        match r {
            BlockRepr::Text(s) => Block::Text(s),
            BlockRepr::Typed(TypedBlock::Paragraph { content }) => Block::Paragraph(content),
            BlockRepr::Typed(TypedBlock::Heading { content }) => Block::Heading(content),
            BlockRepr::Typed(TypedBlock::Quote { content, cite }) => Block::Quote { content, cite },
            BlockRepr::Typed(TypedBlock::List { ordered, items }) => Block::List { ordered, items },
            BlockRepr::Typed(TypedBlock::Figure { image }) => Block::Figure(image),
        }
    }
}

impl From<Block> for BlockRepr {
    fn from(b: Block) -> BlockRepr {
        BlockRepr::Typed(match b {
            Block::Text(s) => return BlockRepr::Text(s),
            Block::Paragraph(content) => TypedBlock::Paragraph { content },
            Block::Heading(content) => TypedBlock::Heading { content },
            Block::Quote { content, cite } => TypedBlock::Quote { content, cite },
            Block::List { ordered, items } => TypedBlock::List { ordered, items },
            Block::Figure(image) => TypedBlock::Figure { image },
        })
    }
}

/// Script-conversion targets a [`Term`] can give a fixed form for, as spelled in JSON.
pub const CONVERSION_TARGETS: [&str; 5] = ["hans", "hant", "hant-tw", "hant-hk", "traditional"];

/// Largest number of `keep` plus `terms` entries a document may give.
pub const MAX_CONVERSION_TERMS: usize = 500;
/// Longest term, in characters.
pub const MAX_TERM_CHARS: usize = 100;

/// A publisher's overrides of the script converter (OpenCC): terms never converted, and terms
/// with a fixed form per target script. They fix OpenCC's known slips (s2t writes 被发明 as
/// 被髮明) and protect names and brands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    /// Terms shown exactly as printed in every script (a person's name, a brand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<String>,
    /// Terms with a fixed form per target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    /// Per-article dictionary slices written by `article-widget prepare`: the entries the
    /// converter chose for this article, per target, so that a reader's first switch needs no
    /// full dictionary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slices: Option<Slices>,
}

/// The slice format this crate reads (`conversion.slices.version`). A document with another
/// version is valid and its slices are ignored (the widget uses the full dictionaries).
pub const SLICE_VERSION: u64 = 1;
/// The targets a slice can be for.
pub const SLICE_TARGETS: [&str; 4] = ["hans", "hant", "hant-tw", "hant-hk"];
/// Most dictionary groups in one target's slice.
pub const MAX_SLICE_GROUPS: usize = 8;
/// Most characters of entries (`first` plus `other`, over all groups) in one target's slice.
pub const MAX_SLICE_CHARS: usize = 1_000_000;

/// Dictionary slices of an article, one per target script (see `crates/script-convert/FORMAT.md`, Slices).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slices {
    /// The slice format; [`SLICE_VERSION`].
    pub version: u64,
    /// One slice per target (empty when `version` is not one this crate reads).
    #[serde(default)]
    pub targets: Vec<Slice>,
}

/// The dictionary entries the converter chose converting an article into one target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slice {
    /// `hans`, `hant`, `hant-tw` or `hant-hk`.
    pub target: String,
    /// The OpenCC configs run, joined by `+` (`t2s`, `tw2t+t2hk`).
    pub configs: String,
    /// CRC-32 (8 lowercase hex digits) of the converted input: the article's visible strings
    /// and the target's overrides. A slice is only used for the text it was made from.
    pub input: String,
    /// CRC-32 of the slice itself (target, configs, input and every group's fields).
    pub crc32: String,
    /// One entry per dictionary group of the configs, in the order the configs use them.
    pub groups: Vec<SliceGroup>,
}

/// The chosen entries of one dictionary group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SliceGroup {
    /// The group id (`st`, `ts-notofu`, ...).
    pub group: String,
    /// CRC-32 of the full group file the entries were chosen from (as `dict/manifest.json`
    /// lists it); the widget uses the slice only when the deployed file is the same.
    pub dict: String,
    /// Entries whose key belongs to the group's first member (the keys max-match segmentation
    /// uses): `key value key value …`, separated by single spaces.
    #[serde(default)]
    pub first: String,
    /// The other entries, in the same form.
    #[serde(default)]
    pub other: String,
}

/// A term (as it appears in the source text) and its fixed forms. `traditional` applies to
/// every Traditional target (`hant`, `hant-tw`, `hant-hk`) that has no form of its own. A
/// target without a form converts the term as OpenCC does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hans: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hant: Option<String>,
    #[serde(default, rename = "hant-tw", skip_serializing_if = "Option::is_none")]
    pub hant_tw: Option<String>,
    #[serde(default, rename = "hant-hk", skip_serializing_if = "Option::is_none")]
    pub hant_hk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traditional: Option<String>,
}

impl Term {
    /// The fixed form for `target` (`hans`, `hant`, `hant-tw` or `hant-hk`), if any.
    pub fn form_for(&self, target: &str) -> Option<&str> {
        let own = match target {
            "hans" => return self.hans.as_deref(),
            "hant" => &self.hant,
            "hant-tw" => &self.hant_tw,
            "hant-hk" => &self.hant_hk,
            _ => return None,
        };
        own.as_deref().or(self.traditional.as_deref())
    }
}

/// The publishing organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A credited person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The role of an editor. Unknown roles are kept as [`EditorRole::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditorRole {
    /// The editor of the piece (編輯).
    Editor,
    /// The editor responsible for publication (責編, 責任編輯).
    ResponsibleEditor,
    /// Any other editorial role; give a `label`.
    Other,
}

impl EditorRole {
    /// All roles, in the order they are documented.
    pub const ALL: [EditorRole; 3] = [
        EditorRole::Editor,
        EditorRole::ResponsibleEditor,
        EditorRole::Other,
    ];

    /// The JSON spelling of the role.
    pub fn as_str(self) -> &'static str {
        match self {
            EditorRole::Editor => "editor",
            EditorRole::ResponsibleEditor => "responsible-editor",
            EditorRole::Other => "other",
        }
    }
}

/// An editor credited on the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    pub name: String,
    pub role: EditorRole,
    /// The label the publisher prints for the role (`編輯`, `責編`). When absent the widget uses
    /// its own label table for the article's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A navigation section of the source site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The publisher's copyright statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copyright {
    /// The statement's title (`國際在線版權與信息産品內容銷售的聲明`).
    pub title: String,
    /// The clauses in order; each clause is one or more paragraphs, numbering included as printed.
    pub clauses: Vec<Clause>,
    /// The rights holder, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// A URL to the license or terms, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// One clause of a copyright statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    pub paragraphs: Vec<String>,
}

impl Article {
    /// Parses and validates a JSON document. On failure the problems found are returned (the
    /// first [`MAX_PROBLEMS`], then `$: and N more problems, …`).
    pub fn from_json(text: &str) -> Result<Article, Vec<Problem>> {
        parse_article(text)
    }

    /// Like [`Article::from_json`] for bytes (a UTF-8 BOM is skipped; other non-UTF-8 is a
    /// problem with its line and column).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Article, Vec<Problem>> {
        parse_article_bytes(bytes)
    }

    /// The publication time, parsed. Valid documents always have one.
    pub fn published(&self) -> Option<DateTime> {
        DateTime::parse(&self.date_published).ok()
    }

    /// The modification time, parsed, if present and valid.
    pub fn modified(&self) -> Option<DateTime> {
        self.date_modified
            .as_deref()
            .and_then(|s| DateTime::parse(s).ok())
    }
}

/// `text` in double quotes, escaped like a Rust string literal, for naming a value in a
/// message: `"`, `\\`, control characters and invisible format characters (zero-width and
/// bidirectional marks, the BOM, soft hyphen) are escaped, everything else is kept. It matches
/// `format!("{text:?}")` for printable text, without linking core's Unicode printability
/// tables and `Debug` machinery into the widget's module.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Like [`quote`] for at most `max` characters of `text`: a longer text is cut there and
/// followed by `…` after the closing quote (`"kkkk"…`), so that a message never repeats a
/// long value.
pub fn quote_short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => quote(&text[..cut]) + "…",
        None => quote(text),
    }
}

/// `c` in single quotes, escaped as by [`quote`] (like `format!("{c:?}")` for a char).
pub fn quote_char(c: char) -> String {
    let mut out = String::from("'");
    push_escaped(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    let invisible = matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    );
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_control() || invisible => {
            out.push_str("\\u{");
            let code = c as u32;
            let digits = (32 - code.leading_zeros()).div_ceil(4).max(1);
            for shift in (0..digits).rev() {
                let digit = (code >> (shift * 4)) & 0xF;
                out.push(char::from_digit(digit, 16).unwrap_or('0'));
            }
            out.push('}');
        }
        c => out.push(c),
    }
}

/// True when `url` is an absolute `http:` or `https:` URL with a host and no whitespace or
/// control characters. Anything else (`javascript:`, relative paths, data URLs) is refused, so a
/// hostile document can never put a script URL into a link.
pub fn is_safe_http_url(url: &str) -> bool {
    let rest = if let Some(r) = strip_prefix_ignore_case(url, "https://") {
        r
    } else if let Some(r) = strip_prefix_ignore_case(url, "http://") {
        r
    } else {
        return false;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = authority.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':')
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// True when `tag` has the shape of a BCP 47 language tag (`zh`, `zh-Hant`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(primary) = parts.next() else {
        return false;
    };
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_matches_debug_formatting() {
        for text in [
            "",
            "zh-Hant",
            "say \"hi\"",
            "back\\slash",
            "tab\tnew\nline\rnul\0",
            "\u{1}\u{7f}\u{9f}",
            "中文 «ok» 😀",
            "zero\u{200b}width\u{feff}",
            "bidi\u{202e}",
        ] {
            assert_eq!(quote(text), format!("{text:?}"), "{text}");
        }
        for c in ['\n', '\'', '"', 'a', '中', '\u{1b}', '\u{200d}'] {
            assert_eq!(quote_char(c), format!("{c:?}"));
        }
        assert_eq!(quote_short("中文 «ok»", 8), "\"中文 «ok»\"");
        assert_eq!(quote_short("中文 «ok»", 4), "\"中文 «\"…");
        assert_eq!(quote_short("a\tb", 2), "\"a\\t\"…");
    }

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(is_safe_http_url("https://www.cri.cn/"));
        assert!(is_safe_http_url("HTTP://example.com"));
        assert!(is_safe_http_url("https://example.com:8080/a?b#c"));
        assert!(!is_safe_http_url("javascript:alert(1)"));
        assert!(!is_safe_http_url("JavaScript://example.com/%0Aalert(1)"));
        assert!(!is_safe_http_url("//example.com"));
        assert!(!is_safe_http_url("/relative"));
        assert!(!is_safe_http_url("https://"));
        assert!(!is_safe_http_url("https://exa mple.com"));
        assert!(!is_safe_http_url("https://example.com/\n"));
        assert!(!is_safe_http_url("data:text/html,hi"));
    }

    #[test]
    fn language_tags() {
        for ok in ["zh", "zh-Hant", "zh-Hant-TW", "en-GB", "yue-HK"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "z", "zh_Hant", "zh-", "中文", "zh-Hant-TOOLONGSUB"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
