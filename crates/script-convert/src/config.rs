//! The OpenCC 1.4.2 configurations, expressed as dictionary *groups*.
//!
//! Every `dict` that appears in an OpenCC config's `normalization`, `segmentation`
//! or `conversion_chain` is a (possibly nested) group of leaf dictionaries with a
//! `short_circuit` or `union` match policy. Each distinct group is compiled into one
//! dictionary file (see `FORMAT.md`), so a page fetches only the groups its config
//! uses. A test (`tests/config_table.rs`) checks this table against the JSON configs
//! in `data/opencc/config/`.

/// How a group resolves matches of its members at one text position
/// (OpenCC's `match_policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The first member that has any prefix match wins (even a shorter one).
    ShortCircuit,
    /// The longest prefix match over all members wins; ties go to the earlier member.
    Union,
}

/// A member of a group: a leaf dictionary or a nested union of leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    Leaf(&'static str),
    Union(&'static [&'static str]),
}

/// One dictionary group, compiled into the file `<id>.scd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupSpec {
    pub id: &'static str,
    pub policy: Policy,
    pub members: &'static [Member],
}

/// One conversion configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigSpec {
    pub name: &'static str,
    /// Group used for OpenCC's `normalization` pre-pass.
    pub normalization: Option<&'static str>,
    /// Max-match segmentation over the *first member* of this group.
    pub segmentation: Option<&'static str>,
    /// The conversion chain, one group per step.
    pub chain: &'static [&'static str],
}

use Member::{Leaf, Union};
use Policy::ShortCircuit;

/// All dictionary groups used by the OpenCC 1.4.2 configs.
pub static GROUPS: &[GroupSpec] = &[
    GroupSpec {
        id: "norm",
        policy: ShortCircuit,
        members: &[Leaf("CJK_Compatibility_Ideographs")],
    },
    GroupSpec {
        id: "st",
        policy: ShortCircuit,
        members: &[
            Union(&["STPhrases", "STPhrases_GeneratedFromRegionalPhrases"]),
            Leaf("STCharacters"),
        ],
    },
    GroupSpec {
        id: "ts",
        policy: ShortCircuit,
        members: &[
            Leaf("TSPhrases"),
            Leaf("TSCharactersExt"),
            Leaf("TSCharacters"),
        ],
    },
    // `ts` without the `may_output_tofu` member (TSCharactersExt): what OpenCC builds for t2s,
    // tw2s, tw2sp, hk2s and hk2sp when tofu-risk dictionaries are excluded.
    GroupSpec {
        id: "ts-notofu",
        policy: ShortCircuit,
        members: &[Leaf("TSPhrases"), Leaf("TSCharacters")],
    },
    GroupSpec {
        id: "tw-variants",
        policy: ShortCircuit,
        members: &[Leaf("TWVariantsPhrases"), Leaf("TWVariants")],
    },
    GroupSpec {
        id: "tw-phrases",
        policy: ShortCircuit,
        members: &[
            Leaf("TWPhrases"),
            Leaf("TWVariantsPhrases"),
            Leaf("TWVariants"),
        ],
    },
    GroupSpec {
        id: "tw-variants-rev",
        policy: ShortCircuit,
        members: &[Leaf("TWVariantsRevPhrases"), Leaf("TWVariantsRev")],
    },
    GroupSpec {
        id: "tw-phrases-rev",
        policy: ShortCircuit,
        members: &[
            Leaf("TWPhrasesRev"),
            Leaf("TWVariantsRevPhrases"),
            Leaf("TWVariantsRev"),
        ],
    },
    GroupSpec {
        id: "hk-variants",
        policy: ShortCircuit,
        members: &[Leaf("HKVariantsPhrases"), Leaf("HKVariants")],
    },
    GroupSpec {
        id: "hk-phrases",
        policy: ShortCircuit,
        members: &[
            Leaf("HKPhrases"),
            Leaf("HKVariantsPhrases"),
            Leaf("HKVariants"),
        ],
    },
    GroupSpec {
        id: "hk-variants-rev",
        policy: ShortCircuit,
        members: &[Leaf("HKVariantsRevPhrases"), Leaf("HKVariantsRev")],
    },
    GroupSpec {
        id: "hk-phrases-rev",
        policy: ShortCircuit,
        members: &[
            Leaf("HKPhrasesRev"),
            Leaf("HKVariantsRevPhrases"),
            Leaf("HKVariantsRev"),
        ],
    },
    GroupSpec {
        id: "jp-shinjitai",
        policy: ShortCircuit,
        members: &[Leaf("JPShinjitaiPhrases"), Leaf("JPShinjitaiCharacters")],
    },
    GroupSpec {
        id: "jp-shinjitai-rev",
        policy: ShortCircuit,
        members: &[Leaf("JPShinjitaiCharactersRev")],
    },
];

const N: Option<&str> = Some("norm");

/// All configurations, in the order OpenCC's README lists them.
pub static CONFIGS: &[ConfigSpec] = &[
    ConfigSpec {
        name: "s2t",
        normalization: N,
        segmentation: None,
        chain: &["st"],
    },
    ConfigSpec {
        name: "t2s",
        normalization: N,
        segmentation: None,
        chain: &["ts"],
    },
    ConfigSpec {
        name: "s2tw",
        normalization: N,
        segmentation: Some("st"),
        chain: &["st", "tw-variants"],
    },
    ConfigSpec {
        name: "tw2s",
        normalization: N,
        segmentation: Some("ts"),
        chain: &["tw-variants-rev", "ts"],
    },
    ConfigSpec {
        name: "s2twp",
        normalization: N,
        segmentation: Some("st"),
        chain: &["st", "tw-phrases"],
    },
    ConfigSpec {
        name: "tw2sp",
        normalization: N,
        segmentation: Some("ts"),
        chain: &["tw-phrases-rev", "ts"],
    },
    ConfigSpec {
        name: "s2hk",
        normalization: N,
        segmentation: Some("st"),
        chain: &["st", "hk-variants"],
    },
    ConfigSpec {
        name: "hk2s",
        normalization: N,
        segmentation: Some("ts"),
        chain: &["hk-variants-rev", "ts"],
    },
    ConfigSpec {
        name: "s2hkp",
        normalization: N,
        segmentation: Some("st"),
        chain: &["st", "hk-phrases"],
    },
    ConfigSpec {
        name: "hk2sp",
        normalization: N,
        segmentation: Some("ts"),
        chain: &["hk-phrases-rev", "ts"],
    },
    ConfigSpec {
        name: "t2tw",
        normalization: N,
        segmentation: None,
        chain: &["tw-variants"],
    },
    ConfigSpec {
        name: "tw2t",
        normalization: N,
        segmentation: None,
        chain: &["tw-variants-rev"],
    },
    ConfigSpec {
        name: "t2hk",
        normalization: N,
        segmentation: None,
        chain: &["hk-variants"],
    },
    ConfigSpec {
        name: "hk2t",
        normalization: N,
        segmentation: None,
        chain: &["hk-variants-rev"],
    },
    ConfigSpec {
        name: "jp2t",
        normalization: N,
        segmentation: None,
        chain: &["jp-shinjitai"],
    },
    ConfigSpec {
        name: "t2jp",
        normalization: N,
        segmentation: None,
        chain: &["jp-shinjitai-rev"],
    },
];

/// Whether dictionaries that OpenCC marks `may_output_tofu` take part in a conversion.
///
/// OpenCC 1.4.2's library includes them by default (`include_tofu_risk_dictionaries`), and
/// its command-line tool leaves them out unless `--include-tofu-risk-dictionaries` is given.
/// Their targets (e.g. 𫖇, 𫗦) are shown as empty boxes by many fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TofuRisk {
    /// Use them (OpenCC's library default).
    #[default]
    Include,
    /// Leave them out (OpenCC's command-line default; what text shown to readers wants).
    Exclude,
}

impl TofuRisk {
    /// Parses `include` or `exclude`.
    pub fn parse(s: &str) -> Option<TofuRisk> {
        match s {
            "include" => Some(TofuRisk::Include),
            "exclude" => Some(TofuRisk::Exclude),
            _ => None,
        }
    }
}

/// Groups with a member OpenCC marks `may_output_tofu`, and the group without it.
pub static TOFU_FREE_GROUPS: &[(&str, &str)] = &[("ts", "ts-notofu")];

/// The group to use for `id` under `tofu`.
pub fn group_for(id: &'static str, tofu: TofuRisk) -> &'static str {
    match tofu {
        TofuRisk::Include => id,
        TofuRisk::Exclude => TOFU_FREE_GROUPS
            .iter()
            .find(|(with, _)| *with == id)
            .map_or(id, |(_, without)| without),
    }
}

/// Names of all supported configurations.
pub const CONFIG_NAMES: &[&str] = &[
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp", "t2tw",
    "tw2t", "t2hk", "hk2t", "jp2t", "t2jp",
];

/// Looks a configuration up by name (`"s2t"`; a trailing `.json` is accepted).
pub fn config(name: &str) -> Option<&'static ConfigSpec> {
    let name = name.strip_suffix(".json").unwrap_or(name);
    CONFIGS.iter().find(|c| c.name == name)
}

/// Looks a group up by id.
pub fn group(id: &str) -> Option<&'static GroupSpec> {
    GROUPS.iter().find(|g| g.id == id)
}

impl ConfigSpec {
    /// The distinct groups this config needs, in first-use order
    /// (normalization, segmentation, chain).
    pub fn groups(&self) -> Vec<&'static str> {
        self.groups_with(TofuRisk::Include)
    }

    /// The distinct groups this config needs under `tofu`, in first-use order.
    pub fn groups_with(&self, tofu: TofuRisk) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        let all = self
            .normalization
            .iter()
            .chain(self.segmentation.iter())
            .chain(self.chain.iter());
        for g in all {
            let g = group_for(g, tofu);
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_table_matches_configs() {
        let names: Vec<&str> = CONFIGS.iter().map(|c| c.name).collect();
        assert_eq!(names, CONFIG_NAMES);
        for c in CONFIGS {
            for g in c.groups() {
                assert!(group(g).is_some(), "{} uses unknown group {g}", c.name);
            }
        }
        assert_eq!(config("s2t.json").map(|c| c.name), Some("s2t"));
        assert!(config("nope").is_none());
    }
}
