//! The native command line: `article-widget validate FILE.json …`, and the script converter's
//! `convert` and `dict` commands (implemented in `script_convert::cli`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("convert-article") => convert_article(&args[1..]),
        // script-convert CLI: `convert`, `dict`
        Some("convert" | "dict") => script_convert::cli::main(&args),
        Some("-V" | "--version") => {
            println!("article-widget {}", env!("CARGO_PKG_VERSION"));
            std::process::ExitCode::SUCCESS
        }
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
  convert-article FILE.json --script SCRIPT [--quote-marks]
                                print the article with every visible string in SCRIPT (hans,
                                hant, hant-tw, hant-hk, original) as the widget shows it: OpenCC
                                configs by the article's inLanguage, the article's conversion
                                overrides, tofu-risk dictionaries left out
";

#[cfg(not(target_arch = "wasm32"))]
fn convert_article(args: &[String]) -> std::process::ExitCode {
    use article_widget::script::{convert_article_native, ConvertOptions, Script};
    let usage = "usage: article-widget convert-article FILE.json --script hans|hant|hant-tw|hant-hk|original [--quote-marks]";
    let mut file = None;
    let mut script = None;
    let mut options = ConvertOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--script" => match it.next().map(|s| (s, Script::parse(s))) {
                Some((_, Some(s))) => script = Some(s),
                Some((s, None)) => {
                    eprintln!("article-widget convert-article: --script {s:?} is not known; give hans, hant, hant-tw, hant-hk or original");
                    return std::process::ExitCode::from(2);
                }
                None => {
                    eprintln!("{usage}");
                    return std::process::ExitCode::from(2);
                }
            },
            "--quote-marks" => options.quote_marks = true,
            f if !f.starts_with("--") && file.is_none() => file = Some(f.to_owned()),
            other => {
                eprintln!("article-widget convert-article: unknown argument {other:?}\n{usage}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let (Some(file), Some(script)) = (file, script) else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: cannot read: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let article = match article_model::parse_article(&text) {
        Ok(a) => a,
        Err(problems) => {
            for p in problems {
                eprintln!("{file}: {p}");
            }
            return std::process::ExitCode::FAILURE;
        }
    };
    match convert_article_native(&article, script, options, None) {
        Ok(mut converted) => {
            if let Some(tag) = script.lang_tag() {
                if article_widget::script::plan_for(&article, script).is_some_and(|p| !p.is_empty())
                {
                    converted.in_language = tag.to_owned();
                }
            }
            match serde_json::to_string_pretty(&converted) {
                Ok(json) => {
                    println!("{json}");
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{file}: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("article-widget convert-article: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

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
