//! The syndication commands of the native CLI: `snippet` (and `oembed`). `validate`,
//! `convert` and `dict` live in `src/bin/article-widget.rs` and `script_convert::cli`.

use std::process::ExitCode;

use article_model::Article;

use crate::script::{self, Script};
use crate::snippet::{self, SnippetOptions};

pub const SNIPPET_USAGE: &str = "\
usage: article-widget snippet ARTICLE.json --loader LOADER_URL [--json-url URL]
                              [--script original|hans|hant|hant-tw|hant-hk] [--excerpt N]
                              [--loader-file FILE] [--structured-data]

prints paste-ready HTML: the <article-widget> element holding a static rendering of the
article (readable without JavaScript) and the loader's <script async> tag, which upgrades it.
  --loader URL       absolute URL of article-widget.js as the page will load it
  --json-url URL     the live widget fetches the article from URL (else it is inlined)
  --script S         show the text in script S (converted now, with the widget's OpenCC
                     configs and the article's overrides); the live widget keeps S
  --excerpt N        keep the first N paragraphs and link to the rest at the source
  --loader-file FILE the loader file served at URL: adds integrity (SRI sha384) and
                     crossorigin=\"anonymous\" to the script tag
  --structured-data  add a schema.org NewsArticle JSON-LD block (isBasedOn the original)
";

pub const OEMBED_USAGE: &str = "\
usage: article-widget oembed ARTICLE.json --loader LOADER_URL [--cache-age SECONDS]
                             [snippet options: --json-url, --script, --excerpt,
                              --loader-file, --structured-data]

prints an oEmbed 1.0 \"rich\" response whose html is the snippet, to serve as a static file
beside the article (e.g. nanyang.oembed.json) so CMSs that speak oEmbed can embed it by URL.
  --cache-age SECONDS  how long consumers may cache the response (default 3600)
";

/// Command-line flags: `--name value` pairs, bare `--name` switches and positional arguments.
struct Args {
    positional: Vec<String>,
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

fn parse_args(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
    let mut out = Args {
        positional: Vec::new(),
        values: Vec::new(),
        switches: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(name) = arg.strip_prefix("--") {
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (name, None),
            };
            if with_value.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("--{name} needs a value"))?,
                };
                if out.values.iter().any(|(n, _)| n == name) {
                    return Err(format!("--{name} is given twice; give it once"));
                }
                out.values.push((name.to_owned(), value));
            } else if switches.contains(&name) && inline.is_none() {
                out.switches.push(name.to_owned());
            } else {
                let mut known: Vec<String> = with_value.iter().map(|n| format!("--{n}")).collect();
                known.extend(switches.iter().map(|n| format!("--{n}")));
                return Err(format!(
                    "unknown option --{name}; accepted: {}",
                    known.join(", ")
                ));
            }
        } else {
            out.positional.push(arg.clone());
        }
    }
    Ok(out)
}

impl Args {
    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.switches.iter().any(|n| n == name)
    }
}

/// Reads and validates an article document, with every problem's JSON path on failure.
fn read_article(file: &str) -> Result<Article, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    article_model::parse_article(&text).map_err(|problems| {
        let mut msg = format!(
            "{file}: not a valid article document ({} problem{}):",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        for p in problems {
            msg.push_str(&format!("\n{file}: {p}"));
        }
        msg
    })
}

fn parse_excerpt(value: Option<&str>) -> Result<Option<u32>, String> {
    value
        .map(|v| {
            v.parse::<u32>().map_err(|_| {
                format!("--excerpt {v:?}: give the number of paragraphs to keep, e.g. --excerpt 2")
            })
        })
        .transpose()
}

fn parse_script(value: Option<&str>) -> Result<Option<Script>, String> {
    value
        .map(|v| {
            Script::parse(v).ok_or_else(|| {
                let all: Vec<&str> = Script::ALL.iter().map(|s| s.as_str()).collect();
                format!("--script {v:?}: give one of {}", all.join(", "))
            })
        })
        .transpose()
}

/// The article as the snippet shows it, converted with the repository's OpenCC dictionaries
/// (tofu-risk ones left out, as in the widget).
fn shown_article(article: &Article, o: &SnippetOptions) -> Result<Article, String> {
    let configs = snippet::configs_for(article, o.script)?;
    let converters = script::native_converters(configs, None, script_convert::TofuRisk::Exclude)
        .map_err(|e| format!("--script: {e}"))?;
    let refs: Vec<&script_convert::Converter> = converters.iter().collect();
    Ok(snippet::shown_article(article, o.script, &refs))
}

/// Reads the snippet options shared by `snippet` and `oembed`.
fn snippet_options(args: &Args) -> Result<SnippetOptions, String> {
    let loader = args
        .value("loader")
        .ok_or("--loader is required: the URL of article-widget.js as the page will load it")?;
    let integrity = match args.value("loader-file") {
        Some(file) => {
            Some(snippet::sri_sha384(&std::fs::read(file).map_err(|e| {
                format!("--loader-file {file}: cannot read: {e}")
            })?))
        }
        None => None,
    };
    Ok(SnippetOptions {
        loader: loader.to_owned(),
        json_url: args.value("json-url").map(str::to_owned),
        excerpt: parse_excerpt(args.value("excerpt"))?,
        integrity,
        structured_data: args.has("structured-data"),
        script: parse_script(args.value("script"))?,
    })
}

fn one_file<'a>(args: &'a Args, usage: &str) -> Result<&'a str, String> {
    match args.positional.as_slice() {
        [file] => Ok(file),
        [] => Err(format!("give the article document ARTICLE.json\n\n{usage}")),
        _ => Err(format!(
            "give one article document, not {}\n\n{usage}",
            args.positional.len()
        )),
    }
}

fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    Ok(runtime.block_on(future))
}

fn snippet_command(args: &[String]) -> Result<String, String> {
    let args = parse_args(
        args,
        &["loader", "json-url", "script", "excerpt", "loader-file"],
        &["structured-data"],
    )?;
    let file = one_file(&args, SNIPPET_USAGE)?;
    let options = snippet_options(&args)?;
    let article = read_article(file)?;
    let shown = shown_article(&article, &options)?;
    block_on(snippet::render(&article, &shown, &options))?
}

/// The widget's rendered width (`--aw-max-width`'s default) and its text metrics, for the
/// oEmbed size hint.
const WIDTH: u64 = 736;
const LINE: u64 = 28; // 16 px × line-height 1.75
const SMALL_LINE: u64 = 25; // 14 px × 1.75 (meta, credit lines, notice)
const CHARS_PER_LINE: u64 = (WIDTH - 40) / 16; // padding 20 px each side; CJK glyphs are 1 em

/// An estimate of the rendered height in pixels: oEmbed wants one, and the exact value depends
/// on the consumer's fonts. Counts 1-em glyphs per line for the headline (1.75 em), the meta
/// line and each paragraph shown, plus the parts of fixed height (script control, sections,
/// attribution lines, notice summary), with the widget's margins. Consumers use it to reserve
/// space; the widget sizes itself. (The end-to-end tests compare it with Chromium's layout.)
pub fn estimated_height(article: &Article, excerpt: Option<u32>) -> u32 {
    let lines = |text: &str, em: u64| -> u64 {
        let per_line = (CHARS_PER_LINE * 4 / em).max(1);
        (text.chars().count() as u64).div_ceil(per_line).max(1)
    };
    let shown = crate::view::excerpt_paragraphs(article, excerpt);
    let body: u64 = article.body[..shown.unwrap_or(article.body.len())]
        .iter()
        .map(|p| lines(p, 4).saturating_mul(LINE) + 16)
        .fold(0, u64::saturating_add);
    let control = if crate::script::source_script(&article.in_language).is_some() {
        39
    } else {
        0
    };
    let sections = if article.sections.is_empty() {
        0
    } else {
        SMALL_LINE
    };
    let credits = 1 // the credit line
        + u64::from(article.byline.is_some())
        + u64::from(article.copyright.as_ref().is_some_and(|c| c.holder.is_some() || c.license.is_some()));
    let notice = if article.copyright.is_some() {
        20 + 13 + SMALL_LINE
    } else {
        0
    };
    let height = 32 // padding
        + control
        + sections
        + lines(&article.headline, 7) * 38 // 1.75 em, line-height 1.35
        + SMALL_LINE + 1 // meta line and its rule
        + 16 + body
        + if shown.is_some() { LINE + 16 } else { 0 } // continue reading
        + 16 + credits * (SMALL_LINE + 4)
        + notice;
    u32::try_from(height).unwrap_or(u32::MAX)
}

fn oembed_command(args: &[String]) -> Result<String, String> {
    let args = parse_args(
        args,
        &[
            "loader",
            "json-url",
            "script",
            "excerpt",
            "loader-file",
            "cache-age",
        ],
        &["structured-data"],
    )?;
    let file = one_file(&args, OEMBED_USAGE)?;
    let options = snippet_options(&args)?;
    let cache_age: u64 = match args.value("cache-age") {
        Some(v) => v.parse().map_err(|_| {
            format!("--cache-age {v:?}: give a number of seconds, e.g. --cache-age 3600")
        })?,
        None => 3600,
    };
    let article = read_article(file)?;
    let shown = shown_article(&article, &options)?;
    let html = block_on(snippet::render(&article, &shown, &options))??;
    let author_name = if !article.authors.is_empty() {
        let names: Vec<&str> = article.authors.iter().map(|p| p.name.as_str()).collect();
        names.join(", ")
    } else {
        article
            .byline
            .clone()
            .unwrap_or_else(|| article.source.name.clone())
    };
    let mut response = serde_json::json!({
        "type": "rich",
        "version": "1.0",
        "title": article.headline,
        "author_name": author_name,
        "provider_name": article.source.name,
        "cache_age": cache_age,
        "html": html,
        "width": WIDTH,
        "height": estimated_height(&article, options.excerpt),
    });
    let safe = |u: &Option<String>| u.clone().filter(|u| article_model::is_safe_http_url(u));
    if let Some(url) = article.authors.first().and_then(|p| safe(&p.url)) {
        response["author_url"] = url.into();
    }
    if let Some(url) =
        safe(&article.source.url).or_else(|| crate::view::origin_url(&article).map(str::to_owned))
    {
        response["provider_url"] = url.into();
    }
    let mut out = serde_json::to_string_pretty(&response).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out)
}

/// `article-widget oembed …`: prints the oEmbed response.
pub fn oembed(args: &[String]) -> ExitCode {
    report("oembed", oembed_command(args))
}

/// `article-widget snippet …`: prints the snippet, or the problem and exit code 1 (2 for usage).
pub fn snippet(args: &[String]) -> ExitCode {
    report("snippet", snippet_command(args))
}

fn report(command: &str, result: Result<String, String>) -> ExitCode {
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("article-widget {command}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_parsed_strictly() {
        let args: Vec<String> = ["a.json", "--loader=https://x/l.js", "--excerpt", "2"]
            .map(String::from)
            .to_vec();
        let parsed = parse_args(&args, &["loader", "excerpt"], &[]).unwrap();
        assert_eq!(parsed.positional, ["a.json"]);
        assert_eq!(parsed.value("loader"), Some("https://x/l.js"));
        assert_eq!(parse_excerpt(parsed.value("excerpt")), Ok(Some(2)));
        let bad: Vec<String> = ["--lodaer", "x"].map(String::from).to_vec();
        let e = parse_args(&bad, &["loader"], &[]).err().unwrap();
        assert!(
            e.contains("unknown option --lodaer; accepted: --loader"),
            "{e}"
        );
        let twice: Vec<String> = ["--loader", "a", "--loader", "b"]
            .map(String::from)
            .to_vec();
        assert!(parse_args(&twice, &["loader"], &[]).is_err());
        let missing: Vec<String> = ["--loader"].map(String::from).to_vec();
        assert!(parse_args(&missing, &["loader"], &[])
            .err()
            .unwrap()
            .contains("--loader needs a value"));
        assert!(parse_excerpt(Some("two"))
            .unwrap_err()
            .contains("--excerpt \"two\""));
    }
}
