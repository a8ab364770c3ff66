//! Property tests: validation never panics, whatever the input, and whatever it accepts the
//! serde model reads. Arbitrary JSON is almost never a valid article, so "valid implies
//! readable" is checked on variations of the seed article, of which a good share stay valid.
#![cfg(not(target_arch = "wasm32"))]

use article_model::{parse_article, validate_value, Article, DateTime};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Value};

const SEED: &str = include_str!("../../../www/article.json");

fn seed() -> Value {
    serde_json::from_str(SEED).expect("the seed is JSON")
}

/// JSON pointers of every string in `value`, with the key or index that holds it.
fn string_pointers(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(path.to_owned()),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                string_pointers(v, &format!("{path}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                string_pointers(v, &format!("{path}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// What a string at `pointer` means, by its key.
fn is_plain_text(pointer: &str) -> bool {
    let key = pointer.rsplit('/').next().unwrap_or("");
    !matches!(
        key,
        "url" | "license" | "datePublished" | "dateModified" | "inLanguage" | "role"
    )
}

/// Optional fields of format v1 (absent ones are skipped when dropping).
const OPTIONAL: &[&str] = &[
    "/dateModified",
    "/url",
    "/authors",
    "/authors/0/url",
    "/byline",
    "/editors",
    "/editors/0/label",
    "/editors/1/label",
    "/sections",
    "/sections/0/url",
    "/source/url",
    "/copyright",
    "/copyright/holder",
    "/copyright/license",
];
/// Arrays that may be shortened (to nothing, too: required ones then become invalid).
const ARRAYS: &[&str] = &[
    "/body",
    "/authors",
    "/editors",
    "/sections",
    "/copyright/clauses",
    "/copyright/clauses/2/paragraphs",
];
/// Optional URL fields that may be added.
const URL_FIELDS: &[&str] = &[
    "/url",
    "/authors/0/url",
    "/sections/3/url",
    "/copyright/license",
];

/// One change to the seed article.
#[derive(Clone, Debug)]
enum Mutation {
    /// A plain-text field (headline, a name, a label, a paragraph…) gets an arbitrary string.
    Text(Index, String),
    /// Any string field (URLs, dates, language, role included) gets an arbitrary string.
    AnyString(Index, String),
    /// An optional field is dropped.
    Drop(Index),
    /// An array keeps only its first items.
    Truncate(Index, Index),
    /// An optional URL field is set to a well-formed http(s) URL.
    SetUrl(Index, String),
    /// `dateModified` is set (possibly before `datePublished`, which is invalid).
    SetModified(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop_oneof![
        3 => "\\PC{1,40}",
        1 => any::<String>(),
        1 => Just(" \u{202e}\u{0}<script>alert(1)</script>".to_owned()),
    ];
    prop_oneof![
        5 => (any::<Index>(), text.clone()).prop_map(|(i, s)| Mutation::Text(i, s)),
        1 => (any::<Index>(), text).prop_map(|(i, s)| Mutation::AnyString(i, s)),
        3 => any::<Index>().prop_map(Mutation::Drop),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, n)| Mutation::Truncate(a, n)),
        2 => (any::<Index>(), "https?://[a-z]{1,12}\\.example(/[a-z0-9._~-]{0,12}){0,3}")
            .prop_map(|(i, u)| Mutation::SetUrl(i, u)),
        1 => (2024i32..2027, 1u8..=12, 1u8..=28, 0u8..24, -12i8..=14).prop_map(|(y, mo, d, h, off)| {
            let sign = if off < 0 { '-' } else { '+' };
            Mutation::SetModified(format!(
                "{y}-{mo:02}-{d:02}T{h:02}:00:00{sign}{:02}:00",
                off.unsigned_abs()
            ))
        }),
    ]
}

fn apply(doc: &mut Value, m: &Mutation) {
    let set = |doc: &mut Value, pointer: &str, value: Value| {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
            map.insert(key.to_owned(), value);
        } else if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = value;
        }
    };
    match m {
        Mutation::Text(i, s) | Mutation::AnyString(i, s) => {
            let mut pointers = Vec::new();
            string_pointers(doc, "", &mut pointers);
            if matches!(m, Mutation::Text(..)) {
                pointers.retain(|p| is_plain_text(p));
            }
            if !pointers.is_empty() {
                let p = pointers[i.index(pointers.len())].clone();
                set(doc, &p, json!(s));
            }
        }
        Mutation::Drop(i) => {
            let pointer = OPTIONAL[i.index(OPTIONAL.len())];
            let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
            if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                map.remove(key);
            }
        }
        Mutation::Truncate(a, n) => {
            if let Some(Value::Array(items)) = doc.pointer_mut(ARRAYS[a.index(ARRAYS.len())]) {
                let keep = n.index(items.len() + 1);
                items.truncate(keep);
            }
        }
        Mutation::SetUrl(i, url) => set(doc, URL_FIELDS[i.index(URL_FIELDS.len())], json!(url)),
        Mutation::SetModified(date) => set(doc, "/dateModified", json!(date)),
    }
}

/// The seed article with one to four changes.
fn seed_variation() -> impl Strategy<Value = Value> {
    prop::collection::vec(mutation(), 1..5).prop_map(|ms| {
        let mut doc = seed();
        for m in &ms {
            apply(&mut doc, m);
        }
        doc
    })
}

/// What "valid implies readable" means: the serde model reads the document, and reads it with
/// the document's own text (nothing dropped or altered on the way).
fn assert_readable(doc: &Value) -> Result<(), TestCaseError> {
    let article: Article = serde_json::from_value(doc.clone())
        .map_err(|e| TestCaseError::fail(format!("valid but unreadable: {e}")))?;
    prop_assert_eq!(Some(article.headline.as_str()), doc["headline"].as_str());
    prop_assert_eq!(
        article.body.len(),
        doc["body"].as_array().map_or(0, Vec::len)
    );
    let reparsed = parse_article(&doc.to_string());
    prop_assert!(
        reparsed.is_ok(),
        "valid value, refused as text: {:?}",
        reparsed.err()
    );
    Ok(())
}

#[test]
fn seed_variations_are_valid_often_enough_to_test_something() {
    let mut runner = TestRunner::deterministic();
    let strategy = seed_variation();
    let (mut valid, total) = (0, 1000);
    for _ in 0..total {
        let doc = strategy
            .new_tree(&mut runner)
            .expect("a variation")
            .current();
        if validate_value(&doc).is_empty() {
            valid += 1;
        }
    }
    println!("{valid} of {total} seed variations are valid");
    // Both branches of the property below are exercised: many valid, many invalid.
    assert!(
        (total / 3..=total * 9 / 10).contains(&valid),
        "{valid} of {total} seed variations are valid; adjust the mutation weights"
    );
}

/// Arbitrary JSON, biased towards the field names and shapes of the format so that deep
/// paths are reached.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("version".to_owned()),
        Just("headline".to_owned()),
        Just("datePublished".to_owned()),
        Just("dateModified".to_owned()),
        Just("inLanguage".to_owned()),
        Just("url".to_owned()),
        Just("source".to_owned()),
        Just("name".to_owned()),
        Just("editors".to_owned()),
        Just("role".to_owned()),
        Just("label".to_owned()),
        Just("body".to_owned()),
        Just("copyright".to_owned()),
        Just("clauses".to_owned()),
        Just("paragraphs".to_owned()),
        "\\PC{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!("2025-12-29T18:35:44+08:00")),
        Just(json!("https://example.com/")),
        Just(json!("zh-Hant")),
        Just(json!("editor")),
        Just(json!(1)),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validation_never_panics_and_valid_means_readable(doc in json_value()) {
        let problems = validate_value(&doc);
        for p in &problems {
            prop_assert!(p.path.starts_with('$'));
            prop_assert!(!p.message.is_empty());
        }
        if problems.is_empty() {
            assert_readable(&doc)?;
        }
    }

    #[test]
    fn seed_variations_valid_means_readable(doc in seed_variation()) {
        let problems = validate_value(&doc);
        for p in &problems {
            prop_assert!(p.path.starts_with('$'));
            prop_assert!(!p.message.is_empty());
        }
        if problems.is_empty() {
            assert_readable(&doc)?;
        }
    }

    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,200}") {
        let _ = parse_article(&text);
        let _ = DateTime::parse(&text);
    }

    #[test]
    fn valid_timestamps_round_trip_through_unix_time(
        y in 1i32..9999, mo in 1u8..=12, d in 1u8..=28, h in 0u8..24, mi in 0u8..60, s in 0u8..60,
        off in -(23 * 60 + 59)..=(23 * 60 + 59i16),
    ) {
        let sign = if off < 0 { '-' } else { '+' };
        let text = format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}",
            off.unsigned_abs() / 60,
            off.unsigned_abs() % 60
        );
        let t = DateTime::parse(&text).unwrap();
        let utc = DateTime::parse(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")).unwrap();
        prop_assert_eq!(t.unix_millis(), utc.unix_millis() - i64::from(off) * 60_000);
    }
}
