//! `article-widget validate`: every problem of each document, with its JSON path and a fix.

use std::io::Read;
use std::process::ExitCode;

use clap::CommandFactory;

/// Validates each file; exit 1 when one has a problem, 2 when none is given.
pub fn run(files: &[String]) -> ExitCode {
    if files.is_empty() {
        eprintln!(
            "article-widget validate: give one or more FILE.json (or - for stdin)\n\n{}",
            crate::Cli::command()
                .find_subcommand_mut("validate")
                .map(|c| c.render_usage().to_string())
                .unwrap_or_default()
        );
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in files {
        // Read as bytes: a BOM is skipped and bytes that are not UTF-8 are reported with
        // their position by the article reader, as in the widget. One byte past the
        // widget's default maxBytes is enough to refuse a document.
        let limit = u64::from(article_widget::backend::DEFAULT_MAX_BYTES);
        let mut bytes = Vec::new();
        let read = if file == "-" {
            std::io::stdin().take(limit + 1).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(file).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        };
        if let Err(e) = read {
            eprintln!("{file}: cannot read: {e}");
            failed = true;
            continue;
        }
        if bytes.len() as u64 > limit {
            failed = true;
            println!(
                "{file}: $: the document is larger than {limit} bytes, the widget's default \
                     maxBytes; shorten it or give the widget a larger maxBytes"
            );
            println!("{file}: 1 problem found");
            continue;
        }
        match article_model::parse_article_bytes(&bytes) {
            Ok(a) => println!(
                "{file}: ok (format v{}, {}, {:?})",
                a.version,
                summary(&a),
                a.headline
            ),
            Err(problems) => {
                failed = true;
                // The list ends with "and N more" when it was cut: count those too.
                let n = article_model::Problem::count(&problems);
                for p in problems {
                    println!("{}", super::terminal_safe(&format!("{file}: {p}")));
                }
                println!("{file}: {n} problem{} found", if n == 1 { "" } else { "s" });
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `n thing` or `n things`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a valid article holds: its blocks by kind (`14 blocks: 6 paragraphs, 2 headings, …`;
/// kinds it has none of are left out), then a lead image and corrections, if any.
fn summary(a: &article_model::Article) -> String {
    use article_model::Block;
    let mut kinds = [0usize; 5];
    for b in &a.body {
        kinds[match b {
            Block::Text(_) | Block::Paragraph(_) => 0,
            Block::Heading(_) => 1,
            Block::Figure(_) => 2,
            Block::Quote { .. } => 3,
            Block::List { .. } => 4,
        }] += 1;
    }
    let names = [
        ("paragraph", "paragraphs"),
        ("heading", "headings"),
        ("figure", "figures"),
        ("quote", "quotes"),
        ("list", "lists"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (one, many))| count(*n, one, many))
        .collect();
    let mut out = format!(
        "{}: {}",
        count(a.body.len(), "block", "blocks"),
        parts.join(", ")
    );
    if a.image.is_some() {
        out.push_str(", a lead image");
    }
    if !a.corrections.is_empty() {
        out.push_str(", ");
        out.push_str(&count(a.corrections.len(), "correction", "corrections"));
    }
    out
}
