//! OpenCC 1.4.2's dictionaries, compiled by `script-convert` when this crate is built and
//! embedded in the binary (about 0.7 MB): the native CLI converts with no data directory, from
//! any working directory, with the source tree gone. The files are byte for byte those of
//! `article-widget dict build` (the test below checks it).
//!
//! The data is OpenCC's, under the Apache License 2.0; see
//! `crates/script-convert/data/opencc/LICENSE` and `NOTICE`.

#![forbid(unsafe_code)]

use std::sync::Arc;

use script_convert::{config, Converter, Dictionary, Error, TofuRisk};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded file of dictionary group `group` (`st`, `ts-notofu`, ...).
pub fn file(group: &str) -> Option<(&'static str, &'static [u8])> {
    FILES
        .iter()
        .find(|(name, _)| name.split('.').next() == Some(group))
        .copied()
}

/// A converter for `config` from the embedded dictionaries, loading only the groups it needs.
pub fn converter(config_name: &str, tofu: TofuRisk) -> Result<Converter, Error> {
    let spec = config::config(config_name).ok_or_else(|| Error::UnknownConfig {
        name: config_name.to_owned(),
    })?;
    let mut dicts = Vec::new();
    for group in spec.groups_with(tofu) {
        let (name, bytes) = file(group).ok_or_else(|| Error::MissingDictionary {
            config: config_name.to_owned(),
            group: group.to_owned(),
        })?;
        dicts.push(Arc::new(Dictionary::from_bytes(name, bytes)?));
    }
    Converter::with_tofu_risk(config_name, tofu, &dicts)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_group_is_embedded_and_listed_by_the_manifest() {
        for g in config::GROUPS {
            let (name, bytes) = file(g.id).unwrap_or_else(|| panic!("{} not embedded", g.id));
            assert!(
                MANIFEST.contains(&format!("\"file\": \"{name}\"")),
                "{name}"
            );
            assert_eq!(
                script_convert::cli::file_name(g.id, script_convert::crc32::crc32(bytes)),
                name
            );
        }
        assert_eq!(FILES.len(), config::GROUPS.len());
    }

    #[test]
    fn embedded_converters_convert() {
        let t2s = converter("t2s", TofuRisk::Exclude).expect("t2s");
        assert_eq!(t2s.convert("頭髮和乾燥的麵條"), "头发和干燥的面条");
        let s2twp = converter("s2twp", TofuRisk::Include).expect("s2twp");
        assert_eq!(s2twp.convert("软件"), "軟體");
        assert!(matches!(
            converter("s2x", TofuRisk::Include),
            Err(Error::UnknownConfig { .. })
        ));
    }
}
