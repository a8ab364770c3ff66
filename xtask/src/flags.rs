//! The command line: every command with its options, parsed here and nowhere else, and the
//! usage text that documents them.
//!
//! Options may come in any order after the command. A missing or unreadable number falls
//! back to its default, except `--seconds`, which fails; unknown arguments are ignored.

/// Port of `demo` and `serve` without `--port`.
pub const DEFAULT_PORT: u16 = 8080;
/// Timed runs per benchmark without `--iters`.
pub const DEFAULT_BENCH_ITERS: usize = 7;
/// Seconds per pipeline fuzz target without `--seconds` (and in `test`).
pub const DEFAULT_FUZZ_SECONDS: u64 = 30;

pub const USAGE: &str = "\
usage: cargo xtask <command>

build and run
  setup              install missing tools (idempotent)
  build [--dev]      build www/pkg (wasm) and www/dict (dictionaries)
  demo [--port N]    setup, build and serve the demo on 127.0.0.1 (default port 8080)
  serve [--port N]   serve the repository's demo without building

checks
  test               run every check and test (what CI runs)
  e2e                only the end-to-end tests (after `build`)
  browser            only the wasm-bindgen browser tests, with www/ served (after `build`)
  sizes [--write]    print distributable sizes; --write updates docs/DEVELOPING.md
  deny               cargo deny check licenses bans sources (offline; advisories: docs/RELIABILITY.md)
  licenses [--check] write THIRD_PARTY.md; --check fails when it is out of date
  fuzz [--seconds N] run each cargo-fuzz target for N s (default 30; converter targets N/2)

release
  dist               release build + the CDN bundle in target/dist/ (directory, .tar.gz, .sha256)
  dist-test          only the bundle (and npm package) tests (after `build`)
  install-test       cargo install the CLI into a temp root and run it away from the source tree
  crates             cargo package + cargo doc (warnings denied) + examples of the library crates

measurements (not tests)
  bench [--iters N] [--only daachorse|widget]
                     side-by-side conversion benchmarks into docs/BENCHMARKS.md (default 7
                     runs); --only daachorse: the dictionary vs an automaton crate; --only
                     widget: the widget on a partner's page and script switching
";

/// One `cargo xtask` command with its options.
#[derive(Debug, PartialEq)]
pub enum Command {
    Setup,
    Build {
        dev: bool,
    },
    Demo {
        port: u16,
    },
    Serve {
        port: u16,
    },
    Test,
    E2e,
    Browser,
    Sizes {
        write: bool,
    },
    Dist,
    DistTest,
    InstallTest,
    Crates,
    Bench {
        iters: usize,
        only: Option<BenchPart>,
    },
    Deny,
    Licenses {
        check: bool,
    },
    Fuzz {
        seconds: u64,
    },
}

/// The part of `bench` that `--only` selects.
#[derive(Debug, PartialEq)]
pub enum BenchPart {
    /// The `st` dictionary against a daachorse automaton.
    Daachorse,
    /// The widget on a partner's page, and script switching.
    Widget,
}

/// Why the arguments name no command.
#[derive(Debug, PartialEq)]
pub enum Error {
    /// No command, or an unknown one: print [`USAGE`].
    Usage,
    /// A known command with an option it cannot take.
    Invalid(String),
}

impl Command {
    /// Parses the arguments after `cargo xtask`.
    pub fn parse(args: &[String]) -> Result<Command, Error> {
        let flag = |name: &str| args.iter().any(|a| a == name);
        let value = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .map(String::as_str)
        };
        let port = || {
            value("--port")
                .and_then(|p| p.parse().ok())
                .unwrap_or(DEFAULT_PORT)
        };
        Ok(match args.first().map(String::as_str) {
            Some("setup") => Command::Setup,
            Some("build") => Command::Build { dev: flag("--dev") },
            Some("demo") => Command::Demo { port: port() },
            Some("serve") => Command::Serve { port: port() },
            Some("test") => Command::Test,
            Some("e2e") => Command::E2e,
            Some("browser") => Command::Browser,
            Some("crates") => Command::Crates,
            Some("dist") => Command::Dist,
            Some("dist-test") => Command::DistTest,
            Some("install-test") => Command::InstallTest,
            Some("sizes") => Command::Sizes {
                write: flag("--write"),
            },
            Some("bench") => Command::Bench {
                iters: value("--iters")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(DEFAULT_BENCH_ITERS),
                only: match value("--only") {
                    None => None,
                    Some("daachorse") => Some(BenchPart::Daachorse),
                    Some("widget") => Some(BenchPart::Widget),
                    Some(other) => {
                        return Err(Error::Invalid(format!(
                            "--only: unknown part {other} (known: daachorse, widget)"
                        )))
                    }
                },
            },
            Some("deny") => Command::Deny,
            Some("licenses") => Command::Licenses {
                check: flag("--check"),
            },
            Some("fuzz") => Command::Fuzz {
                seconds: match args.iter().position(|a| a == "--seconds") {
                    None => DEFAULT_FUZZ_SECONDS,
                    Some(i) => args
                        .get(i + 1)
                        .and_then(|s| s.parse().ok())
                        .filter(|&s| s > 0)
                        .ok_or_else(|| {
                            Error::Invalid(
                                "--seconds: give a whole number of seconds, e.g. --seconds 30"
                                    .into(),
                            )
                        })?,
                },
            },
            _ => return Err(Error::Usage),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command, Error> {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        Command::parse(&args)
    }

    #[test]
    fn every_command_of_the_usage_text_parses() {
        for line in USAGE
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        {
            let command = line.split_whitespace().next().unwrap_or("");
            assert!(parse(command).is_ok(), "{command}");
        }
        assert_eq!(parse(""), Err(Error::Usage));
        assert_eq!(parse("buidl"), Err(Error::Usage));
    }

    #[test]
    fn options_and_their_defaults() {
        assert_eq!(parse("build"), Ok(Command::Build { dev: false }));
        assert_eq!(parse("build --dev"), Ok(Command::Build { dev: true }));
        assert_eq!(parse("serve"), Ok(Command::Serve { port: 8080 }));
        assert_eq!(parse("demo --port 8099"), Ok(Command::Demo { port: 8099 }));
        assert_eq!(parse("serve --port x"), Ok(Command::Serve { port: 8080 }));
        assert_eq!(parse("sizes --write"), Ok(Command::Sizes { write: true }));
        assert_eq!(
            parse("licenses --check"),
            Ok(Command::Licenses { check: true })
        );
        assert_eq!(
            parse("bench"),
            Ok(Command::Bench {
                iters: 7,
                only: None
            })
        );
        assert_eq!(
            parse("bench --only widget --iters 3"),
            Ok(Command::Bench {
                iters: 3,
                only: Some(BenchPart::Widget)
            })
        );
        assert!(matches!(parse("bench --only x"), Err(Error::Invalid(_))));
        assert_eq!(parse("fuzz"), Ok(Command::Fuzz { seconds: 30 }));
        assert_eq!(parse("fuzz --seconds 5"), Ok(Command::Fuzz { seconds: 5 }));
        assert!(matches!(parse("fuzz --seconds 0"), Err(Error::Invalid(_))));
        assert!(matches!(parse("fuzz --seconds"), Err(Error::Invalid(_))));
    }
}
