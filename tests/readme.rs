//! The README documents what the code does: these checks fail when the two drift apart.
#![cfg(not(target_arch = "wasm32"))]

use article_model::{EditorRole, REQUIRED_FIELDS};
use article_widget::widget::MOUNT_OPTIONS;
use article_widget::LoadError;

const README: &str = include_str!("../README.md");
const SCHEMA: &str = include_str!("../www/schema/article.v1.json");

#[test]
fn every_error_kind_an_event_can_carry_is_documented() {
    for e in LoadError::examples() {
        if matches!(e, LoadError::Cancelled) {
            continue; // never reported: the widget is gone
        }
        assert!(
            README.contains(&format!("`{}`", e.kind())),
            "README misses kind {}",
            e.kind()
        );
    }
}

#[test]
fn every_mount_option_is_documented() {
    for option in MOUNT_OPTIONS {
        assert!(
            README.contains(&format!("| `{option}` |")),
            "README's options table misses {option}"
        );
    }
}

#[test]
fn the_format_table_lists_every_schema_field_and_role() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
    for field in schema["properties"].as_object().unwrap().keys() {
        let row = README
            .lines()
            .find(|l| l.starts_with(&format!("| `{field}` |")))
            .unwrap_or_else(|| panic!("README format table misses {field}"));
        let required = REQUIRED_FIELDS.contains(&field.as_str());
        assert!(
            row.contains(if required { "| yes |" } else { "| no |" }),
            "{row}"
        );
    }
    for role in EditorRole::ALL {
        assert!(README.contains(&format!("\"{}\"", role.as_str())));
    }
}

#[test]
fn the_commands_named_in_the_readme_exist() {
    let ci = include_str!("../.ci/run");
    assert!(README.contains("cargo xtask test") && ci.contains("cargo xtask test"));
    assert!(README.contains("cargo xtask demo"));
    assert!(README.contains("wasm-pack test --headless --chrome"));
    let xtask = include_str!("../xtask/src/flags.rs");
    for cmd in [
        "setup", "build", "demo", "test", "sizes", "deny", "licenses", "fuzz",
    ] {
        assert!(
            README.contains(&format!("cargo xtask {cmd}")),
            "the README does not name `cargo xtask {cmd}`"
        );
        assert!(
            xtask.contains(&format!("Some(\"{cmd}\")")),
            "xtask lacks {cmd}"
        );
    }
}
