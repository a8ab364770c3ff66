//! `article-widget prepare`: the document with its dictionary slices (`conversion.slices`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{print, report};

/// Prints the prepared document, or writes it to `out`; `file` is read up to `max_bytes`.
pub fn run(file: &str, out: Option<PathBuf>, data: Option<PathBuf>, max_bytes: u64) -> ExitCode {
    let prepared = super::read_capped(file, max_bytes).and_then(|bytes| {
        article_widget_syndication::prepare::prepared(file, &bytes, data.as_deref())
    });
    match out {
        None => print(prepared),
        Some(out) => report(prepared.and_then(|text| {
            std::fs::write(&out, text).map_err(|e| format!("{}: cannot write: {e}", out.display()))
        })),
    }
}
