//! Validation of article documents with every problem reported at its JSON path, building the
//! [`Article`] in the same walk.
//!
//! The document is read by the crate's own JSON reader ([`crate::json`]: depth-limited, BOM
//! accepted, duplicate keys kept so they can be reported) and walked once: each field is
//! checked, every problem collected (the first [`MAX_PROBLEMS`] listed, the others counted),
//! then the keys of every object (repeated, or over [`crate::MAX_KEY_CHARS`] characters), and
//! the article is returned only when there are none. Memory and work stay linear in the
//! document whatever its shape, and the report bounded: paths over [`MAX_PATH_CHARS`] and
//! values quoted in messages over [`MAX_QUOTED_CHARS`] are shortened.
//! No serde deserialization is involved, so the widget's module carries no general-purpose
//! deserializer. The checks here and `www/schema/article.v1.json` describe the same format;
//! the tests in `tests/model.rs` hold them together.

use std::fmt;

use crate::json::{self, Json};
use crate::{
    is_language_tag, is_safe_http_url, Article, Block, Clause, Conversion, Copyright, Correction,
    DateTime, Editor, EditorRole, Image, ImageSource, Inline, Person, Section, Slice, SliceGroup,
    Slices, Source, Span, Term, BLOCK_TYPES, CONVERSION_TARGETS, FORMAT_VERSION,
    MAX_CONVERSION_TERMS, MAX_SLICE_CHARS, MAX_SLICE_GROUPS, MAX_TERM_CHARS, SLICE_TARGETS,
    SLICE_VERSION,
};

/// Longest headline, name, label, byline, title or holder, in characters.
pub const MAX_LINE_CHARS: usize = 1_000;
/// Longest paragraph, in characters.
pub const MAX_PARAGRAPH_CHARS: usize = 100_000;
/// Most paragraphs in the body (and in one copyright clause).
pub const MAX_PARAGRAPHS: usize = 10_000;
/// Most authors, editors, sections or copyright clauses.
pub const MAX_ITEMS: usize = 100;
/// Longest URL, in characters.
pub const MAX_URL_CHARS: usize = 2_048;

/// Longest standfirst, caption or correction, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Most figures in the body.
pub const MAX_FIGURES: usize = 200;
/// Most `srcset` entries of one image.
pub const MAX_SRCSET: usize = 10;
/// Largest image dimension (`width`, `height`, a `srcset` width), in pixels.
pub const MAX_IMAGE_PIXELS: u64 = 20_000;
/// Most strings and spans in one run of inline content (a paragraph, a heading, a quote, a
/// list item).
pub const MAX_SPANS: usize = 1_000;
/// Most items in one list.
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Most problems listed for one document. Past them problems are only counted, and the list
/// ends with a summary, `$: and N more problems, not listed; …` (see [`Problem::more`]): a
/// hostile document cannot make the report, and the memory it takes, grow with its size.
pub const MAX_PROBLEMS: usize = 100;
/// Longest JSON path shown in a problem, in characters. A longer one (deep nesting in an
/// unknown field) keeps its start and its end, with `…` between them.
pub const MAX_PATH_CHARS: usize = 400;
/// Most characters of a document's value quoted in a message (`"chief" is not a known role`);
/// a longer value is cut there, with `…` after the closing quote.
pub const MAX_QUOTED_CHARS: usize = 200;

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value, e.g. `$.editors[1].role`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// 0, except on the summary that ends a list cut at [`MAX_PROBLEMS`]: the number of
    /// problems found and not listed (the summary's path is `$`).
    pub more: usize,
}

impl Problem {
    fn new(path: &str, message: String) -> Problem {
        Problem {
            path: shown_path(path),
            message,
            more: 0,
        }
    }

    /// How many problems `problems` stands for: those listed, and those its summary counts.
    pub fn count(problems: &[Problem]) -> usize {
        problems
            .iter()
            .map(|p| if p.more > 0 { p.more } else { 1 })
            .sum()
    }
}

/// `path`, or its first and last characters if it is longer than [`MAX_PATH_CHARS`].
fn shown_path(path: &str) -> String {
    let chars = if path.len() <= MAX_PATH_CHARS {
        0
    } else {
        path.chars().count()
    };
    if chars <= MAX_PATH_CHARS {
        return path.to_owned();
    }
    let (head, tail) = (
        MAX_PATH_CHARS / 2,
        chars - (MAX_PATH_CHARS - MAX_PATH_CHARS / 2 - 1),
    );
    let mut out = String::new();
    for (i, c) in path.chars().enumerate() {
        if i < head || i >= tail {
            out.push(c);
        } else if i == head {
            out.push('…');
        }
    }
    out
}

/// A value of the document, quoted for a message: at most [`MAX_QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    crate::quote_short(text, MAX_QUOTED_CHARS)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Parses `text` as an article v1 document, returning its problems if it is not one (the
/// first [`MAX_PROBLEMS`], then a summary of the others).
pub fn parse_article(text: &str) -> Result<Article, Vec<Problem>> {
    article_from_json(&json::parse(text).map_err(syntax)?)
}

/// Like [`parse_article`] for bytes: a UTF-8 BOM is skipped, other non-UTF-8 is a problem.
pub fn parse_article_bytes(bytes: &[u8]) -> Result<Article, Vec<Problem>> {
    article_from_json(&json::parse_bytes(bytes).map_err(syntax)?)
}

fn syntax(e: json::JsonError) -> Vec<Problem> {
    vec![Problem::new("$", e.to_string())]
}

/// Validates a parsed document and builds the [`Article`] from it. The problems are listed in
/// the order found (the fields, then the keys of every object), at most [`MAX_PROBLEMS`] of
/// them, then the summary of the others.
pub fn article_from_json(value: &Json) -> Result<Article, Vec<Problem>> {
    let mut v = Validator::default();
    let article = v.document(value);
    json::key_problems(value, &mut |path, problem| {
        v.problem_with(path, || match problem {
            json::KeyProblem::Repeated => "is given more than once in the same object; keep \
                one (readers disagree on which wins)"
                .to_owned(),
            json::KeyProblem::TooLong { key, chars } => format!(
                "has a key of {chars} characters ({}); a key has at most {} characters: \
                 shorten it, or move the text into a value",
                crate::quote_short(key, json::PATH_KEY_CHARS),
                json::MAX_KEY_CHARS
            ),
        })
    });
    if v.more > 0 {
        let more = v.more;
        v.problems.push(Problem {
            path: "$".to_owned(),
            message: format!(
                "and {more} more problem{}, not listed (only the first {MAX_PROBLEMS} are); \
                 fix these and validate again",
                if more == 1 { "" } else { "s" }
            ),
            more,
        });
    }
    match article {
        Some(a) if v.problems.is_empty() => Ok(a),
        _ => Err(v.problems),
    }
}

/// Checks a parsed document and returns the problems found (empty when it is valid; at most
/// [`MAX_PROBLEMS`] and the summary).
pub fn validate_json(value: &Json) -> Vec<Problem> {
    article_from_json(value).err().unwrap_or_default()
}

/// Validates a `serde_json` value (native tools and tests) and converts it into an [`Article`].
#[cfg(feature = "serde")]
pub fn article_from_value(value: serde_json::Value) -> Result<Article, Vec<Problem>> {
    article_from_json(&from_serde(&value))
}

/// Checks a `serde_json` value and returns the problems found (as [`validate_json`]).
#[cfg(feature = "serde")]
pub fn validate_value(value: &serde_json::Value) -> Vec<Problem> {
    validate_json(&from_serde(value))
}

#[cfg(feature = "serde")]
fn from_serde(value: &serde_json::Value) -> Json {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.to_string()),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(from_serde).collect()),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), from_serde(v)))
                .collect(),
        ),
    }
}

type Map = [(String, Json)];

fn get<'v>(obj: &'v Map, key: &str) -> Option<&'v Json> {
    obj.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[derive(Default)]
struct Validator {
    /// The first [`MAX_PROBLEMS`] problems.
    problems: Vec<Problem>,
    /// How many more were found.
    more: usize,
    /// Figures read in the body so far.
    figures: usize,
}

/// How a field is expected to be present.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Required,
    Optional,
}

impl Validator {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problem_with(path, || message.into());
    }

    /// A problem whose message is only written if it is listed.
    fn problem_with(&mut self, path: &str, message: impl FnOnce() -> String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem::new(path, message()));
        } else {
            self.more += 1;
        }
    }

    /// Looks up `key`, reporting a missing required field or a `null`.
    fn field<'v>(
        &mut self,
        obj: &'v Map,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
    ) -> Option<&'v Json> {
        let child = format!("{path}.{key}");
        match get(obj, key) {
            None if need == Need::Required => {
                self.problem(&child, format!("required field is missing; {hint}"));
                None
            }
            None => None,
            Some(Json::Null) => {
                let fix = if need == Need::Required {
                    format!("give a value; {hint}")
                } else {
                    "omit the field instead of sending null".to_owned()
                };
                self.problem(&child, format!("is null; {fix}"));
                None
            }
            Some(v) => Some(v),
        }
    }

    fn object<'v>(&mut self, value: &'v Json, path: &str) -> Option<&'v Map> {
        match value {
            Json::Object(map) => Some(map),
            other => {
                self.problem(path, format!("expected an object, found {}", other.kind()));
                None
            }
        }
    }

    /// A string with at least one non-whitespace character and at most `max` characters.
    fn text_max(&mut self, value: &Json, path: &str, max: usize) -> Option<String> {
        match value {
            Json::String(s) if s.trim().is_empty() => {
                self.problem(path, "is empty; give the text or omit the field");
                None
            }
            Json::String(s) => {
                // Counting stops early: a 1 MB string is not walked to the end to say so.
                if s.len() > max && s.chars().nth(max).is_some() {
                    let n = s.chars().count();
                    self.problem(
                        path,
                        format!("is {n} characters long; give at most {max} characters"),
                    );
                    return None;
                }
                Some(s.clone())
            }
            other => {
                self.problem(path, format!("expected a string, found {}", other.kind()));
                None
            }
        }
    }

    fn text(&mut self, value: &Json, path: &str) -> Option<String> {
        self.text_max(value, path, MAX_LINE_CHARS)
    }

    fn text_field(
        &mut self,
        obj: &Map,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
    ) -> Option<String> {
        let value = self.field(obj, path, key, need, hint)?;
        self.text(value, &format!("{path}.{key}"))
    }

    fn url_field(&mut self, obj: &Map, path: &str, key: &str) -> Option<String> {
        let hint = "an absolute http(s) URL";
        let value = self.field(obj, path, key, Need::Optional, hint)?;
        let child = format!("{path}.{key}");
        let url = self.text_max(value, &child, MAX_URL_CHARS)?;
        if !is_safe_http_url(&url) {
            self.problem(
                &child,
                format!(
                    "{} is not an absolute http(s) URL; write it as https://host/path",
                    quoted(&url)
                ),
            );
            return None;
        }
        Some(url)
    }

    fn date_field(
        &mut self,
        obj: &Map,
        path: &str,
        key: &str,
        need: Need,
    ) -> Option<(String, DateTime)> {
        let hint = "give an RFC 3339 date-time with offset, e.g. 2025-12-29T18:35:44+08:00";
        let text = self.text_field(obj, path, key, need, hint)?;
        match DateTime::parse(&text) {
            Ok(t) => Some((text, t)),
            Err(e) => {
                self.problem(&format!("{path}.{key}"), format!("{}: {e}", quoted(&text)));
                None
            }
        }
    }

    /// An array field whose items are read by `item` (at most `max` of them). A required list
    /// must not be empty. `None` when absent; the items that could be read otherwise.
    #[allow(clippy::too_many_arguments)]
    fn list<T>(
        &mut self,
        obj: &Map,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
        max: usize,
        mut item: impl FnMut(&mut Self, &Json, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = self.field(obj, path, key, need, hint)?;
        let child = format!("{path}.{key}");
        let Json::Array(items) = value else {
            self.problem(&child, format!("expected an array, found {}", value.kind()));
            return None;
        };
        if need == Need::Required && items.is_empty() {
            self.problem(&child, format!("is empty; {hint}"));
        }
        if items.len() > max {
            self.problem(
                &child,
                format!("has {} items; give at most {max}", items.len()),
            );
            return None;
        }
        // Grown as items are read: room for items that fail would be kept until the walk
        // ends (100 clauses of 10,000 numbers: 24 MB).
        let mut out = Vec::new();
        for (i, v) in items.iter().enumerate() {
            if let Some(x) = item(self, v, &format!("{child}[{i}]")) {
                out.push(x);
            }
        }
        Some(out)
    }

    fn document(&mut self, value: &Json) -> Option<Article> {
        let doc = self.object(value, "$")?;
        let p = "$";
        if let Some(version) = self.field(doc, p, "version", Need::Required, "add \"version\": 1") {
            match version.as_u64() {
                Some(FORMAT_VERSION) => {}
                Some(n) => self.problem(
                    "$.version",
                    format!("format version {n} is not supported; this widget reads version {FORMAT_VERSION} (convert the document to version {FORMAT_VERSION} or update the widget)"),
                ),
                None => self.problem(
                    "$.version",
                    format!("expected the integer {FORMAT_VERSION}, found {}", version.kind()),
                ),
            }
        }
        let headline = self.text_field(
            doc,
            p,
            "headline",
            Need::Required,
            "give the article's headline",
        );
        let published = self.date_field(doc, p, "datePublished", Need::Required);
        let modified = self.date_field(doc, p, "dateModified", Need::Optional);
        if let (Some((_, a)), Some((_, b))) = (&published, &modified) {
            if b.unix_millis() < a.unix_millis() {
                self.problem(
                    "$.dateModified",
                    "is earlier than datePublished; check both times and their offsets",
                );
            }
        }
        let lang_hint = "give a BCP 47 language tag such as zh-Hant";
        let lang = self.text_field(doc, p, "inLanguage", Need::Required, lang_hint);
        if let Some(lang) = &lang {
            if !is_language_tag(lang) {
                self.problem(
                    "$.inLanguage",
                    format!(
                        "{} is not a BCP 47 language tag; write e.g. zh-Hant or zh-Hans-CN",
                        quoted(lang)
                    ),
                );
            }
        }
        let url = self.url_field(doc, p, "url");
        let source_hint = "give {\"name\": \"…\"} for the publisher";
        let source = self
            .field(doc, p, "source", Need::Required, source_hint)
            .and_then(|s| self.named(s, "$.source", "give the publisher's name"));
        let authors = self.list(
            doc,
            p,
            "authors",
            Need::Optional,
            "",
            MAX_ITEMS,
            |v, item, path| v.named(item, path, "give the author's name"),
        );
        let byline = self.text_field(doc, p, "byline", Need::Optional, "");
        let editors = self.list(
            doc,
            p,
            "editors",
            Need::Optional,
            "",
            MAX_ITEMS,
            Self::editor,
        );
        let sections = self.list(
            doc,
            p,
            "sections",
            Need::Optional,
            "",
            MAX_ITEMS,
            |v, item, path| v.named(item, path, "give the section's name"),
        );
        let description = self
            .field(doc, p, "description", Need::Optional, "")
            .and_then(|d| self.text_max(d, "$.description", MAX_TEXT_CHARS));
        let image = self
            .field(doc, p, "image", Need::Optional, "")
            .and_then(|i| self.image(i, "$.image"));
        let body = self.list(
            doc,
            p,
            "body",
            Need::Required,
            "give the body as an array of paragraph strings and blocks",
            MAX_PARAGRAPHS,
            Self::block,
        );
        // Each correction is compared with the last one read and with datePublished as it is
        // read, so a problem names the correction's own index even when one before it failed.
        let published_at = published.as_ref().map(|p| p.1.unix_millis());
        let mut previous: Option<i64> = None;
        let corrections = self.list(
            doc,
            p,
            "corrections",
            Need::Optional,
            "",
            MAX_ITEMS,
            |v, item, cpath| {
                let (c, at) = v.correction(item, cpath)?;
                let path = format!("{cpath}.date");
                if published_at.is_some_and(|p| at < p) {
                    v.problem(
                        &path,
                        "is earlier than datePublished; check the date and its offset",
                    );
                } else if previous.is_some_and(|p| at < p) {
                    v.problem(
                        &path,
                        "is earlier than the correction before it; list corrections oldest first",
                    );
                }
                previous = Some(at);
                Some(c)
            },
        );
        let copyright = self
            .field(doc, p, "copyright", Need::Optional, "")
            .and_then(|c| self.copyright(c, "$.copyright"));
        let conversion = self
            .field(doc, p, "conversion", Need::Optional, "")
            .and_then(|c| self.conversion(c, "$.conversion"));
        if !self.problems.is_empty() {
            return None;
        }
        let (source, body) = (source?, body?);
        Some(Article {
            version: FORMAT_VERSION,
            headline: headline?,
            date_published: published?.0,
            date_modified: modified.map(|m| m.0),
            in_language: lang?,
            url,
            source: Source {
                name: source.name,
                url: source.url,
            },
            authors: authors.unwrap_or_default(),
            byline,
            editors: editors.unwrap_or_default(),
            sections: sections
                .unwrap_or_default()
                .into_iter()
                .map(|s| Section {
                    name: s.name,
                    url: s.url,
                })
                .collect(),
            description,
            image,
            body,
            corrections: corrections.unwrap_or_default(),
            copyright,
            conversion,
        })
    }

    /// One body item: a string (a plain paragraph) or a typed block.
    fn block(&mut self, value: &Json, path: &str) -> Option<Block> {
        let obj = match value {
            Json::String(_) => return self.paragraph(value, path).map(Block::Text),
            Json::Object(obj) => obj,
            other => {
                self.problem(
                    path,
                    format!(
                        "expected a paragraph string or a block object, found {}",
                        other.kind()
                    ),
                );
                return None;
            }
        };
        let types = BLOCK_TYPES.join(", ");
        let kind = self.text_field(
            obj,
            path,
            "type",
            Need::Required,
            &format!("give one of {types} (or write a plain paragraph as a string)"),
        )?;
        match kind.as_str() {
            "paragraph" => self.content(obj, path).map(Block::Paragraph),
            "heading" => self.content(obj, path).map(Block::Heading),
            "quote" => {
                let content = self.content(obj, path);
                let cite = self.text_field(obj, path, "cite", Need::Optional, "");
                Some(Block::Quote {
                    content: content?,
                    cite,
                })
            }
            "list" => {
                let ordered = self.flag(obj, path, "ordered");
                let items = self.list(
                    obj,
                    path,
                    "items",
                    Need::Required,
                    "give the list's items, each an array of strings and spans",
                    MAX_LIST_ITEMS,
                    Self::inline,
                );
                Some(Block::List {
                    ordered,
                    items: items?,
                })
            }
            "figure" => {
                self.figures += 1;
                if self.figures == MAX_FIGURES + 1 {
                    self.problem(
                        path,
                        format!(
                            "is figure {}; a body has at most {MAX_FIGURES} figures",
                            MAX_FIGURES + 1
                        ),
                    );
                }
                let image = self
                    .field(
                        obj,
                        path,
                        "image",
                        Need::Required,
                        "give the figure's image",
                    )
                    .and_then(|i| self.image(i, &format!("{path}.image")));
                Some(Block::Figure(image?))
            }
            other => {
                self.problem_with(&format!("{path}.type"), || {
                    format!("{} is not a block type; give one of {types}", quoted(other))
                });
                None
            }
        }
    }

    /// The `content` of a paragraph, heading or quote.
    fn content(&mut self, obj: &Map, path: &str) -> Option<Vec<Inline>> {
        let hint = "give the text as an array of strings and spans";
        let value = self.field(obj, path, "content", Need::Required, hint)?;
        self.inline(value, &format!("{path}.content"))
    }

    /// Inline content: an array of strings and spans, with some text.
    fn inline(&mut self, value: &Json, path: &str) -> Option<Vec<Inline>> {
        let Json::Array(items) = value else {
            self.problem(
                path,
                format!(
                    "expected an array of strings and spans, found {}",
                    value.kind()
                ),
            );
            return None;
        };
        if items.len() > MAX_SPANS {
            self.problem(
                path,
                format!(
                    "has {} strings and spans; give at most {MAX_SPANS} (split the text into more blocks, or more list items)",
                    items.len()
                ),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut chars = 0usize;
        let mut failed = false;
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            let piece = match item {
                Json::String(s) => self.piece(s, &ipath).map(Inline::Text),
                Json::Object(obj) => self.span(obj, &ipath).map(Inline::Span),
                other => {
                    self.problem(
                        &ipath,
                        format!("expected a string or a span object, found {}", other.kind()),
                    );
                    None
                }
            };
            match piece {
                Some(p) => {
                    chars = chars.saturating_add(p.text().chars().count());
                    out.push(p);
                }
                None => failed = true,
            }
        }
        if failed {
            return None;
        }
        if chars > MAX_PARAGRAPH_CHARS {
            self.problem(
                path,
                format!(
                    "is {chars} characters long; give at most {MAX_PARAGRAPH_CHARS} characters"
                ),
            );
            return None;
        }
        if out.iter().all(|p| p.text().trim().is_empty()) {
            self.problem(path, "has no text; give the text, or remove the block");
            return None;
        }
        Some(out)
    }

    /// A string of inline content: not empty (spaces between spans are text), at most
    /// [`MAX_PARAGRAPH_CHARS`] characters.
    fn piece(&mut self, s: &str, path: &str) -> Option<String> {
        if s.is_empty() {
            self.problem(path, "is an empty string; remove it");
            return None;
        }
        if s.len() > MAX_PARAGRAPH_CHARS && s.chars().nth(MAX_PARAGRAPH_CHARS).is_some() {
            self.problem(
                path,
                format!(
                    "is {} characters long; give at most {MAX_PARAGRAPH_CHARS} characters",
                    s.chars().count()
                ),
            );
            return None;
        }
        Some(s.to_owned())
    }

    fn span(&mut self, obj: &Map, path: &str) -> Option<Span> {
        let text = self
            .field(obj, path, "text", Need::Required, "give the span's text")
            .and_then(|t| match t {
                Json::String(s) => self.piece(s, &format!("{path}.text")),
                other => {
                    self.problem(
                        &format!("{path}.text"),
                        format!("expected a string, found {}", other.kind()),
                    );
                    None
                }
            });
        let link = self.url_field(obj, path, "link");
        let em = self.flag(obj, path, "em");
        let strong = self.flag(obj, path, "strong");
        let keep = self.flag(obj, path, "keep");
        Some(Span {
            text: text?,
            link,
            em,
            strong,
            keep,
        })
    }

    /// An optional boolean field; absent is `false`.
    fn flag(&mut self, obj: &Map, path: &str, key: &str) -> bool {
        match get(obj, key) {
            None => false,
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                self.problem(
                    &format!("{path}.{key}"),
                    format!("expected true or false, found {}", other.kind()),
                );
                false
            }
        }
    }

    /// A whole number of pixels, 1 to [`MAX_IMAGE_PIXELS`].
    fn pixels(&mut self, value: &Json, path: &str) -> Option<u32> {
        match value.as_u64() {
            Some(n) if (1..=MAX_IMAGE_PIXELS).contains(&n) => u32::try_from(n).ok(),
            Some(n) => {
                self.problem(
                    path,
                    format!("is {n}; give the image's size in pixels, 1 to {MAX_IMAGE_PIXELS}"),
                );
                None
            }
            None => {
                let found = match value {
                    Json::Number(n) => quoted(n),
                    other => other.kind().to_owned(),
                };
                self.problem(
                    path,
                    format!("expected a whole number of pixels (1 to {MAX_IMAGE_PIXELS}), found {found}"),
                );
                None
            }
        }
    }

    fn optional_pixels(&mut self, obj: &Map, path: &str, key: &str) -> Result<Option<u32>, ()> {
        match self.field(obj, path, key, Need::Optional, "") {
            None if get(obj, key).is_some() => Err(()),
            None => Ok(None),
            Some(v) => self.pixels(v, &format!("{path}.{key}")).map(Some).ok_or(()),
        }
    }

    /// A required absolute http(s) URL.
    fn required_url(&mut self, obj: &Map, path: &str, key: &str, hint: &str) -> Option<String> {
        if get(obj, key).is_none() {
            self.problem(
                &format!("{path}.{key}"),
                format!("required field is missing; {hint}"),
            );
            return None;
        }
        self.url_field(obj, path, key)
    }

    fn image(&mut self, value: &Json, path: &str) -> Option<Image> {
        let obj = self.object(value, path)?;
        let src = self.required_url(obj, path, "src", "give the image's absolute http(s) URL");
        let decorative = self.flag(obj, path, "decorative");
        let alt = if decorative {
            match get(obj, "alt") {
                Some(Json::String(s)) if s.trim().is_empty() => Some(String::new()),
                Some(_) => self.text_field(obj, path, "alt", Need::Optional, ""),
                None => Some(String::new()),
            }
        } else {
            self.text_field(
                obj,
                path,
                "alt",
                Need::Required,
                "describe the image for readers who cannot see it (or set \"decorative\": true)",
            )
        };
        let width = self.optional_pixels(obj, path, "width");
        let height = self.optional_pixels(obj, path, "height");
        if let (Ok(w), Ok(h)) = (width, height) {
            if w.is_some() != h.is_some() {
                let (given, missing) = if w.is_some() {
                    ("width", "height")
                } else {
                    ("height", "width")
                };
                self.problem(
                    &format!("{path}.{missing}"),
                    format!("is missing while {given} is given; give both (they reserve the image's box) or neither"),
                );
            }
        }
        let srcset = self.list(
            obj,
            path,
            "srcset",
            Need::Optional,
            "",
            MAX_SRCSET,
            |v, item, spath| {
                let sobj = v.object(item, spath)?;
                let src =
                    v.required_url(sobj, spath, "src", "give this size's absolute http(s) URL");
                let width = v
                    .field(
                        sobj,
                        spath,
                        "width",
                        Need::Required,
                        "give this size's width in pixels",
                    )
                    .and_then(|w| v.pixels(w, &format!("{spath}.width")));
                Some(ImageSource {
                    src: src?,
                    width: width?,
                })
            },
        );
        let caption = self
            .field(obj, path, "caption", Need::Optional, "")
            .and_then(|c| self.text_max(c, &format!("{path}.caption"), MAX_TEXT_CHARS));
        let credit = self.text_field(obj, path, "credit", Need::Optional, "");
        Some(Image {
            src: src?,
            alt: alt?,
            width: width.ok()?,
            height: height.ok()?,
            srcset: srcset.unwrap_or_default(),
            caption,
            credit,
            decorative,
        })
    }

    fn correction(&mut self, value: &Json, path: &str) -> Option<(Correction, i64)> {
        let obj = self.object(value, path)?;
        let date = self.date_field(obj, path, "date", Need::Required);
        let text = self
            .field(obj, path, "text", Need::Required, "say what was corrected")
            .and_then(|t| self.text_max(t, &format!("{path}.text"), MAX_TEXT_CHARS));
        let (date, at) = date?;
        Some((Correction { date, text: text? }, at.unix_millis()))
    }

    /// A term of `conversion`: non-empty, no longer than [`MAX_TERM_CHARS`].
    fn term(&mut self, value: &Json, path: &str) -> Option<String> {
        let t = self.text(value, path)?;
        let n = t.chars().count();
        if n > MAX_TERM_CHARS {
            self.problem(
                path,
                format!("is {n} characters long; a term has at most {MAX_TERM_CHARS}"),
            );
            return None;
        }
        Some(t)
    }

    fn conversion(&mut self, value: &Json, path: &str) -> Option<Conversion> {
        let obj = self.object(value, path)?;
        let count = |key: &str| {
            get(obj, key)
                .and_then(Json::as_array)
                .map_or(0, <[Json]>::len)
        };
        let total = count("keep") + count("terms");
        if total > MAX_CONVERSION_TERMS {
            self.problem(
                path,
                format!("has {total} keep and terms entries; give at most {MAX_CONVERSION_TERMS}"),
            );
            return None;
        }
        let keep = self.list(
            obj,
            path,
            "keep",
            Need::Optional,
            "",
            MAX_CONVERSION_TERMS,
            Self::term,
        );
        let terms = self.list(
            obj,
            path,
            "terms",
            Need::Optional,
            "",
            MAX_CONVERSION_TERMS,
            |v, item, tpath| {
                let tobj = v.object(item, tpath)?;
                let term = v
                    .field(
                        tobj,
                        tpath,
                        "term",
                        Need::Required,
                        "give the term as it appears in the text",
                    )
                    .and_then(|t| v.term(t, &format!("{tpath}.term")));
                let mut out = Term {
                    term: String::new(),
                    hans: None,
                    hant: None,
                    hant_tw: None,
                    hant_hk: None,
                    traditional: None,
                };
                let mut forms = 0;
                for (key, form) in tobj {
                    if key == "term" {
                        continue;
                    }
                    let fpath = format!("{tpath}.{key}");
                    let slot = match key.as_str() {
                        "hans" => &mut out.hans,
                        "hant" => &mut out.hant,
                        "hant-tw" => &mut out.hant_tw,
                        "hant-hk" => &mut out.hant_hk,
                        "traditional" => &mut out.traditional,
                        _ => {
                            v.problem_with(&fpath, || {
                                format!(
                                    "{} is not a conversion target; give one of {}",
                                    quoted(key),
                                    CONVERSION_TARGETS.join(", ")
                                )
                            });
                            continue;
                        }
                    };
                    if matches!(form, Json::Null) {
                        v.problem(&fpath, "is null; omit the target instead");
                        continue;
                    }
                    forms += 1;
                    *slot = v.term(form, &fpath);
                }
                if forms == 0 {
                    v.problem(
                        tpath,
                        format!(
                            "gives no fixed form; add one of {} (or list the term under keep)",
                            CONVERSION_TARGETS.join(", ")
                        ),
                    );
                }
                out.term = term?;
                Some(out)
            },
        );
        let slices = self
            .field(obj, path, "slices", Need::Optional, "")
            .and_then(|s| self.slices(s, &format!("{path}.slices")));
        Some(Conversion {
            keep: keep.unwrap_or_default(),
            terms: terms.unwrap_or_default(),
            slices,
        })
    }

    /// A string of at most `max` characters matching `ok` (ids, CRC-32s); `what` describes it.
    fn token_field(
        &mut self,
        obj: &Map,
        path: &str,
        key: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let value = self.field(obj, path, key, Need::Required, &format!("give {what}"))?;
        let child = format!("{path}.{key}");
        match value.as_str() {
            Some(s) if s.len() <= 64 && ok(s) => Some(s.to_owned()),
            Some(s) => {
                let shown: String = s.chars().take(64).collect();
                self.problem(
                    &child,
                    format!("{shown:?} is not {what}; run `article-widget prepare` again"),
                );
                None
            }
            None => {
                self.problem(&child, format!("expected a string, found {}", value.kind()));
                None
            }
        }
    }

    fn slices(&mut self, value: &Json, path: &str) -> Option<Slices> {
        let obj = self.object(value, path)?;
        let version = self.field(
            obj,
            path,
            "version",
            Need::Required,
            &format!("add \"version\": {SLICE_VERSION}"),
        )?;
        let Some(version) = version.as_u64().filter(|v| *v >= 1) else {
            self.problem(
                &format!("{path}.version"),
                format!("expected a positive integer, found {}", version.kind()),
            );
            return None;
        };
        if version != SLICE_VERSION {
            // A newer `prepare` wrote it: the document stays valid, the slices are not used.
            return Some(Slices {
                version,
                targets: Vec::new(),
            });
        }
        let targets = self.list(
            obj,
            path,
            "targets",
            Need::Required,
            "give one slice per target (run `article-widget prepare`)",
            SLICE_TARGETS.len(),
            Self::slice,
        )?;
        for (i, t) in targets.iter().enumerate() {
            if targets[..i].iter().any(|u| u.target == t.target) {
                self.problem(
                    &format!("{path}.targets[{i}].target"),
                    format!("{:?} has a slice already; give each target once", t.target),
                );
            }
        }
        Some(Slices { version, targets })
    }

    fn slice(&mut self, value: &Json, path: &str) -> Option<Slice> {
        let obj = self.object(value, path)?;
        let hex =
            |s: &str| s.len() == 8 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let word = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        };
        let target_hint = format!("one of {}", SLICE_TARGETS.join(", "));
        let target = self.token_field(obj, path, "target", &target_hint, |s| {
            SLICE_TARGETS.contains(&s)
        });
        let configs = self.token_field(
            obj,
            path,
            "configs",
            "OpenCC config names joined by + (t2s, tw2t+t2hk)",
            |s| s.split('+').all(word),
        );
        let input = self.token_field(
            obj,
            path,
            "input",
            "a CRC-32 as 8 lowercase hex digits",
            hex,
        );
        let crc32 = self.token_field(
            obj,
            path,
            "crc32",
            "a CRC-32 as 8 lowercase hex digits",
            hex,
        );
        let mut chars = 0usize;
        let groups = self.list(
            obj,
            path,
            "groups",
            Need::Required,
            "give the slice of each dictionary group the configs use",
            MAX_SLICE_GROUPS,
            |v, item, gpath| {
                let gobj = v.object(item, gpath)?;
                let group = v.token_field(gobj, gpath, "group", "a dictionary group id (st, ts-notofu)", word);
                let dict = v.token_field(gobj, gpath, "dict", "a CRC-32 as 8 lowercase hex digits", hex);
                let mut entries = |key: &str, v: &mut Validator| -> Option<String> {
                    let epath = format!("{gpath}.{key}");
                    let s = match get(gobj, key) {
                        None => return Some(String::new()),
                        Some(Json::String(s)) => s,
                        Some(other) => {
                            v.problem(&epath, format!("expected a string, found {}", other.kind()));
                            return None;
                        }
                    };
                    chars = chars.saturating_add(s.chars().count());
                    if chars > MAX_SLICE_CHARS {
                        v.problem(
                            &epath,
                            format!("makes the slice longer than {MAX_SLICE_CHARS} characters; a slice holds only the entries one article uses"),
                        );
                        return None;
                    }
                    if s.is_empty() {
                        return Some(String::new());
                    }
                    let tokens = s.split(' ');
                    let (mut n, mut empty) = (0usize, false);
                    for t in tokens {
                        n += 1;
                        empty |= t.is_empty() || t.chars().any(char::is_whitespace);
                    }
                    if empty || n % 2 != 0 {
                        v.problem(
                            &epath,
                            "must be `key value key value …` separated by single spaces; run `article-widget prepare` again",
                        );
                        return None;
                    }
                    Some(s.clone())
                };
                let first = entries("first", v);
                let other = entries("other", v);
                Some(SliceGroup {
                    group: group?,
                    dict: dict?,
                    first: first?,
                    other: other?,
                })
            },
        );
        Some(Slice {
            target: target?,
            configs: configs?,
            input: input?,
            crc32: crc32?,
            groups: groups?,
        })
    }

    /// One paragraph of text (body, copyright clauses).
    fn paragraph(&mut self, value: &Json, path: &str) -> Option<String> {
        self.text_max(value, path, MAX_PARAGRAPH_CHARS)
    }

    /// An object with a required `name` and an optional `url` (source, author, section).
    fn named(&mut self, value: &Json, path: &str, hint: &str) -> Option<Person> {
        let obj = self.object(value, path)?;
        let name = self.text_field(obj, path, "name", Need::Required, hint);
        let url = self.url_field(obj, path, "url");
        Some(Person { name: name?, url })
    }

    fn editor(&mut self, value: &Json, path: &str) -> Option<Editor> {
        let obj = self.object(value, path)?;
        let name = self.text_field(obj, path, "name", Need::Required, "give the editor's name");
        let roles: Vec<&str> = EditorRole::ALL.iter().map(|r| r.as_str()).collect();
        let role_hint = format!("give one of {}", roles.join(", "));
        let role = self.text_field(obj, path, "role", Need::Required, &role_hint);
        let label = self.text_field(obj, path, "label", Need::Optional, "");
        let role = role?;
        let Some(known) = EditorRole::ALL.into_iter().find(|r| r.as_str() == role) else {
            self.problem(
                &format!("{path}.role"),
                format!(
                    "{} is not a known role; {role_hint} (use \"other\" with a label)",
                    quoted(&role)
                ),
            );
            return None;
        };
        if known == EditorRole::Other && label.is_none() && get(obj, "label").is_none() {
            self.problem(
                &format!("{path}.label"),
                "required when role is \"other\"; give the label the publisher prints",
            );
        }
        Some(Editor {
            name: name?,
            role: known,
            label,
        })
    }

    fn copyright(&mut self, value: &Json, path: &str) -> Option<Copyright> {
        let obj = self.object(value, path)?;
        let title = self.text_field(
            obj,
            path,
            "title",
            Need::Required,
            "give the statement's title",
        );
        let clauses = self.list(
            obj,
            path,
            "clauses",
            Need::Required,
            "give at least one clause",
            MAX_ITEMS,
            |v, clause, cpath| {
                let cobj = v.object(clause, cpath)?;
                v.list(
                    cobj,
                    cpath,
                    "paragraphs",
                    Need::Required,
                    "give the clause's text as an array of paragraphs",
                    MAX_PARAGRAPHS,
                    Self::paragraph,
                )
                .map(|paragraphs| Clause { paragraphs })
            },
        );
        let holder = self.text_field(obj, path, "holder", Need::Optional, "");
        let license = self.url_field(obj, path, "license");
        Some(Copyright {
            title: title?,
            clauses: clauses?,
            holder,
            license,
        })
    }
}
