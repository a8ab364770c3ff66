//! Bounded fuzzing of the whole pipeline (issue 8, item 3), run in the test command: bytes ->
//! JSON reader -> validation -> server-side render of the view -> the syndication snippet,
//! whose inline data must read back as the same article. cargo-fuzz is not installed on the
//! machines that run the test command, so the same harness runs as proptest cases (mutations
//! of the seed document and of its fields); `PROPTEST_CASES` raises the count for a longer run.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::snippet::{self, SnippetOptions};
use article_widget::Article;
use proptest::prelude::*;

mod common;

use common::SEED;

/// JSON fragments that hit the reader's edges when spliced into a document.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "\\udc00",
    "\u{FEFF}",
    "null",
    "1e999",
    "-0",
    "01",
    "\"version\":",
    "\"headline\":\"x\",",
    "[[[[[[[[",
    "\u{202E}",
    "\0",
    "<script>",
    "\u{0}\u{1}",
    "\"body\":[]",
];

fn render(article: &Article) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    rt.block_on(common::render_view(common::view_props(Rc::new(
        article.clone(),
    ))))
}

fn snippet_of(article: &Article) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let o = SnippetOptions {
        loader: "https://cdn.example/article-widget/article-widget.js".into(),
        structured_data: true,
        ..Default::default()
    };
    rt.block_on(snippet::render(article, article, &o))
        .expect("a valid article always has a snippet")
}

fn inline_data(html: &str) -> &str {
    let start = html
        .find("<script type=\"application/json\"")
        .expect("inline data");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</script>").unwrap();
    &html[open_end..close]
}

/// The pipeline on one input: never panics; a valid article renders, its headline's text is
/// in the markup, and its snippet carries data that reads back as the same article.
fn pipeline(bytes: &[u8]) {
    let Ok(article) = Article::from_json_bytes(bytes) else {
        return;
    };
    let html = render(&article);
    assert!(html.contains("<h1"), "{html}");
    let snip = snippet_of(&article);
    let back = Article::from_json(inline_data(&snip)).expect("the inline data is valid");
    assert_eq!(back, article);
}

fn mutated_seed() -> impl Strategy<Value = Vec<u8>> {
    let len = SEED.len();
    (
        prop::collection::vec((0..len, any::<u8>()), 0..6),
        prop::collection::vec((0..len, 0..FRAGMENTS.len()), 0..4),
        prop::option::of(0..len),
    )
        .prop_map(|(flips, splices, cut)| {
            let mut bytes = SEED.as_bytes().to_vec();
            for (at, b) in flips {
                bytes[at] = b;
            }
            for (at, f) in splices {
                let at = at.min(bytes.len());
                bytes.splice(at..at, FRAGMENTS[f].bytes());
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.max(1));
            }
            bytes
        })
}

/// String fields of the seed, as JSON pointers.
const FIELDS: &[&str] = &[
    "/headline",
    "/byline",
    "/source/name",
    "/source/url",
    "/url",
    "/authors/0/name",
    "/editors/0/name",
    "/editors/0/label",
    "/sections/0/name",
    "/sections/0/url",
    "/body/0",
    "/copyright/title",
    "/copyright/holder",
    "/copyright/clauses/0/paragraphs/0",
];

fn field_variant() -> impl Strategy<Value = Vec<u8>> {
    (0..FIELDS.len(), any::<String>()).prop_map(|(f, text)| {
        let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
        if let Some(slot) = doc.pointer_mut(FIELDS[f]) {
            *slot = serde_json::Value::String(text);
        }
        doc.to_string().into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_never_break_the_pipeline(bytes in mutated_seed()) {
        pipeline(&bytes);
    }

    #[test]
    fn any_string_in_any_field_never_breaks_the_pipeline(bytes in field_variant()) {
        pipeline(&bytes);
    }

    #[test]
    fn arbitrary_bytes_are_refused_or_read(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        pipeline(&bytes);
    }
}

#[test]
fn the_seed_goes_through_the_pipeline() {
    // The harness itself must reach the render and snippet steps.
    let article = Article::from_json(SEED).unwrap();
    assert!(render(&article).contains(&article.headline));
    pipeline(SEED.as_bytes());
}
