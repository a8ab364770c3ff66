//! A small JSON reader for article documents (RFC 8259), used instead of `serde_json` so the
//! widget's module carries no general-purpose deserializer, and so that hostile documents are
//! refused with a readable message rather than exhausting the stack or memory:
//!
//! - nesting is limited to [`MAX_DEPTH`] levels (a document 10,000 arrays deep is an error at
//!   the first level too many, not a stack overflow);
//! - a leading UTF-8 byte order mark is skipped, as browsers' `response.json()` does;
//! - bytes that are not UTF-8 are reported with their offset, line and column;
//! - every syntax error names its line and column (counted in characters, from 1);
//! - objects keep their keys in order, duplicates included, so that [`key_problems`] can
//!   report them with their JSON path (a later duplicate silently winning is how two systems
//!   end up reading different documents), and keys over [`MAX_KEY_CHARS`] characters;
//! - keys quoted in a syntax error show at most 64 characters.
//!
//! Strings and arrays are bounded by the input, which the callers bound (the widget's
//! `maxBytes`, the CLI's file size); the article's own limits are checked by the validator.

use std::fmt;

/// Deepest nesting of arrays and objects accepted. Article v1 documents nest at most 5 levels
/// (`$.copyright.clauses[0].paragraphs[0]`); extensions get plenty of room.
pub const MAX_DEPTH: usize = 64;

/// Longest key of any object (unknown fields included), in characters. Article v1 keys are
/// at most 13 (`datePublished`); a longer one is reported by [`key_problems`], so that no key
/// is copied into paths and messages at any length.
pub const MAX_KEY_CHARS: usize = 256;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number, as written (validated against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in document order; duplicate keys are kept.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The first member named `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as a non-negative integer, if it is written as one (`1`, not `1.0`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value as indented JSON text (two spaces, members in their order, numbers as
    /// written, non-ASCII characters as themselves): what native tools write back.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, d: usize| {
            out.push('\n');
            for _ in 0..d {
                out.push_str("  ");
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    v.write(out, depth + 1);
                }
                indent(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    write_string(out, k);
                    out.push_str(": ");
                    v.write(out, depth + 1);
                }
                indent(out, depth);
                out.push('}');
            }
        }
    }

    /// "an object", "a string", … for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not valid JSON (line {}, column {}): {}",
            self.line, self.column, self.message
        )
    }
}

/// Parses bytes: a leading UTF-8 BOM is skipped, anything not UTF-8 is an error.
pub fn parse_bytes(bytes: &[u8]) -> Result<Json, JsonError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let at = e.valid_up_to();
            // The valid prefix is UTF-8, so positions are counted in its characters.
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            let (line, column) = position(prefix, at);
            Err(JsonError {
                line,
                column,
                message: format!(
                    "byte {at} is not UTF-8 (0x{:02X}); save the document as UTF-8",
                    bytes[at]
                ),
            })
        }
    }
}

/// Parses a whole text as one JSON value. A leading U+FEFF (BOM) is skipped.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the document"));
    }
    Ok(value)
}

/// Line and column (1-based, characters) of byte offset `at` in `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> JsonError {
        let (line, column) = position(self.text, self.pos);
        JsonError {
            line,
            column,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// What is at the current position, for "expected X, found Y".
    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the document".to_owned(),
            Some(c) if c.is_control() => crate::quote_char(c),
            Some(c) => format!("`{c}`"),
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'<') => Err(self.error(
                "found `<`: this looks like an HTML page, not a JSON document; check that the \
                 URL serves the article's JSON (a login or error page is often served instead)",
            )),
            _ => Err(self.error(format!("expected a JSON value, found {}", self.found()))),
        }
    }

    fn nested(
        &mut self,
        inner: fn(&mut Self) -> Result<Json, JsonError>,
    ) -> Result<Json, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!(
                "nested more than {MAX_DEPTH} levels deep; an article document nests at most a \
                 few levels"
            )));
        }
        self.depth += 1;
        let value = inner(self);
        self.depth -= 1;
        value
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(format!("expected a JSON value, found {}", self.found())))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 {
            return Err(self.error(format!("expected a digit, found {}", self.found())));
        }
        if n > 1 && self.bytes[int_start] == b'0' {
            self.pos = int_start;
            return Err(self.error("a number cannot start with 0 (write 7, not 07)"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error(format!(
                    "expected a digit after the decimal point, found {}",
                    self.found()
                )));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error(format!(
                    "expected a digit in the exponent, found {}",
                    self.found()
                )));
            }
        }
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once.
            let run = self.bytes[self.pos..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map_or(self.bytes.len(), |i| self.pos + i);
            out.push_str(&self.text[self.pos..run]);
            self.pos = run;
            match self.peek() {
                None => {
                    self.pos = open;
                    return Err(self.error("this string is never closed; add the closing `\"`"));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(format!(
                        "control character {} inside a string; write it as an escape such as \\n",
                        self.found()
                    )))
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                return match hi {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(self.error(
                                "a high surrogate escape must be followed by a low one (\\uDC00–\\uDFFF)",
                            ));
                        }
                        self.pos += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(
                                self.error("expected a low surrogate escape (\\uDC00–\\uDFFF)")
                            );
                        }
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        Ok(char::from_u32(c).unwrap_or('\u{FFFD}'))
                    }
                    0xDC00..=0xDFFF => {
                        Err(self.error("a low surrogate escape without a high one before it"))
                    }
                    _ => Ok(char::from_u32(hi).unwrap_or('\u{FFFD}')),
                };
            }
            _ => {
                return Err(self.error(format!(
                    "unknown escape \\{}; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX",
                    self.found().trim_matches('`')
                )))
            }
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => {
                    return Err(self.error(format!(
                        "expected a hex digit in a \\u escape, found {}",
                        self.found()
                    )))
                }
            };
            n = n * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    fn array(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(Vec::new()));
        }
        // Room for one item, and no spare room once read (see `exact`).
        let mut items = Vec::with_capacity(1);
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(exact(items)));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `]` in an array, found {}",
                        self.found()
                    )))
                }
            }
        }
    }

    fn object(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(Vec::new()));
        }
        let mut members = Vec::with_capacity(1);
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(format!(
                    "expected a key in double quotes, found {}",
                    self.found()
                )));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error(format!(
                    "expected `:` after the key {}, found {}",
                    crate::quote_short(&key, 64),
                    self.found()
                )));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(exact(members)));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `}}` in an object, found {}",
                        self.found()
                    )))
                }
            }
        }
    }
}

/// `items` without spare capacity. A vector grows to at least 4 items and then doubles: kept
/// as they are, arrays of one item nested over and over would take 128 bytes for each 2
/// bytes of input (`[`, `]`), a 2 MiB document over 100 MB. Exact, the tree takes at most
/// about 32 bytes per 2 bytes of input (`[0,0,…]`: one value per 2 bytes).
fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}

/// A problem with the keys of an object, found by [`key_problems`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyProblem<'a> {
    /// A key given more than once in one object; reported once, at the path of its second
    /// occurrence.
    Repeated,
    /// A key longer than [`MAX_KEY_CHARS`] (`chars` characters); reported at the path of the
    /// object that has it.
    TooLong { key: &'a str, chars: usize },
}

/// Calls `report` with the JSON path and the problem of every key given more than once in its
/// object and of every key longer than [`MAX_KEY_CHARS`], in document order, unknown fields
/// included. Work and memory are linear in the document: one path is built as the walk goes
/// (a key over the limit appears in paths as its first [`PATH_KEY_CHARS`] characters and `…`)
/// and `report` is given it borrowed, so a caller that keeps only some problems copies only
/// those paths.
pub fn key_problems(value: &Json, report: &mut dyn FnMut(&str, KeyProblem<'_>)) {
    walk_keys(value, &mut String::from("$"), report);
}

/// Characters of a key over [`MAX_KEY_CHARS`] shown in a path.
pub const PATH_KEY_CHARS: usize = 32;

/// The number of characters of `key`, if it is longer than [`MAX_KEY_CHARS`] (counted only
/// that far otherwise).
fn too_long(key: &str) -> Option<usize> {
    (key.len() > MAX_KEY_CHARS && key.chars().nth(MAX_KEY_CHARS).is_some())
        .then(|| key.chars().count())
}

fn walk_keys(value: &Json, path: &mut String, report: &mut dyn FnMut(&str, KeyProblem<'_>)) {
    match value {
        Json::Object(members) => {
            for (key, _) in members {
                if let Some(chars) = too_long(key) {
                    report(path, KeyProblem::TooLong { key, chars });
                }
            }
            // Keys seen, and keys already reported as given more than once.
            let mut seen = std::collections::BTreeSet::new();
            let mut repeated = std::collections::BTreeSet::new();
            for (key, child) in members {
                let len = path.len();
                path.push('.');
                if too_long(key).is_some() {
                    let cut = key
                        .char_indices()
                        .nth(PATH_KEY_CHARS)
                        .map_or(key.len(), |(i, _)| i);
                    path.push_str(&key[..cut]);
                    path.push('…');
                } else {
                    path.push_str(key);
                }
                if !seen.insert(key.as_str()) && repeated.insert(key.as_str()) {
                    report(path, KeyProblem::Repeated);
                }
                walk_keys(child, path, report);
                path.truncate(len);
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = path.len();
                // Written in place: no string per index.
                let _ = fmt::Write::write_fmt(path, format_args!("[{i}]"));
                walk_keys(child, path, report);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> JsonError {
        parse(text).unwrap_err()
    }

    #[test]
    fn values() {
        assert_eq!(
            parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\"]} ")
                .unwrap(),
            Json::Object(vec![(
                "a".into(),
                Json::Array(vec![
                    Json::Number("1".into()),
                    Json::Number("-2.5e3".into()),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null,
                    Json::String("xé😀\n".into()),
                ])
            )])
        );
        assert_eq!(parse("1").unwrap().as_u64(), Some(1));
        assert_eq!(parse("1.0").unwrap().as_u64(), None);
    }

    #[test]
    fn positions() {
        let e = err("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e
            .message
            .contains("expected a key in double quotes, found `o`"));
        let e = err("{\"headline\": \"頭條\" x}");
        assert_eq!((e.line, e.column), (1, 19), "columns count characters: {e}");
        assert!(err("[1,]")
            .message
            .contains("expected a JSON value, found `]`"));
        assert!(err("[1 2]").message.contains("expected `,` or `]`"));
        assert!(err("\"abc").message.contains("never closed"));
        assert!(err("01").message.contains("cannot start with 0"));
        assert!(err("\"a\tb\"").message.contains("control character"));
        assert!(err("\"\\x\"").message.contains("unknown escape \\x"));
        assert!(err("\"\\udc00\"").message.contains("low surrogate"));
        assert!(err("{} {}").message.contains("after the end"));
        assert!(err("").message.contains("found the end of the document"));
    }

    #[test]
    fn html_page() {
        let e = err("<!DOCTYPE html><html><body>Not found</body></html>");
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("HTML page"), "{e}");
    }

    #[test]
    fn depth_is_limited_without_overflowing_the_stack() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = err(&deep);
        assert!(e.message.contains("nested more than 64 levels"), "{e}");
        assert_eq!((e.line, e.column), (1, MAX_DEPTH + 1));
        let deep_objects = "{\"a\":".repeat(10_000);
        assert!(err(&deep_objects).message.contains("nested more than"));
    }

    #[test]
    fn bom_and_utf8() {
        assert_eq!(
            parse_bytes(b"\xEF\xBB\xBF[1]").unwrap(),
            parse("[1]").unwrap()
        );
        assert_eq!(parse("\u{FEFF}[1]").unwrap(), parse("[1]").unwrap());
        let e = parse_bytes(b"{\n \"h\": \"\xE9t\xE9\"}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        assert!(e.message.contains("byte 9 is not UTF-8 (0xE9)"), "{e}");
        // A BOM anywhere else is an error, as in JSON.parse.
        assert!(parse("[1]\u{FEFF}").is_err());
    }

    fn key_problems_of(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        key_problems(&parse(text).unwrap(), &mut |path, p| {
            out.push((path.to_owned(), format!("{p:?}")))
        });
        out
    }

    #[test]
    fn duplicates_have_paths() {
        let v = parse(r#"{"a": 1, "b": [{"c": 1, "c": 2}], "a": 3}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Json::Number("1".into())));
        // Once per key and object, at its second occurrence.
        assert_eq!(
            key_problems_of(r#"{"a": 1, "b": [{"c": 1, "c": 2, "c": 3}], "a": 3, "a": 4}"#),
            [
                ("$.b[0].c".into(), "Repeated".into()),
                ("$.a".into(), "Repeated".into()),
            ]
        );
    }

    #[test]
    fn long_keys_are_reported_at_their_object_and_shortened_in_paths() {
        let fits = "k".repeat(MAX_KEY_CHARS);
        assert_eq!(key_problems_of(&format!(r#"{{"x": {{"{fits}": 1}}}}"#)), []);
        let long = "長".repeat(MAX_KEY_CHARS + 1);
        let found = key_problems_of(&format!(r#"{{"x": {{"{long}": {{"a": 1, "a": 2}}}}}}"#));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "$.x");
        assert!(found[0].1.contains("chars: 257"), "{found:?}");
        assert_eq!(
            found[1].0,
            format!("$.x.{}….a", "長".repeat(PATH_KEY_CHARS))
        );
    }
}
