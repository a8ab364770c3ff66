//! CLI behaviour: errors, streaming reader, `dict build` output and manifest.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Cursor;

use common::{converter, converter_with, data_dir};
use script_convert::cli::{
    build_dictionaries, convert_reader, converter_from_data, converter_from_dict_dir,
};
use script_convert::{config, crc32::crc32, Converter, TofuRisk};

#[test]
fn unknown_config_lists_valid_ones() {
    let err = converter_from_data(&data_dir(), "s2x", TofuRisk::Include)
        .map(|_| ())
        .expect_err("unknown config");
    assert!(
        err.contains("s2x") && err.contains("s2twp") && err.contains("t2jp"),
        "{err}"
    );
    let err = converter_from_dict_dir(&data_dir(), "s2x", TofuRisk::Include)
        .map(|_| ())
        .expect_err("unknown config");
    assert!(err.contains("s2twp"), "{err}");
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
    for (spec, (key, tofu)) in config::CONFIGS.iter().flat_map(|s| {
        [
            ("configs", TofuRisk::Include),
            ("configs_without_tofu_risk", TofuRisk::Exclude),
        ]
        .map(|k| (s, k))
    }) {
        let list = manifest[key][spec.name].as_array().expect("config entry");
        let groups: Vec<&str> = list
            .iter()
            .map(|f| f["group"].as_str().expect("group"))
            .collect();
        assert_eq!(groups, spec.groups_with(tofu), "{}", spec.name);
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
        for f in &files {
            // Content-addressed names: <group>.<crc32>.scd.
            let crc = format!("{:08x}", crc32(&f.1));
            assert!(f.0.ends_with(&format!(".{crc}.scd")), "{}", f.0);
        }
        let conv = Converter::from_files_with_tofu_risk(spec.name, tofu, &refs)
            .expect("loads from the written files");
        let sample =
            "后来的皇后在网络上发布信息，乾隆頭髮包乾制，週末、産、於、裏、綫、挂帥、䊷、䋙。";
        assert_eq!(
            conv.convert(sample),
            converter_with(spec.name, tofu).convert(sample),
            "{} {key}",
            spec.name
        );
    }
    // `convert --dict-dir` reads the files through the manifest, in both tofu-risk modes.
    for tofu in [TofuRisk::Include, TofuRisk::Exclude] {
        let conv = converter_from_dict_dir(&out, "t2s", tofu)
            .unwrap_or_else(|e| panic!("--dict-dir with {tofu:?}: {e}"));
        assert_eq!(conv.convert("頭髮"), "头发");
    }
    let err = converter_from_dict_dir(&out.join("nowhere"), "t2s", TofuRisk::Include)
        .map(|_| ())
        .expect_err("no manifest");
    assert!(err.contains("dict build --out"), "{err}");
    let _ = std::fs::remove_dir_all(&out);
}
