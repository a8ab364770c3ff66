//! Validates article documents and prints every problem with its JSON path, or a summary of
//! each valid one. Without arguments it checks a built-in example with two mistakes.
//!
//! ```sh
//! cargo run --example validate                       # the built-in example
//! cargo run --example validate -- article.json ...   # your documents
//! ```

use std::process::ExitCode;

const EXAMPLE: &str = r#"{
  "version": 1,
  "headline": "南陽發佈強市“科技綱領”",
  "datePublished": "2025-12-29 18:35",
  "inLanguage": "zh-Hant",
  "source": { "name": "國際在線", "url": "https://big5.cri.cn/" },
  "editors": [{ "name": "王小軍", "role": "chief" }],
  "body": ["南陽市委、市政府日前發佈……"]
}"#;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let documents: Vec<(String, String)> = if files.is_empty() {
        vec![("example".to_owned(), EXAMPLE.to_owned())]
    } else {
        let mut docs = Vec::new();
        for f in files {
            match std::fs::read_to_string(&f) {
                Ok(text) => docs.push((f, text)),
                Err(e) => {
                    eprintln!("{f}: cannot read: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        docs
    };
    let mut ok = true;
    for (name, text) in documents {
        match article_model::parse_article(&text) {
            Ok(article) => println!(
                "{name}: ok, format v{}, {:?} by {}, {} paragraphs",
                article.version,
                article.headline,
                article.source.name,
                article.body.len()
            ),
            Err(problems) => {
                ok = false;
                for p in problems {
                    println!("{name}: {p}");
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
