//! Is a well-kept automaton crate better than the custom trie for this job?
//! Builds daachorse 1.0 (charwise double-array Aho-Corasick, leftmost-longest,
//! the structure zhconv uses) over the same flattened `st` group and compares
//! build/load time, serialized size and s2t-like throughput with script-convert.
//! Usage: daachorse_cmp DATA_DIR DICT_DIR SIMP_TEXT

use std::time::Instant;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use script_convert::compile::Leaves;
use script_convert::{config, Converter};

fn brotli_len(bytes: &[u8]) -> Option<usize> {
    use std::io::Write;
    let mut child = std::process::Command::new("brotli")
        .args(["-q", "11", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(bytes).ok()?;
    Some(child.wait_with_output().ok()?.stdout.len())
}

fn cpu_now() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map(|ns| ns / 1e9)
        .unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let leaves =
        Leaves::from_dir(&std::path::Path::new(&args[0]).join("dictionary")).expect("data");
    let dict_dir = std::path::PathBuf::from(&args[1]);
    let text = std::fs::read_to_string(&args[2]).expect("text");
    let entries = leaves
        .flatten(config::group("st").expect("st"))
        .expect("flatten");

    let t = Instant::now();
    let pma: CharwiseDoubleArrayAhoCorasick<u32> = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.as_str(), i as u32)),
        )
        .expect("build");
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let ser = pma.serialize();
    let t = Instant::now();
    // SAFETY: `ser` was produced by `serialize` just above (this is exactly the
    // unchecked load a browser would have to trust).
    let (pma2, _) = unsafe { CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(&ser) };
    let deser_ms = t.elapsed().as_secs_f64() * 1e3;
    let values: Vec<&str> = entries.iter().map(|e| e.value.as_str()).collect();

    let mut best_daac = f64::MAX;
    let mut out_daac = String::new();
    for _ in 0..5 {
        let c = cpu_now();
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in pma2.leftmost_find_iter(&text) {
            out.push_str(&text[last..m.start()]);
            out.push_str(values[m.value() as usize]);
            last = m.end();
        }
        out.push_str(&text[last..]);
        best_daac = best_daac.min(cpu_now() - c);
        out_daac = out;
    }

    let file = std::fs::read(dict_dir.join("st.scd")).expect("st.scd");
    let norm = std::fs::read(dict_dir.join("norm.scd")).expect("norm.scd");
    let t = Instant::now();
    let conv =
        Converter::from_files("s2t", &[("norm.scd", &norm), ("st.scd", &file)]).expect("load");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut best_ours = f64::MAX;
    let mut out_ours = String::new();
    for _ in 0..5 {
        let c = cpu_now();
        out_ours = conv.convert(&text);
        best_ours = best_ours.min(cpu_now() - c);
    }
    let mb = text.len() as f64 / 1e6;
    println!("| structure for `st` ({} keys) | serialized bytes | brotli | build ms | load ms | s2t MB/s | same output |", entries.len());
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| daachorse 1.0.1 charwise, leftmost-longest, all values stored | {} | {} | {build_ms:.1} | {deser_ms:.2} (unchecked) | {:.0} | {} |",
        ser.len(),
        brotli_len(&ser).map(|n| n.to_string()).unwrap_or_else(|| "?".into()),
        mb / best_daac,
        out_daac == out_ours
    );
    println!(
        "| script-convert .scd (front-coded, BFS trie built on load) | {} | {} | (compile) | {load_ms:.2} (validated, incl. norm) | {:.0} | - |",
        file.len(),
        brotli_len(&file).map(|n| n.to_string()).unwrap_or_else(|| "?".into()),
        mb / best_ours
    );
}
