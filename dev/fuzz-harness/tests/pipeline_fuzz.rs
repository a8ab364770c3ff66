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
    fn mutated_documents_never_break_the_pipeline(bytes in mutated_seed(), flags in any::<u8>()) {
        pipeline(&bytes, flags);
    }

    #[test]
    fn any_string_in_any_field_never_breaks_the_pipeline(bytes in field_variant(), flags in any::<u8>()) {
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
