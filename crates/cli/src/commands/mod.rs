//! One module per command; what they share is here: printing a result, reading a document
//! under a size cap, and escaping what came from input before it reaches a terminal.

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

/// Prints the problem (exit 1) to stderr, its control characters escaped ([`terminal_safe`]).
pub fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-widget: {}", terminal_safe(&e));
            ExitCode::FAILURE
        }
    }
}

/// `text` with every control character but the line break, and every invisible format
/// character (zero-width, bidi overrides), written as an escape (`\u{1b}`, as
/// [`article_model::quote`] writes them): messages carry JSON keys and values from the input,
/// and an ESC or OSC sequence there must not reach the reader's terminal.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escaped = article_model::quote_char(c);
        // quote_char writes the character between single quotes, escaped when it must be.
        let inner = &escaped[1..escaped.len() - 1];
        if c == '\n' || c == '\\' || c == '\'' || inner.chars().count() == 1 {
            out.push(c);
        } else {
            out.push_str(inner);
        }
    }
    out
}

/// The default cap on an input document: the widget's default `maxBytes` (2 MiB).
pub const DEFAULT_MAX_BYTES: u64 = article_widget::backend::DEFAULT_MAX_BYTES as u64;

/// Reads `file` ("-": stdin), refusing more than `max` bytes with a message naming
/// `--max-bytes`, the flag that raises the cap.
pub fn read_capped(file: &str, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().take(max + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{file}: cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "{file}: larger than {max} bytes, the cap on input; give --max-bytes BYTES to \
             raise it (the widget refuses a document over its maxBytes, 2097152 by default)"
        ));
    }
    Ok(bytes)
}

/// Reads (at most `max` bytes) and validates an article document, with every problem's JSON
/// path on failure.
fn read_article(file: &str, max: u64) -> Result<Article, String> {
    let bytes = read_capped(file, max)?;
    article_model::parse_article_bytes(&bytes)
        .map_err(|problems| article_widget_syndication::invalid_document(file, &problems))
}

/// Runs the server-side renderer (a future) to completion on a current-thread runtime.
fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    Ok(runtime.block_on(future))
}
