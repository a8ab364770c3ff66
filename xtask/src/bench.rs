//! `cargo xtask bench [--iters N]`: the side-by-side benchmarks of issue 3, written into
//! `docs/BENCHMARKS.md` between the bench markers. Not a test: nothing here fails on a slow
//! number, and `cargo xtask test` never runs it.
//!
//! `cargo xtask bench --only daachorse [--iters N]` runs only the comparison of the dictionary
//! structure with the daachorse automaton (`bench-native daachorse`, about a minute) and
//! replaces only its subsection of the generated part.
//!
//! Everything generated lives under `target/bench/`:
//! `dict/` (compiled dictionaries), `corpus/` (~10 MB Traditional text and its Simplified
//! counterpart), `out/` (every converter's output), `pkg/` and `pkg-base/` (the wasm harness
//! with and without the engine), the benchmark page and opencc-js, and `results.tsv`.
//!
//! Steps: OpenCC 1.4.2 (PyPI, C++ core) converts the corpus and is timed; the native binary
//! times this engine and zhconv, then compares the `st` dictionary with a daachorse automaton;
//! headless Chromium times the engine in wasm and opencc-js in
//! one page; every output is compared with OpenCC's; sizes are measured last.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::server::Server;
use crate::setup;
use crate::sizes::{brotli, gzip};
use crate::util::{cargo, root, run, target_dir, tool_path, Cmd};

const CONFIGS: [&str; 3] = ["t2s", "s2t", "s2twp"];
/// Throughput cases: each config on the key-dense mixed corpus (`t2s`) and on news text
/// (`t2s.news`), with the label shown in the tables.
const CASES: [(&str, &str); 6] = [
    ("t2s", "t2s, mixed"),
    ("s2t", "s2t, mixed"),
    ("s2twp", "s2twp, mixed"),
    ("t2s.news", "t2s, news"),
    ("s2t.news", "s2t, news"),
    ("s2twp.news", "s2twp, news"),
];
const START: &str = "<!-- bench:start -->";
/// Heading of the generated subsection written by `bench-native daachorse`.
const AUTOMATON_HEADING: &str = "### Why not an automaton crate: the `st` dictionary vs daachorse";
/// The generated subsection that follows it.
const AFTER_AUTOMATON: &str = "### Output vs OpenCC 1.4.2";
const END: &str = "<!-- bench:end -->";
/// Native code is measured at opt-level 3 (the workspace's release profile optimizes for size,
/// which is right for the widget's wasm but would handicap zhconv natively).
const NATIVE_PROFILE: &str = "bench-o3";

/// Tab-separated records `section, converter, config, metric, value` from every step.
#[derive(Default)]
struct Records(Vec<[String; 5]>);

impl Records {
    fn parse(&mut self, text: &str) {
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if let [a, b, c, d, e] = f[..] {
                self.0.push([a, b, c, d, e].map(str::to_owned));
            }
        }
    }

    fn push(&mut self, f: [&str; 5]) {
        self.0.push(f.map(str::to_owned));
    }

    fn get(&self, section: &str, who: &str, config: &str, metric: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|r| r[0] == section && r[1] == who && r[2] == config && r[3] == metric)
            .map(|r| r[4].as_str())
    }

    fn num(&self, section: &str, who: &str, config: &str, metric: &str) -> Option<f64> {
        self.get(section, who, config, metric)
            .and_then(|v| v.parse().ok())
    }

    fn show(&self, section: &str, who: &str, config: &str, metric: &str) -> String {
        self.get(section, who, config, metric)
            .unwrap_or("–")
            .to_owned()
    }
}

/// Runs a command from the repository root and returns its stdout (stderr is shown).
fn capture(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    let shown = format!("{program} {}", args.join(" "));
    println!("$ {shown}");
    let mut c = Command::new(program);
    c.args(args)
        .current_dir(root())
        .env("PATH", tool_path())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c
        .output()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{text}");
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("`{shown}` failed ({})", out.status))
    }
}

// The benchmark's own files always go to `target/bench/` under the repository, which the
// server exposes, whatever `CARGO_TARGET_DIR` says.

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} -> {}: {e}", from.display(), to.display()))
}

pub fn run_all(args: &[String]) -> Result<(), String> {
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let iters: usize = opt("--iters").and_then(|v| v.parse().ok()).unwrap_or(7);
    match opt("--only").map(String::as_str) {
        None => {}
        Some("daachorse") => return only_automaton(iters),
        Some("widget") => return crate::widgetbench::run(iters),
        Some(other) => {
            return Err(format!(
                "--only: unknown part {other} (known: daachorse, widget)"
            ))
        }
    }
    let root = root();
    let dir = root.join("target/bench");
    let out = dir.join("out");
    let dict = dir.join("dict");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let mut rec = Records::default();
    machine(&mut rec, iters);

    // Tools: the oracle from PyPI (installed here if missing), the npm tools and Chromium.
    setup::all()?;
    if Cmd::new("python3")
        .args(["-c", "import opencc"])
        .output()
        .is_none()
    {
        let pip = ["-m", "pip", "install", "opencc==1.4.2"];
        if run(Cmd::new("python3").args(pip)).is_err() {
            run(Cmd::new("python3").args(pip).arg("--break-system-packages"))?;
        }
    }

    let native = native_binary(&dict)?;
    let (dict_s, out_s, corpus_s) = (
        path_str(&dict),
        path_str(&out),
        path_str(&dir.join("corpus")),
    );

    println!("\n==> corpus");
    rec.parse(&capture(
        &native,
        &["corpus", "--dict", &dict_s, "--out", &corpus_s],
        &[],
    )?);

    println!("\n==> OpenCC 1.4.2 (PyPI, C++ core): reference outputs and timings");
    rec.parse(&capture(
        "python3",
        &[
            "tests/bench/opencc_oracle.py",
            &corpus_s,
            &out_s,
            &iters.to_string(),
        ],
        &[],
    )?);

    println!("\n==> native: this engine and zhconv");
    rec.parse(&capture(
        &native,
        &[
            "run",
            "--dict",
            &dict_s,
            "--corpus",
            &corpus_s,
            "--out",
            &out_s,
            "--iters",
            &iters.to_string(),
        ],
        &[],
    )?);

    automaton(&mut rec, &native, &dict_s, &corpus_s, iters)?;

    println!("\n==> wasm harness (with the engine, and the baseline without it)");
    build_harness(&dir, true)?;
    build_harness(&dir, false)?;

    println!("\n==> headless Chromium: this engine (wasm) and opencc-js in one page");
    copy(&root.join("tests/bench/page.html"), &dir.join("page.html"))?;
    copy(&root.join("tests/bench/page.mjs"), &dir.join("page.mjs"))?;
    copy(
        &root.join("node_modules/opencc-js/dist/esm/full.js"),
        &dir.join("opencc-js.mjs"),
    )?;
    let server = Server::start(root.clone(), 0, false)?;
    let browser = capture(
        "node",
        &["tests/bench/browser.mjs"],
        &[
            ("BENCH_BASE", &server.base_url()),
            ("BENCH_OUT", &out_s),
            ("BENCH_ITERS", &iters.min(5).to_string()),
            ("BENCH_CHROMIUM", setup::CHROMIUM),
        ],
    );
    server.stop();
    rec.parse(&browser?);

    println!("\n==> differences from OpenCC");
    rec.parse(&capture(&native, &["diff", "--out", &out_s], &[])?);

    rec.push(["meta", "-", "load_end", "value", &loadavg()]);
    let sizes = Sizes::measure(&root, &dir)?;
    let section = render(&rec, &sizes);
    let tsv: String = rec.0.iter().map(|r| r.join("\t") + "\n").collect();
    std::fs::write(dir.join("results.tsv"), tsv).map_err(|e| e.to_string())?;
    write_doc(&root.join("docs/BENCHMARKS.md"), &section)?;
    println!("\n{section}\nwrote docs/BENCHMARKS.md and target/bench/results.tsv");
    Ok(())
}

/// Compiles the dictionaries into `dict` and builds `bench-native`; returns the binary's path.
/// Runs `bench-native daachorse` (the `st` dictionary vs a daachorse automaton) into `rec`.
fn automaton(
    rec: &mut Records,
    native: &str,
    dict: &str,
    corpus: &str,
    iters: usize,
) -> Result<(), String> {
    println!("\n==> native: the `st` dictionary vs a daachorse automaton");
    let iters = iters.to_string();
    let args = [
        "daachorse",
        "--dict",
        dict,
        "--corpus",
        corpus,
        "--iters",
        &iters,
    ];
    rec.parse(&capture(native, &args, &[])?);
    Ok(())
}

fn native_binary(dict: &Path) -> Result<String, String> {
    println!("\n==> dictionaries and native benchmark binary");
    run(
        cargo(&["run", "--release", "--quiet", "--bin", "article-widget"])
            .args(["--", "dict", "build", "--out"])
            .arg(path_str(dict)),
    )?;
    run(cargo(&[
        "build",
        "--quiet",
        "-p",
        "bench",
        "--profile",
        NATIVE_PROFILE,
    ])
    .args([
        "--config",
        &format!("profile.{NATIVE_PROFILE}.inherits=\"release\""),
    ])
    .args(["--config", &format!("profile.{NATIVE_PROFILE}.opt-level=3")]))?;
    Ok(path_str(
        &target_dir().join(format!("{NATIVE_PROFILE}/bench-native")),
    ))
}

/// `--only daachorse`: the automaton comparison alone (the corpus is made if it is missing),
/// written over its subsection of the generated part; the rest of the document is kept.
fn only_automaton(iters: usize) -> Result<(), String> {
    let dir = root().join("target/bench");
    let (dict, corpus) = (dir.join("dict"), dir.join("corpus"));
    let mut rec = Records::default();
    machine(&mut rec, iters);
    let native = native_binary(&dict)?;
    let (dict_s, corpus_s) = (path_str(&dict), path_str(&corpus));
    if !["simp.txt", "news-simp.txt"]
        .iter()
        .all(|f| corpus.join(f).exists())
    {
        println!("\n==> corpus");
        capture(
            &native,
            &["corpus", "--dict", &dict_s, "--out", &corpus_s],
            &[],
        )?;
    }
    automaton(&mut rec, &native, &dict_s, &corpus_s, iters)?;
    let meta = |k: &str| rec.show("meta", "-", k, "value");
    let note = format!(
        "_Measured on its own by `cargo xtask bench --only daachorse` on {}, engine at {}, \
         load average {} at the start; the rest of this section comes from the last full run._",
        meta("date"),
        meta("engine"),
        meta("load_start"),
    );
    let part = render_automaton(&rec, &note);
    let path = root().join("docs/BENCHMARKS.md");
    let doc = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, replace_automaton(&doc, &part)?).map_err(|e| e.to_string())?;
    println!("\n{part}\nwrote its subsection of docs/BENCHMARKS.md");
    Ok(())
}

/// The subsection written by `bench-native daachorse`, from its heading to its last line
/// (newline-terminated); `note` is added after the heading.
fn render_automaton(rec: &Records, note: &str) -> String {
    let get = |who: &str, metric: &str| rec.show("automaton", who, "st", metric);
    let mut s = format!("{AUTOMATON_HEADING}\n");
    if !note.is_empty() {
        s.push_str(&format!("\n{note}\n"));
    }
    s.push_str(&format!(
        "\nThe `st` table ({} keys, the group s2t, s2tw and s2twp share; flattened and filtered as the dictionary compiler does) stored two ways: this engine's `st.scd` (front-coded sorted keys and values, turned into a trie on load) and a daachorse 1.x charwise double-array Aho–Corasick automaton in leftmost-longest mode (the kind zhconv uses), serialized with its values. _build_: from the flattened entries (`dict::encode`; daachorse's builder), median of 5. _load_: from bytes in memory, median of 20; the engine's `Dictionary::from_bytes` checks the CRC and every bound, daachorse's only loader is `unsafe` `deserialize_unchecked`, which trusts its input. Throughput per CPU-second, as above: the engine's `s2t` converter (`norm` + `st`, OpenCC's segmentation) against one leftmost-longest replace pass over the automaton.\n\n",
        get("-", "keys")
    ));
    s.push_str("| `st` stored as | serialized | brotli | build ms | load ms | s2t, mixed | s2t, news | output = engine's (mixed, news) |\n");
    s.push_str("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (who, label) in [
        ("engine", "this engine, `st.scd`"),
        ("daachorse", "daachorse automaton + values"),
    ] {
        let size = |metric: &str| {
            rec.num("automaton", who, "st", metric)
                .map_or("–".to_owned(), |b| kb(b as usize))
        };
        let same = if who == "engine" {
            "–".to_owned()
        } else {
            format!(
                "{}, {}",
                rec.show("automaton", who, "s2t", "same_output"),
                rec.show("automaton", who, "s2t.news", "same_output")
            )
        };
        s.push_str(&format!(
            "| {label} | {} | {} | {} | {} | {} | {} | {same} |\n",
            size("bytes"),
            size("brotli"),
            get(who, "build_ms"),
            get(who, "load_ms"),
            with_range(rec, "automaton", who, "s2t", "mbps"),
            with_range(rec, "automaton", who, "s2t.news", "mbps"),
        ));
    }
    let examples: Vec<String> = [("s2t", "mixed"), ("s2t.news", "news")]
        .iter()
        .filter_map(|(c, label)| {
            rec.get("automaton", "daachorse", c, "example")
                .map(|x| format!("- s2t, {label}, first difference: {x}\n"))
        })
        .collect();
    if !examples.is_empty() {
        s.push('\n');
        s.extend(examples);
    }
    s
}

/// Replaces the automaton subsection of the generated part with `part`, or inserts it before
/// the output comparison (or at the end of the generated part) when it is not there yet.
fn replace_automaton(doc: &str, part: &str) -> Result<String, String> {
    let start = doc
        .find(START)
        .ok_or("docs/BENCHMARKS.md has no bench:start marker")?;
    let end = start
        + doc[start..]
            .find(END)
            .ok_or("docs/BENCHMARKS.md has no bench:end marker")?;
    let section = &doc[start..end];
    let (from, to, text) = if let Some(h) = section.find(AUTOMATON_HEADING) {
        let next = section[h + 1..]
            .find("\n### ")
            .map_or(section.len(), |i| h + 1 + i);
        (start + h, start + next, part.to_owned())
    } else if let Some(n) = section.find(AFTER_AUTOMATON) {
        (start + n, start + n, format!("{part}\n"))
    } else {
        (end, end, format!("\n{part}"))
    };
    Ok(format!("{}{text}{}", &doc[..from], &doc[to..]))
}

/// Builds `crates/bench-wasm` for the browser like `cargo xtask build` builds the widget
/// (release, wasm-bindgen, wasm-opt -Oz) into `pkg/` (with the engine) or `pkg-base/`.
fn build_harness(dir: &Path, engine: bool) -> Result<(), String> {
    let pkg = dir.join(if engine { "pkg" } else { "pkg-base" });
    let extra: &[&str] = if engine {
        &["--quiet"]
    } else {
        &["--quiet", "--no-default-features"]
    };
    crate::wasm_package("bench-wasm", extra, true, &pkg)
}

fn machine(rec: &mut Records, iters: usize) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "?".to_owned());
    let rustc = Cmd::new("rustc")
        .arg("--version")
        .output()
        .unwrap_or_default();
    let date = Cmd::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .unwrap_or_default();
    let python = Cmd::new("python3")
        .args([
            "-c",
            "import opencc,sys; print(opencc.__version__, sys.version.split()[0])",
        ])
        .output()
        .unwrap_or_default();
    let commit = Cmd::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .unwrap_or_default();
    let dirty = Cmd::new("git")
        .args(["status", "--porcelain", "--", "crates/script-convert/src"])
        .output()
        .is_some_and(|s| !s.is_empty());
    let engine = if dirty {
        format!("{commit} with uncommitted changes in crates/script-convert/src")
    } else {
        commit
    };
    for (k, v) in [
        ("engine", engine),
        ("load_start", loadavg()),
        ("cpu", cpu),
        ("nproc", cores),
        ("rustc", rustc),
        ("date", date),
        ("python_opencc", python),
        ("iters", iters.to_string()),
    ] {
        rec.push(["meta", "-", k, "value", &v]);
    }
}

/// The 1-minute load average (other work on this machine skews timings).
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

struct FileSize {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl FileSize {
    fn of(path: &Path, name: &str) -> Result<FileSize, String> {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(FileSize {
            name: name.to_owned(),
            raw: data.len(),
            gzip: gzip(&data),
            brotli: brotli(&data),
        })
    }
}

struct Sizes {
    dicts: Vec<FileSize>,
    /// Config name and the files a page fetches for it (from the manifest).
    configs: Vec<(String, Vec<String>)>,
    harness: FileSize,
    baseline: FileSize,
    glue: FileSize,
    opencc_js: Vec<FileSize>,
}

impl Sizes {
    fn measure(root: &Path, dir: &Path) -> Result<Sizes, String> {
        let dict = dir.join("dict");
        let manifest = std::fs::read_to_string(dict.join("manifest.json"))
            .map_err(|e| format!("manifest.json: {e}"))?;
        let configs = manifest_configs(&manifest);
        let mut names: Vec<String> = std::fs::read_dir(&dict)
            .map_err(|e| e.to_string())?
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".scd"))
            .collect();
        names.sort();
        let dicts = names
            .iter()
            .map(|n| FileSize::of(&dict.join(n), n))
            .collect::<Result<_, _>>()?;
        let js: PathBuf = root.join("node_modules/opencc-js/dist/esm");
        Ok(Sizes {
            dicts,
            configs,
            harness: FileSize::of(&dir.join("pkg/bench_wasm_bg.wasm"), "with the engine")?,
            baseline: FileSize::of(&dir.join("pkg-base/bench_wasm_bg.wasm"), "baseline")?,
            glue: FileSize::of(&dir.join("pkg/bench_wasm.js"), "bench_wasm.js")?,
            opencc_js: ["full.js", "t2cn.js", "cn2t.js"]
                .iter()
                .map(|n| FileSize::of(&js.join(n), n))
                .collect::<Result<_, _>>()?,
        })
    }

    fn config_total(&self, config: &str) -> Option<(usize, usize, usize)> {
        let (_, files) = self.configs.iter().find(|(c, _)| c == config)?;
        let mut t = (0, 0, 0);
        for f in files {
            let s = self.dicts.iter().find(|d| &d.name == f)?;
            t = (t.0 + s.raw, t.1 + s.gzip, t.2 + s.brotli);
        }
        Some(t)
    }
}

/// `"configs": { "s2t": [ {… "file": "norm.scd" …}, … ], … }` from the manifest, read line by
/// line (the dictionary tool writes one entry per line).
fn manifest_configs(manifest: &str) -> Vec<(String, Vec<String>)> {
    let Some((_, body)) = manifest.split_once("\"configs\"") else {
        return Vec::new();
    };
    // Only the default (tofu-risk dictionaries included) table.
    let body = body
        .split("\"configs_without_tofu_risk\"")
        .next()
        .unwrap_or(body);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in body.lines() {
        let l = line.trim();
        if l.ends_with('[') {
            if let Some(name) = l.split('"').nth(1) {
                out.push((name.to_owned(), Vec::new()));
            }
        } else if let Some((_, rest)) = l.split_once("\"file\":") {
            if let (Some(file), Some(last)) = (rest.split('"').nth(1), out.last_mut()) {
                last.1.push(file.to_owned());
            }
        }
    }
    out
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".to_owned(),
    }
}

fn with_range(rec: &Records, section: &str, who: &str, config: &str, metric: &str) -> String {
    let range = rec
        .get(section, who, config, &format!("{metric}_range"))
        .or_else(|| {
            let alt = match metric {
                m if m.ends_with("_ms") => m.replace("_ms", "_range"),
                m => m.replace("_mbps", "_range"),
            };
            rec.get(section, who, config, &alt)
        });
    match range {
        Some(r) => format!("{} ({r})", rec.show(section, who, config, metric)),
        None => rec.show(section, who, config, metric),
    }
}

fn share(rec: &Records, who: &str, config: &str) -> String {
    match (
        rec.num("diff", who, config, "chars"),
        rec.num("diff", who, config, "total"),
    ) {
        (Some(d), Some(t)) if t > 0.0 => {
            format!("{:.3} % ({})", d / t * 100.0, d as u64)
        }
        _ => "–".to_owned(),
    }
}

/// Rows of a native throughput table for `metric` (`mbps` per CPU-second, or `wall_mbps`):
/// each converter with its range, then the engine's ratios to OpenCC and to zhconv.
fn native_rows(rec: &Records, metric: &str) -> Vec<String> {
    CASES
        .iter()
        .map(|(c, label)| {
            let e = rec.num("native", "engine", c, metric);
            format!(
                "| {label} | {} | {} | {} | {} | {} |",
                with_range(rec, "native", "engine", c, metric),
                with_range(rec, "native", "zhconv", c, metric),
                with_range(rec, "native", "opencc", c, metric),
                ratio(e, rec.num("native", "opencc", c, metric)),
                ratio(e, rec.num("native", "zhconv", c, metric)),
            )
        })
        .collect()
}

fn render(rec: &Records, sizes: &Sizes) -> String {
    let meta = |k: &str| rec.show("meta", "-", k, "value");
    let browser_meta = |k: &str| rec.show("browser", "meta", "-", k);
    let mut s = String::new();
    let mut line = |l: String| {
        s.push_str(&l);
        s.push('\n');
    };
    line(format!(
        "_Generated by `cargo xtask bench` on {}; medians of {} timed runs after one warm-up \
         (browser: {} runs after two warm-ups); ranges in parentheses are min–max over those runs._\n",
        meta("date"),
        meta("iters"),
        meta("iters").parse::<usize>().unwrap_or(5).min(5)
    ));
    line(format!(
        "Machine: {} × {} (`nproc` {}), {}, {}; headless Chromium {} driven by playwright-core \
         (node {}); OpenCC (PyPI) {} under Python {}.\n",
        meta("nproc"),
        meta("cpu"),
        meta("nproc"),
        meta("rustc"),
        "x86_64 Linux",
        browser_meta("chromium"),
        browser_meta("node"),
        meta("python_opencc")
            .split_whitespace()
            .next()
            .unwrap_or("–"),
        meta("python_opencc")
            .split_whitespace()
            .nth(1)
            .unwrap_or("–"),
    ));
    line(format!(
        "Engine: `crates/script-convert` at {}. Load average (1 min) {} at the start, {} at the \
         end of the run: other work shares this machine, so compare ratios within one run.\n",
        meta("engine"),
        meta("load_start"),
        meta("load_end")
    ));
    line(format!(
        "Corpora: _mixed_, `trad.txt` {} bytes, {} characters, {} lines (input of t2s), and its t2s \
         `simp.txt` {} bytes (input of s2t and s2twp); _news_, the seed article repeated, \
         `news-trad.txt` {} bytes and its t2s `news-simp.txt` {} bytes.\n",
        rec.show("corpus", "-", "trad.txt", "bytes"),
        rec.show("corpus", "-", "trad.txt", "chars"),
        rec.show("corpus", "-", "trad.txt", "lines"),
        rec.show("corpus", "-", "simp.txt", "bytes"),
        rec.show("corpus", "-", "news-trad.txt", "bytes"),
        rec.show("corpus", "-", "news-simp.txt", "bytes"),
    ));

    line("### Native throughput (MB/s of UTF-8 input, per CPU-second)\n".to_owned());
    line("Per CPU-second of the converting thread (Linux scheduler statistics; Python's `time.thread_time()`), which other work on the machine disturbs less than wall time; wall-clock figures follow.\n".to_owned());
    line("| config, corpus | this engine | zhconv 0.4.2 (OpenCC tables) | OpenCC 1.4.2 (PyPI, C++) | engine ÷ OpenCC | engine ÷ zhconv |".to_owned());
    line("|---|---:|---:|---:|---:|---:|".to_owned());
    for row in native_rows(rec, "mbps") {
        line(row);
    }
    line("\nBy wall clock, same runs:\n".to_owned());
    line(
        "| config, corpus | this engine | zhconv | OpenCC | engine ÷ OpenCC | engine ÷ zhconv |"
            .to_owned(),
    );
    line("|---|---:|---:|---:|---:|---:|".to_owned());
    for row in native_rows(rec, "wall_mbps") {
        line(row);
    }
    line(String::new());
    line("Native setup time (ms): this engine's `Converter::from_files` from bytes in memory (median of 20); zhconv's built-in converter on first use (one measurement; it is cached afterwards); OpenCC's `OpenCC(config)` on first use in the process.\n".to_owned());
    line("| config | this engine | zhconv | OpenCC |".to_owned());
    line("|---|---:|---:|---:|".to_owned());
    for c in CONFIGS {
        line(format!(
            "| {c} | {} | {} | {} |",
            rec.show("native", "engine", c, "load_ms"),
            rec.show("native", "zhconv", c, "load_ms"),
            rec.show("native", "opencc", c, "load_ms"),
        ));
    }

    line(format!("\n{}", render_automaton(rec, "").trim_end()));

    line(format!(
        "\n{AFTER_AUTOMATON} (share of characters that differ, count)\n"
    ));
    line("| converter | t2s, mixed | s2t, mixed | s2twp, mixed | t2s, news | s2t, news | s2twp, news |".to_owned());
    line("|---|---:|---:|---:|---:|---:|---:|".to_owned());
    for (who, label) in [
        ("engine", "this engine (native)"),
        ("wasm", "this engine (wasm, Chromium)"),
        ("zhconv", "zhconv 0.4.2 (OpenCC tables)"),
        ("opencc-js", "opencc-js 1.4.2 (Chromium)"),
    ] {
        let cells: Vec<String> = CASES.iter().map(|(c, _)| share(rec, who, c)).collect();
        line(format!("| {label} | {} |", cells.join(" | ")));
    }
    let mut examples = Vec::new();
    for who in ["engine", "wasm", "zhconv", "opencc-js"] {
        for (c, _) in CASES {
            if let Some(x) = rec.get("diff", who, c, "example") {
                examples.push(format!("- {who} {c}, first difference: {x}"));
            }
        }
    }
    if !examples.is_empty() {
        line(String::new());
        for x in examples {
            line(x);
        }
    }

    line("\n### WebAssembly in headless Chromium: throughput (MB/s of UTF-8 input, per CPU-second)\n".to_owned());
    line("_core_: `run()` converts text already in wasm memory; _end to end_: `convert(string)` from a JS string to a JS string (UTF-16 ↔ UTF-8 copies included), which is what a page pays. Per CPU-second of the page's main thread (DevTools performance metrics in thread ticks), each call timed on its own; wall-clock figures follow.\n".to_owned());
    for (suffix, heading) in [
        ("", None),
        ("_wall", Some("\nBy wall clock, same calls:\n")),
    ] {
        if let Some(h) = heading {
            line(h.to_owned());
        }
        line("| config, corpus | engine, core | engine, end to end | opencc-js | core ÷ opencc-js | end to end ÷ opencc-js |".to_owned());
        line("|---|---:|---:|---:|---:|---:|".to_owned());
        let (core_m, e2e_m, js_m) = (
            format!("core{suffix}_mbps"),
            format!("e2e{suffix}_mbps"),
            format!("{}mbps", if suffix.is_empty() { "" } else { "wall_" }),
        );
        for (c, label) in CASES {
            let js = rec.num("browser", "opencc-js", c, &js_m);
            line(format!(
                "| {label} | {} | {} | {} | {} | {} |",
                with_range(rec, "browser", "wasm", c, &core_m),
                with_range(rec, "browser", "wasm", c, &e2e_m),
                with_range(rec, "browser", "opencc-js", c, &js_m),
                ratio(rec.num("browser", "wasm", c, &core_m), js),
                ratio(rec.num("browser", "wasm", c, &e2e_m), js),
            ));
        }
    }

    line("\n### WebAssembly in headless Chromium: load and prepare (ms)\n".to_owned());
    line("Engine: copying the config's files into wasm memory and `Converter::from_files` (fetch excluded, shown apart). opencc-js: `OpenCC.Converter({from, to})`, which builds its tries from the dictionaries bundled in its JS. _first call_ is the first call in a fresh page (what a reader's page pays once; median of 5 fresh pages, range in parentheses); _repeated_ is the median of later calls in one page (warm code).\n".to_owned());
    line("| config | files fetched | fetch (127.0.0.1) | engine, first call | engine, repeated | opencc-js, first call | opencc-js, repeated |".to_owned());
    line("|---|---:|---:|---:|---:|---:|---:|".to_owned());
    for c in CONFIGS {
        let bytes = rec
            .num("browser", "page", c, "dict_bytes")
            .map_or("–".to_owned(), |b| kb(b as usize));
        line(format!(
            "| {c} | {bytes} | {} | {} | {} | {} | {} |",
            rec.show("browser", "page", c, "fetch_ms"),
            with_range(rec, "browser", "wasm", c, "load_first_ms"),
            rec.show("browser", "wasm", c, "load_ms"),
            with_range(rec, "browser", "opencc-js", c, "setup_first_ms"),
            rec.show("browser", "opencc-js", c, "setup_ms"),
        ));
    }
    let mut groups: Vec<(String, String)> = Vec::new();
    for r in &rec.0 {
        if r[0] == "browser" && r[1] == "wasm" && r[3] == "group_ms" {
            if let Some((_, g)) = r[2].split_once(':') {
                if !groups.iter().any(|(x, _)| x == g) {
                    groups.push((g.to_owned(), r[4].clone()));
                }
            }
        }
    }
    if !groups.is_empty() {
        line("\nPer dictionary group, `Dictionary::from_bytes` in wasm (copy into wasm memory included), median ms:\n".to_owned());
        line(format!(
            "| {} |",
            groups
                .iter()
                .map(|(g, _)| g.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        line(format!("|{}", "---:|".repeat(groups.len())));
        line(format!(
            "| {} |",
            groups
                .iter()
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }

    line("\n### Dictionary files (raw, gzip -9, brotli -q 11)\n".to_owned());
    line("| file | raw | gzip | brotli |".to_owned());
    line("|---|---:|---:|---:|".to_owned());
    for d in &sizes.dicts {
        line(format!(
            "| `{}` | {} | {} | {} |",
            d.name,
            kb(d.raw),
            kb(d.gzip),
            kb(d.brotli)
        ));
    }
    line(
        "\nWhat a page downloads per config (sum of its files, each compressed on its own):\n"
            .to_owned(),
    );
    line("| config | files | raw | gzip | brotli |".to_owned());
    line("|---|---|---:|---:|---:|".to_owned());
    for (c, files) in &sizes.configs {
        if let Some((r, g, b)) = sizes.config_total(c) {
            let bold = |x: String| {
                if CONFIGS.contains(&c.as_str()) {
                    format!("**{x}**")
                } else {
                    x
                }
            };
            line(format!(
                "| {} | {} | {} | {} | {} |",
                bold(c.clone()),
                files.join(" + "),
                kb(r),
                kb(g),
                bold(kb(b))
            ));
        }
    }
    line("\nFor comparison, opencc-js 1.4.2 ships code and dictionaries in one file per direction set:\n".to_owned());
    line("| opencc-js file | raw | gzip | brotli |".to_owned());
    line("|---|---:|---:|---:|".to_owned());
    for d in &sizes.opencc_js {
        line(format!(
            "| `dist/esm/{}` | {} | {} | {} |",
            d.name,
            kb(d.raw),
            kb(d.gzip),
            kb(d.brotli)
        ));
    }

    let engine_raw = sizes.harness.raw as i64 - sizes.baseline.raw as i64;
    let engine_br = sizes.harness.brotli as i64 - sizes.baseline.brotli as i64;
    line("\n### Engine code size inside WebAssembly\n".to_owned());
    line("Both builds: `crates/bench-wasm`, release profile, wasm-bindgen 0.2.130, `wasm-opt -Oz` (binaryen 132). The baseline keeps the same exported functions, JS glue, copies and error formatting, with the engine calls removed (`--no-default-features`).\n".to_owned());
    line("| `bench_wasm_bg.wasm` | raw | brotli |".to_owned());
    line("|---|---:|---:|".to_owned());
    for f in [&sizes.harness, &sizes.baseline] {
        line(format!("| {} | {} | {} |", f.name, kb(f.raw), kb(f.brotli)));
    }
    line(format!(
        "| **engine (difference)** | {} | **{}** |",
        kb(engine_raw.max(0) as usize),
        kb(engine_br.max(0) as usize)
    ));
    line(format!(
        "\n(The harness's JS glue `bench_wasm.js` is {} raw, {} brotli, in both builds.)",
        kb(sizes.glue.raw),
        kb(sizes.glue.brotli)
    ));

    // Goals, evaluated on this run.
    line("\n### Goals (issue 3), as measured in this run\n".to_owned());
    line("| goal | target | measured | reached |".to_owned());
    line("|---|---|---|---|".to_owned());
    let yes = |ok: bool| if ok { "yes" } else { "**no**" }.to_owned();
    let fmt3 = |v: Vec<f64>, unit: &str| {
        v.iter()
            .map(|x| format!("{x:.1}{unit}"))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let diffs: Vec<Option<f64>> = ["engine", "wasm"]
        .iter()
        .flat_map(|w| CASES.iter().map(move |(c, _)| (w, c)))
        .map(|(w, c)| rec.num("diff", w, c, "chars"))
        .collect();
    let zero = diffs.iter().all(|d| *d == Some(0.0));
    let total: f64 = diffs.iter().flatten().sum();
    line(format!(
        "| output = OpenCC 1.4.2 | 0 differing characters | {} differing characters in all {} outputs (t2s, s2t, s2twp × mixed, news × native, wasm); all 16 configs: `crates/script-convert/tests/golden.rs` | {} |",
        total,
        diffs.len(),
        yes(zero)
    ));
    // Judged end to end (what a page pays) on both corpora.
    let per_case = |f: &dyn Fn(&str) -> Option<f64>| -> (Vec<f64>, Vec<f64>) {
        let pick = |news: bool| {
            CASES
                .iter()
                .filter(|(c, _)| c.ends_with(".news") == news)
                .filter_map(|(c, _)| f(c))
                .collect::<Vec<f64>>()
        };
        (pick(false), pick(true))
    };
    let verdict = |(mixed, news): &(Vec<f64>, Vec<f64>), ok: &dyn Fn(f64) -> bool| {
        let all = |v: &Vec<f64>| v.len() == 3 && v.iter().all(|x| ok(*x));
        match (all(mixed), all(news)) {
            (true, true) => "yes".to_owned(),
            (false, true) => "**on news text only**".to_owned(),
            (true, false) => "**on the mixed corpus only**".to_owned(),
            _ => "**no**".to_owned(),
        }
    };
    let js_ratio = |c: &str, what: &str| {
        Some(rec.num("browser", "wasm", c, what)? / rec.num("browser", "opencc-js", c, "mbps")?)
    };
    let e2e_ratio = per_case(&|c| js_ratio(c, "e2e_mbps"));
    let core_ratio = per_case(&|c| js_ratio(c, "core_mbps"));
    line(format!(
        "| wasm vs opencc-js, same browser | ≥ 8× | end to end: mixed {}, news {} (core: mixed {}, news {}) | {} |",
        fmt3(e2e_ratio.0.clone(), "×"),
        fmt3(e2e_ratio.1.clone(), "×"),
        fmt3(core_ratio.0, "×"),
        fmt3(core_ratio.1, "×"),
        verdict(&e2e_ratio, &|x| x >= 8.0)
    ));
    let e2e = per_case(&|c| rec.num("browser", "wasm", c, "e2e_mbps"));
    let core = per_case(&|c| rec.num("browser", "wasm", c, "core_mbps"));
    line(format!(
        "| wasm throughput | ≥ ~110 MB/s (zhconv's level) | end to end: mixed {}, news {} MB/s per CPU-second (core: mixed {}, news {}) | {} |",
        fmt3(e2e.0.clone(), ""),
        fmt3(e2e.1.clone(), ""),
        fmt3(core.0, ""),
        fmt3(core.1, ""),
        verdict(&e2e, &|x| x >= 110.0)
    ));
    line(format!(
        "| engine code in wasm | ≤ 40 KB brotli | {} | {} |",
        kb(engine_br.max(0) as usize),
        yes(engine_br <= 40 * 1024)
    ));
    for (c, limit) in [("t2s", 20), ("s2t", 240)] {
        let total = sizes.config_total(c).map(|t| t.2);
        line(format!(
            "| {c} dictionaries | ≤ {limit} KB brotli | {} (all files the page fetches) | {} |",
            total.map_or("–".to_owned(), kb),
            yes(total.is_some_and(|t| t <= limit * 1024))
        ));
    }
    let first = rec.num("browser", "wasm", "s2t", "load_first_ms");
    let repeated = rec.num("browser", "wasm", "s2t", "load_ms");
    let reached = match (first, repeated) {
        (Some(f), _) if f < 10.0 => "yes".to_owned(),
        (_, Some(r)) if r < 10.0 => "**only with warm code**".to_owned(),
        _ => "**no**".to_owned(),
    };
    line(format!(
        "| s2t load + prepare in Chromium | < 10 ms | first call in a fresh page {} ms, repeated {} ms (fetch excluded) | {reached} |",
        rec.show("browser", "wasm", "s2t", "load_first_ms"),
        rec.show("browser", "wasm", "s2t", "load_ms"),
    ));
    s
}

fn write_doc(path: &Path, section: &str) -> Result<(), String> {
    let doc = std::fs::read_to_string(path).unwrap_or_else(|_| {
        format!("# Benchmarks\n\nRun `cargo xtask bench`.\n\n{START}\n{END}\n")
    });
    let (head, rest) = doc
        .split_once(START)
        .ok_or("docs/BENCHMARKS.md has no bench:start marker")?;
    let (_, tail) = rest
        .split_once(END)
        .ok_or("docs/BENCHMARKS.md has no bench:end marker")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, format!("{head}{START}\n{section}{END}{tail}")).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(name: &str, raw: usize, gzip: usize, brotli: usize) -> FileSize {
        FileSize {
            name: name.to_owned(),
            raw,
            gzip,
            brotli,
        }
    }

    /// Sizes as `Sizes::measure` reads them, including a config whose file is missing (its row
    /// is left out) and one outside `CONFIGS` (not bold).
    fn fixture_sizes() -> Sizes {
        let files = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Sizes {
            dicts: vec![
                size("norm.scd", 2048, 1500, 1200),
                size("st.scd", 612345, 260000, 201234),
                size("ts.scd", 40000, 19000, 15000),
                size("tw.scd", 9000, 5000, 4100),
            ],
            configs: vec![
                ("t2s".to_owned(), files(&["ts.scd"])),
                ("s2t".to_owned(), files(&["norm.scd", "st.scd"])),
                ("s2twp".to_owned(), files(&["norm.scd", "st.scd", "tw.scd"])),
                ("s2tw".to_owned(), files(&["norm.scd", "st.scd", "tw.scd"])),
                ("hk2s".to_owned(), files(&["hk.scd"])),
            ],
            harness: size("with the engine", 180000, 0, 61000),
            baseline: size("baseline", 60000, 0, 22000),
            glue: size("bench_wasm.js", 9000, 0, 2500),
            opencc_js: vec![
                size("full.js", 2900000, 1100000, 800000),
                size("t2cn.js", 1500000, 600000, 420000),
                size("cn2t.js", 1400000, 570000, 400000),
            ],
        }
    }

    /// The whole generated report from a fixed record set that has every record `render`
    /// reads (`testdata/bench-records.tsv`) is byte-for-byte `testdata/bench-report.md`. Set
    /// `XTASK_BLESS=1` to rewrite the golden file after an intended change of the report.
    #[test]
    fn report_matches_golden() {
        let mut rec = Records::default();
        rec.parse(include_str!("testdata/bench-records.tsv"));
        let out = render(&rec, &fixture_sizes());
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/testdata/bench-report.md");
        if std::env::var_os("XTASK_BLESS").is_some() {
            std::fs::write(&golden, &out).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap();
        assert!(
            out == want,
            "the report differs from {}:\n{out}",
            golden.display()
        );
    }

    #[test]
    fn automaton_subsection_is_inserted_then_replaced() {
        let doc = format!(
            "head\n{START}\nintro\n\n| a |\n\n{AFTER_AUTOMATON} (x)\n\nrest\n{END}\ntail\n"
        );
        let first = replace_automaton(&doc, &format!("{AUTOMATON_HEADING}\n\nold\n")).unwrap();
        assert_eq!(
            first,
            format!(
                "head\n{START}\nintro\n\n| a |\n\n{AUTOMATON_HEADING}\n\nold\n\n{AFTER_AUTOMATON} (x)\n\nrest\n{END}\ntail\n"
            )
        );
        let second = replace_automaton(&first, &format!("{AUTOMATON_HEADING}\n\nnew\n")).unwrap();
        assert_eq!(second, first.replace("old", "new"));
        // Without the following subsection it goes at the end of the generated part.
        let bare = format!("{START}\nintro\n{END}\n");
        assert_eq!(
            replace_automaton(&bare, &format!("{AUTOMATON_HEADING}\n\nx\n")).unwrap(),
            format!("{START}\nintro\n\n{AUTOMATON_HEADING}\n\nx\n{END}\n")
        );
    }
}
