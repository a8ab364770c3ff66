//! Property tests: validation never panics, whatever the input, and whatever it accepts the
//! serde model reads.
#![cfg(not(target_arch = "wasm32"))]

use article_model::{parse_article, validate_value, Article, DateTime};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

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
            prop_assert!(serde_json::from_value::<Article>(doc).is_ok());
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
