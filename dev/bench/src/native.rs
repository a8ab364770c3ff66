//! The native benchmark commands (not built for wasm32).

use std::path::{Path, PathBuf};
use std::time::Instant;

use script_convert::{config, Converter};

use crate::measure::{median, read_text, record, report_runs, time_runs};

/// The cases measured: `(case, config, input file)`. Case `t2s` runs on the key-dense mixed
/// corpus, `t2s.news` on news text (the seed article repeated).
pub const CASES: [(&str, &str, &str); 6] = [
    ("t2s", "t2s", "trad.txt"),
    ("s2t", "s2t", "simp.txt"),
    ("s2twp", "s2twp", "simp.txt"),
    ("t2s.news", "t2s", "news-trad.txt"),
    ("s2t.news", "s2t", "news-simp.txt"),
    ("s2twp.news", "s2twp", "news-simp.txt"),
];

pub fn main(args: Vec<String>) -> Result<(), String> {
    let opt = |name: &str| -> Option<&str> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let path = |name: &str| -> Result<PathBuf, String> {
        opt(name)
            .map(PathBuf::from)
            .ok_or_else(|| format!("missing {name} DIR"))
    };
    let number = |name: &str, default: usize| -> Result<usize, String> {
        opt(name).map_or(Ok(default), |v| {
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        })
    };
    match args.first().map(String::as_str) {
        Some("corpus") => corpus(
            &path("--dict")?,
            &path("--out")?,
            number("--bytes", 10_000_000)?,
        ),
        Some("run") => run(
            &path("--dict")?,
            &path("--corpus")?,
            &path("--out")?,
            number("--iters", 7)?.max(1),
        ),
        Some("diff") => diff(&path("--out")?),
        _ => Err("usage: bench-native corpus|run|diff|daachorse (see the crate docs)".to_owned()),
    }
}

fn write(p: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))
}

/// The compiled dictionary files a config needs, as `(file name, bytes)`.
fn dictionary_files(dict: &Path, name: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let spec = config::config(name).ok_or_else(|| format!("unknown config {name}"))?;
    spec.groups()
        .iter()
        .map(|g| script_convert::cli::read_group_file(dict, g))
        .collect()
}

fn converter(files: &[(String, Vec<u8>)], name: &str) -> Result<Converter, String> {
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    Converter::from_files(name, &refs).map_err(|e| e.to_string())
}

/// splitmix64: a tiny deterministic generator, so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Builds `trad.txt` (about `bytes` bytes of Traditional text) and `simp.txt` (its t2s), and
/// `news-trad.txt` / `news-simp.txt` of the same size.
///
/// Mixed corpus: the lines of the differential-test corpus are put through s2t (so that its
/// Simplified dictionary keys become Traditional text too), then emitted in a fresh shuffled
/// order per round, with one paragraph of the seed article after every 32 lines, until the
/// size is reached. News text: the seed article repeated.
fn corpus(dict: &Path, out: &Path, bytes: usize) -> Result<(), String> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = read_text(&here.join("../script-convert/tests/corpus/corpus.txt"))?;
    let seed_dir = here.join("../../tests/fixtures/seed");
    let mut seed_files: Vec<PathBuf> = std::fs::read_dir(&seed_dir)
        .map_err(|e| format!("{}: {e}", seed_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seed_files.sort();
    let mut paragraphs: Vec<String> = Vec::new();
    for f in &seed_files {
        let text = read_text(f)?;
        paragraphs.extend(
            text.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    if paragraphs.is_empty() {
        return Err(format!("no seed text in {}", seed_dir.display()));
    }
    let s2t = converter(&dictionary_files(dict, "s2t")?, "s2t")?;
    let lines: Vec<String> = source
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| s2t.convert(l))
        .collect();
    let mut rng = Rng(0x2026_1128_0000_0003);
    let mut trad = String::with_capacity(bytes + 64 * 1024);
    let mut order: Vec<usize> = (0..lines.len()).collect();
    let mut next_paragraph = 0;
    'rounds: loop {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for (k, &i) in order.iter().enumerate() {
            if trad.len() >= bytes {
                break 'rounds;
            }
            trad.push_str(&lines[i]);
            trad.push('\n');
            if k % 32 == 31 {
                trad.push_str(&paragraphs[next_paragraph % paragraphs.len()]);
                trad.push('\n');
                next_paragraph += 1;
            }
        }
    }
    let t2s = converter(&dictionary_files(dict, "t2s")?, "t2s")?;
    let simp = t2s.convert(&trad);
    // News text: the seed article, whole, repeated to the same size.
    let article: String = paragraphs.iter().map(|p| format!("{p}\n")).collect();
    let news_trad = article.repeat(bytes.div_ceil(article.len()));
    let news_simp = t2s.convert(&news_trad);
    let files = [
        ("trad.txt", &trad),
        ("simp.txt", &simp),
        ("news-trad.txt", &news_trad),
        ("news-simp.txt", &news_simp),
    ];
    for (name, text) in files {
        write(&out.join(name), text)?;
    }
    for (name, text) in files {
        record("corpus", "-", name, "bytes", text.len());
        record("corpus", "-", name, "chars", text.chars().count());
        record("corpus", "-", name, "lines", text.lines().count());
    }
    Ok(())
}

/// Throughput of this engine and of zhconv on the corpus; writes each output for `diff`.
fn run(dict: &Path, corpus: &Path, out: &Path, iters: usize) -> Result<(), String> {
    for name in ["t2s", "s2t", "s2twp"] {
        let files = dictionary_files(dict, name)?;

        // This engine: `Converter::from_files` from bytes already in memory.
        let mut loads = Vec::new();
        let mut conv = converter(&files, name)?;
        for _ in 0..20 {
            let t = Instant::now();
            conv = converter(&files, name)?;
            loads.push(t.elapsed().as_secs_f64() * 1e3);
        }
        record(
            "native",
            "engine",
            name,
            "load_ms",
            format!("{:.2}", median(loads)),
        );

        // zhconv: its built-in converter is built lazily on first use; that first use is timed.
        let variant = match name {
            "t2s" => zhconv::Variant::ZhHans,
            "s2t" => zhconv::Variant::ZhHant,
            _ => zhconv::Variant::ZhTW,
        };
        let t = Instant::now();
        let zh = zhconv::get_builtin_converter(variant);
        record(
            "native",
            "zhconv",
            name,
            "load_ms",
            format!("{:.2}", t.elapsed().as_secs_f64() * 1e3),
        );

        for (case, _, input) in CASES.iter().filter(|c| c.1 == name) {
            let text = read_text(&corpus.join(input))?;
            let (runs, output) = time_runs(iters, || conv.convert(&text));
            report_runs("native", "engine", case, text.len(), &runs);
            write(&out.join(format!("engine-{case}.txt")), &output)?;
            drop(output);
            let (runs, output) = time_runs(iters, || zh.convert(&text));
            report_runs("native", "zhconv", case, text.len(), &runs);
            write(&out.join(format!("zhconv-{case}.txt")), &output)?;
        }
    }
    Ok(())
}

/// Characters that differ between two lines: positionally when both have the same number
/// of characters, otherwise the longer of the two remainders once the common prefix and
/// suffix are removed.
pub fn differing_chars(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() == b.len() {
        return a.iter().zip(&b).filter(|(x, y)| x != y).count();
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (a.len() - prefix - suffix).max(b.len() - prefix - suffix)
}

/// A short description of the first differing line, for the document.
fn example(expected: &str, got: &str) -> String {
    let (e, g): (Vec<char>, Vec<char>) = (expected.chars().collect(), got.chars().collect());
    let col = e.iter().zip(&g).take_while(|(x, y)| x == y).count();
    let from = col.saturating_sub(4);
    let cut = |v: &[char]| -> String {
        v[from.min(v.len())..(col + 6).min(v.len())]
            .iter()
            .map(|c| if c.is_control() { ' ' } else { *c })
            .collect()
    };
    format!("OpenCC {} / got {}", cut(&e), cut(&g))
}

/// Compares every `<converter>-<case>.txt` in `out` with `opencc-<case>.txt`.
fn diff(out: &Path) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for (config, _, _) in CASES {
        let oracle_path = out.join(format!("opencc-{config}.txt"));
        if !oracle_path.exists() {
            return Err(format!("{} is missing", oracle_path.display()));
        }
        let oracle = read_text(&oracle_path)?;
        let expected: Vec<&str> = oracle.split('\n').collect();
        let total: usize = expected.iter().map(|l| l.chars().count()).sum();
        let suffix = format!("-{config}.txt");
        for name in &names {
            let Some(who) = name.strip_suffix(&suffix) else {
                continue;
            };
            if who == "opencc" {
                continue;
            }
            let got = read_text(&out.join(name))?;
            let got: Vec<&str> = got.split('\n').collect();
            let mut chars = 0;
            let mut first = None;
            for (e, g) in expected.iter().zip(&got) {
                let d = differing_chars(e, g);
                if d > 0 && first.is_none() {
                    first = Some(example(e, g));
                }
                chars += d;
            }
            if expected.len() != got.len() {
                // Lines no longer align; count the missing or extra lines' characters.
                let (long, short) = if expected.len() > got.len() {
                    (&expected, &got)
                } else {
                    (&got, &expected)
                };
                chars += long[short.len()..]
                    .iter()
                    .map(|l| l.chars().count() + 1)
                    .sum::<usize>();
            }
            record("diff", who, config, "chars", chars);
            record("diff", who, config, "total", total);
            if let Some(x) = first {
                record("diff", who, config, "example", x);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::differing_chars;

    #[test]
    fn counts_substitutions_and_length_changes() {
        assert_eq!(differing_chars("包干制", "包干制"), 0);
        assert_eq!(differing_chars("包干制", "包乾制"), 1);
        assert_eq!(differing_chars("网络信息", "網路資訊"), 4);
        assert_eq!(differing_chars("ab計程車cd", "ab的士cd"), 3);
        assert_eq!(differing_chars("", "x"), 1);
    }
}
