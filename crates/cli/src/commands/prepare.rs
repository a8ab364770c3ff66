//! `article-widget prepare`: the document with its dictionary slices (`conversion.slices`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{print, report};

/// Prints the prepared document, or writes it to `out`.
pub fn run(file: &str, out: Option<PathBuf>, data: Option<PathBuf>) -> ExitCode {
    let prepared = article_widget_syndication::prepare::prepare(file, data.as_deref());
    match out {
        None => print(prepared),
        Some(out) => report(prepared.and_then(|text| {
            std::fs::write(&out, text).map_err(|e| format!("{}: cannot write: {e}", out.display()))
        })),
    }
}
