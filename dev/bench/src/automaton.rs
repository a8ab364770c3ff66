//! `bench-native daachorse`: this engine's dictionary structure against a general-purpose
//! automaton crate on the same table.
//!
//! The `st` group (the big one: s2t's dictionary) is flattened from the OpenCC text data and
//! filtered exactly as the dictionary compiler does. The same entries are then stored two ways:
//! this engine's `.scd` file (`dict::encode`; the shipped `st.scd` is read from `--dict`), and a
//! daachorse charwise double-array Aho–Corasick automaton in leftmost-longest mode (the kind of
//! automaton zhconv uses), serialized together with its values. For each: serialized and brotli
//! size, build time from the entries, load time from bytes in memory, and s2t throughput on the
//! benchmark corpora. The automaton converts with one leftmost-longest replace pass; the engine
//! runs its `s2t` converter (`norm` + `st`, OpenCC's semantics). Both outputs are compared.

use std::path::{Path, PathBuf};
use std::time::Instant;

use daachorse::{
    CharwiseDoubleArrayAhoCorasick as Automaton, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind,
};
use script_convert::compile::Leaves;
use script_convert::dict::{encode, Entry};
use script_convert::{config, Converter, Dictionary};

use crate::measure::{median, read_text, record, report_runs, time_runs};

/// Record section of every result of this command.
const SECTION: &str = "automaton";

/// The s2t inputs of `bench-native run`: `(case, file in the corpus directory)`.
const CASES: [(&str, &str); 2] = [("s2t", "simp.txt"), ("s2t.news", "news-simp.txt")];

/// The OpenCC text data in the repository.
pub fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../script-convert/data/opencc")
}

/// The `st` table as the compiler writes it into `st.scd`: the flattened group without the
/// single-character identity keys of later members (see `Leaves::compile_group`).
fn st_entries(data: &Path) -> Result<Vec<Entry>, String> {
    let leaves = Leaves::from_dir(&data.join("dictionary")).map_err(|e| e.to_string())?;
    let group = config::group("st").ok_or("unknown group st")?;
    let mut entries = leaves.flatten(group).map_err(|e| e.to_string())?;
    entries.retain(|e| e.part == 0 || e.key != e.value || e.key.chars().nth(1).is_some());
    Ok(entries)
}

fn build_automaton(entries: &[Entry]) -> Result<Automaton<u32>, String> {
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(entries.iter().zip(0u32..).map(|(e, i)| (e.key.as_str(), i)))
        .map_err(|e| format!("daachorse: {e}"))
}

/// The automaton's own serialization followed by the values it points to: a little-endian
/// `u32` count, then each value as one length byte and its UTF-8 bytes.
fn serialize(automaton: &Automaton<u32>, entries: &[Entry]) -> Result<Vec<u8>, String> {
    let mut out = automaton.serialize();
    let count = u32::try_from(entries.len()).map_err(|_| "too many entries")?;
    out.extend_from_slice(&count.to_le_bytes());
    for e in entries {
        let len =
            u8::try_from(e.value.len()).map_err(|_| format!("value too long: {}", e.value))?;
        out.push(len);
        out.extend_from_slice(e.value.as_bytes());
    }
    Ok(out)
}

/// Inverse of [`serialize`]. The values are checked; the automaton cannot be.
fn load(bytes: &[u8]) -> Result<(Automaton<u32>, Vec<&str>), String> {
    // SAFETY: `bytes` come from `serialize` in this process. daachorse 1.x has no checked
    // deserializer: a page loading a fetched automaton would have to trust it the same way.
    let (automaton, rest) = unsafe { Automaton::<u32>::deserialize_unchecked(bytes) };
    let truncated = || "serialized values truncated".to_owned();
    let (count, mut rest) = rest.split_first_chunk::<4>().ok_or_else(truncated)?;
    let count = u32::from_le_bytes(*count) as usize;
    let mut values = Vec::with_capacity(count);
    for _ in 0..count {
        let (&len, tail) = rest.split_first().ok_or_else(truncated)?;
        let (value, tail) = tail.split_at_checked(len.into()).ok_or_else(truncated)?;
        values.push(std::str::from_utf8(value).map_err(|e| e.to_string())?);
        rest = tail;
    }
    Ok((automaton, values))
}

/// One leftmost-longest pass: every match is replaced by its value, the rest copied.
fn replace_all(automaton: &Automaton<u32>, values: &[&str], text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut last = 0;
    for m in automaton.leftmost_find_iter(text) {
        out.push_str(&text[last..m.start()]);
        out.push_str(values[m.value() as usize]);
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

fn brotli_len(data: &[u8]) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    match brotli::BrotliCompress(&mut &data[..], &mut out, &params) {
        Ok(_) => out.len(),
        Err(_) => 0,
    }
}

/// Median milliseconds of `runs` calls of `f` (after one untimed call).
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> Result<T, String>) -> Result<f64, String> {
    drop(f()?);
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let value = f()?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        drop(value);
    }
    Ok(median(ms))
}

/// Lines that differ between two outputs (0 when they are identical), and a short excerpt
/// of both around the first difference.
fn differing_lines(a: &str, b: &str) -> (usize, Option<String>) {
    if a == b {
        return (0, None);
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    let mut pairs = a.iter().zip(&b).filter(|(x, y)| x != y);
    let first = pairs.next().map(|(x, y)| {
        let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
        let col = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
        let cut = |v: &[char]| -> String {
            v[col.saturating_sub(4).min(v.len())..(col + 6).min(v.len())]
                .iter()
                .collect()
        };
        format!(
            "engine {} / daachorse {}",
            cut(&x).trim_end(),
            cut(&y).trim_end()
        )
    });
    (
        usize::from(first.is_some()) + pairs.count() + a.len().abs_diff(b.len()),
        first,
    )
}

pub fn compare(data: &Path, dict: &Path, corpus: &Path, iters: usize) -> Result<(), String> {
    let entries = st_entries(data)?;
    let (_, shipped) = script_convert::cli::read_group_file(dict, "st")?;
    let (_, norm) = script_convert::cli::read_group_file(dict, "norm")?;
    let encoded = encode("st", &entries).map_err(|e| e.to_string())?;
    if encoded != shipped {
        eprintln!(
            "bench-native: warning: st.scd in {} differs from the table compiled from {}",
            dict.display(),
            data.display()
        );
    }
    record(SECTION, "-", "st", "keys", entries.len());

    // Build from the flattened entries: the engine's file encoder, the automaton's builder.
    let engine_build = median_ms(5, || encode("st", &entries).map_err(|e| e.to_string()))?;
    let daac_build = median_ms(5, || build_automaton(&entries))?;
    let automaton = build_automaton(&entries)?;
    let serialized = serialize(&automaton, &entries)?;
    drop(automaton);

    // Load from bytes in memory.
    let engine_load = median_ms(20, || {
        Dictionary::from_bytes("st.scd", &shipped).map_err(|e| e.to_string())
    })?;
    let daac_load = median_ms(20, || load(&serialized))?;

    for (who, bytes, build, load_ms) in [
        ("engine", &shipped, engine_build, engine_load),
        ("daachorse", &serialized, daac_build, daac_load),
    ] {
        record(SECTION, who, "st", "bytes", bytes.len());
        record(SECTION, who, "st", "brotli", brotli_len(bytes));
        record(SECTION, who, "st", "build_ms", format!("{build:.1}"));
        record(SECTION, who, "st", "load_ms", format!("{load_ms:.2}"));
    }

    // Throughput: s2t on both corpora.
    let files = [
        ("norm.scd", norm.as_slice()),
        ("st.scd", shipped.as_slice()),
    ];
    let engine = Converter::from_files("s2t", &files).map_err(|e| e.to_string())?;
    let (automaton, values) = load(&serialized)?;
    for (case, input) in CASES {
        let text = read_text(&corpus.join(input))?;
        let (runs, ours) = time_runs(iters, || engine.convert(&text));
        report_runs(SECTION, "engine", case, text.len(), &runs);
        let (runs, theirs) = time_runs(iters, || replace_all(&automaton, &values, &text));
        report_runs(SECTION, "daachorse", case, text.len(), &runs);
        let (differ, first) = differing_lines(&ours, &theirs);
        let same = if differ == 0 {
            "yes".to_owned()
        } else {
            format!("no ({differ} lines differ)")
        };
        record(SECTION, "daachorse", case, "same_output", same);
        if let Some(x) = first {
            record(SECTION, "daachorse", case, "example", x);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: &str) -> Entry {
        Entry {
            key: key.to_owned(),
            value: value.to_owned(),
            part: 0,
        }
    }

    #[test]
    fn serialized_automaton_converts_leftmost_longest() {
        let entries = [
            entry("干", "幹"),
            entry("包干", "包乾"),
            entry("包干制", "包乾制"),
        ];
        let automaton = build_automaton(&entries).unwrap();
        let bytes = serialize(&automaton, &entries).unwrap();
        let (loaded, values) = load(&bytes).unwrap();
        assert_eq!(values, ["幹", "包乾", "包乾制"]);
        assert_eq!(
            replace_all(&loaded, &values, "包干制，干！包干"),
            "包乾制，幹！包乾"
        );
        assert!(load(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn counts_differing_lines() {
        assert_eq!(differing_lines("a\nb", "a\nb"), (0, None));
        assert_eq!(
            differing_lines("a\n包乾制", "a\n包干制"),
            (1, Some("engine 包乾制 / daachorse 包干制".to_owned()))
        );
        assert_eq!(differing_lines("a\nb", "a\nb\nc").0, 1);
    }
}
