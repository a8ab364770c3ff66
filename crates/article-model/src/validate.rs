//! Validation of article documents with every problem reported at its JSON path.
//!
//! `serde` stops at the first error and its messages do not say how to fix the document, so the
//! document is first checked as a `serde_json::Value`, collecting all problems, and only then
//! deserialized. The checks here and `www/schema/article.v1.json` describe the same format; the
//! tests in `tests/schema_agreement.rs` hold them together.

use std::fmt;

use serde_json::{Map, Value};

use crate::{
    is_language_tag, is_safe_http_url, Article, DateTime, EditorRole, CONVERSION_TARGETS,
    FORMAT_VERSION, MAX_CONVERSION_TERMS, MAX_TERM_CHARS,
};

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value, e.g. `$.editors[1].role`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Parses `text` as an article v1 document, returning every problem if it is not one.
pub fn parse_article(text: &str) -> Result<Article, Vec<Problem>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            path: "$".to_owned(),
            message: format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        }]
    })?;
    article_from_value(value)
}

/// Validates an already parsed document and converts it into an [`Article`].
pub fn article_from_value(value: Value) -> Result<Article, Vec<Problem>> {
    let problems = validate_value(&value);
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(value).map_err(|e| {
        vec![Problem {
            path: "$".to_owned(),
            message: format!("the document passed validation but could not be read: {e}"),
        }]
    })
}

/// Checks a document and returns all problems found (empty when it is valid).
pub fn validate_value(value: &Value) -> Vec<Problem> {
    let mut v = Validator::default();
    v.document(value);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

/// How a field is expected to be present.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Required,
    Optional,
}

impl Validator {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    /// Looks up `key`, reporting a missing required field or a `null`.
    fn field<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
    ) -> Option<&'v Value> {
        let child = format!("{path}.{key}");
        match obj.get(key) {
            None if need == Need::Required => {
                self.problem(&child, format!("required field is missing; {hint}"));
                None
            }
            None => None,
            Some(Value::Null) => {
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

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.problem(path, format!("expected an object, found {}", kind(other)));
                None
            }
        }
    }

    fn array<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.problem(path, format!("expected an array, found {}", kind(other)));
                None
            }
        }
    }

    /// A string with at least one non-whitespace character.
    fn text<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v str> {
        match value {
            Value::String(s) if s.trim().is_empty() => {
                self.problem(path, "is empty; give the text or omit the field");
                None
            }
            Value::String(s) => Some(s),
            other => {
                self.problem(path, format!("expected a string, found {}", kind(other)));
                None
            }
        }
    }

    fn text_field(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
    ) -> Option<String> {
        let value = self.field(obj, path, key, need, hint)?;
        self.text(value, &format!("{path}.{key}"))
            .map(str::to_owned)
    }

    fn url_field(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        let hint = "an absolute http(s) URL";
        let Some(value) = self.field(obj, path, key, Need::Optional, hint) else {
            return;
        };
        let child = format!("{path}.{key}");
        if let Some(url) = self.text(value, &child) {
            if !is_safe_http_url(url) {
                self.problem(
                    &child,
                    format!(
                        "{url:?} is not an absolute http(s) URL; write it as https://host/path"
                    ),
                );
            }
        }
    }

    fn date_field(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        need: Need,
    ) -> Option<DateTime> {
        let hint = "give an RFC 3339 date-time with offset, e.g. 2025-12-29T18:35:44+08:00";
        let text = self.text_field(obj, path, key, need, hint)?;
        match DateTime::parse(&text) {
            Ok(t) => Some(t),
            Err(e) => {
                self.problem(&format!("{path}.{key}"), format!("{text:?}: {e}"));
                None
            }
        }
    }

    /// An array field whose items are checked by `item`. A required list must not be empty.
    fn list(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        need: Need,
        hint: &str,
        mut item: impl FnMut(&mut Self, &Value, &str),
    ) {
        let Some(value) = self.field(obj, path, key, need, hint) else {
            return;
        };
        let child = format!("{path}.{key}");
        let Some(items) = self.array(value, &child) else {
            return;
        };
        if need == Need::Required && items.is_empty() {
            self.problem(&child, format!("is empty; {hint}"));
        }
        for (i, v) in items.iter().enumerate() {
            item(self, v, &format!("{child}[{i}]"));
        }
    }

    fn document(&mut self, value: &Value) {
        let Some(doc) = self.object(value, "$") else {
            return;
        };
        let p = "$";
        if let Some(version) = self.field(doc, p, "version", Need::Required, "add \"version\": 1") {
            match version.as_u64() {
                Some(FORMAT_VERSION) => {}
                Some(n) => self.problem(
                    "$.version",
                    format!("format version {n} is not supported; this widget reads version {FORMAT_VERSION}"),
                ),
                None => self.problem(
                    "$.version",
                    format!("expected the integer {FORMAT_VERSION}, found {}", kind(version)),
                ),
            }
        }
        self.text_field(
            doc,
            p,
            "headline",
            Need::Required,
            "give the article's headline",
        );
        let published = self.date_field(doc, p, "datePublished", Need::Required);
        let modified = self.date_field(doc, p, "dateModified", Need::Optional);
        if let (Some(a), Some(b)) = (published, modified) {
            if b.unix_millis() < a.unix_millis() {
                self.problem(
                    "$.dateModified",
                    "is earlier than datePublished; check both times and their offsets",
                );
            }
        }
        let lang_hint = "give a BCP 47 language tag such as zh-Hant";
        if let Some(lang) = self.text_field(doc, p, "inLanguage", Need::Required, lang_hint) {
            if !is_language_tag(&lang) {
                self.problem(
                    "$.inLanguage",
                    format!(
                        "{lang:?} is not a BCP 47 language tag; write e.g. zh-Hant or zh-Hans-CN"
                    ),
                );
            }
        }
        self.url_field(doc, p, "url");
        let source_hint = "give {\"name\": \"…\"} for the publisher";
        if let Some(source) = self.field(doc, p, "source", Need::Required, source_hint) {
            self.named(source, "$.source", "give the publisher's name");
        }
        self.list(doc, p, "authors", Need::Optional, "", |v, item, path| {
            v.named(item, path, "give the author's name");
        });
        self.text_field(doc, p, "byline", Need::Optional, "");
        self.list(doc, p, "editors", Need::Optional, "", Self::editor);
        self.list(doc, p, "sections", Need::Optional, "", |v, item, path| {
            v.named(item, path, "give the section's name");
        });
        self.list(
            doc,
            p,
            "body",
            Need::Required,
            "give the body as an array of paragraph strings",
            Self::paragraph,
        );
        if let Some(c) = self.field(doc, p, "copyright", Need::Optional, "") {
            self.copyright(c, "$.copyright");
        }
        if let Some(c) = self.field(doc, p, "conversion", Need::Optional, "") {
            self.conversion(c, "$.conversion");
        }
    }

    /// A term of `conversion`: non-empty, no longer than [`MAX_TERM_CHARS`].
    fn term(&mut self, value: &Value, path: &str) {
        if let Some(t) = self.text(value, path) {
            let n = t.chars().count();
            if n > MAX_TERM_CHARS {
                self.problem(
                    path,
                    format!("is {n} characters long; a term has at most {MAX_TERM_CHARS}"),
                );
            }
        }
    }

    fn conversion(&mut self, value: &Value, path: &str) {
        let Some(obj) = self.object(value, path) else {
            return;
        };
        let count = |key: &str| obj.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        let total = count("keep") + count("terms");
        if total > MAX_CONVERSION_TERMS {
            self.problem(
                path,
                format!("has {total} keep and terms entries; give at most {MAX_CONVERSION_TERMS}"),
            );
            return;
        }
        self.list(obj, path, "keep", Need::Optional, "", Self::term);
        self.list(obj, path, "terms", Need::Optional, "", |v, item, tpath| {
            let Some(tobj) = v.object(item, tpath) else {
                return;
            };
            if let Some(term) = v.field(
                tobj,
                tpath,
                "term",
                Need::Required,
                "give the term as it appears in the text",
            ) {
                v.term(term, &format!("{tpath}.term"));
            }
            let mut forms = 0;
            for (key, form) in tobj {
                if key == "term" {
                    continue;
                }
                let fpath = format!("{tpath}.{key}");
                if !CONVERSION_TARGETS.contains(&key.as_str()) {
                    v.problem(
                        &fpath,
                        format!(
                            "{key:?} is not a conversion target; give one of {}",
                            CONVERSION_TARGETS.join(", ")
                        ),
                    );
                    continue;
                }
                if form.is_null() {
                    v.problem(&fpath, "is null; omit the target instead");
                    continue;
                }
                forms += 1;
                v.term(form, &fpath);
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
        });
    }

    /// One paragraph of text (body, copyright clauses).
    fn paragraph(&mut self, value: &Value, path: &str) {
        self.text(value, path);
    }

    /// An object with a required `name` and an optional `url` (source, author, section).
    fn named(&mut self, value: &Value, path: &str, hint: &str) {
        if let Some(obj) = self.object(value, path) {
            self.text_field(obj, path, "name", Need::Required, hint);
            self.url_field(obj, path, "url");
        }
    }

    fn editor(&mut self, value: &Value, path: &str) {
        let Some(obj) = self.object(value, path) else {
            return;
        };
        self.text_field(obj, path, "name", Need::Required, "give the editor's name");
        let roles: Vec<&str> = EditorRole::ALL.iter().map(|r| r.as_str()).collect();
        let role_hint = format!("give one of {}", roles.join(", "));
        let role = self.text_field(obj, path, "role", Need::Required, &role_hint);
        let label = self.text_field(obj, path, "label", Need::Optional, "");
        if let Some(role) = role {
            if !roles.contains(&role.as_str()) {
                self.problem(
                    &format!("{path}.role"),
                    format!(
                        "{role:?} is not a known role; {role_hint} (use \"other\" with a label)"
                    ),
                );
            } else if role == "other" && label.is_none() && !obj.contains_key("label") {
                self.problem(
                    &format!("{path}.label"),
                    "required when role is \"other\"; give the label the publisher prints",
                );
            }
        }
    }

    fn copyright(&mut self, value: &Value, path: &str) {
        let Some(obj) = self.object(value, path) else {
            return;
        };
        self.text_field(
            obj,
            path,
            "title",
            Need::Required,
            "give the statement's title",
        );
        self.list(
            obj,
            path,
            "clauses",
            Need::Required,
            "give at least one clause",
            |v, clause, cpath| {
                let Some(cobj) = v.object(clause, cpath) else {
                    return;
                };
                v.list(
                    cobj,
                    cpath,
                    "paragraphs",
                    Need::Required,
                    "give the clause's text as an array of paragraphs",
                    Self::paragraph,
                );
            },
        );
        self.text_field(obj, path, "holder", Need::Optional, "");
        self.url_field(obj, path, "license");
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
