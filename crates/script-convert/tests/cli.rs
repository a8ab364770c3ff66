//! CLI behaviour: errors, streaming reader, `dict build` output and manifest.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Cursor;

use common::{converter, data_dir};
use script_convert::cli::{build_dictionaries, convert_reader, run};
use script_convert::{config, crc32::crc32, Converter};

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn unknown_config_lists_valid_ones() {
    let err = run(&args(&["convert", "--config", "s2x"])).expect_err("unknown config");
    assert!(
        err.contains("s2x") && err.contains("s2twp") && err.contains("t2jp"),
        "{err}"
    );
    let err = run(&args(&["convert"])).expect_err("missing config");
    assert!(err.contains("--config"), "{err}");
    let err = run(&args(&["frobnicate"])).expect_err("unknown subcommand");
    assert!(err.contains("frobnicate"), "{err}");
}

#[test]
fn invalid_utf8_reports_the_byte_offset() {
    let conv = converter("s2t");
    let mut input = "发展".repeat(30_000).into_bytes(); // 180 000 bytes, several reads
    input.extend_from_slice(b"ok\xFFtail");
    let mut out = Vec::new();
    let err =
        convert_reader(&conv, Cursor::new(input), "in.txt", &mut out).expect_err("invalid UTF-8");
    assert!(
        err.contains("in.txt") && err.contains("byte offset 180002"),
        "{err}"
    );
    // A character cut off at the end of the input.
    let mut out = Vec::new();
    let err = convert_reader(&conv, Cursor::new(b"abc\xE5\x8F".to_vec()), "x", &mut out)
        .expect_err("truncated");
    assert!(err.contains("byte offset 3"), "{err}");
}

#[test]
fn reader_streams_and_matches_one_shot() {
    let conv = converter("s2twp");
    let line = "后来的皇后在网络上发布信息，乾隆下江南。⿰氵发 B超 SQL注入\n";
    let text = line.repeat(20_000); // ~1.5 MB
    let mut out = Vec::new();
    convert_reader(&conv, Cursor::new(text.as_bytes()), "x", &mut out).expect("converts");
    assert!(String::from_utf8(out).expect("UTF-8") == conv.convert(&text));
}

#[test]
fn dict_build_writes_files_and_manifest() {
    let out =
        std::env::temp_dir().join(format!("script-convert-dict-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    build_dictionaries(&data_dir(), &out).expect("builds");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    assert_eq!(manifest["format_version"], 1);
    for spec in config::CONFIGS {
        let list = manifest["configs"][spec.name]
            .as_array()
            .expect("config entry");
        let groups: Vec<&str> = list
            .iter()
            .map(|f| f["group"].as_str().expect("group"))
            .collect();
        assert_eq!(groups, spec.groups(), "{}", spec.name);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for f in list {
            let name = f["file"].as_str().expect("file").to_string();
            let bytes = std::fs::read(out.join(&name)).expect("listed file exists");
            assert_eq!(f["size"].as_u64(), Some(bytes.len() as u64), "{name} size");
            assert_eq!(
                f["crc32"].as_str(),
                Some(format!("{:08x}", crc32(&bytes)).as_str()),
                "{name} crc32"
            );
            files.push((name, bytes));
        }
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let conv = Converter::from_files(spec.name, &refs).expect("loads from the written files");
        let sample = "后来的皇后在网络上发布信息，乾隆頭髮包乾制，週末、産、於、裏、綫、挂帥。";
        assert_eq!(
            conv.convert(sample),
            converter(spec.name).convert(sample),
            "{}",
            spec.name
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
