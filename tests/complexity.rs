//! The complexity suite: every algorithm whose cost depends on the input gets an adversarial
//! input at two sizes a factor of 10 apart, and the larger must cost at most `MAX_RATIO` times
//! the smaller. The costs here are times taken in one run (the best of several interleaved
//! runs, less the time of a minimal input, so that a fixed cost such as loading dictionaries
//! does not hide a superlinear part); the bound is generous because a timed linear algorithm
//! on a shared machine can show 10–15×, while a quadratic one shows about 100×. Overrides and
//! quote marks are counted in steps instead, in `crates/article-convert/tests/complexity.rs`.
//!
//! Covered here: the JSON reader, validation, duplicate-key detection, segmentation (the
//! converter's maximum matching), slice building (`prepare`) and the snippet.
#![cfg(not(target_arch = "wasm32"))]

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_convert::Script;
use article_model::Article;
use article_widget_syndication::snippet::{self, SnippetOptions};

/// At most this many times the cost for 10 times the input (quadratic: ~100×). Measured on a
/// loaded 2-core machine, linear inputs gave 10–20×, and up to 31× while other tests ran
/// beside them (hence `alone`).
const MAX_RATIO: f64 = 30.0;
const RUNS: usize = 7;

/// One test at a time (the harness runs them in parallel): each holds this while it builds
/// its inputs and measures, so that no other test's work lands in its times.
fn alone() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock().unwrap_or_else(|e| e.into_inner())
}

fn time(f: &dyn Fn()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// Runs `base` (a minimal input), `small` and `large` (10× `small`) interleaved, `RUNS` times
/// each, and checks the ratio of the best times less the base's.
fn check(what: &str, base: &dyn Fn(), small: &dyn Fn(), large: &dyn Fn()) {
    let (mut b, mut s, mut l) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        b = b.min(time(base));
        s = s.min(time(small));
        l = l.min(time(large));
    }
    let small = s.saturating_sub(b).as_secs_f64().max(1e-6);
    let large = l.saturating_sub(b).as_secs_f64();
    let ratio = large / small;
    eprintln!(
        "{what}: base {b:.2?}, small {s:.2?}, large {l:.2?}: ratio {ratio:.1} at 10× the size"
    );
    assert!(
        ratio <= MAX_RATIO,
        "{what}: 10× the input costs {ratio:.1}× the time ({s:.2?} → {l:.2?}, base {b:.2?}), \
         more than {MAX_RATIO}×"
    );
}

/// The reader and the validator's full path on `doc` (problems or not: both are work done).
fn read(doc: &str) {
    let _ = black_box(article_model::json::parse_bytes(doc.as_bytes()));
}

fn validate(doc: &str) {
    let _ = black_box(article_model::parse_article_bytes(doc.as_bytes()));
}

const DOC: &str = r#"{"version": 1, "headline": "Headline", "datePublished": "2025-12-29T18:35:44+08:00",
    "inLanguage": "zh-Hant", "source": {"name": "Source"}, "body": ["A paragraph."]}"#;

/// `DOC` with `member` added first.
fn with(member: &str) -> String {
    DOC.replacen('{', &format!("{{{member},"), 1)
}

/// Runs `check` on `shape(n)` and `shape(10 n)` with `validate` (reader included).
fn check_doc(what: &str, n: usize, shape: &dyn Fn(usize) -> String) {
    let (small, large) = (shape(n), shape(10 * n));
    assert!(
        large.len() <= 2 * 1024 * 1024 + 4096,
        "{what}: {} bytes",
        large.len()
    );
    check(what, &|| validate(DOC), &|| validate(&small), &|| {
        validate(&large)
    });
}

#[test]
fn the_json_reader_is_linear() {
    let _alone = alone();
    // Nesting to just under the depth limit, repeated; escapes of every kind (surrogate pairs
    // too); long numbers; many tiny members.
    let nested = |n: usize| {
        let one = format!("{}1{}", "[".repeat(60), "]".repeat(60));
        format!("[{}]", vec![one; n].join(","))
    };
    let escapes = |n: usize| format!("\"{}\"", r#"\u4e2d\ud83d\ude00\n\"\\\/\t"#.repeat(n));
    let numbers = |n: usize| format!("[{}]", vec!["-12345678901234567890.5e-300"; n].join(","));
    let members = |n: usize| {
        let m: Vec<String> = (0..n).map(|i| format!("\"m{i}\":[]")).collect();
        format!("{{{}}}", m.join(","))
    };
    for (what, n, shape) in [
        (
            "reader: nested arrays",
            100,
            &nested as &dyn Fn(usize) -> String,
        ),
        ("reader: escapes", 1500, &escapes),
        ("reader: long numbers", 2000, &numbers),
        ("reader: many members", 5000, &members),
    ] {
        let (small, large) = (shape(n), shape(10 * n));
        assert!(
            large.len() <= 2 * 1024 * 1024,
            "{what}: {} bytes",
            large.len()
        );
        check(what, &|| read("[]"), &|| read(&small), &|| read(&large));
    }
}

#[test]
fn validation_is_linear_in_the_number_of_problems() {
    let _alone = alone();
    // Every paragraph and every editor wrong: more problems than are listed.
    check_doc("validation: wrong paragraphs", 2000, &|n| {
        DOC.replace(
            r#"["A paragraph."]"#,
            &format!("[{}]", vec!["1"; n].join(",")),
        )
    });
    check_doc("validation: wrong editors", 1000, &|n| {
        with(&format!(
            "\"editors\": [{}]",
            vec![r#"{"name": "", "role": 7, "x": [1]}"#; n].join(",")
        ))
    });
    // Long texts in every checked field.
    check_doc("validation: long paragraphs", 20_000, &|n| {
        DOC.replace("A paragraph.", &"段落。".repeat(n))
    });
}

#[test]
fn duplicate_detection_is_linear() {
    let _alone = alone();
    // The finding's shape: one long key over an object that repeats one short key.
    check_doc("duplicates: long key over a repeated key", 8_000, &|n| {
        with(&format!(
            "\"extension\": {{\"{}\": {{{}}}}}",
            "k".repeat(n),
            vec!["\"a\":0"; n].join(",")
        ))
    });
    // Many different keys, each given twice.
    check_doc("duplicates: many keys twice", 3_000, &|n| {
        let pairs: Vec<String> = (0..n).map(|i| format!("\"k{i}\":0,\"k{i}\":0")).collect();
        with(&format!("\"extension\": {{{}}}", pairs.join(",")))
    });
    // Duplicates at every level of a deep path.
    check_doc("duplicates: deep paths", 200, &|n| {
        let level = format!(
            "{{\"{}\":0,\"{}\":0,\"d\":",
            "p".repeat(100),
            "p".repeat(100)
        );
        let one = format!("{}0{}", level.repeat(40), "}".repeat(40));
        with(&format!(
            "\"extension\": [{}]",
            vec![one; n / 10 + 1].join(",")
        ))
    });
}

/// A converter of the widget's (OpenCC's dictionaries, built into the tests).
fn converter(config: &str) -> script_convert::Converter {
    article_convert::native_converters(&[config], None, script_convert::TofuRisk::Include)
        .expect("converter")
        .remove(0)
}

#[test]
fn segmentation_is_linear() {
    let _alone = alone();
    // Maximum matching: text made of the starts of long dictionary phrases that never
    // complete (each position tries every length up to the longest key), and text that
    // matches everywhere.
    let s2t = converter("s2t");
    let t2s = converter("t2s");
    for (what, conv, unit) in [
        ("segmentation s2t: phrase starts", &s2t, "中华人民共和"),
        ("segmentation s2t: phrases", &s2t, "中华人民共和国发展"),
        ("segmentation t2s: mixed", &t2s, "頭髮乾燥了A1😀"),
    ] {
        let (small, large) = (unit.repeat(2000), unit.repeat(20_000));
        check(
            what,
            &|| {
                black_box(conv.convert("中"));
            },
            &|| {
                black_box(conv.convert(&small));
            },
            &|| {
                black_box(conv.convert(&large));
            },
        );
    }
}

fn article(paragraphs: usize, text: &str) -> Article {
    let doc = DOC.replace(
        r#"["A paragraph."]"#,
        &serde_json::to_string(&vec![text; paragraphs]).expect("JSON"),
    );
    article_model::parse_article(&doc).expect("valid")
}

#[test]
fn slice_building_is_linear() {
    let _alone = alone();
    // `prepare`: every target's converters run over every visible string, and the entries
    // they chose are collected; phrase-dense text makes many entries per character.
    let text = "頭髮乾燥了，中華人民共和國發展「引號」。";
    let (base, small, large) = (article(1, "中"), article(300, text), article(3000, text));
    let slices = |a: &Article| {
        black_box(article_convert::native_slices(a, None).expect("slices"));
    };
    check(
        "slice building",
        &|| slices(&base),
        &|| slices(&small),
        &|| slices(&large),
    );
}

#[test]
fn the_snippet_is_linear() {
    let _alone = alone();
    // Markup-significant characters everywhere (each one escaped), in many paragraphs.
    let text = "<a href=\"x\">&amp;</a>'\"<script>中文</script>";
    let (base, small, large) = (article(1, "x"), article(200, text), article(2000, text));
    let options = SnippetOptions {
        loader: "https://cdn.example/article-widget.js".into(),
        json_url: None,
        excerpt: None,
        integrity: None,
        structured_data: true,
        script: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let render = |a: &Article| {
        let shown = snippet::shown_article(a, Some(Script::Original), &[]);
        black_box(
            runtime
                .block_on(snippet::render(a, &shown, &options))
                .expect("snippet"),
        );
    };
    check("snippet", &|| render(&base), &|| render(&small), &|| {
        render(&large)
    });
}
