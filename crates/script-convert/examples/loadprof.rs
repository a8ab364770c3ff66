//! Profiles dictionary loading: cargo run --release --example loadprof -- DICT_FILE [ROUNDS]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).expect("file");
    let rounds: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let t = std::time::Instant::now();
    let mut keys = 0;
    for _ in 0..rounds {
        keys += script_convert::Dictionary::from_bytes("f", &bytes)
            .expect("loads")
            .len();
    }
    println!(
        "{:.2} ms per load ({} keys)",
        t.elapsed().as_secs_f64() * 1e3 / rounds as f64,
        keys / rounds
    );
}
