//! The native command line: `article-widget validate | convert | convert-article | snippet |
//! oembed | dict build | completions`. Arguments are parsed with clap (every subcommand has `--help`, typos get a
//! suggestion); OpenCC's dictionaries are compiled into the binary (`embedded-dicts`), so an
//! installed copy works from any directory with the source tree gone.
//!
//! Exit codes: 0 ok; 1 invalid input (a document with problems, an unreadable file, text
//! that is not UTF-8) or another failure while running; 2 usage (unknown command or option,
//! a missing or malformed argument).
//!
//! One file per command in `commands/`; this file is the argument parsing (clap) and the
//! dispatch.

use std::path::PathBuf;
use std::process::ExitCode;

use article_convert::Script;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use script_convert::CONFIG_NAMES;

mod commands;

use commands::{print, report};

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
pub(crate) enum Command {
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
        /// The article document ("-" reads stdin).
        #[arg(value_name = "FILE.json")]
        file: String,
        /// The script to show.
        #[arg(long, value_enum)]
        script: ScriptArg,
        /// Converted text uses the target's quote marks (「」 Traditional, “” Simplified).
        #[arg(long)]
        quote_marks: bool,
        /// OpenCC text data to compile the dictionaries from, instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// The largest input accepted, in bytes (default: 2097152, the widget's default
        /// maxBytes).
        #[arg(long, value_name = "BYTES", default_value_t = commands::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
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
        /// The largest input accepted, in bytes (default: 2097152, the widget's default
        /// maxBytes).
        #[arg(long, value_name = "BYTES", default_value_t = commands::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
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
pub(crate) struct ConvertArgs {
    /// The OpenCC configuration.
    #[arg(long, short = 'c', value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(CONFIG_NAMES))]
    pub(crate) config: String,
    /// Include (as OpenCC's library does) or exclude (as OpenCC's command-line tool does) the
    /// dictionaries OpenCC marks may_output_tofu, whose characters many fonts show as empty
    /// boxes.
    #[arg(long, value_enum, default_value_t = Tofu::Include, value_name = "MODE")]
    pub(crate) tofu_risk: Tofu,
    /// OpenCC text data (a directory with dictionary/*.txt) to compile in memory instead of
    /// the built-in dictionaries.
    #[arg(long, value_name = "DIR", conflicts_with = "dict_dir")]
    pub(crate) data: Option<PathBuf>,
    /// Compiled dictionaries (the output of `dict build`) instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub(crate) dict_dir: Option<PathBuf>,
    /// Input files ("-" is stdin); none: stdin.
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Args)]
pub(crate) struct SnippetArgs {
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
    /// The largest input accepted, in bytes (default: 2097152, the widget's default
    /// maxBytes).
    #[arg(long, value_name = "BYTES", default_value_t = commands::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

impl SnippetArgs {
    fn parsed(self) -> commands::snippet::SnippetArgs {
        commands::snippet::SnippetArgs {
            file: self.file,
            loader: self.loader,
            json_url: self.json_url,
            script: self.script.map(ScriptArg::script),
            excerpt: self.excerpt,
            loader_file: self.loader_file,
            structured_data: self.structured_data,
            max_bytes: self.max_bytes,
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
pub(crate) enum DictCommand {
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
pub(crate) enum Tofu {
    Include,
    Exclude,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ScriptArg {
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
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print and exit 0; usage errors print and exit 2.
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Validate { files } => commands::validate::run(&files),
        Command::Convert(args) => report(commands::convert::run(args)),
        Command::ConvertArticle {
            file,
            script,
            quote_marks,
            data,
            max_bytes,
        } => report(commands::convert_article::run(
            &file,
            script.script(),
            quote_marks,
            data,
            max_bytes,
        )),
        Command::Snippet(args) => print(commands::snippet::run(&args.parsed())),
        Command::Oembed { snippet, cache_age } => {
            print(commands::oembed::run(&snippet.parsed(), cache_age))
        }
        Command::Prepare {
            file,
            out,
            data,
            max_bytes,
        } => commands::prepare::run(&file, out, data, max_bytes),
        Command::Dict(DictCommand::Build { out, data }) => report(commands::dict::build(out, data)),
        Command::Completions { shell } => commands::completions::run(shell, &mut Cli::command()),
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
