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
//!
//! Every step prints tab-separated records (`Records`, kept as printed for `results.tsv`);
//! `Report::read` turns them into typed measurements once, and each part of the generated
//! section has its own renderer taking those (a golden test pins the whole output).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::serve::Server;
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

/// Tab-separated records `section, converter, config, metric, value` from every step, as the
/// tools printed them (a later record wins over an earlier one with the same key).
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

    fn field(&self, section: &str, who: &str, config: &str, metric: &str) -> Field {
        self.get(section, who, config, metric).map(str::to_owned)
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

pub fn run_all(iters: usize) -> Result<(), String> {
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
pub fn only_automaton(iters: usize) -> Result<(), String> {
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
    let meta = Meta::read(&rec);
    let note = format!(
        "_Measured on its own by `cargo xtask bench --only daachorse` on {}, engine at {}, \
         load average {} at the start; the rest of this section comes from the last full run._",
        shown(&meta.date),
        shown(&meta.engine),
        shown(&meta.load_start),
    );
    let part = render_automaton(&Automaton::read(&rec), &note);
    let path = root().join("docs/BENCHMARKS.md");
    let doc = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, replace_automaton(&doc, &part)?).map_err(|e| e.to_string())?;
    println!("\n{part}\nwrote its subsection of docs/BENCHMARKS.md");
    Ok(())
}

/// The subsection written by `bench-native daachorse`, from its heading to its last line
/// (newline-terminated); `note` is added after the heading.
fn render_automaton(a: &Automaton, note: &str) -> String {
    let mut s = format!("{AUTOMATON_HEADING}\n");
    if !note.is_empty() {
        s.push_str(&format!("\n{note}\n"));
    }
    s.push_str(&format!(
        "\nThe `st` table ({} keys, the group s2t, s2tw and s2twp share; flattened and filtered as the dictionary compiler does) stored two ways: this engine's `st.scd` (front-coded sorted keys and values, turned into a trie on load) and a daachorse 1.x charwise double-array Aho–Corasick automaton in leftmost-longest mode (the kind zhconv uses), serialized with its values. _build_: from the flattened entries (`dict::encode`; daachorse's builder), median of 5. _load_: from bytes in memory, median of 20; the engine's `Dictionary::from_bytes` checks the CRC and every bound, daachorse's only loader is `unsafe` `deserialize_unchecked`, which trusts its input. Throughput per CPU-second, as above: the engine's `s2t` converter (`norm` + `st`, OpenCC's segmentation) against one leftmost-longest replace pass over the automaton.\n\n",
        shown(&a.keys)
    ));
    s.push_str(&table(
        "| `st` stored as | serialized | brotli | build ms | load ms | s2t, mixed | s2t, news | output = engine's (mixed, news) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        a.stored.iter().map(|st| {
            let same = match &st.same_output {
                None => "–".to_owned(),
                Some([mixed, news]) => format!("{}, {}", shown(mixed), shown(news)),
            };
            format!(
                "| {} | {} | {} | {} | {} | {} | {} | {same} |",
                st.label,
                kb_or_dash(st.bytes),
                kb_or_dash(st.brotli),
                shown(&st.build_ms),
                shown(&st.load_ms),
                st.mixed.cell(),
                st.news.cell(),
            )
        }),
    ));
    if !a.examples.is_empty() {
        s.push('\n');
        for (label, x) in &a.examples {
            s.push_str(&format!("- s2t, {label}, first difference: {x}\n"));
        }
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
    crate::build::wasm_package("bench-wasm", extra, true, &pkg)
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

/// `kb` of a byte count a tool printed, or "–".
fn kb_or_dash(bytes: Option<f64>) -> String {
    bytes.map_or("–".to_owned(), |b| kb(b as usize))
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".to_owned(),
    }
}

/// A markdown table: header line, alignment line, then the rows (each newline-terminated).
fn table(header: &str, align: &str, rows: impl IntoIterator<Item = String>) -> String {
    let mut t = format!("{header}\n{align}\n");
    for r in rows {
        t.push_str(&r);
        t.push('\n');
    }
    t
}

// Typed records: what the report shows, read from the tools' TSV records once, here.

/// A value as a tool printed it (the report shows it verbatim); `None` when no tool did.
type Field = Option<String>;

fn shown(f: &Field) -> String {
    f.clone().unwrap_or_else(|| "–".to_owned())
}

fn num(f: &Field) -> Option<f64> {
    f.as_deref().and_then(|v| v.parse().ok())
}

/// A median over timed runs and its min–max range.
struct Measured {
    median: Field,
    range: Field,
}

impl Measured {
    /// `metric` and its range, printed as `{metric}_range` (or, for `x_ms` / `x_mbps`, as
    /// `x_range`).
    fn read(rec: &Records, section: &str, who: &str, config: &str, metric: &str) -> Measured {
        let range = rec
            .get(section, who, config, &format!("{metric}_range"))
            .or_else(|| {
                let alt = match metric {
                    m if m.ends_with("_ms") => m.replace("_ms", "_range"),
                    m => m.replace("_mbps", "_range"),
                };
                rec.get(section, who, config, &alt)
            });
        Measured {
            median: rec.field(section, who, config, metric),
            range: range.map(str::to_owned),
        }
    }

    fn num(&self) -> Option<f64> {
        num(&self.median)
    }

    /// The median, with its range in parentheses when there is one.
    fn cell(&self) -> String {
        match &self.range {
            Some(r) => format!("{} ({r})", shown(&self.median)),
            None => shown(&self.median),
        }
    }
}

/// Throughput in MB/s of UTF-8 input, per CPU-second and by wall clock.
struct Rate {
    cpu: Measured,
    wall: Measured,
}

impl Rate {
    /// `{prefix}mbps` and `{prefix}wall_mbps`.
    fn read(rec: &Records, section: &str, who: &str, config: &str, prefix: &str) -> Rate {
        Rate {
            cpu: Measured::read(rec, section, who, config, &format!("{prefix}mbps")),
            wall: Measured::read(rec, section, who, config, &format!("{prefix}wall_mbps")),
        }
    }

    fn get(&self, wall: bool) -> &Measured {
        if wall {
            &self.wall
        } else {
            &self.cpu
        }
    }
}

/// The machine and tools of the run (`machine`, the browser driver, the end of the run).
struct Meta {
    date: Field,
    iters: Field,
    nproc: Field,
    cpu: Field,
    rustc: Field,
    python_opencc: Field,
    engine: Field,
    load_start: Field,
    load_end: Field,
    chromium: Field,
    node: Field,
}

impl Meta {
    fn read(rec: &Records) -> Meta {
        let m = |k: &str| rec.field("meta", "-", k, "value");
        let b = |k: &str| rec.field("browser", "meta", "-", k);
        Meta {
            date: m("date"),
            iters: m("iters"),
            nproc: m("nproc"),
            cpu: m("cpu"),
            rustc: m("rustc"),
            python_opencc: m("python_opencc"),
            engine: m("engine"),
            load_start: m("load_start"),
            load_end: m("load_end"),
            chromium: b("chromium"),
            node: b("node"),
        }
    }
}

/// The corpus files `bench-native corpus` wrote.
struct Corpus {
    trad_bytes: Field,
    trad_chars: Field,
    trad_lines: Field,
    simp_bytes: Field,
    news_trad_bytes: Field,
    news_simp_bytes: Field,
}

impl Corpus {
    fn read(rec: &Records) -> Corpus {
        let c = |file: &str, metric: &str| rec.field("corpus", "-", file, metric);
        Corpus {
            trad_bytes: c("trad.txt", "bytes"),
            trad_chars: c("trad.txt", "chars"),
            trad_lines: c("trad.txt", "lines"),
            simp_bytes: c("simp.txt", "bytes"),
            news_trad_bytes: c("news-trad.txt", "bytes"),
            news_simp_bytes: c("news-simp.txt", "bytes"),
        }
    }
}

/// One throughput case of `CASES`, natively: this engine, zhconv, OpenCC.
struct NativeCase {
    label: &'static str,
    engine: Rate,
    zhconv: Rate,
    opencc: Rate,
}

/// Native setup of one config, ms.
struct NativeSetup {
    config: &'static str,
    engine: Field,
    zhconv: Field,
    opencc: Field,
}

/// The `st` dictionary stored one way (`bench-native daachorse`).
struct StoredSt {
    label: &'static str,
    bytes: Option<f64>,
    brotli: Option<f64>,
    build_ms: Field,
    load_ms: Field,
    mixed: Measured,
    news: Measured,
    /// Whether the output equals the engine's (mixed, news); `None` for the engine itself.
    same_output: Option<[Field; 2]>,
}

struct Automaton {
    keys: Field,
    stored: [StoredSt; 2],
    /// Corpus label and the first difference from the engine's output.
    examples: Vec<(&'static str, String)>,
}

impl Automaton {
    fn read(rec: &Records) -> Automaton {
        let stored = |who: &str, label: &'static str| {
            let st = |metric: &str| rec.field("automaton", who, "st", metric);
            StoredSt {
                label,
                bytes: num(&st("bytes")),
                brotli: num(&st("brotli")),
                build_ms: st("build_ms"),
                load_ms: st("load_ms"),
                mixed: Measured::read(rec, "automaton", who, "s2t", "mbps"),
                news: Measured::read(rec, "automaton", who, "s2t.news", "mbps"),
                same_output: (who != "engine").then(|| {
                    ["s2t", "s2t.news"].map(|c| rec.field("automaton", who, c, "same_output"))
                }),
            }
        };
        Automaton {
            keys: rec.field("automaton", "-", "st", "keys"),
            stored: [
                stored("engine", "this engine, `st.scd`"),
                stored("daachorse", "daachorse automaton + values"),
            ],
            examples: [("s2t", "mixed"), ("s2t.news", "news")]
                .into_iter()
                .filter_map(|(c, label)| {
                    let x = rec.get("automaton", "daachorse", c, "example")?;
                    Some((label, x.to_owned()))
                })
                .collect(),
        }
    }
}

/// One converter's output on one case, compared with OpenCC's.
struct Difference {
    config: &'static str,
    chars: Option<f64>,
    total: Option<f64>,
    example: Field,
}

impl Difference {
    /// Share of characters that differ, and their count.
    fn share(&self) -> String {
        match (self.chars, self.total) {
            (Some(d), Some(t)) if t > 0.0 => format!("{:.3} % ({})", d / t * 100.0, d as u64),
            _ => "–".to_owned(),
        }
    }
}

/// One converter's differences on every case of `CASES`.
struct Differences {
    who: &'static str,
    label: &'static str,
    cases: Vec<Difference>,
}

/// One throughput case of `CASES` in Chromium: the engine's `run()` (core) and
/// `convert(string)` (end to end), and opencc-js.
struct BrowserCase {
    config: &'static str,
    label: &'static str,
    core: Rate,
    e2e: Rate,
    js: Rate,
}

/// Loading and preparing one config in Chromium.
struct BrowserSetup {
    config: &'static str,
    dict_bytes: Option<f64>,
    fetch_ms: Field,
    engine_first: Measured,
    engine_repeated: Field,
    js_first: Measured,
    js_repeated: Field,
}

/// Everything the converter benchmark measured (sizes apart), typed.
struct Report {
    meta: Meta,
    corpus: Corpus,
    native: Vec<NativeCase>,
    native_setup: Vec<NativeSetup>,
    automaton: Automaton,
    differences: Vec<Differences>,
    browser: Vec<BrowserCase>,
    browser_setup: Vec<BrowserSetup>,
    /// Dictionary group and its median `Dictionary::from_bytes` ms in wasm, first seen first.
    groups: Vec<(String, String)>,
}

impl Report {
    fn read(rec: &Records) -> Report {
        let native = CASES
            .iter()
            .map(|&(c, label)| NativeCase {
                label,
                engine: Rate::read(rec, "native", "engine", c, ""),
                zhconv: Rate::read(rec, "native", "zhconv", c, ""),
                opencc: Rate::read(rec, "native", "opencc", c, ""),
            })
            .collect();
        let native_setup = CONFIGS
            .iter()
            .map(|&c| NativeSetup {
                config: c,
                engine: rec.field("native", "engine", c, "load_ms"),
                zhconv: rec.field("native", "zhconv", c, "load_ms"),
                opencc: rec.field("native", "opencc", c, "load_ms"),
            })
            .collect();
        let differences = [
            ("engine", "this engine (native)"),
            ("wasm", "this engine (wasm, Chromium)"),
            ("zhconv", "zhconv 0.4.2 (OpenCC tables)"),
            ("opencc-js", "opencc-js 1.4.2 (Chromium)"),
        ]
        .into_iter()
        .map(|(who, label)| Differences {
            who,
            label,
            cases: CASES
                .iter()
                .map(|&(c, _)| Difference {
                    config: c,
                    chars: num(&rec.field("diff", who, c, "chars")),
                    total: num(&rec.field("diff", who, c, "total")),
                    example: rec.field("diff", who, c, "example"),
                })
                .collect(),
        })
        .collect();
        let browser = CASES
            .iter()
            .map(|&(c, label)| BrowserCase {
                config: c,
                label,
                core: Rate::read(rec, "browser", "wasm", c, "core_"),
                e2e: Rate::read(rec, "browser", "wasm", c, "e2e_"),
                js: Rate::read(rec, "browser", "opencc-js", c, ""),
            })
            .collect();
        let browser_setup = CONFIGS
            .iter()
            .map(|&c| BrowserSetup {
                config: c,
                dict_bytes: num(&rec.field("browser", "page", c, "dict_bytes")),
                fetch_ms: rec.field("browser", "page", c, "fetch_ms"),
                engine_first: Measured::read(rec, "browser", "wasm", c, "load_first_ms"),
                engine_repeated: rec.field("browser", "wasm", c, "load_ms"),
                js_first: Measured::read(rec, "browser", "opencc-js", c, "setup_first_ms"),
                js_repeated: rec.field("browser", "opencc-js", c, "setup_ms"),
            })
            .collect();
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
        Report {
            meta: Meta::read(rec),
            corpus: Corpus::read(rec),
            native,
            native_setup,
            automaton: Automaton::read(rec),
            differences,
            browser,
            browser_setup,
            groups,
        }
    }
}

// One renderer per part of the generated section; each ends with a newline and no blank line.

fn intro(meta: &Meta, corpus: &Corpus) -> String {
    let python = shown(&meta.python_opencc);
    let mut python = python.split_whitespace();
    format!(
        "_Generated by `cargo xtask bench` on {}; medians of {} timed runs after one warm-up \
         (browser: {} runs after two warm-ups); ranges in parentheses are min–max over those runs._\n\n\
         Machine: {} × {} (`nproc` {}), {}, {}; headless Chromium {} driven by playwright-core \
         (node {}); OpenCC (PyPI) {} under Python {}.\n\n\
         Engine: `crates/script-convert` at {}. Load average (1 min) {} at the start, {} at the \
         end of the run: other work shares this machine, so compare ratios within one run.\n\n\
         Corpora: _mixed_, `trad.txt` {} bytes, {} characters, {} lines (input of t2s), and its t2s \
         `simp.txt` {} bytes (input of s2t and s2twp); _news_, the seed article repeated, \
         `news-trad.txt` {} bytes and its t2s `news-simp.txt` {} bytes.\n",
        shown(&meta.date),
        shown(&meta.iters),
        shown(&meta.iters).parse::<usize>().unwrap_or(5).min(5),
        shown(&meta.nproc),
        shown(&meta.cpu),
        shown(&meta.nproc),
        shown(&meta.rustc),
        "x86_64 Linux",
        shown(&meta.chromium),
        shown(&meta.node),
        python.next().unwrap_or("–"),
        python.next().unwrap_or("–"),
        shown(&meta.engine),
        shown(&meta.load_start),
        shown(&meta.load_end),
        shown(&corpus.trad_bytes),
        shown(&corpus.trad_chars),
        shown(&corpus.trad_lines),
        shown(&corpus.simp_bytes),
        shown(&corpus.news_trad_bytes),
        shown(&corpus.news_simp_bytes),
    )
}

/// Native throughput per CPU-second, then by wall clock: each converter with its range, then
/// the engine's ratios to OpenCC and to zhconv.
fn native_throughput(cases: &[NativeCase]) -> String {
    let rows = |wall: bool| {
        cases.iter().map(move |n| {
            let (e, z, o) = (n.engine.get(wall), n.zhconv.get(wall), n.opencc.get(wall));
            format!(
                "| {} | {} | {} | {} | {} | {} |",
                n.label,
                e.cell(),
                z.cell(),
                o.cell(),
                ratio(e.num(), o.num()),
                ratio(e.num(), z.num()),
            )
        })
    };
    let align = "|---|---:|---:|---:|---:|---:|";
    format!(
        "### Native throughput (MB/s of UTF-8 input, per CPU-second)\n\n\
         Per CPU-second of the converting thread (Linux scheduler statistics; Python's `time.thread_time()`), which other work on the machine disturbs less than wall time; wall-clock figures follow.\n\n{}\n\
         By wall clock, same runs:\n\n{}",
        table(
            "| config, corpus | this engine | zhconv 0.4.2 (OpenCC tables) | OpenCC 1.4.2 (PyPI, C++) | engine ÷ OpenCC | engine ÷ zhconv |",
            align,
            rows(false),
        ),
        table(
            "| config, corpus | this engine | zhconv | OpenCC | engine ÷ OpenCC | engine ÷ zhconv |",
            align,
            rows(true),
        ),
    )
}

fn native_setup(setup: &[NativeSetup]) -> String {
    format!(
        "Native setup time (ms): this engine's `Converter::from_files` from bytes in memory (median of 20); zhconv's built-in converter on first use (one measurement; it is cached afterwards); OpenCC's `OpenCC(config)` on first use in the process.\n\n{}",
        table(
            "| config | this engine | zhconv | OpenCC |",
            "|---|---:|---:|---:|",
            setup.iter().map(|n| {
                format!(
                    "| {} | {} | {} | {} |",
                    n.config,
                    shown(&n.engine),
                    shown(&n.zhconv),
                    shown(&n.opencc)
                )
            }),
        )
    )
}

/// Share of differing characters per converter and case, then each first difference.
fn output_vs_opencc(differences: &[Differences]) -> String {
    let mut s = format!(
        "{AFTER_AUTOMATON} (share of characters that differ, count)\n\n{}",
        table(
            "| converter | t2s, mixed | s2t, mixed | s2twp, mixed | t2s, news | s2t, news | s2twp, news |",
            "|---|---:|---:|---:|---:|---:|---:|",
            differences.iter().map(|d| {
                let cells: Vec<String> = d.cases.iter().map(Difference::share).collect();
                format!("| {} | {} |", d.label, cells.join(" | "))
            }),
        )
    );
    let examples: Vec<String> = differences
        .iter()
        .flat_map(|d| {
            d.cases.iter().filter_map(|x| {
                let example = x.example.as_ref()?;
                Some(format!(
                    "- {} {}, first difference: {example}\n",
                    d.who, x.config
                ))
            })
        })
        .collect();
    if !examples.is_empty() {
        s.push('\n');
        s.extend(examples);
    }
    s
}

/// Throughput in Chromium per CPU-second, then by wall clock.
fn browser_throughput(cases: &[BrowserCase]) -> String {
    let t = |wall: bool| {
        table(
            "| config, corpus | engine, core | engine, end to end | opencc-js | core ÷ opencc-js | end to end ÷ opencc-js |",
            "|---|---:|---:|---:|---:|---:|",
            cases.iter().map(|b| {
                let (core, e2e, js) = (b.core.get(wall), b.e2e.get(wall), b.js.get(wall));
                format!(
                    "| {} | {} | {} | {} | {} | {} |",
                    b.label,
                    core.cell(),
                    e2e.cell(),
                    js.cell(),
                    ratio(core.num(), js.num()),
                    ratio(e2e.num(), js.num()),
                )
            }),
        )
    };
    format!(
        "### WebAssembly in headless Chromium: throughput (MB/s of UTF-8 input, per CPU-second)\n\n\
         _core_: `run()` converts text already in wasm memory; _end to end_: `convert(string)` from a JS string to a JS string (UTF-16 ↔ UTF-8 copies included), which is what a page pays. Per CPU-second of the page's main thread (DevTools performance metrics in thread ticks), each call timed on its own; wall-clock figures follow.\n\n{}\n\
         By wall clock, same calls:\n\n{}",
        t(false),
        t(true),
    )
}

/// Load and prepare per config in Chromium, then per dictionary group.
fn browser_setup(setup: &[BrowserSetup], groups: &[(String, String)]) -> String {
    let mut s = format!(
        "### WebAssembly in headless Chromium: load and prepare (ms)\n\n\
         Engine: copying the config's files into wasm memory and `Converter::from_files` (fetch excluded, shown apart). opencc-js: `OpenCC.Converter({{from, to}})`, which builds its tries from the dictionaries bundled in its JS. _first call_ is the first call in a fresh page (what a reader's page pays once; median of 5 fresh pages, range in parentheses); _repeated_ is the median of later calls in one page (warm code).\n\n{}",
        table(
            "| config | files fetched | fetch (127.0.0.1) | engine, first call | engine, repeated | opencc-js, first call | opencc-js, repeated |",
            "|---|---:|---:|---:|---:|---:|---:|",
            setup.iter().map(|b| {
                format!(
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    b.config,
                    kb_or_dash(b.dict_bytes),
                    shown(&b.fetch_ms),
                    b.engine_first.cell(),
                    shown(&b.engine_repeated),
                    b.js_first.cell(),
                    shown(&b.js_repeated),
                )
            }),
        )
    );
    if !groups.is_empty() {
        let row = |cells: Vec<&str>| format!("| {} |", cells.join(" | "));
        s.push_str(&format!(
            "\nPer dictionary group, `Dictionary::from_bytes` in wasm (copy into wasm memory included), median ms:\n\n{}",
            table(
                &row(groups.iter().map(|(g, _)| g.as_str()).collect()),
                &format!("|{}", "---:|".repeat(groups.len())),
                [row(groups.iter().map(|(_, v)| v.as_str()).collect())],
            )
        ));
    }
    s
}

/// Dictionary files, what a page downloads per config, and opencc-js's files.
fn dictionary_files(sizes: &Sizes) -> String {
    let file = |prefix: &str, d: &FileSize| {
        format!(
            "| `{prefix}{}` | {} | {} | {} |",
            d.name,
            kb(d.raw),
            kb(d.gzip),
            kb(d.brotli)
        )
    };
    let configs = sizes.configs.iter().filter_map(|(c, files)| {
        let (r, g, b) = sizes.config_total(c)?;
        let bold = |x: String| {
            if CONFIGS.contains(&c.as_str()) {
                format!("**{x}**")
            } else {
                x
            }
        };
        Some(format!(
            "| {} | {} | {} | {} | {} |",
            bold(c.clone()),
            files.join(" + "),
            kb(r),
            kb(g),
            bold(kb(b))
        ))
    });
    format!(
        "### Dictionary files (raw, gzip -9, brotli -q 11)\n\n{}\n\
         What a page downloads per config (sum of its files, each compressed on its own):\n\n{}\n\
         For comparison, opencc-js 1.4.2 ships code and dictionaries in one file per direction set:\n\n{}",
        table(
            "| file | raw | gzip | brotli |",
            "|---|---:|---:|---:|",
            sizes.dicts.iter().map(|d| file("", d)),
        ),
        table(
            "| config | files | raw | gzip | brotli |",
            "|---|---|---:|---:|---:|",
            configs,
        ),
        table(
            "| opencc-js file | raw | gzip | brotli |",
            "|---|---:|---:|---:|",
            sizes.opencc_js.iter().map(|d| file("dist/esm/", d)),
        ),
    )
}

/// Brotli bytes of the engine inside the wasm harness (with minus without it), at least 0.
fn engine_brotli(sizes: &Sizes) -> usize {
    sizes.harness.brotli.saturating_sub(sizes.baseline.brotli)
}

fn engine_code_size(sizes: &Sizes) -> String {
    let mut rows: Vec<String> = [&sizes.harness, &sizes.baseline]
        .iter()
        .map(|f| format!("| {} | {} | {} |", f.name, kb(f.raw), kb(f.brotli)))
        .collect();
    rows.push(format!(
        "| **engine (difference)** | {} | **{}** |",
        kb(sizes.harness.raw.saturating_sub(sizes.baseline.raw)),
        kb(engine_brotli(sizes))
    ));
    format!(
        "### Engine code size inside WebAssembly\n\n\
         Both builds: `crates/bench-wasm`, release profile, wasm-bindgen 0.2.130, `wasm-opt -Oz` (binaryen 132). The baseline keeps the same exported functions, JS glue, copies and error formatting, with the engine calls removed (`--no-default-features`).\n\n{}\n\
         (The harness's JS glue `bench_wasm.js` is {} raw, {} brotli, in both builds.)\n",
        table("| `bench_wasm_bg.wasm` | raw | brotli |", "|---|---:|---:|", rows),
        kb(sizes.glue.raw),
        kb(sizes.glue.brotli)
    )
}

/// A value per case, split into the mixed corpus and news text.
fn per_corpus(cases: &[BrowserCase], f: impl Fn(&BrowserCase) -> Option<f64>) -> [Vec<f64>; 2] {
    [false, true].map(|news| {
        cases
            .iter()
            .filter(|b| b.config.ends_with(".news") == news)
            .filter_map(&f)
            .collect()
    })
}

/// Whether `ok` holds on all three configs of each corpus.
fn corpus_verdict([mixed, news]: &[Vec<f64>; 2], ok: impl Fn(f64) -> bool) -> &'static str {
    let all = |v: &Vec<f64>| v.len() == 3 && v.iter().all(|x| ok(*x));
    match (all(mixed), all(news)) {
        (true, true) => "yes",
        (false, true) => "**on news text only**",
        (true, false) => "**on the mixed corpus only**",
        _ => "**no**",
    }
}

fn yes(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "**no**"
    }
}

fn list(v: &[f64], unit: &str) -> String {
    v.iter()
        .map(|x| format!("{x:.1}{unit}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The goals of issue 3, judged on this run (throughput end to end, what a page pays, on both
/// corpora).
fn goals(report: &Report, sizes: &Sizes) -> String {
    let mut rows = Vec::new();
    let diffs: Vec<Option<f64>> = report
        .differences
        .iter()
        .filter(|d| ["engine", "wasm"].contains(&d.who))
        .flat_map(|d| d.cases.iter().map(|x| x.chars))
        .collect();
    let total: f64 = diffs.iter().flatten().sum();
    rows.push(format!(
        "| output = OpenCC 1.4.2 | 0 differing characters | {} differing characters in all {} outputs (t2s, s2t, s2twp × mixed, news × native, wasm); all 16 configs: `crates/script-convert/tests/golden.rs` | {} |",
        total,
        diffs.len(),
        yes(diffs.iter().all(|d| *d == Some(0.0)))
    ));
    let cases = &report.browser;
    let js_ratio = |r: &Rate, b: &BrowserCase| Some(r.cpu.num()? / b.js.cpu.num()?);
    let e2e_ratio = per_corpus(cases, |b| js_ratio(&b.e2e, b));
    let core_ratio = per_corpus(cases, |b| js_ratio(&b.core, b));
    rows.push(format!(
        "| wasm vs opencc-js, same browser | ≥ 8× | end to end: mixed {}, news {} (core: mixed {}, news {}) | {} |",
        list(&e2e_ratio[0], "×"),
        list(&e2e_ratio[1], "×"),
        list(&core_ratio[0], "×"),
        list(&core_ratio[1], "×"),
        corpus_verdict(&e2e_ratio, |x| x >= 8.0)
    ));
    let e2e = per_corpus(cases, |b| b.e2e.cpu.num());
    let core = per_corpus(cases, |b| b.core.cpu.num());
    rows.push(format!(
        "| wasm throughput | ≥ ~110 MB/s (zhconv's level) | end to end: mixed {}, news {} MB/s per CPU-second (core: mixed {}, news {}) | {} |",
        list(&e2e[0], ""),
        list(&e2e[1], ""),
        list(&core[0], ""),
        list(&core[1], ""),
        corpus_verdict(&e2e, |x| x >= 110.0)
    ));
    let engine_br = engine_brotli(sizes);
    rows.push(format!(
        "| engine code in wasm | ≤ 40 KB brotli | {} | {} |",
        kb(engine_br),
        yes(engine_br <= 40 * 1024)
    ));
    for (c, limit) in [("t2s", 20), ("s2t", 240)] {
        let total = sizes.config_total(c).map(|t| t.2);
        rows.push(format!(
            "| {c} dictionaries | ≤ {limit} KB brotli | {} (all files the page fetches) | {} |",
            total.map_or("–".to_owned(), kb),
            yes(total.is_some_and(|t| t <= limit * 1024))
        ));
    }
    let s2t = report.browser_setup.iter().find(|b| b.config == "s2t");
    let first = s2t.map_or(&None, |b| &b.engine_first.median);
    let repeated = s2t.map_or(&None, |b| &b.engine_repeated);
    let reached = match (num(first), num(repeated)) {
        (Some(f), _) if f < 10.0 => "yes",
        (_, Some(r)) if r < 10.0 => "**only with warm code**",
        _ => "**no**",
    };
    rows.push(format!(
        "| s2t load + prepare in Chromium | < 10 ms | first call in a fresh page {} ms, repeated {} ms (fetch excluded) | {reached} |",
        shown(first),
        shown(repeated),
    ));
    format!(
        "### Goals (issue 3), as measured in this run\n\n{}",
        table(
            "| goal | target | measured | reached |",
            "|---|---|---|---|",
            rows
        )
    )
}

/// The generated part of docs/BENCHMARKS.md from the records of a run: every part, a blank
/// line between them.
fn render(rec: &Records, sizes: &Sizes) -> String {
    let report = &Report::read(rec);
    [
        intro(&report.meta, &report.corpus),
        native_throughput(&report.native),
        native_setup(&report.native_setup),
        format!("{}\n", render_automaton(&report.automaton, "").trim_end()),
        output_vs_opencc(&report.differences),
        browser_throughput(&report.browser),
        browser_setup(&report.browser_setup, &report.groups),
        dictionary_files(sizes),
        engine_code_size(sizes),
        goals(report, sizes),
    ]
    .join("\n")
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
