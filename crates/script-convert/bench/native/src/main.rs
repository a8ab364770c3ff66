//! Usage: script-convert-bench DICT_DIR TRAD_TEXT SIMP_TEXT [ROUNDS]
//! Prints one markdown table row per (engine, config): throughput (best of
//! ROUNDS, in thread CPU time so that a busy machine distorts less) and the share of characters that differ from this engine's output
//! (which equals OpenCC 1.4.2's, see tests/golden.rs).

use std::time::Instant;

use script_convert::{config, Converter};
use zhconv::{zhconv, Variant};

/// CPU time of this thread in seconds (Linux `schedstat`, nanoseconds): robust
/// against other processes competing for the cores; falls back to wall time.
fn cpu_now() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Best of `rounds` runs, measured in thread CPU time (wall time if unavailable).
fn best_of<F: FnMut() -> String>(rounds: usize, mut f: F) -> (f64, String) {
    let mut best = f64::MAX;
    let mut out = String::new();
    for _ in 0..rounds {
        let (t, c) = (Instant::now(), cpu_now());
        out = f();
        let elapsed = match (c, cpu_now()) {
            (Some(a), Some(b)) => b - a,
            _ => t.elapsed().as_secs_f64(),
        };
        best = best.min(elapsed);
    }
    (best, out)
}

/// Share of characters that differ, compared line by line (positionally within
/// a line, plus the length difference), as in tests/golden.rs.
fn diff_share(a: &str, b: &str) -> f64 {
    let mut diff = 0usize;
    let mut total = 0usize;
    for (la, lb) in a.split('\n').zip(b.split('\n')) {
        let (x, y): (Vec<char>, Vec<char>) = (la.chars().collect(), lb.chars().collect());
        let same = x.iter().zip(&y).filter(|(p, q)| p == q).count();
        diff += x.len().max(y.len()) - same;
        total += x.len();
    }
    diff as f64 / total.max(1) as f64 * 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: script-convert-bench DICT_DIR TRAD_TEXT SIMP_TEXT [ROUNDS]");
        std::process::exit(2);
    }
    let dir = std::path::PathBuf::from(&args[0]);
    let trad = std::fs::read_to_string(&args[1]).expect("traditional text");
    let simp = std::fs::read_to_string(&args[2]).expect("simplified text");
    let rounds: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    println!(
        "| engine | config | input | MB/s | load+prepare ms | chars differing from OpenCC 1.4.2 |"
    );
    println!("|---|---|---|---|---|---|");
    for (cfg, text, input, variant) in [
        ("t2s", &trad, "traditional", Variant::ZhHans),
        ("s2t", &simp, "simplified", Variant::ZhHant),
        ("s2twp", &simp, "simplified", Variant::ZhTW),
    ] {
        let spec = config::config(cfg).expect("config");
        let files: Vec<(String, Vec<u8>)> = spec
            .groups()
            .iter()
            .map(|g| {
                (
                    format!("{g}.scd"),
                    std::fs::read(dir.join(format!("{g}.scd"))).expect("dictionary file"),
                )
            })
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let mut load = f64::MAX;
        let mut conv = None;
        for _ in 0..20 {
            let t = Instant::now();
            conv = Some(Converter::from_files(cfg, &refs).expect("load"));
            load = load.min(t.elapsed().as_secs_f64());
        }
        let conv = conv.expect("converter");
        let (t_ours, ours) = best_of(rounds, || conv.convert(text));
        let mb = text.len() as f64 / 1e6;
        println!("| script-convert | {cfg} | {input} | {:.0} | {:.2} | 0 (by construction; golden test) |", mb / t_ours, load * 1e3);
        // zhconv builds its automata lazily on first use: time that separately.
        let t = Instant::now();
        let _ = zhconv("预热", variant);
        let zh_load = t.elapsed().as_secs_f64();
        let (t_zh, zh) = best_of(rounds, || zhconv(text, variant));
        println!(
            "| zhconv 0.4 (opencc feature) | {cfg} ≈ {variant:?} | {input} | {:.0} | {:.2} | {:.3} % |",
            mb / t_zh,
            zh_load * 1e3,
            diff_share(&ours, &zh)
        );
    }
}
