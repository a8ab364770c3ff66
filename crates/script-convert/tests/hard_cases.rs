//! The hard cases of OpenCC-exact conversion (segmentation, chains, normalization). Every
//! expected value was produced by the OpenCC 1.4.2 oracle (`python3 -c "import opencc; print(opencc.OpenCC(cfg).convert(text))"`);
//! `oracle_live.rs` re-checks them against the oracle when it is installed.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::converter;

fn check(config: &str, input: &str, expected: &str) {
    assert_eq!(
        converter(config).convert(input),
        expected,
        "{config}: {input}"
    );
}

#[test]
fn bao_gan_zhi_t2s() {
    check("t2s", "包乾制", "包干制");
}

#[test]
fn qianlong_stays() {
    check("t2s", "乾隆", "乾隆");
    check("s2t", "乾隆", "乾隆");
}

#[test]
fn toufa() {
    check("t2s", "頭髮", "头发");
    check("s2t", "头发", "頭髮");
}

#[test]
fn houlai_vs_huanghou() {
    check("s2t", "后来", "後來");
    check("s2t", "皇后", "皇后");
    check("s2t", "后来的皇后", "後來的皇后");
    check("t2s", "後來", "后来");
}

#[test]
fn chan() {
    check("t2s", "産", "产");
    check("t2s", "産品", "产品");
}

#[test]
fn yu_yu() {
    check("s2t", "于是", "於是");
    check("t2s", "於是", "于是");
    check("s2t", "于", "於");
    check("s2t", "位于", "位於");
}

#[test]
fn li_li() {
    check("t2s", "裏面", "里面");
    check("s2t", "里面", "裏面");
    check("s2tw", "里面", "裡面");
    check("tw2s", "裡面", "里面");
    check("t2tw", "裏", "裡");
}

#[test]
fn zhoumo_vs_zhouchao() {
    check("s2t", "周末", "週末");
    check("s2t", "周朝", "周朝");
    check("t2s", "週末", "周末");
}

#[test]
fn buju() {
    check("s2t", "布局", "佈局");
    check("t2s", "佈局", "布局");
}

#[test]
fn xian() {
    check("t2s", "綫", "线");
    check("t2s", "線", "线");
    check("t2tw", "綫", "綫");
    check("s2t", "线", "線");
}

#[test]
fn guashuai() {
    check("s2t", "挂帅", "掛帥");
    check("t2s", "掛帥", "挂帅");
    check("t2s", "挂帥", "挂帅");
}

#[test]
fn s2twp_taiwan_phrases() {
    check("s2twp", "网络", "網路");
    check("s2twp", "網絡", "網路");
    check("s2twp", "信息", "資訊");
    check("s2twp", "信息网络", "資訊網路");
}
