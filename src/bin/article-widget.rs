//! The native command line: `article-widget validate FILE.json …`, and the script converter's
//! `convert` and `dict` commands (implemented in `script_convert::cli`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("snippet") => article_widget::cli::snippet(&args[1..]),
        Some("oembed") => article_widget::cli::oembed(&args[1..]),
        // script-convert CLI: `convert`, `dict`
        Some("convert" | "dict") => script_convert::cli::main(&args),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            std::process::ExitCode::SUCCESS
        }
        None => {
            eprint!("{USAGE}");
            std::process::ExitCode::from(2)
        }
        Some(other) => {
            eprintln!("article-widget: unknown command {other:?}\n\n{USAGE}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "\
usage: article-widget <command> [args]

commands:
  validate FILE.json...         check article documents (format v1); prints every problem with
                                its JSON path and exits 1 when there is one (\"-\" reads stdin)
  convert --config NAME [FILE...]
                                convert Chinese script (s2t, t2s, s2tw, s2twp, ...) from stdin
                                or FILEs to stdout
  dict build --out DIR          compile the OpenCC dictionaries into the widget's binary files
  snippet ARTICLE.json --loader URL [--json-url URL] [--script S] [--excerpt N]
          [--loader-file FILE] [--structured-data]
                                paste-ready HTML: a static rendering of the article (readable
                                without JavaScript) that the loader upgrades to the live widget
  oembed ARTICLE.json --loader URL [--cache-age SECONDS] [snippet options]
                                an oEmbed 1.0 rich response (JSON) whose html is the snippet
";

#[cfg(not(target_arch = "wasm32"))]
fn validate(files: &[String]) -> std::process::ExitCode {
    use std::io::Read;
    if files.is_empty() {
        eprintln!("article-widget validate: give one or more FILE.json (or - for stdin)");
        return std::process::ExitCode::from(2);
    }
    let mut failed = false;
    for file in files {
        let text = if file == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map(|_| s)
        } else {
            std::fs::read_to_string(file)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        match article_model::parse_article(&text) {
            Ok(a) => println!(
                "{file}: ok (format v{}, {} paragraphs, {:?})",
                a.version,
                a.body.len(),
                a.headline
            ),
            Err(problems) => {
                failed = true;
                let n = problems.len();
                for p in problems {
                    println!("{file}: {p}");
                }
                println!("{file}: {n} problem{} found", if n == 1 { "" } else { "s" });
            }
        }
    }
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
