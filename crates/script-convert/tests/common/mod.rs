//! Shared test helpers: converters built from *compiled* dictionary files.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use script_convert::compile::Leaves;
use script_convert::{config, Converter};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/opencc")
}

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

pub fn leaves() -> &'static Leaves {
    static LEAVES: OnceLock<Leaves> = OnceLock::new();
    LEAVES.get_or_init(|| {
        Leaves::from_dir(&data_dir().join("dictionary")).expect("text dictionaries load")
    })
}

/// Compiled dictionary files, by group id (compiled once per test binary).
pub fn compiled() -> &'static BTreeMap<String, Vec<u8>> {
    static FILES: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        config::GROUPS
            .iter()
            .map(|g| {
                (
                    g.id.to_string(),
                    leaves().compile_group(g.id).expect("group compiles"),
                )
            })
            .collect()
    })
}

/// A converter loaded through `Converter::from_files` from the compiled files.
pub fn converter(name: &str) -> Arc<Converter> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Arc<Converter>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(name.to_string())
        .or_insert_with(|| {
            let spec = config::config(name).expect("known config");
            let files: Vec<(String, &[u8])> = spec
                .groups()
                .iter()
                .map(|g| (format!("{g}.scd"), compiled()[*g].as_slice()))
                .collect();
            let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
            Arc::new(Converter::from_files(name, &refs).expect("converter loads"))
        })
        .clone()
}

/// Counts differing characters between two lines (positionally, plus the length difference).
pub fn char_diff(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    a.len().max(b.len()) - same
}

/// A readable description of the first difference between two lines.
pub fn describe(line: usize, expected: &str, got: &str) -> String {
    let (e, g): (Vec<char>, Vec<char>) = (expected.chars().collect(), got.chars().collect());
    let col = e.iter().zip(&g).take_while(|(x, y)| x == y).count();
    let from = col.saturating_sub(10);
    let ctx = |v: &[char]| {
        v[from.min(v.len())..(col + 10).min(v.len())]
            .iter()
            .collect::<String>()
    };
    format!(
        "line {} col {}: expected …{:?}… got …{:?}…",
        line + 1,
        col + 1,
        ctx(&e),
        ctx(&g)
    )
}

/// Like [`converter`], choosing whether OpenCC's `may_output_tofu` dictionaries take part.
pub fn converter_with(name: &str, tofu: script_convert::TofuRisk) -> Converter {
    let spec = config::config(name).expect("known config");
    let files: Vec<(String, &[u8])> = spec
        .groups_with(tofu)
        .iter()
        .map(|g| (format!("{g}.scd"), compiled()[*g].as_slice()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    Converter::from_files_with_tofu_risk(name, tofu, &refs).expect("converter loads")
}
