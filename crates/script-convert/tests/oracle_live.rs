//! Live differential test: when PyPI `opencc==1.4.2` is importable, converts a
//! freshly generated random corpus with the oracle and with this engine, for
//! every config. Set `ORACLE_SEED` to replay. Without the oracle, a casual `cargo test` skips
//! with a notice, but the tests fail where the oracle is required: under CI (`CI` set) and in
//! `cargo xtask test` (which sets `AW_REQUIRE_ORACLE=1`; `cargo xtask setup` installs it).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::Command;

use common::{char_diff, converter, describe, leaves};
use script_convert::CONFIG_NAMES;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn oracle_available() -> bool {
    Command::new("python3")
        .args([
            "-c",
            "import opencc, sys; sys.exit(0 if opencc.__version__ == '1.4.2' else 1)",
        ])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Whether to run: true when the oracle is there. Without it, panics where it is required
/// (`CI` or `AW_REQUIRE_ORACLE` set to anything but empty or `0`), else prints a notice.
fn oracle_ready() -> bool {
    if oracle_available() {
        return true;
    }
    let required = |var: &str| std::env::var(var).is_ok_and(|v| !v.is_empty() && v != "0");
    if required("CI") || required("AW_REQUIRE_ORACLE") {
        panic!(
            "python3 with opencc==1.4.2 is required here (CI or AW_REQUIRE_ORACLE is set) but \
             not importable; install it with `cargo xtask setup` (or `pip install opencc==1.4.2`)"
        );
    }
    println!(
        "NOTICE: python3 with opencc==1.4.2 not available; live oracle test skipped \
         (set AW_REQUIRE_ORACLE=1 to make this a failure)"
    );
    false
}

fn random_corpus(seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let keys: Vec<&str> = leaves()
        .leaves
        .values()
        .flat_map(|l| l.iter().map(|(k, _)| k.as_str()))
        .collect();
    let values: Vec<&str> = leaves()
        .leaves
        .values()
        .flat_map(|l| l.iter().map(|(_, v)| v.as_str()))
        .collect();
    let seps = [
        "", "", " ", "，", "。", "\n", "a", "·", "-", "⿰", "⿱", "😀", "𠀀", "\u{fa00}", "豈",
    ];
    let mut s = String::new();
    while s.len() < 400_000 {
        match rng.below(10) {
            0..=3 => s.push_str(keys[rng.below(keys.len())]),
            4..=5 => s.push_str(values[rng.below(values.len())]),
            6 => s.push(char::from_u32(0x4E00 + rng.below(0x5200) as u32).unwrap_or('一')),
            7 => s.push(char::from_u32(0x2FF0 + rng.below(16) as u32).unwrap_or('⿰')),
            8 => {
                let c = char::from_u32(1 + rng.below(0x10FFFF) as u32).unwrap_or('?');
                s.push(c);
            }
            _ => s.push_str(seps[rng.below(seps.len())]),
        }
    }
    s
}

#[test]
fn random_corpus_matches_live_oracle() {
    if !oracle_ready() {
        return;
    }
    let seed = std::env::var("ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(42)
        });
    println!("ORACLE_SEED={seed}");
    let corpus = random_corpus(seed);
    let dir = std::env::temp_dir().join(format!(
        "script-convert-oracle-{}-{seed}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("in.txt"), &corpus).expect("write corpus");
    let script = r#"
import sys, os, opencc
d = sys.argv[1]
text = open(os.path.join(d, 'in.txt'), encoding='utf-8', newline='').read()
for name in sys.argv[2:]:
    with open(os.path.join(d, name + '.out'), 'w', encoding='utf-8', newline='') as f:
        f.write(opencc.OpenCC(name).convert(text))
"#;
    let status = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&dir)
        .args(CONFIG_NAMES)
        .status()
        .expect("run python3");
    assert!(status.success(), "oracle script failed");
    let mut failures = Vec::new();
    for &config in CONFIG_NAMES {
        let expected =
            std::fs::read_to_string(dir.join(format!("{config}.out"))).expect("oracle output");
        let got = converter(config).convert(&corpus);
        if expected != got {
            let (e, g): (Vec<&str>, Vec<&str>) =
                (expected.split('\n').collect(), got.split('\n').collect());
            let mut n = 0;
            let mut first = None;
            for (i, (a, b)) in e.iter().zip(&g).enumerate() {
                if a != b {
                    n += char_diff(a, b);
                    first.get_or_insert_with(|| describe(i, a, b));
                }
            }
            failures.push(format!(
                "{config}: {n} differing characters; first: {}",
                first.unwrap_or_default()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "seed {seed}:\n{}", failures.join("\n"));
}

#[test]
fn hard_cases_match_live_oracle() {
    if !oracle_ready() {
        return;
    }
    let cases = [
        ("t2s", "包乾制"),
        ("t2s", "乾隆"),
        ("s2t", "头发"),
        ("s2t", "后来的皇后"),
        ("t2s", "産品"),
        ("s2t", "位于"),
        ("s2tw", "里面"),
        ("t2s", "裏面"),
        ("s2t", "周末"),
        ("s2t", "周朝"),
        ("s2t", "布局"),
        ("t2s", "綫"),
        ("t2tw", "綫"),
        ("s2t", "挂帅"),
        ("t2s", "挂帥"),
        ("s2twp", "网络"),
        ("s2twp", "信息"),
    ];
    for (config, text) in cases {
        let out = Command::new("python3")
            .args(["-c", "import sys, opencc; sys.stdout.write(opencc.OpenCC(sys.argv[1]).convert(sys.argv[2]))", config, text])
            .output()
            .expect("python3");
        let expected = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(
            converter(config).convert(text),
            expected,
            "{config}: {text}"
        );
    }
}

/// The generated `STPhrases_GeneratedFromRegionalPhrases` table equals what
/// OpenCC's `generate_st_phrases_from_regional_phrases.py` produces with the
/// oracle's t2s (same rules re-done in Python here: ≥ 3 characters, first
/// regional key wins, no conflicts).
#[test]
fn generated_regional_table_matches_the_oracle_projection() {
    if !oracle_ready() {
        return;
    }
    let script = r#"
import sys, os, opencc
d = sys.argv[1]
t2s = opencc.OpenCC('t2s')
table = {}
for name in ('HKPhrases.txt', 'TWPhrases.txt'):
    for line in open(os.path.join(d, name), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        key = line.rstrip('\r\n').split('\t', 1)[0]
        conv = t2s.convert(key)
        if len(conv) < 3:
            continue
        table.setdefault(conv, []).append(key)
for k in sorted(table):
    if len(set(table[k])) > 1:
        sys.exit('conflict ' + k)
    sys.stdout.write(k + '\t' + table[k][0] + '\n')
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(common::data_dir().join("dictionary"))
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Vec<(String, String)> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let (k, v) = l.split_once('\t').expect("tab");
            (k.to_string(), v.to_string())
        })
        .collect();
    let ours = &leaves().leaves["STPhrases_GeneratedFromRegionalPhrases"];
    assert_eq!(ours.len(), expected.len());
    for (a, b) in ours.iter().zip(&expected) {
        assert_eq!(a, b);
    }
}
