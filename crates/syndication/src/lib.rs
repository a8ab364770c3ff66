//! The article widget rendered for syndication, where no script may run: the snippet (the
//! widget's own components under Yew's server-side renderer, with inline styles), the
//! article as inline JSON, the oEmbed response, and `prepare` (dictionary slices written into
//! a document). Used by the CLI and the demo's embed-code builder. The snippet's styles and the
//! oEmbed height come from one table of the widget's layout metrics ([`layout`]).

pub mod inline_json;
pub mod layout;
pub mod oembed;
#[cfg(not(target_arch = "wasm32"))]
pub mod prepare;
pub mod snippet;

/// The message for a document that failed validation: every problem listed (the first
/// [`article_model::MAX_PROBLEMS`], then how many more), each with its JSON path.
pub fn invalid_document(file: &str, problems: &[article_model::Problem]) -> String {
    let n = article_model::Problem::count(problems);
    let mut msg = format!(
        "{file}: not a valid article document ({n} problem{}):",
        if n == 1 { "" } else { "s" }
    );
    for p in problems {
        msg.push_str(&format!("\n{file}: {p}"));
    }
    msg
}
