//! `cargo xtask bench --only switch`: script-switch latency of the widget in headless
//! Chromium (`tests/bench/switch.mjs`), on the local server and on an emulated phone network,
//! written into docs/BENCHMARKS.md between the `switch` markers. Typed records, one renderer;
//! timings are reported, never asserted.

use serde::Deserialize;

use crate::util::{cargo, root, Cmd};
use crate::{server, setup};

/// One scenario's medians, as `tests/bench/switch.mjs` prints them.
#[derive(Deserialize)]
struct SwitchRecord {
    network: String,
    article: String,
    target: String,
    runs: u32,
    first_ms: f64,
    first_max_ms: f64,
    warm_ms: f64,
    warm_max_ms: f64,
    longest_task_ms: f64,
    bytes: u64,
    js_heap: Option<u64>,
}

const START: &str = "<!-- switch:start -->";
const END: &str = "<!-- switch:end -->";

/// The goals of the script-switching issue, per record.
fn goal_first_ms(r: &SwitchRecord) -> f64 {
    match (r.network.as_str(), r.target.as_str()) {
        ("4g", _) => 300.0,
        (_, "hans") => 100.0,
        _ => 250.0,
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

fn render(records: &[SwitchRecord], about: &str) -> String {
    let mut s = format!(
        "{START}\n### Script switching in the widget\n\n{about}\n\n\
         Click on an option of the script control to the converted text painted (the second \
         animation frame after the widget's `article-widget:script` event), in a fresh browser \
         context each run (cold cache), median of the runs (max in brackets). _First_: the \
         first switch of the page, which imports the engine module and fetches `dict/manifest.json` \
         and the dictionary files; _warm_: the same option again after going back to 原文. \
         _Fetched_: bytes of the engine and dictionaries the first switch transferred \
         (uncompressed here: the test server does not compress). _Longest task_: the longest \
         main-thread task (PerformanceObserver `longtask`) during the switches. Goals: first \
         switch ≤ 100 ms to 简体 and ≤ 250 ms to the Traditional options on the local server, \
         ≤ 300 ms to any option on the 9 Mbit/s, 60 ms RTT network; warm ≤ 16 ms; no task \
         over 50 ms.\n\n\
         | network | article | option | runs | first switch | goal | warm switch | longest task | fetched |\n\
         |---|---|---|---:|---:|---|---:|---:|---:|\n"
    );
    for r in records {
        let goal = goal_first_ms(r);
        s.push_str(&format!(
            "| {} | {} | `{}` | {} | {:.1} ms ({:.1}) | ≤ {goal:.0} ms: {} | {:.1} ms ({:.1}): {} | {:.0} ms: {} | {:.1} KB |\n",
            if r.network == "4g" { "9 Mbit/s, 60 ms RTT" } else { "local" },
            r.article,
            r.target,
            r.runs,
            r.first_ms,
            r.first_max_ms,
            verdict(r.first_ms <= goal),
            r.warm_ms,
            r.warm_max_ms,
            verdict(r.warm_ms <= 16.0),
            r.longest_task_ms,
            verdict(r.longest_task_ms <= 50.0),
            r.bytes as f64 / 1024.0,
        ));
    }
    if let Some(heap) = records.iter().filter_map(|r| r.js_heap).max() {
        s.push_str(&format!(
            "\nLargest JS heap after the switches: {:.1} MB.\n",
            heap as f64 / 1e6
        ));
    }
    s.push_str(END);
    s
}

fn about() -> String {
    let out = |c: Cmd| c.output().unwrap_or_default();
    let date = out(Cmd::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]));
    let commit = out(Cmd::new("git").args(["rev-parse", "--short", "HEAD"]));
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default();
    let chromium = out(Cmd::new(setup::CHROMIUM).arg("--version"));
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!(
        "Run {} on commit {}, {cores} cores, load average {load} at the start, {}.",
        date.trim(),
        commit.trim(),
        chromium.trim()
    )
}

/// Builds the release assets, writes the bench pages, measures and updates the document.
pub fn run(runs: usize) -> Result<(), String> {
    setup::all()?;
    crate::build(false)?;
    let root = root();
    let dir = root.join("target/bench/switch");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // The seed in Simplified Chinese, as the CLI writes it: the source of the 繁體/臺灣/香港
    // first switches (which need the large `st` dictionary).
    let hans = cargo(&[
        "run",
        "--quiet",
        "--release",
        "--bin",
        "article-widget",
        "--",
    ])
    .args(["convert-article", "www/article.json", "--script", "hans"])
    .output()
    .ok_or("convert-article failed")?;
    std::fs::write(dir.join("hans.json"), hans).map_err(|e| e.to_string())?;
    for (page, src) in [
        ("hant.html", "/www/article.json"),
        ("hans.html", "hans.json"),
    ] {
        let html = format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>switch bench</title>\n\
             <article-widget src=\"{src}\"></article-widget>\n\
             <script async src=\"/www/article-widget.js\"></script>\n"
        );
        std::fs::write(dir.join(page), html).map_err(|e| e.to_string())?;
    }
    let server = server::Server::start(root.clone(), 0, false)?;
    let output = Cmd::new("node")
        .arg("tests/bench/switch.mjs")
        .env("AW_BASE", &server.base_url())
        .env("AW_RUNS", &runs.to_string())
        .env("AW_CHROMIUM", setup::CHROMIUM)
        .output();
    server.stop();
    let output = output.ok_or("tests/bench/switch.mjs failed")?;
    let records: Vec<SwitchRecord> = output
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{e}: {l}")))
        .collect::<Result<_, _>>()?;
    if records.is_empty() {
        return Err("the switch benchmark printed no records".into());
    }
    let section = render(&records, &about());
    let path = root.join("docs/BENCHMARKS.md");
    let doc = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let updated = match (doc.find(START), doc.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{section}{}", &doc[..a], &doc[b + END.len()..]),
        _ => format!("{}\n{section}\n", doc.trim_end()),
    };
    std::fs::write(&path, updated).map_err(|e| e.to_string())?;
    println!("{section}\nwrote docs/BENCHMARKS.md");
    Ok(())
}
