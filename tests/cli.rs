//! The `article-widget validate` command, run as a process.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn validate(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .arg("validate")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
        out.contains("www/article.json: ok (format v1, 5 paragraphs"),
        "{out}"
    );
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

/// Issue 8, item 3: every malformed document gets a specific, readable problem from `validate`,
/// exit code 1 and no panic.
#[test]
fn malformed_documents_get_specific_problems() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/article.json"))
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
