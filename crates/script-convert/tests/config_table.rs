//! The built-in config table (src/config.rs) equals OpenCC's JSON configs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::data_dir;
use script_convert::config::{self, Member, Policy};
use serde_json::Value;

/// Canonical text form of a JSON `dict`.
fn json_dict(v: &Value) -> String {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match s("type").as_str() {
        "group" => {
            let members: Vec<String> = v["dicts"]
                .as_array()
                .expect("dicts")
                .iter()
                .map(json_dict)
                .collect();
            format!("{}[{}]", s("match_policy"), members.join(","))
        }
        _ => s("file").trim_end_matches(".ocd2").to_string(),
    }
}

fn spec_group(id: &str) -> String {
    let g = config::group(id).expect("group");
    let members: Vec<String> = g
        .members
        .iter()
        .map(|m| match m {
            Member::Leaf(n) => n.to_string(),
            Member::Union(ns) => format!("union[{}]", ns.join(",")),
        })
        .collect();
    if members.len() == 1 {
        return members[0].clone();
    }
    let policy = match g.policy {
        Policy::ShortCircuit => "short_circuit",
        Policy::Union => "union",
    };
    format!("{policy}[{}]", members.join(","))
}

/// The segmentation dictionary is the first member of the named group.
fn spec_first_member(id: &str) -> String {
    match config::group(id).expect("group").members[0] {
        Member::Leaf(n) => n.to_string(),
        Member::Union(ns) => format!("union[{}]", ns.join(",")),
    }
}

#[test]
fn config_table_matches_opencc_json() {
    let dir = data_dir().join("config");
    let mut seen = 0;
    for spec in config::CONFIGS {
        let path = dir.join(format!("{}.json", spec.name));
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("config file"))
                .expect("JSON");
        let chain = |key: &str| -> Vec<String> {
            json.get(key)
                .and_then(Value::as_array)
                .map(|a| a.iter().map(|c| json_dict(&c["dict"])).collect())
                .unwrap_or_default()
        };
        let norm: Vec<String> = spec.normalization.iter().map(|g| spec_group(g)).collect();
        assert_eq!(chain("normalization"), norm, "{}: normalization", spec.name);
        let chain_spec: Vec<String> = spec.chain.iter().map(|g| spec_group(g)).collect();
        assert_eq!(
            chain("conversion_chain"),
            chain_spec,
            "{}: conversion_chain",
            spec.name
        );
        let seg_json = json.get("segmentation").map(|s| {
            assert_eq!(s["type"], "mmseg");
            json_dict(&s["dict"])
        });
        assert_eq!(
            seg_json,
            spec.segmentation.map(spec_first_member),
            "{}: segmentation",
            spec.name
        );
        seen += 1;
    }
    let files = std::fs::read_dir(&dir).expect("config dir").filter(|e| {
        e.as_ref()
            .map(|e| e.path().extension().is_some_and(|x| x == "json"))
            .unwrap_or(false)
    });
    assert_eq!(files.count(), seen, "every shipped config is in the table");
}

/// Each tofu-free group is its full group without the members OpenCC marks
/// `may_output_tofu` (in every config that uses it).
#[test]
fn tofu_free_groups_drop_exactly_the_may_output_tofu_members() {
    let dir = data_dir().join("config");
    let mut seen = 0;
    for spec in config::CONFIGS {
        let path = dir.join(format!("{}.json", spec.name));
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("config file"))
                .expect("JSON");
        for (step, id) in json["conversion_chain"]
            .as_array()
            .expect("chain")
            .iter()
            .zip(spec.chain)
        {
            let dict = &step["dict"];
            let Some(members) = dict.get("dicts").and_then(Value::as_array) else {
                continue;
            };
            if !members.iter().any(|m| m["may_output_tofu"] == true) {
                assert_eq!(config::group_for(id, config::TofuRisk::Exclude), *id);
                continue;
            }
            let kept: Vec<Value> = members
                .iter()
                .filter(|m| m["may_output_tofu"] != true)
                .cloned()
                .collect();
            let mut without = dict.clone();
            without["dicts"] = Value::Array(kept);
            assert_eq!(
                json_dict(&without),
                spec_group(config::group_for(id, config::TofuRisk::Exclude)),
                "{}",
                spec.name
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 5, "t2s, tw2s, tw2sp, hk2s, hk2sp use TSCharactersExt");
}
