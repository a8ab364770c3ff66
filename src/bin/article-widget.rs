//! The native command line: `article-widget validate | convert | convert-article | snippet |
//! oembed | dict build | completions`. Arguments are parsed with clap (every subcommand has `--help`, typos get a
//! suggestion); OpenCC's dictionaries are compiled into the binary (`embedded-dicts`), so an
//! installed copy works from any directory with the source tree gone.
//!
//! Exit codes: 0 ok; 1 invalid input (a document with problems, an unreadable file, text
//! that is not UTF-8) or another failure while running; 2 usage (unknown command or option,
//! a missing or malformed argument).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Read;
    use std::path::PathBuf;
    use std::process::ExitCode;

    use article_widget::cli;
    use article_widget::script::{convert_article_native, plan_for, ConvertOptions, Script};
    use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
    use script_convert::{cli as sc, TofuRisk, CONFIG_NAMES};

    const EXIT_CODES: &str = "\
Exit codes: 0 ok; 1 invalid input (a document with problems, an unreadable file, text that is
not UTF-8) or a failure while running; 2 usage (unknown command or option, bad argument).";

    /// Show, check and convert news articles for article-widget, and convert Chinese script
    /// exactly as OpenCC 1.4.2 does.
    #[derive(Parser)]
    #[command(name = "article-widget", version, after_help = EXIT_CODES)]
    #[command(propagate_version = true, arg_required_else_help = true)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check article documents (format v1): every problem with its JSON path and a fix;
        /// exits 1 when there is one.
        Validate {
            /// Article documents ("-" reads stdin).
            #[arg(value_name = "FILE.json")]
            files: Vec<String>,
        },
        /// Convert Chinese script from FILEs (or stdin) to stdout, streaming with bounded memory.
        #[command(
            after_help = "OpenCC 1.4.2's dictionaries are built into this program; \
            --data or --dict-dir use others.\n\nExamples:\n  \
            echo '包乾制 頭髮' | article-widget convert --config t2s\n  \
            article-widget convert --config s2twp in.txt > out.txt"
        )]
        Convert(ConvertArgs),
        /// Print an article with every visible string in SCRIPT, as the widget shows it: OpenCC
        /// configs by the article's inLanguage, the article's conversion overrides, tofu-risk
        /// dictionaries left out.
        ConvertArticle {
            /// The article document.
            #[arg(value_name = "FILE.json")]
            file: PathBuf,
            /// The script to show.
            #[arg(long, value_enum)]
            script: ScriptArg,
            /// Converted text uses the target's quote marks (「」 Traditional, “” Simplified).
            #[arg(long)]
            quote_marks: bool,
            /// OpenCC text data to compile the dictionaries from, instead of the built-in ones.
            #[arg(long, value_name = "DIR")]
            data: Option<PathBuf>,
        },
        /// Print paste-ready HTML: the <article-widget> element holding a static rendering of
        /// the article (readable without JavaScript) and the loader's <script async> tag, which
        /// upgrades it to the live widget.
        Snippet(SnippetArgs),
        /// Print an oEmbed 1.0 "rich" response whose html is the snippet, to serve beside the
        /// article (e.g. nanyang.oembed.json) so CMSs that speak oEmbed can embed it by URL.
        Oembed {
            #[command(flatten)]
            snippet: SnippetArgs,
            /// How long consumers may cache the response, in seconds.
            #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
            cache_age: u64,
        },
        /// Write the article's dictionary slices (conversion.slices): for every script the
        /// widget can convert it into, the dictionary entries the converter chose. A reader's
        /// first switch then needs no full dictionary. Run it again after editing the text.
        #[command(
            after_help = "Example:\n  article-widget prepare www/article.json -o www/article.prepared.json"
        )]
        Prepare {
            /// The article document.
            #[arg(value_name = "ARTICLE.json")]
            file: String,
            /// Where to write the prepared document (default: stdout).
            #[arg(long, short = 'o', value_name = "OUT.json")]
            out: Option<PathBuf>,
            /// OpenCC text data the deployed dictionaries were built from (`dict build
            /// --data`), instead of the built-in dictionaries.
            #[arg(long, value_name = "DIR")]
            data: Option<PathBuf>,
        },
        /// Conversion dictionaries for the widget.
        #[command(subcommand, arg_required_else_help = true)]
        Dict(DictCommand),
        /// Print shell completions: article-widget completions bash > ~/.local/share/bash-completion/completions/article-widget
        Completions {
            /// The shell.
            #[arg(value_enum)]
            shell: Shell,
        },
    }

    #[derive(Args)]
    struct ConvertArgs {
        /// The OpenCC configuration.
        #[arg(long, short = 'c', value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(CONFIG_NAMES))]
        config: String,
        /// Include (as OpenCC's library does) or exclude (as OpenCC's command-line tool does) the
        /// dictionaries OpenCC marks may_output_tofu, whose characters many fonts show as empty
        /// boxes.
        #[arg(long, value_enum, default_value_t = Tofu::Include, value_name = "MODE")]
        tofu_risk: Tofu,
        /// OpenCC text data (a directory with dictionary/*.txt) to compile in memory instead of
        /// the built-in dictionaries.
        #[arg(long, value_name = "DIR", conflicts_with = "dict_dir")]
        data: Option<PathBuf>,
        /// Compiled dictionaries (the output of `dict build`) instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        dict_dir: Option<PathBuf>,
        /// Input files ("-" is stdin); none: stdin.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    }

    #[derive(Args)]
    struct SnippetArgs {
        /// The article document.
        #[arg(value_name = "ARTICLE.json")]
        file: String,
        /// Absolute http(s) URL of article-widget.js as the page will load it.
        #[arg(long, value_name = "URL", value_parser = loader_url)]
        loader: String,
        /// The live widget fetches the article from URL (else it is inlined in the snippet).
        #[arg(long, value_name = "URL", value_parser = json_url)]
        json_url: Option<String>,
        /// Show the text in SCRIPT (converted now, with the widget's OpenCC configs and the
        /// article's overrides); the live widget keeps it.
        #[arg(long, value_enum)]
        script: Option<ScriptArg>,
        /// Keep the first N paragraphs and link to the rest at the source.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        excerpt: Option<u32>,
        /// The loader file served at the --loader URL: adds integrity (SRI sha384) and
        /// crossorigin="anonymous" to the script tag.
        #[arg(long, value_name = "FILE")]
        loader_file: Option<String>,
        /// Add a schema.org NewsArticle JSON-LD block (isBasedOn the original).
        #[arg(long)]
        structured_data: bool,
    }

    impl SnippetArgs {
        fn parsed(self) -> cli::SnippetArgs {
            cli::SnippetArgs {
                file: self.file,
                loader: self.loader,
                json_url: self.json_url,
                script: self.script.map(ScriptArg::script),
                excerpt: self.excerpt,
                loader_file: self.loader_file,
                structured_data: self.structured_data,
            }
        }
    }

    fn loader_url(value: &str) -> Result<String, String> {
        if article_model::is_safe_http_url(value) {
            Ok(value.to_owned())
        } else {
            Err("give the absolute http(s) URL of article-widget.js, e.g. \
                 https://cdn.example/article-widget/article-widget.js"
                .to_owned())
        }
    }

    fn json_url(value: &str) -> Result<String, String> {
        if article_model::is_safe_http_url(value) {
            Ok(value.to_owned())
        } else {
            Err("give the absolute http(s) URL of the article's JSON document".to_owned())
        }
    }

    #[derive(Subcommand)]
    enum DictCommand {
        /// Write one content-addressed file per dictionary group (<group>.<crc32>.scd) and
        /// manifest.json: what the widget fetches from dict/.
        Build {
            /// The output directory (created if missing; stale .scd files are removed).
            #[arg(long, short = 'o', value_name = "DIR")]
            out: PathBuf,
            /// OpenCC text data to compile instead of writing the built-in dictionaries.
            #[arg(long, value_name = "DIR")]
            data: Option<PathBuf>,
        },
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Tofu {
        Include,
        Exclude,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum ScriptArg {
        Original,
        Hans,
        Hant,
        HantTw,
        HantHk,
    }

    impl ScriptArg {
        fn script(self) -> Script {
            match self {
                ScriptArg::Original => Script::Original,
                ScriptArg::Hans => Script::Hans,
                ScriptArg::Hant => Script::Hant,
                ScriptArg::HantTw => Script::HantTw,
                ScriptArg::HantHk => Script::HantHk,
            }
        }
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Shell {
        Bash,
        Zsh,
        Fish,
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            // --help and --version print and exit 0; usage errors print and exit 2.
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
            }
        };
        match cli.command {
            Command::Validate { files } => validate(&files),
            Command::Convert(args) => report(convert(args)),
            Command::ConvertArticle {
                file,
                script,
                quote_marks,
                data,
            } => report(convert_article(file, script.script(), quote_marks, data)),
            Command::Snippet(args) => print(cli::snippet(&args.parsed())),
            Command::Oembed { snippet, cache_age } => {
                print(cli::oembed(&snippet.parsed(), cache_age))
            }
            Command::Prepare { file, out, data } => {
                let prepared = cli::prepare(&file, data.as_deref());
                match out {
                    None => print(prepared),
                    Some(out) => report(prepared.and_then(|text| {
                        std::fs::write(&out, text)
                            .map_err(|e| format!("{}: cannot write: {e}", out.display()))
                    })),
                }
            }
            Command::Dict(DictCommand::Build { out, data }) => report(dict_build(out, data)),
            Command::Completions { shell } => {
                let shell = match shell {
                    Shell::Bash => clap_complete::Shell::Bash,
                    Shell::Zsh => clap_complete::Shell::Zsh,
                    Shell::Fish => clap_complete::Shell::Fish,
                };
                clap_complete::generate(
                    shell,
                    &mut Cli::command(),
                    "article-widget",
                    &mut std::io::stdout(),
                );
                ExitCode::SUCCESS
            }
        }
    }

    /// Prints the output, or the problem (exit 1).
    fn print(result: Result<String, String>) -> ExitCode {
        report(result.map(|out| print!("{out}")))
    }

    fn report(result: Result<(), String>) -> ExitCode {
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("article-widget: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn convert(args: ConvertArgs) -> Result<(), String> {
        let tofu = match args.tofu_risk {
            Tofu::Include => TofuRisk::Include,
            Tofu::Exclude => TofuRisk::Exclude,
        };
        let conv = match (&args.data, &args.dict_dir) {
            (Some(data), _) => sc::converter_from_data(data, &args.config, tofu)?,
            (None, Some(dir)) => sc::converter_from_dict_dir(dir, &args.config, tofu)?,
            (None, None) => {
                embedded_dicts::converter(&args.config, tofu).map_err(|e| e.to_string())?
            }
        };
        sc::convert_files(&conv, &args.files)
    }

    fn convert_article(
        file: PathBuf,
        script: Script,
        quote_marks: bool,
        data: Option<PathBuf>,
    ) -> Result<(), String> {
        let shown = file.display();
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{shown}: cannot read: {e}"))?;
        let article = article_model::parse_article(&text).map_err(|problems| {
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

    fn dict_build(out: PathBuf, data: Option<PathBuf>) -> Result<(), String> {
        let report = match data {
            Some(data) => sc::build_dictionaries(&data, &out),
            None => {
                let files: Vec<(String, &[u8])> = embedded_dicts::FILES
                    .iter()
                    .map(|(name, bytes)| {
                        (name.split('.').next().unwrap_or(name).to_owned(), *bytes)
                    })
                    .collect();
                sc::write_dictionaries(&files, &out)
            }
        }
        .map_err(|e| e.to_string())?;
        eprintln!("{report}");
        Ok(())
    }

    fn validate(files: &[String]) -> ExitCode {
        if files.is_empty() {
            eprintln!(
                "article-widget validate: give one or more FILE.json (or - for stdin)\n\n{}",
                Cli::command()
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
            let limit = u64::from(article_widget::widget::DEFAULT_MAX_BYTES);
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
                    "{file}: ok (format v{}, {} paragraphs, {:?})",
                    a.version,
                    a.body.len(),
                    a.headline
                ),
                Err(problems) => {
                    failed = true;
                    // The list ends with "and N more" when it was cut: count those too.
                    let n = article_model::Problem::count(&problems);
                    for p in problems {
                        println!("{file}: {p}");
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

    #[cfg(test)]
    mod tests {
        #[test]
        fn the_command_line_is_consistent() {
            use clap::CommandFactory;
            super::Cli::command().debug_assert();
        }
    }
}
