//! Quick native measurement: dictionary load time and throughput.
//! Usage: cargo run --release -p script-convert --example quickbench -- DICT_DIR TEXT_FILE [CONFIG...]
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(&args[0]);
    let text = std::fs::read_to_string(&args[1]).expect("text");
    let configs: Vec<&str> = if args.len() > 2 {
        args[2..].iter().map(|s| s.as_str()).collect()
    } else {
        vec!["t2s", "s2t", "s2twp", "tw2sp"]
    };
    for c in configs {
        let spec = script_convert::config::config(c).expect("config");
        let files: Vec<(String, Vec<u8>)> = spec
            .groups()
            .iter()
            .map(|g| {
                (
                    g.to_string(),
                    std::fs::read(dir.join(format!("{g}.scd"))).expect("read"),
                )
            })
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let mut best_load = f64::MAX;
        let mut conv = None;
        for _ in 0..10 {
            let t = Instant::now();
            conv = Some(script_convert::Converter::from_files(c, &refs).expect("load"));
            best_load = best_load.min(t.elapsed().as_secs_f64());
        }
        let conv = conv.expect("conv");
        let mut best = f64::MAX;
        let mut out_len = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let out = conv.convert(&text);
            best = best.min(t.elapsed().as_secs_f64());
            out_len = out.len();
        }
        println!(
            "{c:6} load {:7.2} ms   convert {:8.1} MB/s  ({} -> {} bytes)",
            best_load * 1e3,
            text.len() as f64 / best / 1e6,
            text.len(),
            out_len
        );
    }
}
