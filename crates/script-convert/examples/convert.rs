//! Converts text with one OpenCC configuration, the way a page does it: compile the
//! dictionary groups the config needs into files, then load a converter from those bytes.
//!
//! ```sh
//! cargo run --example convert -- t2s 頭髮和乾燥的麵條     # 头发和干燥的面条
//! echo '后来的皇后' | cargo run --example convert -- s2twp
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use script_convert::compile::{Leaves, TEXT_DICTIONARIES};
use script_convert::{config, Converter, CONFIG_NAMES};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = args.first() else {
        eprintln!(
            "usage: convert CONFIG [TEXT...]   (CONFIG: {})",
            CONFIG_NAMES.join(" ")
        );
        return ExitCode::from(2);
    };
    match run(name, &args[1..]) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(name: &str, words: &[String]) -> Result<String, Box<dyn std::error::Error>> {
    let spec = config::config(name).ok_or_else(|| {
        format!(
            "unknown config {name:?}; use one of: {}",
            CONFIG_NAMES.join(" ")
        )
    })?;
    // OpenCC 1.4.2's text dictionaries ship inside this crate.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc/dictionary");
    let mut texts = BTreeMap::new();
    for name in TEXT_DICTIONARIES {
        let path = data.join(format!("{name}.txt"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        texts.insert(name.to_string(), text);
    }
    let leaves = Leaves::from_texts(&texts)?;
    // One compiled file per group, as `article-widget dict build` writes them.
    let files: Vec<(String, Vec<u8>)> = spec
        .groups()
        .into_iter()
        .map(|g| Ok((format!("{g}.scd"), leaves.compile_group(g)?)))
        .collect::<Result<_, script_convert::Error>>()?;
    for (file, bytes) in &files {
        eprintln!("{file}: {} bytes", bytes.len());
    }
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let converter = Converter::from_files(name, &borrowed)?;
    let text = if words.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        words.join(" ")
    };
    Ok(converter.convert(text.trim_end()))
}
