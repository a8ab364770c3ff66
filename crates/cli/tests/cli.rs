//! The `article-widget` command line, run as a process: validate, convert-article, help and
//! usage errors, completions, exit codes, and a copy of the binary far from the source tree.
#![cfg(not(target_arch = "wasm32"))]

/// The repository root: the tests read its files and run the CLI there.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

use std::process::Command;

fn validate(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .arg("validate")
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("run article-widget");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_sample_validates() {
    let (code, out) = validate(&["www/article.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("www/article.json: ok (format v1, 5 blocks: 5 paragraphs, \""),
        "{out}"
    );
}

#[test]
fn a_rich_article_is_summed_up_by_its_blocks() {
    let (code, out) = validate(&[
        "tests/fixtures/rich/rich.hant.json",
        "tests/fixtures/rich/rich.hans.json",
    ]);
    assert_eq!(code, 0, "{out}");
    for script in ["hant", "hans"] {
        let expected = format!(
            "tests/fixtures/rich/rich.{script}.json: ok (format v1, 14 blocks: 6 paragraphs, \
             2 headings, 3 figures, 1 quote, 2 lists, a lead image, 2 corrections, \""
        );
        assert!(out.contains(&expected), "{expected} missing from:\n{out}");
    }
}

#[test]
fn every_problem_is_printed_with_its_path_and_the_exit_code_is_nonzero() {
    let dir = std::env::temp_dir().join(format!("aw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "headline": "x", "datePublished": "2025-12-29 18:35", "inLanguage": "zh-Hant",
            "source": {"name": "x", "url": "javascript:alert(1)"}, "body": ["ok"],
            "editors": [{"name": "a", "role": "chief"}]}"#,
    )
    .unwrap();
    let (code, out) = validate(&[bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    for path in ["$.datePublished", "$.source.url", "$.editors[0].role"] {
        assert!(
            out.contains(&format!("bad.json: {path}: ")),
            "{path} missing from:\n{out}"
        );
    }
    assert!(out.contains("3 problems found"), "{out}");
    let (code, out) = validate(&[dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("cannot read"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_file_is_a_usage_error() {
    let (code, out) = validate(&[]);
    assert_eq!(code, 2);
    assert!(out.contains("give one or more FILE.json"));
}

#[test]
fn convert_article_applies_the_publishers_overrides() {
    let dir = std::env::temp_dir().join(format!("aw-convert-article-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("a.json");
    let doc = serde_json::json!({
        "version": 1,
        "headline": "这个方法被发明以后",
        "datePublished": "2025-12-29T18:35:44+08:00",
        "inLanguage": "zh-Hans",
        "source": {"name": "国际在线"},
        "body": ["少数组织在南阳发布了报告。"],
        "conversion": {"terms": [
            {"term": "被发明", "traditional": "被發明"},
            {"term": "少数组织", "traditional": "少數組織"},
            {"term": "南阳发布", "hant-tw": "南陽發佈"}
        ]}
    });
    std::fs::write(&path, doc.to_string()).expect("write");
    let run = |script: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_article-widget"))
            .args([
                "convert-article",
                path.to_str().unwrap(),
                "--script",
                script,
            ])
            .output()
            .expect("run article-widget");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON")
    };
    let tw = run("hant-tw");
    assert_eq!(tw["headline"], "這個方法被發明以後");
    assert_eq!(tw["body"][0], "少數組織在南陽發佈了報告。");
    assert_eq!(tw["inLanguage"], "zh-Hant-TW");
    let original = run("original");
    assert_eq!(original["headline"], "这个方法被发明以后");
    let bad = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args([
            "convert-article",
            path.to_str().unwrap(),
            "--script",
            "zh-CN",
        ])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("zh-CN"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn prepare_writes_the_slices_to_a_file_or_stdout() {
    let dir = std::env::temp_dir().join(format!("aw-prepare-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_file = dir.join("prepared.json");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/article.json");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_article-widget"))
            .arg("prepare")
            .args(args)
            .output()
            .expect("run article-widget")
    };
    let out = run(&[seed, "-o", out_file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).expect("written");
    let printed = run(&[seed]);
    assert!(printed.status.success());
    assert_eq!(String::from_utf8_lossy(&printed.stdout), written);
    // The same as the repository's prepared seed, which `validate` accepts.
    assert_eq!(
        written,
        include_str!("../../../www/article.prepared.json"),
        "www/article.prepared.json is stale"
    );
    let v = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(["validate", out_file.to_str().unwrap()])
        .output()
        .expect("validate");
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // An invalid document: exit 1 with the JSON path; a missing file: exit 1 naming it.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"version\": 1}").expect("write");
    let out = run(&[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("$.headline"));
    let out = run(&["/nonexistent/a.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/a.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every malformed document gets a specific, readable problem from `validate`,
/// exit code 1 and no panic.
#[test]
fn malformed_documents_get_specific_problems() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/article.json"
    ))
    .expect("seed");
    let with = |field: &str, value: serde_json::Value| {
        let mut doc: serde_json::Value = serde_json::from_str(&seed).unwrap();
        doc[field] = value;
        doc.to_string().into_bytes()
    };
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(seed.as_bytes());
    let mut not_utf8 = seed.clone().into_bytes();
    not_utf8[seed.find("\"headline\"").unwrap() + 13] = 0xFF;
    let deep = seed.replacen('{', &format!("{{\"x\": {}", "[".repeat(10_000)), 1);
    let mut missing: serde_json::Value = serde_json::from_str(&seed).unwrap();
    missing.as_object_mut().unwrap().remove("inLanguage");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "invalid",
            b"{\"version\": 1,,}".to_vec(),
            "$: not valid JSON (line 1, column 15): expected a key",
        ),
        (
            "wrong-type",
            with("body", serde_json::json!("text")),
            "$.body: expected an array, found a string",
        ),
        (
            "missing",
            missing.to_string().into_bytes(),
            "$.inLanguage: required field is missing",
        ),
        (
            "version",
            with("version", serde_json::json!(2)),
            "$.version: format version 2 is not supported",
        ),
        (
            "duplicate",
            seed.replacen("\"body\":", "\"body\": [\"forged\"], \"body\":", 1)
                .into_bytes(),
            "$.body: is given more than once in the same object",
        ),
        (
            "headline",
            with("headline", serde_json::json!("x".repeat(1 << 20))),
            "$.headline: is 1048576 characters long; give at most 1000",
        ),
        (
            "paragraphs",
            with("body", serde_json::json!(vec!["p"; 100_000])),
            "$.body: has 100000 items; give at most 10000",
        ),
        ("deep", deep.into_bytes(), "nested more than 64 levels deep"),
        (
            "large",
            with("body", serde_json::json!(vec!["長".repeat(90_000); 10])),
            "the document is larger than 2097152 bytes",
        ),
        (
            "not-utf8",
            not_utf8,
            "is not UTF-8 (0xFF); save the document as UTF-8",
        ),
        (
            "html",
            b"<!DOCTYPE html>\n<html><body>Service unavailable</body></html>".to_vec(),
            "this looks like an HTML page, not a JSON document",
        ),
    ];
    let dir = std::env::temp_dir().join(format!("aw-cli-malformed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, expected) in cases {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, bytes).unwrap();
        let (code, out) = validate(&[path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.contains(expected),
            "{name}: expected {expected:?} in:\n{out}"
        );
        assert!(!out.contains("panicked"), "{name}: {out}");
    }
    let path = dir.join("bom.json");
    std::fs::write(&path, bom).unwrap();
    let (code, out) = validate(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "a UTF-8 BOM is accepted: {out}");
    assert!(out.contains("bom.json: ok (format v1"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

fn run_cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(args)
        .output()
        .expect("run article-widget");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every subcommand, as typed after `article-widget`.
const SUBCOMMANDS: &[&[&str]] = &[
    &["validate"],
    &["convert"],
    &["convert-article"],
    &["prepare"],
    &["snippet"],
    &["oembed"],
    &["dict"],
    &["dict", "build"],
    &["completions"],
];

#[test]
fn every_subcommand_has_help() {
    for sub in SUBCOMMANDS {
        let mut args = sub.to_vec();
        args.push("--help");
        let (code, out, err) = run_cli(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.contains(&format!("Usage: article-widget {}", sub.join(" "))),
            "{args:?}:\n{out}"
        );
    }
    let (code, out, _) = run_cli(&["--help"]);
    assert_eq!(code, 0);
    for sub in SUBCOMMANDS.iter().filter(|s| s.len() == 1) {
        assert!(
            out.contains(&format!("  {} ", sub[0])),
            "{} missing:\n{out}",
            sub[0]
        );
    }
    assert!(out.contains("Exit codes: 0 ok; 1 invalid input"), "{out}");
    let (code, out, _) = run_cli(&["convert", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("s2twp") && out.contains("--tofu-risk"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2_with_a_suggestion() {
    let (code, _, err) = run_cli(&["convrt"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("similar") && err.contains("'convert'"),
        "{err}"
    );
    let (code, _, err) = run_cli(&["convert", "--confg", "t2s"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--config"), "{err}");
    let (code, _, err) = run_cli(&["convert", "--config", "s2tx"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'s2t'") && err.contains("s2twp"), "{err}");
    let (code, _, err) = run_cli(&["convert", "--config", "t2s", "--tofu-risk", "maybe"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("include") && err.contains("exclude"), "{err}");
    let (code, _, err) = run_cli(&["convert"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--config"), "{err}");
    let (code, _, err) = run_cli(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Usage: article-widget <COMMAND>"), "{err}");
}

#[test]
fn version_and_completions() {
    let (code, out, _) = run_cli(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!("article-widget {}", env!("CARGO_PKG_VERSION"))
    );
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef article-widget"),
        ("fish", "complete -c article-widget"),
    ] {
        let (code, out, err) = run_cli(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}:\n{out}");
        for word in [
            "convert-article",
            "validate",
            "snippet",
            "oembed",
            "tofu-risk",
        ] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    let (code, _, err) = run_cli(&["completions", "tcsh"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn invalid_utf8_is_invalid_input_with_its_byte_offset() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(["convert", "--config", "t2s"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = "頭髮".repeat(1000).into_bytes();
    input.push(0xff);
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid UTF-8 at byte offset 6000"), "{err}");
}

/// The binary copied into an empty temporary directory and run from there, with an
/// environment that names nothing of the build: it converts, validates and writes the
/// dictionaries from what is compiled into it.
#[test]
fn a_copy_of_the_binary_works_far_from_the_source_tree() {
    let dir = std::env::temp_dir().join(format!("aw-standalone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bin = dir.join("article-widget");
    std::fs::copy(env!("CARGO_BIN_EXE_article-widget"), &bin).expect("copy the binary");
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/article.json"
    ))
    .expect("seed");
    std::fs::write(dir.join("article.json"), seed).expect("write");
    std::fs::write(dir.join("in.txt"), "包乾制 頭髮 後來的皇后\n").expect("write");
    let run = |args: &[&str]| {
        // Another test thread may fork while the copy's write descriptor is still open, and the
        // child holds it until it execs: running the copy then fails with ETXTBSY ("Text file
        // busy") for a moment. Retry that one error, briefly.
        let mut attempts = 0;
        let out = loop {
            match Command::new(&bin)
                .args(args)
                .current_dir(&dir)
                .env_clear()
                .env("PATH", "/usr/bin:/bin")
                .output()
            {
                Err(e) if e.raw_os_error() == Some(26) && attempts < 50 => {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                result => break result.expect("run the copy"),
            }
        };
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["convert", "--config", "t2s", "in.txt"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "包干制 头发 后来的皇后\n");
    let (code, out, err) = run(&["validate", "article.json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("article.json: ok (format v1, 5 blocks: 5 paragraphs, \""),
        "{out}"
    );
    let (code, out, err) = run(&["convert-article", "article.json", "--script", "hans"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("南阳发布强市“科技纲领” 力争形成区域创新标杆"),
        "{out}"
    );
    let (code, out, err) = run(&[
        "snippet",
        "article.json",
        "--loader",
        "https://cdn.example/article-widget.js",
        "--script",
        "hans",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("南阳发布强市"), "{out}");
    let (code, _, err) = run(&["dict", "build", "--out", "dict"]);
    assert_eq!(code, Some(0), "{err}");
    let manifest = std::fs::read_to_string(dir.join("dict/manifest.json")).expect("manifest");
    assert!(manifest.contains("\"group\": \"st\""), "{manifest}");
    let (code, out, err) = run(&["convert", "--config", "s2twp", "--dict-dir", "dict", "-"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `convert` streams: converting 32 MB from stdin, the process never holds much more than its
/// code and dictionaries (its peak resident size, read from /proc while it waits for the end of
/// the input, stays far below the input's size).
#[cfg(target_os = "linux")]
#[test]
fn convert_streams_with_bounded_memory() {
    use std::io::{Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(["convert", "--config", "t2s"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut total = 0usize;
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    });
    let mut stdin = child.stdin.take().expect("stdin");
    let line = "後來的皇后在網絡上發佈信息，乾隆頭髮包乾制。\n".repeat(64);
    let mut written = 0usize;
    while written < 32 << 20 {
        stdin.write_all(line.as_bytes()).expect("write");
        written += line.len();
    }
    stdin.flush().expect("flush");
    // The input is all written and the pipe still open: read the peak resident size now.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).expect("status");
    let peak_kb: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    drop(stdin);
    let out = child.wait().expect("wait");
    assert!(out.success());
    let converted = reader.join().expect("reader");
    assert!(converted >= written - 64 * 3, "{converted} of {written}");
    assert!(
        peak_kb < 24 * 1024,
        "peak resident size {peak_kb} kB while converting {} MB",
        written >> 20
    );
}

/// The CLI reports the workspace version (tests/version.rs holds the others together).
#[test]
fn the_cli_reports_the_release_version() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .arg("--version")
        .output()
        .expect("run article-widget");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("article-widget {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Hostile documents of 2 MiB (the widget's default `maxBytes`) are refused with a
/// bounded report, in bounded memory. One is the finding's shape, a long key in an unknown
/// field over an object that repeats one short key (the reader took 1 GB for 166 KB of it);
/// the other gives many different keys twice, more problems than are listed. On Linux the
/// peak resident size (VmHWM) is read while the command waits on its last input (stdin),
/// after both files were reported, and the command runs under a 1 GiB address-space limit
/// (a quadratic reader fails fast instead of taking the machine's memory).
#[test]
fn hostile_documents_get_a_bounded_report_in_bounded_memory() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    const DOC: &str = r#"{"version": 1, "headline": "Headline", "datePublished": "2025-12-29T18:35:44+08:00",
        "inLanguage": "zh-Hant", "source": {"name": "Source"}, "body": ["A paragraph."]}"#;
    const SIZE: usize = 2 * 1024 * 1024 - 1024;
    let with = |member: String| DOC.replacen('{', &format!("{{{member},"), 1);
    let room = SIZE - DOC.len() - 64;
    let repeats = (room - room / 2) / 6;
    let finding = with(format!(
        "\"extension\": {{\"{}\": {{{}}}}}",
        "k".repeat(room / 2),
        vec!["\"a\":0"; repeats].join(",")
    ));
    let pairs: Vec<String> = (0..room / 24)
        .map(|i| format!("\"k{i:06}\":0,\"k{i:06}\":0"))
        .collect();
    let many = with(format!("\"extension\": {{{}}}", pairs.join(",")));
    for doc in [&finding, &many] {
        assert!(
            doc.len() <= 2 * 1024 * 1024 && doc.len() > SIZE - 64 * 1024,
            "{}",
            doc.len()
        );
    }
    let dir = std::env::temp_dir().join(format!("aw-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("finding.json"), dir.join("many.json"));
    std::fs::write(&a, &finding).unwrap();
    std::fs::write(&b, &many).unwrap();
    let bin = env!("CARGO_BIN_EXE_article-widget");
    let mut command = if cfg!(target_os = "linux") {
        let mut c = Command::new("sh");
        c.args(["-c", "ulimit -v 1048576 && exec \"$0\" \"$@\"", bin]);
        c
    } else {
        Command::new(bin)
    };
    let mut child = command
        .arg("validate")
        .args([&a, &b])
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run article-widget");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut report = String::new();
    let mut line = String::new();
    // Until both files are reported (stdout is line-buffered); the command then reads stdin.
    while !report.contains("many.json: ") || !line.ends_with("problems found\n") {
        line.clear();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        report.push_str(&line);
        assert!(
            report.len() < 1 << 20,
            "an unbounded report: {}…",
            report.chars().take(2000).collect::<String>()
        );
    }
    let peak_kb = cfg!(target_os = "linux").then(|| {
        std::fs::read_to_string(format!("/proc/{}/status", child.id()))
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
            })
    });
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(DOC.as_bytes()).ok();
    drop(stdin);
    std::io::Read::read_to_string(&mut stdout, &mut report).ok();
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1), "{stderr}\n{report}");
    let key = room / 2;
    for expected in [
        format!("finding.json: $.extension: has a key of {key} characters (\"kkkk"),
        "a key has at most 256 characters: shorten it, or move the text into a value".into(),
        "….a: is given more than once in the same object; keep one".into(),
        "finding.json: 2 problems found".into(),
        "many.json: $.extension.k000000: is given more than once in the same object".into(),
        format!(
            "many.json: $: and {} more problems, not listed (only the first 100 are)",
            pairs.len() - 100
        ),
        format!("many.json: {} problems found", pairs.len()),
        "-: ok (format v1, 1 block: 1 paragraph, \"".into(),
    ] {
        assert!(
            report.contains(&expected),
            "{expected} missing from:\n{report}"
        );
    }
    assert!(report.lines().count() <= 2 + 1 + 101 + 1 + 1, "{report}");
    assert!(
        report.len() < 32 * 1024,
        "{} bytes:\n{report}",
        report.len()
    );
    if let Some(peak_kb) = peak_kb {
        let peak_kb = peak_kb.expect("VmHWM in /proc/PID/status");
        eprintln!("article-widget validate: peak resident size {peak_kb} kB");
        assert!(peak_kb < 100 * 1024, "peak resident size {peak_kb} kB");
    }
}

/// A key (given twice, so that a problem's path names it) carrying ESC, OSC (ESC ]), BEL, a
/// C1 CSI and a bidi override reaches the
/// terminal escaped, from `validate` (its problem lines) and from every command that reports
/// an invalid document (its error on stderr).
#[test]
fn control_characters_from_input_are_escaped_before_they_are_printed() {
    let dir = std::env::temp_dir().join(format!("aw-cli-ctl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("ctl.json");
    // JSON escapes: the reader refuses raw control characters, not escaped ones.
    std::fs::write(
        &doc,
        r#"{"version": 1, "headline": "x", "datePublished": "2025-12-29T18:35:44+08:00",
            "inLanguage": "zh-Hant", "source": {"name": "x", "url": "https://a.example/\u001b[2J"},
            "body": ["ok"], "extension": {"\u001b]0;pwned\u0007\u009b31m\u202e": 1,
            "\u001b]0;pwned\u0007\u009b31m\u202e": 2}}"#,
    )
    .unwrap();
    let path = doc.to_str().unwrap();
    let loader = "--loader=https://cdn.example/article-widget.js";
    for args in [
        vec!["validate", path],
        vec!["convert-article", "--script", "hans", path],
        vec!["snippet", loader, path],
        vec!["oembed", loader, path],
        vec!["prepare", path],
    ] {
        let (code, stdout, stderr) = run_cli(&args);
        let all = stdout + &stderr;
        assert_eq!(code, 1, "{args:?}: {all}");
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !all.contains(raw),
                "{args:?} printed {raw:?} unescaped:\n{all:?}"
            );
        }
        assert!(
            all.contains("\\u{1b}]0;pwned\\u{7}\\u{9b}31m\\u{202e}"),
            "{args:?}: the key is not shown escaped:\n{all}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Every command that reads an article document caps it (default 2 MiB, the widget's
/// default maxBytes) and names the flag that raises the cap; with the flag the same document
/// is read. stdin ("-") is capped as a file is.
#[test]
fn every_command_caps_its_input_and_names_the_flag_that_raises_the_cap() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("aw-cli-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = std::fs::read_to_string(format!("{ROOT}/www/article.json")).unwrap();
    // The seed with 2 MiB of spaces before its closing brace: valid, and over the cap.
    let end = seed.rfind('}').unwrap();
    let big = format!(
        "{}{}{}",
        &seed[..end],
        " ".repeat(2 * 1024 * 1024),
        &seed[end..]
    );
    let file = dir.join("big.json");
    std::fs::write(&file, &big).unwrap();
    let path: &'static str = file.to_str().unwrap().to_owned().leak();
    let loader = "--loader=https://cdn.example/article-widget.js";
    let raise = "--max-bytes=4194304";
    for args in [
        vec!["convert-article", "--script", "hans"],
        vec!["snippet", loader],
        vec!["oembed", loader],
        vec!["prepare"],
    ] {
        let with = |extra: &[&'static str], file: &'static str| {
            let mut all: Vec<&'static str> = args.clone();
            all.extend_from_slice(extra);
            all.push(file);
            all
        };
        let (code, stdout, stderr) = run_cli(&with(&[], path));
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            stderr.contains("larger than 2097152 bytes")
                && stderr.contains("give --max-bytes BYTES to raise it"),
            "{args:?}: {stderr}"
        );
        let (code, stdout, stderr) = run_cli(&with(&[raise], path));
        assert_eq!(code, 0, "{args:?} {raise}: {stderr}");
        assert!(!stdout.is_empty(), "{args:?} {raise}");
        // stdin, the same cap.
        let mut child = Command::new(env!("CARGO_BIN_EXE_article-widget"))
            .args(with(&["--max-bytes=1000"], "-"))
            .current_dir(ROOT)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run article-widget");
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(seed.as_bytes()).ok();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} -: {stderr}");
        assert!(
            stderr.contains("-: larger than 1000 bytes") && stderr.contains("--max-bytes"),
            "{args:?} -: {stderr}"
        );
    }
    // The loader file given to snippet is capped too.
    let (code, _, stderr) =
        run_cli(&["snippet", loader, "--loader-file", path, "www/article.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("--loader-file") && stderr.contains("--max-bytes"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Memory ceilings: every command that reads a document runs on 2 MiB ones (the finding's
/// hostile shape, and a valid phrase-dense article that converts, slices and renders
/// everywhere) within 96 MiB of address space (`ulimit -v`, Linux), which bounds its peak
/// resident size below 100 MB: a command that needed more would fail to allocate and abort
/// instead of printing its result.
#[test]
#[cfg(target_os = "linux")]
fn every_command_runs_on_2_mib_documents_within_96_mib() {
    let seed = std::fs::read_to_string(format!("{ROOT}/www/article.json")).unwrap();
    let dir = std::env::temp_dir().join(format!("aw-cli-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let room = 2 * 1024 * 1024 - seed.len() - 1024;
    let hostile = seed.replacen(
        '{',
        &format!(
            "{{\"extension\": {{\"{}\": {{{}}}}},",
            "k".repeat(room / 2),
            vec!["\"a\":0"; room / 2 / 6].join(",")
        ),
        1,
    );
    let mut article: serde_json::Value = serde_json::from_str(&seed).unwrap();
    let paragraph = "頭髮乾燥了，中華人民共和國發展「引號」。".repeat(40);
    article["body"] = serde_json::json!(vec![paragraph; 850]);
    let dense = serde_json::to_string(&article).unwrap();
    for doc in [&hostile, &dense] {
        assert!(
            doc.len() > 1900 * 1024 && doc.len() <= 2 * 1024 * 1024,
            "{}",
            doc.len()
        );
    }
    let (h, d) = (dir.join("hostile.json"), dir.join("dense.json"));
    std::fs::write(&h, &hostile).unwrap();
    std::fs::write(&d, &dense).unwrap();
    let (h, d) = (h.to_str().unwrap(), d.to_str().unwrap());
    let loader = "--loader=https://cdn.example/article-widget.js";
    for (args, code, expected) in [
        (vec!["validate", h], 1, "2 problems found"),
        (
            vec!["validate", d],
            0,
            ": ok (format v1, 850 blocks: 850 paragraphs",
        ),
        (
            vec!["convert-article", "--script", "hans", h],
            1,
            "has a key of",
        ),
        (
            vec!["convert-article", "--script", "hans", d],
            0,
            "头发干燥了",
        ),
        (vec!["prepare", d], 0, "\"slices\""),
        (
            vec!["snippet", loader, d],
            0,
            "<article-widget data-snapshot",
        ),
        (vec!["oembed", loader, d], 0, "\"rich\""),
        (
            vec!["snippet", loader, h],
            1,
            "not a valid article document",
        ),
    ] {
        let out = Command::new("sh")
            .args(["-c", "ulimit -v 98304 && exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_article-widget"))
            .args(&args)
            .output()
            .expect("run article-widget");
        let all = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            all.chars().take(2000).collect::<String>()
        );
        assert!(
            all.contains(expected),
            "{args:?}: {expected} missing from {}",
            all.chars().take(2000).collect::<String>()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
