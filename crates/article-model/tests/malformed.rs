//! Malformed documents: each is refused with a specific, readable problem at
//! its JSON path, and none panics or overflows the stack.

use article_model::{parse_article, parse_article_bytes, Problem};

const SEED: &str = include_str!("../../../www/article.json");

fn problems(text: &str) -> Vec<Problem> {
    parse_article(text).expect_err("the document must be refused")
}

/// The seed with `field` replaced by the raw JSON `value`.
fn with(field: &str, value: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
    doc[field] = serde_json::from_str(value).unwrap();
    doc.to_string()
}

fn has(problems: &[Problem], path: &str, words: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.path == path && p.message.contains(words)),
        "expected {path}: …{words}…, got {problems:?}"
    );
}

#[test]
fn the_seed_is_valid() {
    parse_article(SEED).expect("seed");
    parse_article_bytes(SEED.as_bytes()).expect("seed as bytes");
}

#[test]
fn invalid_json() {
    let p = problems("{\"version\": 1,\n \"headline\": \"a\",,}");
    has(&p, "$", "not valid JSON (line 2, column 18)");
    has(&p, "$", "expected a key in double quotes, found `,`");
}

#[test]
fn wrong_types() {
    let p = problems(&with("headline", "42"));
    has(&p, "$.headline", "expected a string, found a number");
    let p = problems(&with("body", "\"one paragraph\""));
    has(&p, "$.body", "expected an array, found a string");
    let p = problems(&with("source", "[\"CRI\"]"));
    has(&p, "$.source", "expected an object, found an array");
}

#[test]
fn missing_required_field() {
    let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
    doc.as_object_mut().unwrap().remove("datePublished");
    let p = problems(&doc.to_string());
    has(
        &p,
        "$.datePublished",
        "required field is missing; give an RFC 3339",
    );
}

#[test]
fn unknown_major_version() {
    let p = problems(&with("version", "2"));
    has(&p, "$.version", "format version 2 is not supported");
    let p = problems(&with("version", "\"1\""));
    has(&p, "$.version", "expected the integer 1, found a string");
}

#[test]
fn duplicate_keys_are_reported_with_their_path() {
    let text = SEED.replacen(
        "\"headline\":",
        "\"headline\": \"A forged headline\",\n  \"headline\":",
        1,
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    has(
        &p,
        "$.headline",
        "is given more than once in the same object",
    );
    let text = SEED.replacen("\"source\": {", "\"source\": {\"name\": \"Forged\", ", 1);
    has(&problems(&text), "$.source.name", "more than once");
}

#[test]
fn a_one_megabyte_headline() {
    let big = "長".repeat(350_000); // > 1 MB of UTF-8
    let p = problems(&with("headline", &serde_json::to_string(&big).unwrap()));
    has(
        &p,
        "$.headline",
        "is 350000 characters long; give at most 1000 characters",
    );
}

#[test]
fn a_hundred_thousand_paragraphs() {
    let body = serde_json::to_string(&vec!["段落"; 100_000]).unwrap();
    let p = problems(&with("body", &body));
    has(&p, "$.body", "has 100000 items; give at most 10000");
}

#[test]
fn nesting_ten_thousand_deep() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let text = SEED.replacen('{', &format!("{{\"extension\": {deep},"), 1);
    let p = problems(&text);
    has(&p, "$", "nested more than 64 levels deep");
    // Also as the whole document, and unclosed.
    has(
        &problems(&"{\"a\":".repeat(10_000)),
        "$",
        "nested more than 64",
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes = SEED.as_bytes().to_vec();
    let at = SEED.find("\"headline\"").unwrap() + 13;
    bytes[at] = 0xFF;
    let p = parse_article_bytes(&bytes).unwrap_err();
    has(&p, "$", &format!("byte {at} is not UTF-8 (0xFF)"));
}

#[test]
fn a_utf8_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SEED.as_bytes());
    let a = parse_article_bytes(&bytes).expect("BOM accepted");
    assert_eq!(a, parse_article(SEED).unwrap());
    assert_eq!(parse_article(&format!("\u{FEFF}{SEED}")).unwrap(), a);
}

#[test]
fn an_html_error_page() {
    let page = "<!DOCTYPE html>\n<html><head><title>Page not found</title></head></html>";
    let p = problems(page);
    has(&p, "$", "line 1, column 1");
    has(&p, "$", "this looks like an HTML page, not a JSON document");
}

#[test]
fn null_and_empty_values() {
    has(
        &problems(&with("byline", "null")),
        "$.byline",
        "omit the field instead of sending null",
    );
    has(
        &problems(&with("headline", "\"  \"")),
        "$.headline",
        "is empty",
    );
    has(&problems("null"), "$", "expected an object, found null");
}
