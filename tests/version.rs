//! One version for everything released together: the workspace's crates, the loader's
//! `ArticleWidget.version`, the CHANGELOG's latest release (the npm package and the bundle
//! name take the workspace version in `cargo xtask dist`, whose test checks
//! `ArticleWidget.version` in the browser against the bundle's).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_crate_takes_the_workspace_version() {
    let root = read("Cargo.toml");
    assert!(
        root.contains(&format!(
            "[workspace.package]\n# One version for the crates, the npm package, ArticleWidget.version and the release bundle\n# (tests/version.rs holds them together; see CHANGELOG.md).\nversion = \"{VERSION}\""
        )),
        "Cargo.toml: [workspace.package] version must be {VERSION}"
    );
    // Every workspace member (as listed in `members`).
    let members = root
        .split_once("members = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("Cargo.toml: [workspace] members");
    let members: Vec<&str> = members
        .split(',')
        .map(|m| m.trim().trim_matches('"'))
        .filter(|m| !m.is_empty())
        .collect();
    assert!(members.len() >= 8, "{members:?}");
    for member in members {
        let manifest = if member == "." {
            "Cargo.toml".to_owned()
        } else {
            format!("{member}/Cargo.toml")
        };
        let text = read(&manifest);
        let package = text
            .split("\n[")
            .find(|s| s.starts_with("package]") || s.starts_with("[package]"))
            .unwrap_or_else(|| panic!("{manifest}: no [package]"));
        assert!(
            package
                .lines()
                .any(|l| l.trim() == "version.workspace = true"),
            "{manifest}: give the package `version.workspace = true`"
        );
    }
    // The path dependencies a published crate would name on crates.io.
    for dep in ["article-model", "script-convert"] {
        let line = root
            .lines()
            .find(|l| l.starts_with(&format!("{dep} = ")))
            .unwrap_or_else(|| panic!("Cargo.toml: no workspace dependency {dep}"));
        assert!(
            line.contains(&format!("version = \"{VERSION}\"")),
            "Cargo.toml: the workspace dependency {dep} must require version {VERSION}: {line}"
        );
    }
}

#[test]
fn the_loader_reports_the_release_version() {
    let loader = read("www/article-widget.js");
    let line = loader
        .lines()
        .find(|l| l.contains("var LOADER_VERSION = "))
        .expect("www/article-widget.js: LOADER_VERSION");
    assert_eq!(
        line.trim(),
        format!("var LOADER_VERSION = \"{VERSION}\";"),
        "www/article-widget.js: set LOADER_VERSION (ArticleWidget.version) to {VERSION}"
    );
    let types = read("www/article-widget.d.ts");
    assert!(types.contains("readonly version: string;"));
}

#[test]
fn the_changelog_names_the_release() {
    let changelog = read("CHANGELOG.md");
    let releases: Vec<&str> = changelog
        .lines()
        .filter_map(|l| l.strip_prefix("## ["))
        .filter_map(|l| l.split(']').next())
        .filter(|v| *v != "Unreleased")
        .collect();
    assert_eq!(
        releases.first().copied(),
        Some(VERSION),
        "CHANGELOG.md: the latest release heading must be ## [{VERSION}]"
    );
    assert!(changelog.contains("## [Unreleased]"));
}
