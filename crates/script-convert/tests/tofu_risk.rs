//! Both tofu-risk modes against PyPI `opencc==1.4.2`: `OpenCC(config,
//! include_tofu_risk_dictionaries=True|False)`. The oracle is required when `CI` or
//! `AW_REQUIRE_ORACLE` is set (as under `cargo xtask test`); a plain `cargo test` without it
//! skips with a notice.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::Command;

use common::{converter_with, describe};
use script_convert::{config, TofuRisk};

fn oracle_available() -> bool {
    let ok = Command::new("python3")
        .args([
            "-c",
            "import opencc, sys; sys.exit(0 if opencc.__version__ == '1.4.2' else 1)",
        ])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok && (std::env::var_os("CI").is_some() || std::env::var_os("AW_REQUIRE_ORACLE").is_some())
    {
        panic!(
            "PyPI opencc==1.4.2 is required here (CI / AW_REQUIRE_ORACLE); run `cargo xtask setup`"
        );
    }
    ok
}

/// Text with every key of TSCharactersExt (the `may_output_tofu` dictionary), in context.
fn tofu_text() -> String {
    let ext = &common::leaves().leaves["TSCharactersExt"];
    let mut s = String::new();
    for (i, (k, _)) in ext.iter().enumerate() {
        s.push_str(k);
        s.push_str(["", "的", "。", "\n", "產業", "乾淨"][i % 6]);
    }
    s.push_str("南陽發佈強市“科技綱領” 包乾制 産業");
    s
}

fn oracle(config: &str, include: bool, text: &str) -> String {
    let script = "import sys, opencc\n\
        c = opencc.OpenCC(sys.argv[1], include_tofu_risk_dictionaries=(sys.argv[2] == '1'))\n\
        sys.stdout.write(c.convert(sys.stdin.read()))";
    let mut child = Command::new("python3")
        .args(["-c", script, config, if include { "1" } else { "0" }])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("oracle");
    assert!(out.status.success(), "oracle failed for {config}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn both_tofu_modes_match_the_oracle() {
    if !oracle_available() {
        println!("NOTICE: python3 with opencc==1.4.2 not available; tofu-risk oracle test skipped");
        return;
    }
    let text = tofu_text();
    let mut differ = 0;
    for spec in config::CONFIGS {
        for (tofu, include) in [(TofuRisk::Include, true), (TofuRisk::Exclude, false)] {
            let expected = oracle(spec.name, include, &text);
            let got = converter_with(spec.name, tofu).convert(&text);
            if expected != got {
                let line = expected
                    .lines()
                    .zip(got.lines())
                    .enumerate()
                    .find(|(_, (a, b))| a != b)
                    .map(|(i, (a, b))| describe(i, a, b))
                    .unwrap_or_default();
                panic!("{} with {tofu:?}: differs from OpenCC: {line}", spec.name);
            }
        }
        let with = converter_with(spec.name, TofuRisk::Include).convert(&text);
        let without = converter_with(spec.name, TofuRisk::Exclude).convert(&text);
        if with != without {
            differ += 1;
        }
    }
    // t2s, tw2s, tw2sp, hk2s and hk2sp use TSCharactersExt: the modes must differ there.
    assert_eq!(
        differ, 5,
        "configs whose output depends on the tofu-risk mode"
    );
}

#[test]
fn excluding_tofu_risk_keeps_the_extension_targets_out() {
    let ext = &common::leaves().leaves["TSCharactersExt"];
    let (key, target) = ext.iter().next().expect("TSCharactersExt has entries");
    let with = converter_with("t2s", TofuRisk::Include).convert(key);
    let without = converter_with("t2s", TofuRisk::Exclude).convert(key);
    assert_eq!(&with, target, "the library default uses TSCharactersExt");
    assert_ne!(&without, target, "exclude leaves TSCharactersExt out");
}
