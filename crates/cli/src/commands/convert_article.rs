//! `article-widget convert-article`: an article with every visible string in one script.

use std::path::PathBuf;

use article_convert::{convert_article_native, plan_for, ConvertOptions, Script};

/// Prints the article converted into `script`, as JSON; `file` is read up to `max_bytes`.
pub fn run(
    file: &str,
    script: Script,
    quote_marks: bool,
    data: Option<PathBuf>,
    max_bytes: u64,
) -> Result<(), String> {
    let shown = file;
    let text = super::read_capped(file, max_bytes)?;
    let article = article_model::parse_article_bytes(&text).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{shown}: {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let options = ConvertOptions { quote_marks };
    let mut converted = convert_article_native(&article, script, options, data.as_deref())?;
    if let Some(tag) = script.lang_tag() {
        if plan_for(&article, script).is_some_and(|p| !p.is_empty()) {
            converted.in_language = tag.to_owned();
        }
    }
    let json = serde_json::to_string_pretty(&converted).map_err(|e| format!("{shown}: {e}"))?;
    println!("{json}");
    Ok(())
}
