//! The demo page's embed-code builder: `article-widget snippet` compiled to WebAssembly.
//!
//! The same Rust code as the CLI (`article_widget_syndication::snippet`: Yew's `LocalServerRenderer` of
//! `ArticleView`, the inline JSON, the SRI, `script::convert_article`) behind two functions;
//! the page only fetches (the article, the compiled dictionaries, the loader for SRI) and
//! shows the result. Built by `cargo xtask build` into `www/demo/pkg/`, a separate artifact:
//! none of this reaches the widget's module in `www/pkg/`.
#![cfg(target_arch = "wasm32")]

use article_convert::Script;
use article_widget_syndication::snippet::{self, SnippetOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// What the builder's form gives, named as the CLI's options (camelCase).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    loader: String,
    json_url: Option<String>,
    script: Option<String>,
    excerpt: Option<u32>,
    structured_data: Option<bool>,
}

fn error(message: impl Into<String>) -> JsValue {
    js_sys::Error::new(&message.into()).into()
}

fn parse_article(text: &str) -> Result<article_model::Article, JsValue> {
    article_model::parse_article(text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        error(format!(
            "not a valid article document:\n{}",
            lines.join("\n")
        ))
    })
}

fn parse_script(script: Option<&str>) -> Result<Option<Script>, JsValue> {
    script
        .map(|s| Script::parse(s).ok_or_else(|| error(format!("unknown script {s:?}"))))
        .transpose()
}

/// The compiled dictionary groups (`www/dict/manifest.json`'s `group`) that converting the
/// article into `script` needs, tofu-risk dictionaries left out as in the widget. Empty when
/// the article is shown as published.
#[wasm_bindgen(js_name = dictionaryGroups)]
pub fn dictionary_groups(
    article_json: &str,
    script: Option<String>,
) -> Result<Vec<String>, JsValue> {
    let article = parse_article(article_json)?;
    let configs =
        snippet::configs_for(&article, parse_script(script.as_deref())?).map_err(error)?;
    let mut groups: Vec<String> = Vec::new();
    for name in configs {
        let spec = script_convert::config::config(name)
            .ok_or_else(|| error(format!("unknown config {name}")))?;
        for g in spec.groups_with(script_convert::TofuRisk::Exclude) {
            if !groups.iter().any(|x| x == g) {
                groups.push(g.to_owned());
            }
        }
    }
    Ok(groups)
}

/// The snippet for `article_json` with `options`, given the dictionary files the conversion
/// needs as `[[name, Uint8Array], …]` (checked by their checksums when loaded) and, for the
/// SRI, the loader file's bytes (`--loader-file`).
#[wasm_bindgen]
pub async fn snippet(
    article_json: String,
    options: JsValue,
    files: js_sys::Array,
    loader_file: Option<Vec<u8>>,
) -> Result<String, JsValue> {
    let o: Options = serde_wasm_bindgen::from_value(options).map_err(|e| error(e.to_string()))?;
    let article = parse_article(&article_json)?;
    let script = parse_script(o.script.as_deref())?;
    let mut loaded: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in files.iter() {
        let pair: js_sys::Array = entry.into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let bytes = js_sys::Uint8Array::new(&pair.get(1)).to_vec();
        loaded.push((name, bytes));
    }
    let refs: Vec<(&str, &[u8])> = loaded
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let configs = snippet::configs_for(&article, script).map_err(error)?;
    let converters = configs
        .iter()
        .map(|c| {
            script_convert::Converter::from_files_with_tofu_risk(
                c,
                script_convert::TofuRisk::Exclude,
                &refs,
            )
            .map_err(|e| error(format!("{c}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let converter_refs: Vec<&script_convert::Converter> = converters.iter().collect();
    let shown = snippet::shown_article(&article, script, &converter_refs);
    let options = SnippetOptions {
        loader: o.loader,
        json_url: o.json_url,
        excerpt: o.excerpt,
        integrity: loader_file.as_deref().map(snippet::sri_sha384),
        structured_data: o.structured_data.unwrap_or(false),
        script,
    };
    snippet::render(&article, &shown, &options)
        .await
        .map_err(error)
}
