//! Slices: a converter built from only the dictionary entries a conversion chose
//! (`Converter::convert_recording`) converts the same text to the same output, for every
//! config, on the corpus and on random text; and a slice that lacks a chosen entry does not.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::Arc;

use common::{converter, corpus_dir};
use proptest::prelude::*;
use script_convert::dict::Entry;
use script_convert::{config, Chosen, Converter, Dictionary, TofuRisk, CONFIG_NAMES};

/// The converter for `name` built from the entries of `chosen` only.
fn sliced(name: &str, chosen: &Chosen) -> Converter {
    let spec = config::config(name).expect("known config");
    let dicts: Vec<Arc<Dictionary>> = spec
        .groups()
        .into_iter()
        .map(|g| {
            let entries = chosen
                .groups
                .get(g)
                .map(|m| {
                    m.iter()
                        .map(|(k, e)| Entry {
                            key: k.clone(),
                            value: e.value.clone(),
                            part: if e.first_member { 0 } else { 1 },
                        })
                        .collect()
                })
                .unwrap_or_default();
            Arc::new(
                Dictionary::from_entries(&format!("{g} slice"), g, entries).expect("slice loads"),
            )
        })
        .collect();
    Converter::with_tofu_risk(name, TofuRisk::Include, &dicts).expect("sliced converter")
}

fn check(name: &str, texts: &[&str]) -> Chosen {
    let full = converter(name);
    let mut chosen = Chosen::default();
    let mut expected = Vec::new();
    for t in texts {
        let mut out = String::new();
        full.convert_recording(t, &mut out, &mut chosen);
        assert_eq!(out, full.convert(t), "{name}: recording changes the output");
        expected.push(out);
    }
    let slice = sliced(name, &chosen);
    for (t, e) in texts.iter().zip(&expected) {
        assert_eq!(
            &slice.convert(t),
            e,
            "{name}: slice output differs on {t:?}"
        );
    }
    chosen
}

#[test]
fn a_slice_reproduces_every_config_on_the_corpus() {
    let corpus = std::fs::read_to_string(corpus_dir().join("corpus.txt")).expect("corpus");
    let seed = std::fs::read_to_string(corpus_dir().join("seed.txt")).expect("seed");
    // A sample of the corpus (every 40th line) keeps the test quick; the seed in full.
    let mut lines: Vec<&str> = corpus.lines().step_by(40).collect();
    lines.extend(seed.lines());
    for name in CONFIG_NAMES {
        let chosen = check(name, &lines);
        let used: usize = chosen.groups.values().map(|g| g.len()).sum();
        let full: usize = config::config(name)
            .expect("config")
            .groups()
            .iter()
            .map(|g| common::compiled()[*g].len())
            .sum();
        // The slice is a small part of the dictionaries (entries vs file bytes, a loose bound).
        assert!(used > 0 && used * 4 < full, "{name}: {used} entries");
    }
}

#[test]
fn a_slice_without_a_chosen_entry_converts_differently() {
    let text = "头发和干燥的面条";
    let full = converter("s2twp");
    let mut chosen = Chosen::default();
    let mut out = String::new();
    full.convert_recording(text, &mut out, &mut chosen);
    assert_eq!(out, "頭髮和乾燥的麵條");
    // Segmentation keys are recorded as keys of the group's first member.
    assert!(chosen.groups["st"].values().any(|e| e.first_member));
    let mut pruned = chosen.clone();
    let st = pruned.groups.get_mut("st").expect("st");
    let phrase = st
        .keys()
        .find(|k| k.chars().count() > 1)
        .cloned()
        .expect("a phrase");
    st.remove(&phrase);
    assert_ne!(
        sliced("s2twp", &pruned).convert(text),
        out,
        "without {phrase}"
    );
}

#[test]
fn a_slice_rejects_duplicate_keys() {
    let e = |k: &str, v: &str| Entry {
        key: k.into(),
        value: v.into(),
        part: 0,
    };
    let err = Dictionary::from_entries("st slice", "st", vec![e("干", "幹"), e("干", "乾")])
        .expect_err("duplicate");
    assert!(err.to_string().contains("st slice"), "{err}");
    let empty = Dictionary::from_entries("norm slice", "norm", Vec::new()).expect("empty slice");
    assert!(empty.is_empty());
}

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select("发後乾隆干于於里裏周週头發網絡信息皇后包制臺台灣台湾軟件软件著着面條条干燥髮".chars().collect::<Vec<_>>()),
        1 => (0x2FF0u32..=0x2FFF).prop_map(|c| char::from_u32(c).unwrap_or('⿰')),
        2 => (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap_or('一')),
        1 => (0xF900u32..=0xFAFF).prop_map(|c| char::from_u32(c).unwrap_or('豈')),
        1 => prop::sample::select(vec!['a', ' ', '\n', '，', '。', '😀', '𠀀']),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_slice_reproduces_random_text(texts in prop::collection::vec(
        prop::collection::vec(any_char(), 0..60).prop_map(|v| v.into_iter().collect::<String>()), 1..4)) {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        for name in CONFIG_NAMES {
            check(name, &refs);
        }
    }
}
