//! Bounded fuzzing of the whole pipeline in `cargo test`: bytes -> JSON
//! reader -> validation -> server-side render of the view -> the syndication snippet, whose
//! inline data must read back as the same article. The harnesses are
//! `article_widget_fuzz_harness`, the same ones the cargo-fuzz targets in `fuzz/` run
//! (`cargo xtask fuzz`, coverage-guided, also in the test command); here they get structured
//! inputs instead: mutations of the seed document and any string in any of its fields.
//! `PROPTEST_CASES` raises the count for a longer run.
#![cfg(not(target_arch = "wasm32"))]

/// The repository root: the tests read its files and run the CLI there.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

use article_widget_fuzz_harness as fuzz_harness;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../www/article.json");
/// The rich fixture: a lead image, figures, subheads, spans, a quote, lists, corrections.
const RICH: &str = include_str!("../../../tests/fixtures/rich/rich.hant.json");

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

/// One input through both harnesses: the pipeline, and the snippet with the options `flags`
/// selects.
fn pipeline(bytes: &[u8], flags: u8) {
    fuzz_harness::pipeline(bytes);
    let mut data = vec![flags];
    data.extend_from_slice(bytes);
    fuzz_harness::snippet(&data);
}

fn mutated_seed() -> impl Strategy<Value = Vec<u8>> {
    mutated(SEED)
}

fn mutated(source: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = source.len();
    (
        prop::collection::vec((0..len, any::<u8>()), 0..6),
        prop::collection::vec((0..len, 0..FRAGMENTS.len()), 0..4),
        prop::option::of(0..len),
    )
        .prop_map(|(flips, splices, cut)| {
            let mut bytes = source.as_bytes().to_vec();
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

/// String, number and flag fields of the rich fixture, as JSON pointers: the standfirst,
/// images (URL, alt, caption, credit, size, srcset, decorative), a subhead, span text, links
/// and flags, a quote's cite, list items, corrections, and a block's type.
const RICH_FIELDS: &[&str] = &[
    "/description",
    "/image/src",
    "/image/alt",
    "/image/caption",
    "/image/credit",
    "/image/width",
    "/image/srcset/0/src",
    "/image/srcset/0/width",
    "/image/decorative",
    "/body/1/content/0",
    "/body/1/content/1/text",
    "/body/1/content/1/keep",
    "/body/1/content/5/link",
    "/body/2/content/0",
    "/body/2/type",
    "/body/4/image/height",
    "/body/5/cite",
    "/body/8/items/1/0/text",
    "/body/8/ordered",
    "/corrections/0/text",
    "/corrections/1/date",
];

/// A rich field set to a string, a number (dimensions: 0, huge, negative, fractional) or a
/// boolean; the type is what the field takes, or not.
fn rich_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<String>().prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "https://img.example/a.png",
            "figure",
            "table",
            ""
        ])
        .prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        prop::sample::select(vec![0.0, 1.5, -1.0, 1e9, 20_001.0]).prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
    ]
}

fn rich_field_variant() -> impl Strategy<Value = Vec<u8>> {
    (0..RICH_FIELDS.len(), rich_value()).prop_map(|(f, value)| {
        let mut doc: serde_json::Value = serde_json::from_str(RICH).unwrap();
        if let Some(slot) = doc.pointer_mut(RICH_FIELDS[f]) {
            *slot = value;
        }
        doc.to_string().into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_never_break_the_pipeline(bytes in mutated_seed(), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }

    #[test]
    fn any_string_in_any_field_never_breaks_the_pipeline(bytes in field_variant(), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }

    #[test]
    fn mutated_rich_documents_never_break_the_pipeline(bytes in mutated(RICH), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }

    #[test]
    fn any_value_in_any_rich_field_never_breaks_the_pipeline(bytes in rich_field_variant(), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }

    #[test]
    fn arbitrary_bytes_are_refused_or_read(bytes in prop::collection::vec(any::<u8>(), 0..512), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }
}

#[test]
fn the_seed_goes_through_the_pipeline() {
    // The harness itself must reach the render and snippet steps.
    let article = fuzz_harness::pipeline(SEED.as_bytes()).expect("the seed is an article");
    assert!(fuzz_harness::render(&article, None).contains(&article.headline));
    for flags in 0..=u8::MAX {
        pipeline(SEED.as_bytes(), flags);
    }
    // And the rich fixture, with its four images, under a few option sets.
    let rich = fuzz_harness::pipeline(RICH.as_bytes()).expect("the rich fixture is an article");
    assert!(fuzz_harness::render(&rich, None).contains("<figure"));
    for flags in [0, 0x80, 0x80 | 0x38 | 2, 0x4f] {
        pipeline(RICH.as_bytes(), flags);
    }
}

/// The files in `fuzz/DIR/TARGET/` (committed seeds or crash reproducers), by name.
fn corpus(dir: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let path = std::path::Path::new(ROOT)
        .join("fuzz")
        .join(dir)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&path) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_seeds_and_regressions_pass() {
    // The cargo-fuzz targets start from these; a seed that stopped being what its name says
    // (a valid article or a refused document) would leave the fuzzer without that start.
    let seeds = corpus("seeds", "pipeline");
    assert!(
        seeds.len() >= 15,
        "fuzz/seeds/pipeline has {} files",
        seeds.len()
    );
    for (name, bytes) in &seeds {
        let valid = name.starts_with("valid-");
        assert!(
            valid || name.starts_with("refused-"),
            "fuzz/seeds/pipeline/{name}: name it valid-* or refused-*"
        );
        assert_eq!(
            fuzz_harness::pipeline(bytes).is_some(),
            valid,
            "fuzz/seeds/pipeline/{name}"
        );
    }
    let snippets = corpus("seeds", "snippet");
    assert!(
        snippets.len() >= 5,
        "fuzz/seeds/snippet has {} files",
        snippets.len()
    );
    for (name, bytes) in &snippets {
        assert!(
            fuzz_harness::read(&bytes[1..]).is_some(),
            "fuzz/seeds/snippet/{name}: the document after the options byte must be valid"
        );
        fuzz_harness::snippet(bytes);
    }
    // Crash inputs found by `cargo xtask fuzz`, once fixed, go into fuzz/regressions/TARGET/
    // and run here on every `cargo test`.
    for (name, bytes) in corpus("regressions", "pipeline") {
        eprintln!("fuzz/regressions/pipeline/{name}");
        fuzz_harness::pipeline(&bytes);
    }
    for (name, bytes) in corpus("regressions", "snippet") {
        eprintln!("fuzz/regressions/snippet/{name}");
        fuzz_harness::snippet(&bytes);
    }
}
