//! Rich articles, hostile and malformed: each change to the rich fixture is refused with a
//! named problem at its JSON path whose message says what to do, or is read as inert text.
//! Documents are given as JSON text (as the widget and the CLI read them), so numbers keep
//! the spelling the publisher wrote (`1e9`, `1.5`).

use article_model::{
    parse_article, Article, Block, Inline, Problem, MAX_FIGURES, MAX_IMAGE_PIXELS, MAX_SPANS,
};
use serde_json::{json, Value};

const RICH: &str = include_str!("../../../tests/fixtures/rich/rich.hant.json");

fn rich() -> Value {
    serde_json::from_str(RICH).unwrap()
}

fn problems(doc: &Value) -> Vec<Problem> {
    parse_article(&doc.to_string()).expect_err("the document must be refused")
}

/// The rich fixture changed by `edit`, read back from text in which `raw` replaces the
/// placeholder string `"@RAW@"` (for numbers serde_json would respell).
fn with_raw(edit: impl Fn(&mut Value), raw: &str) -> Vec<Problem> {
    let mut doc = rich();
    edit(&mut doc);
    let text = doc.to_string().replace("\"@RAW@\"", raw);
    assert!(text.contains(raw), "the placeholder was not used");
    parse_article(&text).expect_err("the document must be refused")
}

/// The one problem of `problems`, at `path`, with every one of `words` in its message.
fn only(problems: &[Problem], path: &str, words: &[&str]) {
    assert_eq!(
        problems.len(),
        1,
        "expected one problem at {path}: {problems:?}"
    );
    let p = &problems[0];
    assert_eq!(p.path, path, "{p}");
    for w in words {
        assert!(p.message.contains(w), "{p}: no {w:?}");
    }
}

fn first_figure(doc: &mut Value) -> &mut Value {
    &mut doc["body"][4]["image"]
}

#[test]
fn the_rich_fixture_reads_every_block() {
    let a = parse_article(RICH).expect("valid");
    let kinds: Vec<&str> = a
        .body
        .iter()
        .map(|b| match b {
            Block::Text(_) => "text",
            Block::Paragraph(_) => "paragraph",
            Block::Heading(_) => "heading",
            Block::Quote { .. } => "quote",
            Block::List { .. } => "list",
            Block::Figure(_) => "figure",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "text",
            "paragraph",
            "heading",
            "paragraph",
            "figure",
            "quote",
            "heading",
            "paragraph",
            "list",
            "figure",
            "paragraph",
            "list",
            "figure",
            "text"
        ]
    );
    assert_eq!(a.image.as_ref().and_then(|i| i.size()), Some((1280, 720)));
    let Block::Figure(no_size) = &a.body[9] else {
        panic!("body[9] is a figure")
    };
    assert_eq!(no_size.size(), None, "one figure has no dimensions");
}

#[test]
fn script_urls_are_refused_in_src_srcset_and_link() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.domain)",
        " javascript:alert(1)",
        "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x.png",
        "vbscript:msgbox(1)",
    ] {
        let mut d = rich();
        d["image"]["src"] = json!(url);
        only(
            &problems(&d),
            "$.image.src",
            &["is not an absolute http(s) URL", "https://host/path"],
        );
        let mut d = rich();
        first_figure(&mut d)["srcset"] = json!([{"src": "https://img.article-widget.test/a.png", "width": 10}, {"src": url, "width": 20}]);
        only(
            &problems(&d),
            "$.body[4].image.srcset[1].src",
            &["is not an absolute http(s) URL"],
        );
        let mut d = rich();
        d["body"][1]["content"][5]["link"] = json!(url);
        only(
            &problems(&d),
            "$.body[1].content[5].link",
            &["is not an absolute http(s) URL"],
        );
    }
}

#[test]
fn markup_in_text_is_inert() {
    let mut d = rich();
    let markup = "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>";
    d["description"] = json!(markup);
    d["body"][1]["content"][1]["text"] = json!(markup);
    d["image"]["caption"] = json!(markup);
    d["image"]["alt"] = json!(markup);
    let a: Article = parse_article(&d.to_string()).expect("markup is text");
    assert_eq!(a.description.as_deref(), Some(markup));
    assert_eq!(a.image.unwrap().caption.as_deref(), Some(markup));
    let Block::Paragraph(content) = &a.body[1] else {
        panic!("body[1] is a paragraph")
    };
    assert_eq!(
        content[1],
        Inline::Span(article_model::Span {
            text: markup.to_owned(),
            keep: true,
            ..Default::default()
        })
    );
}

#[test]
fn ten_thousand_spans_in_one_paragraph_are_one_problem() {
    let mut d = rich();
    d["body"][1]["content"] = json!(vec![json!({"text": "字", "em": true}); 10_000]);
    only(
        &problems(&d),
        "$.body[1].content",
        &[
            "has 10000 strings and spans",
            &format!("at most {MAX_SPANS}"),
            "split the text into more blocks",
        ],
    );
    // The same in a list item and a heading.
    let mut d = rich();
    d["body"][8]["items"][1] = json!(vec![json!("字"); 10_000]);
    only(
        &problems(&d),
        "$.body[8].items[1]",
        &["has 10000 strings and spans"],
    );
    let mut d = rich();
    d["body"][2]["content"] = json!(vec![json!("字"); MAX_SPANS + 1]);
    only(&problems(&d), "$.body[2].content", &["at most 1000"]);
}

#[test]
fn dimensions_are_whole_pixels_from_1_to_20000() {
    for (raw, words) in [
        ("0", vec!["is 0", "1 to 20000"]),
        ("20001", vec!["is 20001", "1 to 20000"]),
        ("1e9", vec!["found \"1e9\"", "whole number of pixels"]),
        ("-1", vec!["found \"-1\"", "whole number of pixels"]),
        ("1.5", vec!["found \"1.5\"", "whole number of pixels"]),
        ("99999999999999999999999", vec!["whole number of pixels"]),
        ("\"720\"", vec!["found a string"]),
    ] {
        let p = with_raw(|d| d["image"]["width"] = json!("@RAW@"), raw);
        only(&p, "$.image.width", &words);
        let p = with_raw(|d| first_figure(d)["height"] = json!("@RAW@"), raw);
        only(&p, "$.body[4].image.height", &words);
        let p = with_raw(|d| d["image"]["srcset"][0]["width"] = json!("@RAW@"), raw);
        only(&p, "$.image.srcset[0].width", &words);
    }
    let mut d = rich();
    d["image"]["width"] = json!(MAX_IMAGE_PIXELS);
    d["image"]["height"] = json!(1);
    parse_article(&d.to_string()).expect("the limits themselves are valid");
}

#[test]
fn width_without_height_and_height_without_width() {
    let mut d = rich();
    d["image"].as_object_mut().unwrap().remove("height");
    only(
        &problems(&d),
        "$.image.height",
        &["is missing while width is given", "give both", "or neither"],
    );
    let mut d = rich();
    first_figure(&mut d)
        .as_object_mut()
        .unwrap()
        .remove("width");
    only(
        &problems(&d),
        "$.body[4].image.width",
        &["is missing while height is given"],
    );
}

#[test]
fn an_unknown_block_type_names_the_allowed_ones() {
    let mut d = rich();
    d["body"][3] = json!({"type": "table", "rows": [["a"]]});
    only(
        &problems(&d),
        "$.body[3].type",
        &[
            "\"table\" is not a block type",
            "paragraph, heading, quote, list, figure",
        ],
    );
    let mut d = rich();
    d["body"][3] = json!({"content": ["文"]});
    only(
        &problems(&d),
        "$.body[3].type",
        &[
            "required field is missing",
            "paragraph, heading, quote, list, figure",
        ],
    );
    let mut d = rich();
    d["body"][3] = json!(["文"]);
    only(
        &problems(&d),
        "$.body[3]",
        &["expected a paragraph string or a block object, found an array"],
    );
}

#[test]
fn alt_is_required_unless_decorative() {
    let mut d = rich();
    first_figure(&mut d).as_object_mut().unwrap().remove("alt");
    only(
        &problems(&d),
        "$.body[4].image.alt",
        &[
            "required field is missing",
            "describe the image",
            "\"decorative\": true",
        ],
    );
    let mut d = rich();
    first_figure(&mut d)["alt"] = json!("   ");
    only(&problems(&d), "$.body[4].image.alt", &["is empty"]);
    let mut d = rich();
    first_figure(&mut d).as_object_mut().unwrap().remove("alt");
    first_figure(&mut d)["decorative"] = json!(true);
    let a = parse_article(&d.to_string()).expect("a decorative image needs no alt");
    let Block::Figure(image) = &a.body[4] else {
        panic!("body[4] is a figure")
    };
    assert!(image.decorative && image.alt.is_empty());
}

#[test]
fn corrections_oldest_first_and_not_before_publication() {
    let mut d = rich();
    d["corrections"] = json!([
        {"date": "2026-11-21T08:15:00+08:00", "text": "後"},
        {"date": "2026-11-20T15:00:00+08:00", "text": "前"}
    ]);
    only(
        &problems(&d),
        "$.corrections[1].date",
        &["earlier than the correction before it", "oldest first"],
    );
    let mut d = rich();
    // 10:00 in UTC+8 is before the publication at 10:30 in the same offset; written in UTC.
    d["corrections"][0]["date"] = json!("2026-11-20T02:00:00Z");
    only(
        &problems(&d),
        "$.corrections[0].date",
        &["earlier than datePublished", "offset"],
    );
    // A correction that cannot be read does not shift the path of the next one's problem.
    let mut d = rich();
    d["corrections"] = json!([
        {"date": "2026-11-22T08:00:00+08:00", "text": "甲"},
        {"date": "2026-11-23T08:00:00+08:00"},
        {"date": "2026-11-21T08:00:00+08:00", "text": "乙"}
    ]);
    let p = problems(&d);
    let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["$.corrections[1].text", "$.corrections[2].date"],
        "{p:?}"
    );
    // Equal times are in order.
    let mut d = rich();
    d["corrections"][1]["date"] = d["corrections"][0]["date"].clone();
    parse_article(&d.to_string()).expect("two corrections at the same time");
}

#[test]
fn empty_content_is_named() {
    for (content, path, words) in [
        (json!([]), "$.body[1].content", "has no text"),
        (
            json!(["  ", {"text": "\t"}]),
            "$.body[1].content",
            "has no text",
        ),
        (
            json!(["文", ""]),
            "$.body[1].content[1]",
            "is an empty string; remove it",
        ),
        (
            json!([{"text": ""}]),
            "$.body[1].content[0].text",
            "is an empty string",
        ),
        (
            json!("文"),
            "$.body[1].content",
            "expected an array of strings and spans",
        ),
        (
            json!([7]),
            "$.body[1].content[0]",
            "expected a string or a span object",
        ),
    ] {
        let mut d = rich();
        d["body"][1]["content"] = content;
        only(&problems(&d), path, &[words]);
    }
    let mut d = rich();
    d["body"][8]["items"] = json!([]);
    only(
        &problems(&d),
        "$.body[8].items",
        &["is empty", "give the list's items"],
    );
    let mut d = rich();
    d["description"] = json!("");
    only(&problems(&d), "$.description", &["is empty"]);
}

#[test]
fn at_most_200_figures() {
    let figure = json!({"type": "figure", "image": {"src": "https://img.article-widget.test/a.png", "alt": "圖"}});
    let mut d = rich();
    d["body"] = json!(vec![figure.clone(); MAX_FIGURES]);
    let a = parse_article(&d.to_string()).expect("200 figures");
    assert_eq!(a.body.iter().filter(|b| b.is_figure()).count(), MAX_FIGURES);
    // One problem, at the first figure too many, however many more follow.
    for n in [MAX_FIGURES + 1, 2 * MAX_FIGURES] {
        let mut d = rich();
        d["body"] = json!(vec![figure.clone(); n]);
        only(
            &problems(&d),
            &format!("$.body[{MAX_FIGURES}]"),
            &["is figure 201", "at most 200 figures"],
        );
    }
}
