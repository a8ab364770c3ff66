//! `cargo xtask bench --only widget [--iters N]`: what the widget costs a partner's page,
//! measured in headless Chromium against the same article as static HTML, and what a script
//! switch costs a reader. Writes its section of docs/BENCHMARKS.md (between the `widget`
//! markers) and the chart `docs/bench-widget.svg`. Typed records, one renderer per table;
//! timings are reported, never asserted (the size budgets are the test command's, in
//! `sizes.rs`).
//!
//! Steps: release build; the pages under `target/bench/widget/` (static floor from the
//! `snippet` command, the partner embed, the snippet with its script) and
//! `target/bench/switch/` (the seed and the seed in 简体); `tests/bench/widget.mjs` (time to
//! article, layout shift, long tasks, memory, at 1× and 4× CPU); `tests/bench/switch.mjs`
//! (first and warm switch per option, local and 9 Mbit/s 60 ms RTT).

use serde::Deserialize;

use crate::layout::CLI_BIN;
use crate::sizes::Size;
use crate::util::{root, Cmd};
use crate::{build, serve, setup, sizes};

const START: &str = "<!-- widget:start -->";
const END: &str = "<!-- widget:end -->";
const CHART: &str = "docs/bench-widget.svg";

/// One page at one CPU throttling, as `tests/bench/widget.mjs` prints it.
#[derive(Deserialize)]
struct ArticleRecord {
    page: String,
    throttle: u32,
    /// `local` (loopback) or `4g` (emulated 9 Mbit/s, 60 ms RTT).
    #[serde(default = "local")]
    network: String,
    runs: u32,
    /// Runs in which another headline (the published script) showed before the expected one.
    #[serde(default)]
    flash_runs: u32,
    article_ms: f64,
    article_min_ms: f64,
    article_max_ms: f64,
    cls: f64,
    longest_task_ms: f64,
    tbt_ms: f64,
    js_heap: Option<f64>,
    wasm_memory: Option<f64>,
}

/// One switch scenario, as `tests/bench/switch.mjs` prints it.
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
    widget_memory: Option<u64>,
    engine_memory: Option<u64>,
}

fn local() -> String {
    "local".to_owned()
}

/// Everything one run measured.
struct Report {
    about: String,
    payload: Vec<Size>,
    articles: Vec<ArticleRecord>,
    switches: Vec<SwitchRecord>,
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

const KB: f64 = 1000.0;

/// Payload: what every page with the widget downloads (brotli), against 90 KB.
fn payload_table(payload: &[Size]) -> String {
    // The stylesheet is in the module (adopted); its file is only a fallback for old browsers.
    let initial: Vec<&Size> = payload
        .iter()
        .filter(|s| !s.name.contains("engine") && !s.name.ends_with(".css"))
        .collect();
    let total: usize = initial.iter().map(|s| s.brotli).sum();
    let mut t = String::from("| file | raw | brotli -q 11 |\n|---|---:|---:|\n");
    for s in payload {
        t.push_str(&format!(
            "| `{}`{} | {:.1} KB | {:.1} KB |\n",
            s.name,
            if s.name.contains("engine") {
                " (first switch only)"
            } else if s.name.ends_with(".css") {
                " (only where adoptedStyleSheets is missing)"
            } else {
                ""
            },
            s.raw as f64 / KB,
            s.brotli as f64 / KB
        ));
    }
    t.push_str(&format!(
        "| **initial payload** (loader + glue + wasm) | | **{:.1} KB** (goal ≤ 90 KB: {}) |\n",
        total as f64 / KB,
        verdict(total as f64 <= 90.0 * KB)
    ));
    t
}

fn article<'a>(r: &'a [ArticleRecord], page: &str, throttle: u32) -> Option<&'a ArticleRecord> {
    on(r, page, throttle, "local")
}

fn on<'a>(
    r: &'a [ArticleRecord],
    page: &str,
    throttle: u32,
    network: &str,
) -> Option<&'a ArticleRecord> {
    r.iter()
        .find(|x| x.page == page && x.throttle == throttle && x.network == network)
}

fn condition(r: &ArticleRecord) -> String {
    match r.network.as_str() {
        "4g" => format!("{}×, 9 Mbit/s 60 ms RTT", r.throttle),
        _ => format!("{}×", r.throttle),
    }
}

/// Goal 2 of issue #20: time to article in the reader's script against the published script,
/// in the same run and condition; and whether the published script ever showed first.
fn reader_table(records: &[ArticleRecord]) -> String {
    let mut t = String::from(
        "| article | condition | published script | reader's script (`script=\"hans\"`) | × published | goal ≤ 1.25× | runs with a flash of the published script |\n|---|---|---:|---:|---:|---|---:|\n",
    );
    for r in records
        .iter()
        .filter(|r| r.page == "prepared-hans" || r.page == "hans")
    {
        let (label, base) = if r.page == "hans" {
            ("seed, not prepared (needs `t2s`' dictionaries)", "widget")
        } else {
            ("seed, prepared (slices)", "prepared")
        };
        let Some(b) = on(records, base, r.throttle, &r.network) else {
            continue;
        };
        let ratio = r.article_ms / b.article_ms.max(1e-9);
        t.push_str(&format!(
            "| {label} | {} | {:.0} ms | {:.0} ms | {ratio:.2}× | {} | {} of {} |\n",
            condition(r),
            b.article_ms,
            r.article_ms,
            if r.page == "hans" {
                "(reported: ≤ the same plus the dictionaries' transfer)".to_owned()
            } else {
                verdict(ratio <= 1.25).to_owned()
            },
            r.flash_runs,
            r.runs,
        ));
    }
    t
}

/// Time to article: each page against the static floor, at 1× and 4× CPU.
fn article_table(records: &[ArticleRecord]) -> String {
    let mut t = String::from(
        "| page | CPU | runs | time to article (min–max) | × static floor | goal ≤ 1.5× |\n|---|---|---:|---:|---:|---|\n",
    );
    for r in records {
        let floor = on(records, "static", r.throttle, &r.network).map(|f| f.article_ms);
        let ratio = floor.map(|f| r.article_ms / f.max(1e-9));
        let goal = match (r.page.as_str(), ratio) {
            ("static", _) => "the floor".to_owned(),
            (_, Some(x)) => verdict(x <= 1.5).to_owned(),
            _ => "–".to_owned(),
        };
        t.push_str(&format!(
            "| {} | {} | {} | {:.0} ms ({:.0}–{:.0}) | {} | {goal} |\n",
            page_label(&r.page),
            condition(r),
            r.runs,
            r.article_ms,
            r.article_min_ms,
            r.article_max_ms,
            ratio.map_or("–".into(), |x| format!("{x:.2}×")),
        ));
    }
    t
}

fn page_label(page: &str) -> &str {
    match page {
        "static" => "static HTML (snippet without script)",
        "widget" => "`<article-widget>` + loader",
        "snippet" => "snippet + loader (live upgrade)",
        "prepared" => "`<article-widget>` on the prepared seed",
        "prepared-hans" => "`<article-widget script=\"hans\">` on the prepared seed",
        "hans" => "`<article-widget script=\"hans\">` on the seed",
        other => other,
    }
}

/// Layout shift and main-thread cost, from script start to the article painted.
fn main_thread_table(records: &[ArticleRecord]) -> String {
    let mut t = String::from(
        "| page | CPU | CLS (max of runs) | goal ≤ 0.01 | longest task | goal ≤ 50 ms at 1× | total blocking time (median) |\n|---|---|---:|---|---:|---|---:|\n",
    );
    for r in records.iter().filter(|r| r.page != "static") {
        t.push_str(&format!(
            "| {} | {} | {:.4} | {} | {:.0} ms | {} | {:.0} ms |\n",
            page_label(&r.page),
            condition(r),
            r.cls,
            verdict(r.cls <= 0.01),
            r.longest_task_ms,
            if r.throttle == 1 && r.network == "local" {
                verdict(r.longest_task_ms <= 50.0)
            } else {
                "(reported)"
            },
            r.tbt_ms,
        ));
    }
    t
}

fn goal_first_ms(r: &SwitchRecord) -> f64 {
    match (r.network.as_str(), r.target.as_str()) {
        ("4g", _) => 300.0,
        (_, "hans") => 100.0,
        _ => 250.0,
    }
}

/// Click to converted text painted, first and warm, per option.
fn switch_table(records: &[SwitchRecord]) -> String {
    let mut t = String::from(
        "| network | article | option | runs | first switch (max) | goal | warm switch (max) | goal ≤ 16 ms | longest task | goal ≤ 50 ms | fetched |\n\
         |---|---|---|---:|---:|---|---:|---|---:|---|---:|\n",
    );
    for r in records {
        let goal = goal_first_ms(r);
        t.push_str(&format!(
            "| {} | {} | `{}` | {} | {:.0} ms ({:.0}) | ≤ {goal:.0} ms: {} | {:.1} ms ({:.1}) | {} | {:.0} ms | {} | {:.1} KB |\n",
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
            r.bytes as f64 / KB,
        ));
    }
    t
}

/// Memory after the article and after each dictionary set.
fn memory_table(report: &Report) -> String {
    let mb = |b: Option<f64>| b.map_or("–".to_owned(), |b| format!("{:.2} MB", b / 1e6));
    let mut t = String::from(
        "| state | widget module linear memory | engine module linear memory | JS heap |\n|---|---:|---:|---:|\n",
    );
    if let Some(r) = article(&report.articles, "widget", 1) {
        t.push_str(&format!(
            "| one widget, article shown | {} | not loaded | {} |\n",
            mb(r.wasm_memory),
            mb(r.js_heap)
        ));
    }
    for r in report.switches.iter().filter(|r| r.network == "local") {
        let total = match (r.widget_memory, r.engine_memory) {
            (Some(a), Some(b)) => Some((a + b) as f64),
            _ => None,
        };
        // Traditional targets from a Simplified article are the ones that load `st` (unless
        // the article is prepared: its slices replace the dictionaries).
        let with_st = r.article.starts_with("zh-Hans") && !r.article.contains("prepared");
        let goal = match (with_st, total) {
            (true, Some(t)) => format!("; goal ≤ 4 MB with `st`: {}", verdict(t <= 4e6)),
            _ => String::new(),
        };
        t.push_str(&format!(
            "| {} switched to `{}` (its dictionaries loaded) | {} | {} (both: {}{goal}) | {} |\n",
            r.article,
            r.target,
            mb(r.widget_memory.map(|x| x as f64)),
            mb(r.engine_memory.map(|x| x as f64)),
            mb(total),
            mb(r.js_heap.map(|x| x as f64)),
        ));
    }
    t
}

/// A bar chart (plain SVG): time to article at 1× and 4× CPU per page, and the first and warm
/// switch per option on the local server.
fn chart(report: &Report) -> String {
    let mut bars: Vec<(String, f64, &str)> = Vec::new();
    for r in report.articles.iter().filter(|r| r.network == "local") {
        let color = if r.page == "static" {
            "#8c959f"
        } else {
            "#0b5cad"
        };
        bars.push((
            format!("article: {} ({}× CPU)", r.page, r.throttle),
            r.article_ms,
            color,
        ));
    }
    for r in report.switches.iter().filter(|r| r.network == "local") {
        let source = if r.article.starts_with("zh-Hans") {
            "hans"
        } else {
            "hant"
        };
        bars.push((
            format!("switch {source}→{}: first", r.target),
            r.first_ms,
            "#cf222e",
        ));
        bars.push((
            format!("switch {source}→{}: warm", r.target),
            r.warm_ms,
            "#1a7f37",
        ));
    }
    let max = bars.iter().map(|b| b.1).fold(1.0, f64::max);
    let (label_w, bar_w, row_h) = (260.0, 520.0, 22.0);
    let height = 40.0 + row_h * bars.len() as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">article-widget: time to article (grey: static floor) and script switch (red: first, green: warm), ms</text>\n",
        w = label_w + bar_w + 80.0
    );
    for (i, (label, v, color)) in bars.iter().enumerate() {
        let y = 30.0 + row_h * i as f64;
        let len = (v / max * bar_w).max(1.0);
        s.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{len:.1}\" height=\"{h}\" fill=\"{color}\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\">{v:.0}</text>\n",
            x = label_w - 6.0,
            ty = y + 14.0,
            bx = label_w,
            h = row_h - 6.0,
            vx = label_w + len + 4.0,
        ));
    }
    s.push_str("</svg>\n");
    s
}

fn render(report: &Report) -> String {
    format!(
        "{START}\n## The widget on a partner's page\n\n{about}\n\n\
         ### Payload\n\nKB = 1000 bytes here. The engine module is fetched only for a conversion: \
         a reader's first switch away from the published text, or at load when a stored \
         choice or `script` needs one.\n\n{payload}\n\
         ### Time to article\n\nNavigation start to the first animation frame with the \
         headline's text on screen (in the document, or in the widget's shadow root), fresh \
         browser context (cold cache) per run, pages interleaved, median (min–max). The floor \
         is the same article as static HTML: the `article-widget snippet` output without its \
         script, served by the same server. On a page with `script=\"hans\"` it is the first \
         frame with the Simplified headline.\n\n{articles}\n\
         ### The reader's script from the first frame\n\nThe same runs: time to article in \
         the reader's script against the published script on the same article, and the runs \
         in which a frame showed the published headline before the reader's (issue #20, \
         goals 1 and 2).\n\n{reader}\n\
         ### Layout shift and main thread\n\nCumulative layout shift over the whole load \
         (PerformanceObserver `layout-shift`), and the long tasks (`longtask`) from navigation \
         to the article painted.\n\n{main}\n\
         ### Script switching\n\nClick on an option to the converted text painted (a task queued \
         from the first animation frame after the widget's `article-widget:script` event, so \
         it runs after that frame's paint), fresh context per \
         run, median (max). _First_: the page's first switch (imports the engine module, \
         fetches `dict/manifest.json` and the needed dictionaries); _warm_: the same option \
         again after 原文. _Fetched_: bytes transferred by the first switch (brotli, as the \
         test server sends them when asked, like a CDN).\n\n{switches}\n\
         ### Memory\n\nWebAssembly linear memory of each module and the JS heap \
         (`performance.memory`), after the article and after a switch.\n\n{memory}\n\
         ![time to article and switch latency](bench-widget.svg)\n{END}",
        about = report.about,
        payload = payload_table(&report.payload),
        articles = article_table(&report.articles),
        reader = reader_table(&report.articles),
        main = main_thread_table(&report.articles),
        switches = switch_table(&report.switches),
        memory = memory_table(report),
    )
}

fn about() -> String {
    let out = |c: Cmd| c.output().unwrap_or_default();
    let date = out(Cmd::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]));
    let commit = out(Cmd::new("git").args(["rev-parse", "--short", "HEAD"]));
    let dirty = !out(Cmd::new("git").args(["status", "--porcelain", "--", "src", "www", "crates"]))
        .is_empty();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default();
    let cpu = crate::util::cpu_model().unwrap_or_default();
    let chromium = out(Cmd::new(setup::CHROMIUM).arg("--version"));
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!(
        "Run {} on commit {}{}; {cpu}, {cores} cores, load average {load} at the start; {}; \
         pages and assets from the loopback test server, brotli or gzip as the browser asks \
         (each file compressed once, as a CDN's precompressed files).",
        date.trim(),
        commit.trim(),
        if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        },
        chromium.trim()
    )
}

fn records<T: serde::de::DeserializeOwned>(output: &str) -> Result<Vec<T>, String> {
    output
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{e}: {l}")))
        .collect()
}

fn write_pages(base: &str) -> Result<(), String> {
    let root = root();
    let cli = |args: &[&str]| -> Result<String, String> {
        build::cli(true)
            .args(args)
            .output()
            .ok_or_else(|| format!("{CLI_BIN} {} failed", args.join(" ")))
    };
    let page = |body: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>article-widget bench</title></head><body style=\"margin:0\">\n{body}\n</body></html>\n"
        )
    };
    let write = |path: std::path::PathBuf, text: &str| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    // Time to article: the floor, the embed, the snippet.
    let loader = format!("{base}/www/article-widget.js");
    let json = format!("{base}/www/article.json");
    let snippet = cli(&[
        "snippet",
        "www/article.json",
        "--loader",
        &loader,
        "--json-url",
        &json,
    ])?;
    let static_html: String = snippet
        .lines()
        .filter(|l| !l.trim_start().starts_with("<script async"))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = root.join("target/bench/widget");
    write(dir.join("static.html"), &page(&static_html))?;
    write(dir.join("snippet.html"), &page(&snippet))?;
    // The reader's script: the seed prepared and not, with `script="hans"`; the page names the
    // Simplified headline, the one the probe waits for.
    let hans: serde_json::Value = serde_json::from_str(&cli(&[
        "convert-article",
        "www/article.json",
        "--script",
        "hans",
    ])?)
    .map_err(|e| e.to_string())?;
    let marked = format!(
        "<div hidden data-bench-headline=\"{}\"></div>\n",
        hans["headline"]
            .as_str()
            .unwrap_or_default()
            .replace('&', "&amp;")
            .replace('"', "&quot;")
    );
    for (name, src, attrs) in [
        ("prepared.html", "article.prepared.json", ""),
        (
            "prepared-hans.html",
            "article.prepared.json",
            " script=\"hans\"",
        ),
        ("hans.html", "article.json", " script=\"hans\""),
    ] {
        let mark = if attrs.is_empty() {
            ""
        } else {
            marked.as_str()
        };
        write(
            dir.join(name),
            &page(&format!(
                "{mark}<article-widget src=\"/www/{src}\"{attrs}></article-widget>\n<script async src=\"/www/article-widget.js\"></script>"
            )),
        )?;
    }
    write(
        dir.join("widget.html"),
        &page("<article-widget src=\"/www/article.json\"></article-widget>\n<script async src=\"/www/article-widget.js\"></script>"),
    )?;
    // Switching: the seed, and the seed in 简体 (its Traditional switches need `st`); each
    // also prepared (`article-widget prepare`: its first switch uses the article's slices).
    let dir = root.join("target/bench/switch");
    write(
        dir.join("hans.json"),
        &cli(&["convert-article", "www/article.json", "--script", "hans"])?,
    )?;
    let hans = dir.join("hans.json");
    write(
        dir.join("hans.prepared.json"),
        &cli(&["prepare", &hans.to_string_lossy()])?,
    )?;
    for (name, src) in [
        ("hant.html", "/www/article.json"),
        ("hans.html", "hans.json"),
        ("hant-prepared.html", "/www/article.prepared.json"),
        ("hans-prepared.html", "hans.prepared.json"),
    ] {
        write(
            dir.join(name),
            &page(&format!(
                "<article-widget src=\"{src}\"></article-widget>\n<script async src=\"/www/article-widget.js\"></script>"
            )),
        )?;
    }
    Ok(())
}

fn node(script: &str, base: &str, runs: usize) -> Result<String, String> {
    println!("$ node {script}");
    Cmd::new("node")
        .arg(script)
        .env("AW_BASE", base)
        .env("AW_RUNS", &runs.to_string())
        .env("AW_CHROMIUM", setup::CHROMIUM)
        .output()
        .ok_or_else(|| format!("{script} failed"))
}

/// Builds the release assets, writes the pages, measures and updates the document.
pub fn run(runs: usize) -> Result<(), String> {
    setup::all()?;
    build::build(false)?;
    let payload = sizes::report(false)?;
    let about = about();
    // Compressed as a CDN sends it (brotli here, Chromium asks for it).
    serve::compress();
    let server = serve::Server::start(root(), 0, false)?;
    let base = server.base_url();
    if let Err(e) = write_pages(&base) {
        server.stop();
        return Err(e);
    }
    let measured = node("tests/bench/widget.mjs", &base, runs)
        .and_then(|a| node("tests/bench/switch.mjs", &base, runs).map(|s| (a, s)));
    server.stop();
    let (articles, switches) = measured?;
    let report = Report {
        about,
        payload,
        articles: records(&articles)?,
        switches: records(&switches)?,
    };
    if report.articles.is_empty() || report.switches.is_empty() {
        return Err("the widget benchmark printed no records".into());
    }
    let section = render(&report);
    let root = root();
    let path = root.join("docs/BENCHMARKS.md");
    let doc = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let updated = match (doc.find(START), doc.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{section}{}", &doc[..a], &doc[b + END.len()..]),
        _ => format!("{}\n\n{section}\n", doc.trim_end()),
    };
    std::fs::write(&path, updated).map_err(|e| e.to_string())?;
    std::fs::write(root.join(CHART), chart(&report)).map_err(|e| e.to_string())?;
    println!("{section}\nwrote docs/BENCHMARKS.md and {CHART}");
    Ok(())
}
