//! What a converter benchmark run measured, typed: the tools' tab-separated records as they
//! printed them (`Records`, kept for `results.tsv`), read once into one struct per part of the
//! report (`Report::read`), and the sizes of the files a page downloads (`Sizes`).

use std::path::{Path, PathBuf};

use crate::layout::BENCH_WASM;
use crate::sizes::{brotli, gzip};

/// The configs whose setup is timed (natively and in Chromium), bold in the dictionary table.
pub const CONFIGS: [&str; 3] = ["t2s", "s2t", "s2twp"];
/// Throughput cases: each config on the key-dense mixed corpus (`t2s`) and on news text
/// (`t2s.news`), with the label shown in the tables.
pub const CASES: [(&str, &str); 6] = [
    ("t2s", "t2s, mixed"),
    ("s2t", "s2t, mixed"),
    ("s2twp", "s2twp, mixed"),
    ("t2s.news", "t2s, news"),
    ("s2t.news", "s2t, news"),
    ("s2twp.news", "s2twp, news"),
];

/// Tab-separated records `section, converter, config, metric, value` from every step, as the
/// tools printed them (a later record wins over an earlier one with the same key).
#[derive(Default)]
pub struct Records(pub Vec<[String; 5]>);

impl Records {
    pub fn parse(&mut self, text: &str) {
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if let [a, b, c, d, e] = f[..] {
                self.0.push([a, b, c, d, e].map(str::to_owned));
            }
        }
    }

    pub fn push(&mut self, f: [&str; 5]) {
        self.0.push(f.map(str::to_owned));
    }

    pub fn get(&self, section: &str, who: &str, config: &str, metric: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|r| r[0] == section && r[1] == who && r[2] == config && r[3] == metric)
            .map(|r| r[4].as_str())
    }

    pub fn field(&self, section: &str, who: &str, config: &str, metric: &str) -> Field {
        self.get(section, who, config, metric).map(str::to_owned)
    }
}

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl FileSize {
    pub fn of(path: &Path, name: &str) -> Result<FileSize, String> {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(FileSize {
            name: name.to_owned(),
            raw: data.len(),
            gzip: gzip(&data),
            brotli: brotli(&data),
        })
    }
}

pub struct Sizes {
    pub dicts: Vec<FileSize>,
    /// Config name and the files a page fetches for it (from the manifest).
    pub configs: Vec<(String, Vec<String>)>,
    pub harness: FileSize,
    pub baseline: FileSize,
    pub glue: FileSize,
    pub opencc_js: Vec<FileSize>,
}

impl Sizes {
    pub fn measure(root: &Path, dir: &Path) -> Result<Sizes, String> {
        let wasm = format!("{}_bg.wasm", BENCH_WASM.out_name);
        let glue = format!("{}.js", BENCH_WASM.out_name);
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
            harness: FileSize::of(&dir.join("pkg").join(&wasm), "with the engine")?,
            baseline: FileSize::of(&dir.join("pkg-base").join(&wasm), "baseline")?,
            glue: FileSize::of(&dir.join("pkg").join(&glue), &glue)?,
            opencc_js: ["full.js", "t2cn.js", "cn2t.js"]
                .iter()
                .map(|n| FileSize::of(&js.join(n), n))
                .collect::<Result<_, _>>()?,
        })
    }

    pub fn config_total(&self, config: &str) -> Option<(usize, usize, usize)> {
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
pub fn manifest_configs(manifest: &str) -> Vec<(String, Vec<String>)> {
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

// Typed records: what the report shows, read from the tools' TSV records once, here.

/// A value as a tool printed it (the report shows it verbatim); `None` when no tool did.
pub type Field = Option<String>;

pub fn shown(f: &Field) -> String {
    f.clone().unwrap_or_else(|| "–".to_owned())
}

pub fn num(f: &Field) -> Option<f64> {
    f.as_deref().and_then(|v| v.parse().ok())
}

/// A median over timed runs and its min–max range.
pub struct Measured {
    pub median: Field,
    pub range: Field,
}

impl Measured {
    /// `metric` and its range, printed as `{metric}_range` (or, for `x_ms` / `x_mbps`, as
    /// `x_range`).
    pub fn read(rec: &Records, section: &str, who: &str, config: &str, metric: &str) -> Measured {
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

    pub fn num(&self) -> Option<f64> {
        num(&self.median)
    }

    /// The median, with its range in parentheses when there is one.
    pub fn cell(&self) -> String {
        match &self.range {
            Some(r) => format!("{} ({r})", shown(&self.median)),
            None => shown(&self.median),
        }
    }
}

/// Throughput in MB/s of UTF-8 input, per CPU-second and by wall clock.
pub struct Rate {
    pub cpu: Measured,
    pub wall: Measured,
}

impl Rate {
    /// `{prefix}mbps` and `{prefix}wall_mbps`.
    pub fn read(rec: &Records, section: &str, who: &str, config: &str, prefix: &str) -> Rate {
        Rate {
            cpu: Measured::read(rec, section, who, config, &format!("{prefix}mbps")),
            wall: Measured::read(rec, section, who, config, &format!("{prefix}wall_mbps")),
        }
    }

    pub fn get(&self, wall: bool) -> &Measured {
        if wall {
            &self.wall
        } else {
            &self.cpu
        }
    }
}

/// The machine and tools of the run (`machine`, the browser driver, the end of the run).
pub struct Meta {
    pub date: Field,
    pub iters: Field,
    pub nproc: Field,
    pub cpu: Field,
    pub rustc: Field,
    pub python_opencc: Field,
    pub engine: Field,
    pub load_start: Field,
    pub load_end: Field,
    pub chromium: Field,
    pub node: Field,
}

impl Meta {
    pub fn read(rec: &Records) -> Meta {
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
pub struct Corpus {
    pub trad_bytes: Field,
    pub trad_chars: Field,
    pub trad_lines: Field,
    pub simp_bytes: Field,
    pub news_trad_bytes: Field,
    pub news_simp_bytes: Field,
}

impl Corpus {
    pub fn read(rec: &Records) -> Corpus {
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
pub struct NativeCase {
    pub label: &'static str,
    pub engine: Rate,
    pub zhconv: Rate,
    pub opencc: Rate,
}

/// Native setup of one config, ms.
pub struct NativeSetup {
    pub config: &'static str,
    pub engine: Field,
    pub zhconv: Field,
    pub opencc: Field,
}

/// The `st` dictionary stored one way (`bench-native daachorse`).
pub struct StoredSt {
    pub label: &'static str,
    pub bytes: Option<f64>,
    pub brotli: Option<f64>,
    pub build_ms: Field,
    pub load_ms: Field,
    pub mixed: Measured,
    pub news: Measured,
    /// Whether the output equals the engine's (mixed, news); `None` for the engine itself.
    pub same_output: Option<[Field; 2]>,
}

pub struct Automaton {
    pub keys: Field,
    pub stored: [StoredSt; 2],
    /// Corpus label and the first difference from the engine's output.
    pub examples: Vec<(&'static str, String)>,
}

impl Automaton {
    pub fn read(rec: &Records) -> Automaton {
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
pub struct Difference {
    pub config: &'static str,
    pub chars: Option<f64>,
    pub total: Option<f64>,
    pub example: Field,
}

impl Difference {
    /// Share of characters that differ, and their count.
    pub fn share(&self) -> String {
        match (self.chars, self.total) {
            (Some(d), Some(t)) if t > 0.0 => format!("{:.3} % ({})", d / t * 100.0, d as u64),
            _ => "–".to_owned(),
        }
    }
}

/// One converter's differences on every case of `CASES`.
pub struct Differences {
    pub who: &'static str,
    pub label: &'static str,
    pub cases: Vec<Difference>,
}

/// One throughput case of `CASES` in Chromium: the engine's `run()` (core) and
/// `convert(string)` (end to end), and opencc-js.
pub struct BrowserCase {
    pub config: &'static str,
    pub label: &'static str,
    pub core: Rate,
    pub e2e: Rate,
    pub js: Rate,
}

/// Loading and preparing one config in Chromium.
pub struct BrowserSetup {
    pub config: &'static str,
    pub dict_bytes: Option<f64>,
    pub fetch_ms: Field,
    pub engine_first: Measured,
    pub engine_repeated: Field,
    pub js_first: Measured,
    pub js_repeated: Field,
}

/// Everything the converter benchmark measured (sizes apart), typed.
pub struct Report {
    pub meta: Meta,
    pub corpus: Corpus,
    pub native: Vec<NativeCase>,
    pub native_setup: Vec<NativeSetup>,
    pub automaton: Automaton,
    pub differences: Vec<Differences>,
    pub browser: Vec<BrowserCase>,
    pub browser_setup: Vec<BrowserSetup>,
    /// Dictionary group and its median `Dictionary::from_bytes` ms in wasm, first seen first.
    pub groups: Vec<(String, String)>,
}

impl Report {
    pub fn read(rec: &Records) -> Report {
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
