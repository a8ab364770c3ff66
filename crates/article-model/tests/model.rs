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
    let mut written: Vec<&String> = written.as_object().unwrap().keys().collect();
    written.push(props.iter().find(|k| k.as_str() == "dateModified").unwrap());
    written.push(props.iter().find(|k| k.as_str() == "url").unwrap());
    written.push(props.iter().find(|k| k.as_str() == "conversion").unwrap());
    written.sort();
    let mut props = props;
    props.sort();
    assert_eq!(written, props);
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
