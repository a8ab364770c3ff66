//! One module per command; what they share is here: printing a result, reading a document.

use std::process::ExitCode;

use article_model::Article;

pub mod completions;
pub mod convert;
pub mod convert_article;
pub mod dict;
pub mod oembed;
pub mod prepare;
pub mod snippet;
pub mod validate;

/// Prints the output, or the problem (exit 1).
pub fn print(result: Result<String, String>) -> ExitCode {
    report(result.map(|out| print!("{out}")))
}

pub fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-widget: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads and validates an article document, with every problem's JSON path on failure.
fn read_article(file: &str) -> Result<Article, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    article_model::parse_article(&text)
        .map_err(|problems| article_widget_syndication::invalid_document(file, &problems))
}

/// Runs the server-side renderer (a future) to completion on a current-thread runtime.
fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    Ok(runtime.block_on(future))
}
