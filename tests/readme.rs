//! The README and the files in docs/ document what the code does: these checks fail when
//! the two drift apart.
#![cfg(not(target_arch = "wasm32"))]

use article_model::{EditorRole, REQUIRED_FIELDS};
use article_widget::LoadError;
use article_widget_embed::MOUNT_OPTIONS;

const README: &str = include_str!("../README.md");
const EMBEDDING: &str = include_str!("../docs/EMBEDDING.md");
const FORMAT: &str = include_str!("../docs/FORMAT.md");
const DEVELOPING: &str = include_str!("../docs/DEVELOPING.md");
const SCHEMA: &str = include_str!("../www/schema/article.v1.json");

#[test]
fn every_error_kind_an_event_can_carry_is_documented() {
    for e in LoadError::examples() {
        if matches!(e, LoadError::Cancelled) {
            continue; // never reported: the widget is gone
        }
        assert!(
            EMBEDDING.contains(&format!("`{}`", e.kind())),
            "docs/EMBEDDING.md misses kind {}",
            e.kind()
        );
    }
}

#[test]
fn every_mount_option_is_documented() {
    for option in MOUNT_OPTIONS {
        assert!(
            EMBEDDING.contains(&format!("| `{option}` |")),
            "docs/EMBEDDING.md's options table misses {option}"
        );
    }
}

#[test]
fn the_format_table_lists_every_schema_field_and_role() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
    for field in schema["properties"].as_object().unwrap().keys() {
        let row = FORMAT
            .lines()
            .find(|l| l.starts_with(&format!("| `{field}` |")))
            .unwrap_or_else(|| panic!("docs/FORMAT.md's table misses {field}"));
        let required = REQUIRED_FIELDS.contains(&field.as_str());
        assert!(
            row.contains(if required { "| yes |" } else { "| no |" }),
            "{row}"
        );
    }
    for role in EditorRole::ALL {
        assert!(FORMAT.contains(&format!("\"{}\"", role.as_str())));
    }
}

#[test]
fn the_commands_named_in_the_readme_and_docs_exist() {
    let ci = include_str!("../.ci/run");
    assert!(README.contains("cargo xtask test") && ci.contains("cargo xtask test"));
    assert!(README.contains("cargo xtask demo"));
    assert!(DEVELOPING.contains("cargo xtask test") && DEVELOPING.contains("cargo xtask demo"));
    assert!(DEVELOPING.contains("wasm-pack test --headless --chrome"));
    let xtask = include_str!("../xtask/src/flags.rs");
    for cmd in [
        "setup", "build", "demo", "test", "sizes", "deny", "licenses", "fuzz",
    ] {
        assert!(
            DEVELOPING.contains(&format!("cargo xtask {cmd}")),
            "docs/DEVELOPING.md does not name `cargo xtask {cmd}`"
        );
        assert!(
            xtask.contains(&format!("Some(\"{cmd}\")")),
            "xtask lacks {cmd}"
        );
    }
}

/// Every relative link in the README and in docs/ names a file of the repository and, for a
/// Markdown file, one of its headings (as GitHub makes anchors of them).
#[test]
fn every_relative_link_in_the_docs_resolves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            let name = file.strip_prefix(root).unwrap().display().to_string();
            if !linked.exists() {
                problems.push(format!("{name}: {target}: no such file"));
            } else if !anchor.is_empty() && linked.extension().is_some_and(|e| e == "md") {
                let headings = heading_anchors(&std::fs::read_to_string(&linked).unwrap());
                if !headings.iter().any(|h| h == anchor) {
                    problems.push(format!("{name}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Lines outside fenced code blocks.
fn prose_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    text.lines().filter(move |l| {
        if l.trim_start().starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// The targets of the `[text](target)` links in the prose.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose_lines(text) {
        for (i, _) in line.match_indices("](") {
            let rest = &line[i + 2..];
            if let Some(end) = rest.find(')') {
                targets.push(rest[..end].to_owned());
            }
        }
    }
    targets
}

/// GitHub's anchors for a Markdown file's headings: lower case, punctuation dropped, spaces
/// made hyphens, a repeated one numbered.
fn heading_anchors(text: &str) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    for line in prose_lines(text) {
        let Some(title) = line.strip_prefix('#') else {
            continue;
        };
        let title = title.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let base: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                '-' | '_' => Some(c),
                c if c.is_alphanumeric() => Some(c),
                _ => None,
            })
            .collect();
        let mut anchor = base.clone();
        let mut n = 0;
        while anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        anchors.push(anchor);
    }
    anchors
}
