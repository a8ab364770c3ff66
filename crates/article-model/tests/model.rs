//! The seed sample, the schema and the serde model must agree.

use std::path::PathBuf;

use article_model::{parse_article, validate_value, Article, EditorRole, REQUIRED_FIELDS};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    let path = root().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sample() -> Value {
    serde_json::from_str(&read("www/article.json")).unwrap()
}

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read("www/schema/article.v1.json")).unwrap();
    jsonschema::validator_for(&schema).expect("the schema itself is valid")
}

fn schema_errors(doc: &Value) -> Vec<String> {
    schema()
        .iter_errors(doc)
        .map(|e| format!("{} {}", e.instance_path(), e))
        .collect()
}

/// Rebuilds the seed page's text from the sample document, using the page's layout: the meta
/// line, the two-space paragraph indent, the byline closing the last paragraph, blank lines.
fn seed_text_from(article: &Article) -> String {
    let mut out = String::new();
    out.push_str(&article.headline);
    out.push('\n');
    let published = article.published().unwrap();
    out.push_str(&published.wall_clock());
    out.push_str(&format!("來源: {}", article.source.name));
    for e in &article.editors {
        out.push_str(&format!("{}: {}", e.label.as_deref().unwrap(), e.name));
    }
    out.push_str("\n\n");
    let last = article.body.len() - 1;
    for (i, p) in article.body.iter().enumerate() {
        out.push_str("  ");
        out.push_str(&p.text());
        if i == last {
            out.push_str(article.byline.as_deref().unwrap());
        }
        out.push_str("\n\n");
    }
    let c = article.copyright.as_ref().unwrap();
    out.push_str(&c.title);
    for clause in &c.clauses {
        for p in &clause.paragraphs {
            out.push_str("\n\n");
            out.push_str(p);
        }
    }
    out
}

#[test]
fn sample_reproduces_the_seed_text_exactly() {
    let seed = read("tests/fixtures/seed/000_42b738e00c8f4919.txt");
    let article = parse_article(&read("www/article.json")).expect("sample is valid");
    // Line 0 is the site's section bar; the names must match, the NBSP padding is layout.
    let (bar, rest) = seed.split_once('\n').unwrap();
    let names: Vec<&str> = bar
        .split('|')
        .map(|s| s.trim_matches(|c| c == '\u{a0}' || c == ' '))
        .filter(|s| !s.is_empty())
        .collect();
    let ours: Vec<&str> = article.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(ours, names);
    assert_eq!(seed_text_from(&article), rest);
    // The quirks are real-world input and must survive.
    let all = read("www/article.json");
    for quirk in [
        "産",
        "不限于",
        "揭榜挂帥",
        "深化揭榜挂帥”“賽馬制”",
        "Hello,河南",
        "(文 王小軍)",
    ] {
        assert!(all.contains(quirk), "{quirk} lost from the sample");
    }
    assert!(!all.contains('产'));
}

/// SHA-256 of the seed page this project started from, computed from the original
/// (`shared/seed/000_42b738e00c8f4919.txt`, outside the repository) when its byte-for-byte copy
/// `tests/fixtures/seed/` was committed.
const SEED_PAGE_SHA256: &str = "da5f753954cbd5e0f316210dde0011fa5f16faa7066e8feb4070ca57565375be";

#[test]
fn committed_seed_copy_is_the_original_byte_for_byte() {
    use sha2::{Digest, Sha256};
    let path = root().join("tests/fixtures/seed/000_42b738e00c8f4919.txt");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(bytes.len(), 5916, "{} changed size", path.display());
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest,
        SEED_PAGE_SHA256,
        "{} is no longer the seed page byte for byte; restore it from the original",
        path.display()
    );
}

#[test]
fn sample_is_valid_for_model_and_schema() {
    let doc = sample();
    assert_eq!(validate_value(&doc), vec![]);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let article: Article = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(article.editors[1].role, EditorRole::ResponsibleEditor);
    assert_eq!(article.body.len(), 5);
    assert_eq!(article.copyright.as_ref().unwrap().clauses.len(), 5);
    assert_eq!(
        article.copyright.as_ref().unwrap().clauses[2]
            .paragraphs
            .len(),
        3
    );
    // Round trip: serializing the model gives back the same document.
    assert_eq!(serde_json::to_value(&article).unwrap(), doc);
}

#[test]
fn missing_required_fields_are_named() {
    for field in REQUIRED_FIELDS {
        let mut doc = sample();
        doc.as_object_mut().unwrap().remove(*field);
        let problems = validate_value(&doc);
        assert_eq!(problems.len(), 1, "{field}: {problems:?}");
        assert_eq!(problems[0].path, format!("$.{field}"));
        assert!(problems[0].message.contains("required field is missing"));
        assert!(
            !schema_errors(&doc).is_empty(),
            "schema accepts a doc without {field}"
        );
    }
}

#[test]
fn schema_required_list_is_the_models() {
    let schema: Value = serde_json::from_str(&read("www/schema/article.v1.json")).unwrap();
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    let mut ours = REQUIRED_FIELDS.to_vec();
    ours.sort_unstable();
    assert_eq!(required, ours);
    // Every property the model writes is described by the schema, and vice versa.
    let props: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let written = serde_json::to_value(parse_article(&read("www/article.json")).unwrap()).unwrap();
    let rich = serde_json::to_value(parse_article(&read(RICH[0])).unwrap()).unwrap();
    let mut written: Vec<&String> = written.as_object().unwrap().keys().collect();
    written.extend(rich.as_object().unwrap().keys());
    written.push(props.iter().find(|k| k.as_str() == "conversion").unwrap());
    written.sort();
    written.dedup();
    let mut props = props;
    props.sort();
    assert_eq!(written, props);
}

/// The rich fixture articles (every new field: standfirst, lead image, typed blocks, spans,
/// figures with and without dimensions, corrections).
const RICH: [&str; 2] = [
    "tests/fixtures/rich/rich.hant.json",
    "tests/fixtures/rich/rich.hans.json",
];

fn rich() -> Value {
    serde_json::from_str(&read(RICH[0])).unwrap()
}

#[test]
fn rich_fixtures_are_valid_for_model_and_schema() {
    for rel in RICH {
        let doc: Value = serde_json::from_str(&read(rel)).unwrap();
        assert_eq!(validate_value(&doc), vec![], "{rel}");
        assert_eq!(schema_errors(&doc), Vec::<String>::new(), "{rel}");
        let article = parse_article(&read(rel)).expect(rel);
        // Every kind of block is there, and the model writes back the document it read.
        for kind in article_model::BLOCK_TYPES {
            assert!(
                doc["body"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|b| b["type"] == kind),
                "{rel} has no {kind}"
            );
        }
        assert!(article.image.is_some() && article.description.is_some());
        assert_eq!(article.corrections.len(), 2, "{rel}");
        let serde: Article = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(
            serde, article,
            "{rel}: serde and the validator read it differently"
        );
        assert_eq!(serde_json::to_value(&article).unwrap(), doc, "{rel}");
    }
}

/// Changes to the rich fixture, each with the path the model must name (None: still valid);
/// the schema must agree on each.
fn rich_cases() -> Vec<Case> {
    fn fig(d: &mut Value) -> &mut Value {
        let body = d["body"].as_array_mut().unwrap();
        let i = body.iter().position(|b| b["type"] == "figure").unwrap();
        &mut body[i]["image"]
    }
    vec![
        (
            "unknown block type",
            Box::new(|d| d["body"][3] = json!({"type": "table", "rows": []})),
            Some("$.body[3].type"),
        ),
        (
            "block without a type",
            Box::new(|d| d["body"][3] = json!({"content": ["x"]})),
            Some("$.body[3].type"),
        ),
        (
            "paragraph without content",
            Box::new(|d| d["body"][1] = json!({"type": "paragraph"})),
            Some("$.body[1].content"),
        ),
        (
            "empty content",
            Box::new(|d| d["body"][1]["content"] = json!([])),
            Some("$.body[1].content"),
        ),
        (
            "content of spaces only",
            Box::new(|d| d["body"][1]["content"] = json!([" ", {"text": "  "}])),
            Some("$.body[1].content"),
        ),
        (
            "an empty string in content",
            Box::new(|d| d["body"][1]["content"] = json!(["文", ""])),
            Some("$.body[1].content[1]"),
        ),
        (
            "spaces between spans are text",
            Box::new(|d| d["body"][1]["content"] = json!([{"text": "甲", "em": true}, " ", "乙"])),
            None,
        ),
        (
            "span without text",
            Box::new(|d| d["body"][1]["content"] = json!(["文", {"em": true}])),
            Some("$.body[1].content[1].text"),
        ),
        (
            "span flag not a boolean",
            Box::new(|d| d["body"][1]["content"] = json!([{"text": "文", "em": "yes"}])),
            Some("$.body[1].content[0].em"),
        ),
        (
            "javascript link",
            Box::new(|d| {
                d["body"][1]["content"] = json!([{"text": "文", "link": "javascript:alert(1)"}])
            }),
            Some("$.body[1].content[0].link"),
        ),
        (
            "data link",
            Box::new(|d| {
                d["body"][1]["content"] =
                    json!([{"text": "文", "link": "data:text/html,<script>alert(1)</script>"}])
            }),
            Some("$.body[1].content[0].link"),
        ),
        (
            "too many spans",
            Box::new(|d| {
                d["body"][1]["content"] =
                    json!(vec![json!({"text": "字"}); article_model::MAX_SPANS + 1])
            }),
            Some("$.body[1].content"),
        ),
        (
            "spans at the limit",
            Box::new(|d| {
                d["body"][1]["content"] =
                    json!(vec![json!({"text": "字"}); article_model::MAX_SPANS])
            }),
            None,
        ),
        (
            "list without items",
            Box::new(|d| d["body"][1] = json!({"type": "list", "items": []})),
            Some("$.body[1].items"),
        ),
        (
            "list item not inline",
            Box::new(|d| d["body"][1] = json!({"type": "list", "items": ["one"]})),
            Some("$.body[1].items[0]"),
        ),
        (
            "list ordered not a boolean",
            Box::new(|d| d["body"][1] = json!({"type": "list", "ordered": 1, "items": [["a"]]})),
            Some("$.body[1].ordered"),
        ),
        (
            "quote cite empty",
            Box::new(|d| d["body"][1] = json!({"type": "quote", "content": ["a"], "cite": " "})),
            Some("$.body[1].cite"),
        ),
        (
            "figure without image",
            Box::new(|d| d["body"][1] = json!({"type": "figure"})),
            Some("$.body[1].image"),
        ),
        (
            "javascript src",
            Box::new(|d| d["image"]["src"] = json!("javascript:alert(1)")),
            Some("$.image.src"),
        ),
        (
            "data src",
            Box::new(|d| fig(d)["src"] = json!("data:image/svg+xml,<svg onload=alert(1)>")),
            Some("$.body[4].image.src"),
        ),
        (
            "javascript srcset",
            Box::new(|d| d["image"]["srcset"][1]["src"] = json!("JavaScript:alert(1)")),
            Some("$.image.srcset[1].src"),
        ),
        (
            "image without src",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("src");
            }),
            Some("$.image.src"),
        ),
        (
            "missing alt",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("alt");
            }),
            Some("$.image.alt"),
        ),
        (
            "missing alt, decorative false",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("alt");
                d["image"]["decorative"] = json!(false);
            }),
            Some("$.image.alt"),
        ),
        (
            "decorative without alt",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("alt");
                d["image"]["decorative"] = json!(true);
            }),
            None,
        ),
        (
            "decorative with a blank alt",
            Box::new(|d| {
                d["image"]["alt"] = json!("");
                d["image"]["decorative"] = json!(true);
            }),
            None,
        ),
        (
            "decorative with a number for alt",
            Box::new(|d| {
                d["image"]["alt"] = json!(5);
                d["image"]["decorative"] = json!(true);
            }),
            Some("$.image.alt"),
        ),
        (
            "width 0",
            Box::new(|d| d["image"]["width"] = json!(0)),
            Some("$.image.width"),
        ),
        (
            "width 20001",
            Box::new(|d| d["image"]["width"] = json!(20_001)),
            Some("$.image.width"),
        ),
        (
            "width 20000",
            Box::new(|d| d["image"]["width"] = json!(20_000)),
            None,
        ),
        (
            "height 1e9",
            Box::new(|d| d["image"]["height"] = json!(1e9)),
            Some("$.image.height"),
        ),
        (
            "height -1",
            Box::new(|d| d["image"]["height"] = json!(-1)),
            Some("$.image.height"),
        ),
        (
            "height 1.5",
            Box::new(|d| d["image"]["height"] = json!(1.5)),
            Some("$.image.height"),
        ),
        (
            "height a string",
            Box::new(|d| d["image"]["height"] = json!("720")),
            Some("$.image.height"),
        ),
        (
            "width without height",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("height");
            }),
            Some("$.image.height"),
        ),
        (
            "height without width",
            Box::new(|d| {
                d["image"].as_object_mut().unwrap().remove("width");
            }),
            Some("$.image.width"),
        ),
        (
            "srcset width 0",
            Box::new(|d| d["image"]["srcset"][0]["width"] = json!(0)),
            Some("$.image.srcset[0].width"),
        ),
        (
            "srcset without width",
            Box::new(|d| {
                d["image"]["srcset"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("width");
            }),
            Some("$.image.srcset[0].width"),
        ),
        (
            "too many srcset entries",
            Box::new(|d| {
                d["image"]["srcset"] = json!(vec![
                    json!({"src": "https://img.article-widget.test/a.png", "width": 10});
                    article_model::MAX_SRCSET + 1
                ])
            }),
            Some("$.image.srcset"),
        ),
        (
            "caption over the length limit",
            Box::new(|d| {
                d["image"]["caption"] = json!("圖".repeat(article_model::MAX_TEXT_CHARS + 1))
            }),
            Some("$.image.caption"),
        ),
        (
            "credit empty",
            Box::new(|d| fig(d)["credit"] = json!("")),
            Some("$.body[4].image.credit"),
        ),
        (
            "description empty",
            Box::new(|d| d["description"] = json!(" ")),
            Some("$.description"),
        ),
        (
            "description not a string",
            Box::new(|d| d["description"] = json!(["導語"])),
            Some("$.description"),
        ),
        (
            "correction without text",
            Box::new(|d| {
                d["corrections"][0].as_object_mut().unwrap().remove("text");
            }),
            Some("$.corrections[0].text"),
        ),
        (
            "correction date without offset",
            Box::new(|d| d["corrections"][1]["date"] = json!("2026-11-21 08:00")),
            Some("$.corrections[1].date"),
        ),
        (
            "corrections not an array",
            Box::new(|d| d["corrections"] = json!({"date": "2026-11-21T08:00:00+08:00"})),
            Some("$.corrections"),
        ),
    ]
}

#[test]
fn model_and_schema_agree_on_every_rich_case() {
    for (name, mutate, path) in rich_cases() {
        let mut doc = rich();
        mutate(&mut doc);
        let problems = validate_value(&doc);
        let schema = schema_errors(&doc);
        match path {
            None => {
                assert_eq!(problems, vec![], "{name}: model refused a valid document");
                assert_eq!(schema, Vec::<String>::new(), "{name}: schema refused it");
                serde_json::from_value::<Article>(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            Some(path) => {
                assert!(
                    problems.iter().any(|p| p.path == path),
                    "{name}: expected a problem at {path}, got {problems:?}"
                );
                assert!(
                    !schema.is_empty(),
                    "{name}: schema accepted an invalid document"
                );
            }
        }
    }
}

/// Two limits JSON Schema cannot count or compare, so only the validator holds them: the
/// figures of a whole body and the order of corrections. The schema accepts these documents;
/// the validator names the problem.
#[test]
fn limits_only_the_validator_holds() {
    let figure = json!({"type": "figure", "image": {"src": "https://img.article-widget.test/a.png", "alt": "圖"}});
    let mut doc = rich();
    doc["body"] = json!(vec![figure; article_model::MAX_FIGURES + 1]);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let problems = validate_value(&doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].path,
        format!("$.body[{}]", article_model::MAX_FIGURES)
    );
    let mut doc = rich();
    doc["corrections"] = json!([
        {"date": "2026-11-22T08:00:00+08:00", "text": "後"},
        {"date": "2026-11-21T08:00:00+08:00", "text": "前"}
    ]);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let paths: Vec<String> = validate_value(&doc).into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$.corrections[1].date"]);
}

/// A `conversion` with slices as `article-widget prepare` writes them (shortened).
fn slices_doc() -> Value {
    json!({"slices": {"version": 1, "targets": [{
        "target": "hans", "configs": "t2s", "input": "24e9783b", "crc32": "5d0cd9d1",
        "groups": [
            {"group": "norm", "dict": "16a26a32", "first": "", "other": ""},
            {"group": "ts-notofu", "dict": "6a7031c9", "first": "", "other": "並 并 乾 干"}
        ]
    }]}})
}

/// Each case: a change to the sample, and the JSON path the model must name (None: still valid).
/// A named change to the sample and the JSON path the model must name (None: still valid).
type Case = (&'static str, Box<dyn Fn(&mut Value)>, Option<&'static str>);

fn cases() -> Vec<Case> {
    vec![
        (
            "unknown fields are ignored",
            Box::new(|d| {
                d["publisherExtra"] = json!({"x": 1});
                d["source"]["logo"] = json!("x");
            }),
            None,
        ),
        (
            "version 2",
            Box::new(|d| d["version"] = json!(2)),
            Some("$.version"),
        ),
        (
            "headline at the length limit",
            Box::new(|d| d["headline"] = json!("頭".repeat(article_model::MAX_LINE_CHARS))),
            None,
        ),
        (
            "headline over the length limit",
            Box::new(|d| d["headline"] = json!("頭".repeat(article_model::MAX_LINE_CHARS + 1))),
            Some("$.headline"),
        ),
        (
            "paragraph over the length limit",
            Box::new(|d| d["body"][0] = json!("段".repeat(article_model::MAX_PARAGRAPH_CHARS + 1))),
            Some("$.body[0]"),
        ),
        (
            "body over the paragraph limit",
            Box::new(|d| d["body"] = json!(vec!["段"; article_model::MAX_PARAGRAPHS + 1])),
            Some("$.body"),
        ),
        (
            "too many authors",
            Box::new(|d| {
                d["authors"] = json!(vec![json!({"name": "王"}); article_model::MAX_ITEMS + 1])
            }),
            Some("$.authors"),
        ),
        (
            "url over the length limit",
            Box::new(|d| {
                d["url"] = json!(format!(
                    "https://example.com/{}",
                    "a".repeat(article_model::MAX_URL_CHARS)
                ))
            }),
            Some("$.url"),
        ),
        (
            "version string",
            Box::new(|d| d["version"] = json!("1")),
            Some("$.version"),
        ),
        (
            "empty headline",
            Box::new(|d| d["headline"] = json!("  ")),
            Some("$.headline"),
        ),
        (
            "numeric headline",
            Box::new(|d| d["headline"] = json!(5)),
            Some("$.headline"),
        ),
        (
            "date without offset",
            Box::new(|d| d["datePublished"] = json!("2025-12-29 18:35:44")),
            Some("$.datePublished"),
        ),
        (
            "date month 13",
            Box::new(|d| d["datePublished"] = json!("2025-13-29T18:35:44+08:00")),
            Some("$.datePublished"),
        ),
        (
            "date in Z",
            Box::new(|d| d["datePublished"] = json!("2025-12-29T10:35:44Z")),
            None,
        ),
        (
            "fractional seconds",
            Box::new(|d| d["datePublished"] = json!("2025-12-29T10:35:44.250-05:00")),
            None,
        ),
        (
            "modified ok",
            Box::new(|d| d["dateModified"] = json!("2025-12-30T08:00:00+08:00")),
            None,
        ),
        (
            "modified null",
            Box::new(|d| d["dateModified"] = Value::Null),
            Some("$.dateModified"),
        ),
        (
            "bad language",
            Box::new(|d| d["inLanguage"] = json!("Chinese (Traditional)")),
            Some("$.inLanguage"),
        ),
        (
            "javascript url",
            Box::new(|d| d["url"] = json!("javascript:alert(1)")),
            Some("$.url"),
        ),
        (
            "relative url",
            Box::new(|d| d["source"]["url"] = json!("/home")),
            Some("$.source.url"),
        ),
        (
            "good url",
            Box::new(|d| d["url"] = json!("https://news.example/a/1.html?x=1#top")),
            None,
        ),
        (
            "source string",
            Box::new(|d| d["source"] = json!("CRI")),
            Some("$.source"),
        ),
        (
            "source without name",
            Box::new(|d| {
                d["source"].as_object_mut().unwrap().remove("name");
            }),
            Some("$.source.name"),
        ),
        (
            "author without name",
            Box::new(|d| d["authors"][0] = json!({"url": "https://a.example/"})),
            Some("$.authors[0].name"),
        ),
        (
            "unknown role",
            Box::new(|d| d["editors"][1]["role"] = json!("boss")),
            Some("$.editors[1].role"),
        ),
        (
            "other role with label",
            Box::new(|d| d["editors"][1] = json!({"name": "x", "role": "other", "label": "校對"})),
            None,
        ),
        (
            "other role without label",
            Box::new(|d| d["editors"][1] = json!({"name": "x", "role": "other"})),
            Some("$.editors[1].label"),
        ),
        (
            "editors not array",
            Box::new(|d| d["editors"] = json!({})),
            Some("$.editors"),
        ),
        (
            "section javascript link",
            Box::new(|d| d["sections"][3]["url"] = json!("javascript:void(0)")),
            Some("$.sections[3].url"),
        ),
        (
            "empty body",
            Box::new(|d| d["body"] = json!([])),
            Some("$.body"),
        ),
        (
            "body with html stays text",
            Box::new(|d| d["body"][0] = json!("<script>alert(1)</script>")),
            None,
        ),
        (
            "body paragraph number",
            Box::new(|d| d["body"][2] = json!(3)),
            Some("$.body[2]"),
        ),
        (
            "empty paragraph",
            Box::new(|d| d["body"][4] = json!("")),
            Some("$.body[4]"),
        ),
        (
            "copyright without clauses",
            Box::new(|d| {
                d["copyright"].as_object_mut().unwrap().remove("clauses");
            }),
            Some("$.copyright.clauses"),
        ),
        (
            "clause without paragraphs",
            Box::new(|d| d["copyright"]["clauses"][2] = json!({"paragraphs": []})),
            Some("$.copyright.clauses[2].paragraphs"),
        ),
        (
            "clause paragraph bool",
            Box::new(|d| d["copyright"]["clauses"][0]["paragraphs"][0] = json!(true)),
            Some("$.copyright.clauses[0].paragraphs[0]"),
        ),
        (
            "license url",
            Box::new(|d| {
                d["copyright"]["license"] = json!("https://creativecommons.org/licenses/by/4.0/")
            }),
            None,
        ),
        (
            "conversion overrides",
            Box::new(|d| {
                d["conversion"] = json!({
                    "keep": ["王小軍"],
                    "terms": [
                        {"term": "被发明", "traditional": "被發明"},
                        {"term": "南阳发布", "hant-tw": "南陽發佈", "hans": "南阳发布"}
                    ]
                })
            }),
            None,
        ),
        (
            "conversion target unknown",
            Box::new(|d| d["conversion"] = json!({"terms": [{"term": "被发明", "hant-cn": "x"}]})),
            Some("$.conversion.terms[0].hant-cn"),
        ),
        (
            "conversion empty term",
            Box::new(|d| d["conversion"] = json!({"terms": [{"term": " ", "hant": "x"}]})),
            Some("$.conversion.terms[0].term"),
        ),
        (
            "conversion empty keep",
            Box::new(|d| d["conversion"] = json!({"keep": ["王小軍", ""]})),
            Some("$.conversion.keep[1]"),
        ),
        (
            "conversion term without forms",
            Box::new(|d| d["conversion"] = json!({"terms": [{"term": "被发明"}]})),
            Some("$.conversion.terms[0]"),
        ),
        (
            "conversion term missing",
            Box::new(|d| d["conversion"] = json!({"terms": [{"hant": "被發明"}]})),
            Some("$.conversion.terms[0].term"),
        ),
        (
            "conversion form empty",
            Box::new(|d| d["conversion"] = json!({"terms": [{"term": "被发明", "hant": ""}]})),
            Some("$.conversion.terms[0].hant"),
        ),
        (
            "conversion term too long",
            Box::new(|d| d["conversion"] = json!({"keep": ["長".repeat(101)]})),
            Some("$.conversion.keep[0]"),
        ),
        (
            "conversion not an object",
            Box::new(|d| d["conversion"] = json!(["被发明"])),
            Some("$.conversion"),
        ),
        (
            "prepared slices",
            Box::new(|d| d["conversion"] = slices_doc()),
            None,
        ),
        (
            "slices of a newer format are valid and unused",
            Box::new(|d| d["conversion"] = json!({"slices": {"version": 2, "anything": []}})),
            None,
        ),
        (
            "slices without a version",
            Box::new(|d| d["conversion"] = json!({"slices": {"targets": []}})),
            Some("$.conversion.slices.version"),
        ),
        (
            "slice for an unknown target",
            Box::new(|d| {
                let mut c = slices_doc();
                c["slices"]["targets"][0]["target"] = json!("hant-cn");
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].target"),
        ),
        (
            "slice CRC-32 not hex",
            Box::new(|d| {
                let mut c = slices_doc();
                c["slices"]["targets"][0]["crc32"] = json!("5D0CD9D1");
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].crc32"),
        ),
        (
            "slice entries not in pairs",
            Box::new(|d| {
                let mut c = slices_doc();
                c["slices"]["targets"][0]["groups"][1]["other"] = json!("並 并 乾");
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].groups[1].other"),
        ),
        (
            "slice entries with a double space",
            Box::new(|d| {
                let mut c = slices_doc();
                c["slices"]["targets"][0]["groups"][1]["first"] = json!("並  并");
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].groups[1].first"),
        ),
        (
            "slice over the size limit",
            Box::new(|d| {
                let mut c = slices_doc();
                let big = vec!["並 并"; article_model::MAX_SLICE_CHARS / 3 + 1].join(" ");
                c["slices"]["targets"][0]["groups"][1]["other"] = json!(big);
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].groups[1].other"),
        ),
        (
            "slice group id unknown field",
            Box::new(|d| {
                let mut c = slices_doc();
                c["slices"]["targets"][0]["groups"][0]["group"] = json!("ST!");
                d["conversion"] = c;
            }),
            Some("$.conversion.slices.targets[0].groups[0].group"),
        ),
        (
            "document is array",
            Box::new(|d| *d = json!([1, 2])),
            Some("$"),
        ),
    ]
}

#[test]
fn model_and_schema_agree_on_every_case() {
    for (name, mutate, path) in cases() {
        let mut doc = sample();
        mutate(&mut doc);
        let problems = validate_value(&doc);
        let schema_ok = schema_errors(&doc).is_empty();
        match path {
            None => {
                assert_eq!(problems, vec![], "{name}: model refused a valid document");
                assert!(
                    schema_ok,
                    "{name}: schema refused a valid document: {:?}",
                    schema_errors(&doc)
                );
                serde_json::from_value::<Article>(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            Some(path) => {
                assert!(
                    problems.iter().any(|p| p.path == path),
                    "{name}: expected a problem at {path}, got {problems:?}"
                );
                assert!(!schema_ok, "{name}: schema accepted an invalid document");
            }
        }
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let doc = json!({"version": 1, "headline": "", "body": [1, "ok", ""], "source": {}});
    let paths: Vec<String> = validate_value(&doc).into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "$.headline",
            "$.datePublished",
            "$.inLanguage",
            "$.source.name",
            "$.body[0]",
            "$.body[2]"
        ]
    );
}

#[test]
fn invalid_json_reports_line_and_column() {
    let problems = parse_article("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("line 3"), "{}", problems[0]);
}

#[test]
fn conversion_overrides_are_bounded() {
    let mut doc = sample();
    let keep: Vec<String> = (0..article_model::MAX_CONVERSION_TERMS + 1)
        .map(|i| format!("名{i}"))
        .collect();
    doc["conversion"] = json!({ "keep": keep });
    let problems = validate_value(&doc);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "$.conversion" && p.message.contains("at most")),
        "{problems:?}"
    );
}

#[test]
fn conversion_term_forms_follow_targets() {
    let t: article_model::Term = serde_json::from_value(json!({
        "term": "被发明", "traditional": "被發明", "hant-hk": "被發明(港)"
    }))
    .expect("term");
    assert_eq!(t.form_for("hant"), Some("被發明"));
    assert_eq!(t.form_for("hant-tw"), Some("被發明"));
    assert_eq!(t.form_for("hant-hk"), Some("被發明(港)"));
    assert_eq!(t.form_for("hans"), None);
}

#[test]
fn the_prepared_seed_passes_the_model_and_the_schema() {
    let text = include_str!("../../../www/article.prepared.json");
    let doc: Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let a = article_model::parse_article(text).expect("valid");
    let slices = a.conversion.and_then(|c| c.slices).expect("slices");
    assert_eq!(slices.version, article_model::SLICE_VERSION);
    assert!(!slices.targets.is_empty());
}
