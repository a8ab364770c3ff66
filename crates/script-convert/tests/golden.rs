//! Differential test against committed goldens produced by OpenCC 1.4.2 itself
//! (`tests/corpus/make_goldens.py`): zero differing characters for every config.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::{char_diff, converter, corpus_dir, describe};
use script_convert::CONFIG_NAMES;

fn corpus() -> String {
    std::fs::read_to_string(corpus_dir().join("corpus.txt"))
        .expect("corpus.txt (run make_corpus.py)")
}

/// Reconstructs the oracle output of `config` from its line diff.
fn golden(config: &str, corpus: &str, cache: &mut BTreeMap<String, Vec<String>>) -> Vec<String> {
    if let Some(v) = cache.get(config) {
        return v.clone();
    }
    let path = corpus_dir()
        .join("goldens")
        .join(format!("{config}.diff.gz"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("golden file"))
        .read_to_string(&mut text)
        .expect("golden is gzip + UTF-8");
    let mut lines = text.split('\n');
    let header = lines.next().expect("header");
    let field = |name: &str| {
        header
            .split(' ')
            .find_map(|f| f.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{path:?}: header lacks {name}"))
            .to_string()
    };
    assert_eq!(field("config"), config);
    let base_name = field("base");
    let n: usize = field("lines").parse().expect("line count");
    let mut out: Vec<String> = if base_name == "corpus" {
        corpus.split('\n').map(str::to_string).collect()
    } else {
        golden(&base_name, corpus, cache)
    };
    assert_eq!(
        out.len(),
        n,
        "{config}: base {base_name} has a different line count"
    );
    for row in lines.filter(|l| !l.is_empty()) {
        let (idx, line) = row.split_once('\t').expect("row has a tab");
        let idx: usize = idx.parse().expect("row index");
        out[idx] = line.to_string();
    }
    cache.insert(config.to_string(), out.clone());
    out
}

#[test]
fn zero_differences_against_opencc_goldens_for_every_config() {
    let corpus = corpus();
    let mut cache = BTreeMap::new();
    let mut report = Vec::new();
    let mut total = 0usize;
    for &config in CONFIG_NAMES {
        let expected = golden(config, &corpus, &mut cache);
        let got = converter(config).convert(&corpus);
        let got: Vec<&str> = got.split('\n').collect();
        let mut diff_chars = 0;
        let mut examples = Vec::new();
        for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
            if e != g {
                diff_chars += char_diff(e, g);
                if examples.len() < 5 {
                    examples.push(describe(i, e, g));
                }
            }
        }
        if expected.len() != got.len() {
            diff_chars += 1;
            examples.push(format!(
                "line count: expected {}, got {}",
                expected.len(),
                got.len()
            ));
        }
        println!("{config:6} differing characters: {diff_chars}");
        if diff_chars > 0 {
            report.push(format!(
                "{config}: {diff_chars} differing characters\n  {}",
                examples.join("\n  ")
            ));
        }
        total += diff_chars;
    }
    assert!(
        total == 0,
        "differences against OpenCC 1.4.2:\n{}",
        report.join("\n")
    );
}

#[test]
fn streaming_matches_goldens_too() {
    let corpus = corpus();
    for config in ["s2twp", "tw2sp", "t2s"] {
        let conv = converter(config);
        let mut stream = conv.stream_with_chunk(4096);
        let mut out = String::new();
        let mut rest = corpus.as_str();
        while !rest.is_empty() {
            let mut cut = rest.len().min(1000);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            stream.push(&rest[..cut], &mut out);
            assert!(
                stream.buffered() < 64 * 1024,
                "stream buffer grew to {}",
                stream.buffered()
            );
            rest = &rest[cut..];
        }
        stream.finish(&mut out);
        assert!(
            out == conv.convert(&corpus),
            "{config}: streaming differs from one-shot"
        );
    }
}
