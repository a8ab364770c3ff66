//! `cargo xtask bench [--iters N]`: the converter's side-by-side benchmarks, written into
//! `docs/BENCHMARKS.md` between the bench markers; `--only daachorse` runs only the comparison
//! of the dictionary structure with the daachorse automaton (`bench-native daachorse`, about a
//! minute) and replaces only its subsection of the generated part.
//!
//! Everything generated lives under `target/bench/`:
//! `dict/` (compiled dictionaries), `corpus/` (~10 MB Traditional text and its Simplified
//! counterpart), `out/` (every converter's output), `pkg/` and `pkg-base/` (the wasm harness
//! with and without the engine), the benchmark page and opencc-js, and `results.tsv`.
//!
//! Steps: OpenCC 1.4.2 (PyPI, C++ core) converts the corpus and is timed; the native binary
//! times this engine and zhconv, then compares the `st` dictionary with a daachorse automaton;
//! headless Chromium times the engine in wasm and opencc-js in one page; every output is
//! compared with OpenCC's; sizes are measured last.

use std::path::Path;
use std::process::{Command, Stdio};

use super::records::{shown, Automaton, Meta, Records, Sizes};
use super::report::{render, render_automaton, AFTER_AUTOMATON, AUTOMATON_HEADING};
use crate::build::{cli, wasm_package};
use crate::layout::{BENCH_NATIVE_BIN, BENCH_NATIVE_PACKAGE, BENCH_WASM, SCRIPT_CONVERT_DIR};
use crate::serve::Server;
use crate::setup;
use crate::util::{cargo, root, run, target_dir, tool_path, Cmd};

const START: &str = "<!-- bench:start -->";
const END: &str = "<!-- bench:end -->";
/// Native code is measured at opt-level 3 (the workspace's release profile optimizes for size,
/// which is right for the widget's wasm but would handicap zhconv natively).
const NATIVE_PROFILE: &str = "bench-o3";

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

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} -> {}: {e}", from.display(), to.display()))
}

pub fn all(iters: usize) -> Result<(), String> {
    let root = root();
    // The benchmark's own files always go to `target/bench/` under the repository, which the
    // server exposes, whatever `CARGO_TARGET_DIR` says.
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

/// Compiles the dictionaries into `dict` and builds `bench-native`; returns the binary's path.
fn native_binary(dict: &Path) -> Result<String, String> {
    println!("\n==> dictionaries and native benchmark binary");
    run(cli(true)
        .args(["dict", "build", "--out"])
        .arg(path_str(dict)))?;
    run(cargo(&[
        "build",
        "--quiet",
        "-p",
        BENCH_NATIVE_PACKAGE,
        "--profile",
        NATIVE_PROFILE,
    ])
    .args([
        "--config",
        &format!("profile.{NATIVE_PROFILE}.inherits=\"release\""),
    ])
    .args(["--config", &format!("profile.{NATIVE_PROFILE}.opt-level=3")]))?;
    Ok(path_str(
        &target_dir().join(format!("{NATIVE_PROFILE}/{BENCH_NATIVE_BIN}")),
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
    wasm_package(&BENCH_WASM, extra, true, &pkg)
}

fn machine(rec: &mut Records, iters: usize) {
    let cpu = crate::util::cpu_model().unwrap_or_else(|| "unknown".to_owned());
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
    let sources = format!("{SCRIPT_CONVERT_DIR}/src");
    let dirty = Cmd::new("git")
        .args(["status", "--porcelain", "--", &sources])
        .output()
        .is_some_and(|s| !s.is_empty());
    let engine = if dirty {
        format!("{commit} with uncommitted changes in {sources}")
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
