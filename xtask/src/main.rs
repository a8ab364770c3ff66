//! `cargo xtask <command>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! `flags` parses the command line and holds the usage text; each command lives in its own
//! module: `setup`, `build`, `serve`, `test`, `sizes`, `supply` (cargo-deny), `fuzz`,
//! `release` (content-hashed assets, the CDN bundle, licenses, the library crates, the npm
//! package) and `bench`. `layout` names the workspace's packages and paths; `util` runs
//! commands.

mod bench;
mod build;
mod flags;
mod fuzz;
mod layout;
mod release;
mod serve;
mod setup;
mod sizes;
mod supply;
mod test;
mod util;

use std::process::ExitCode;

use flags::{BenchPart, Command};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match Command::parse(&args) {
        Ok(command) => run(command),
        Err(flags::Error::Usage) => {
            eprint!("{}", flags::USAGE);
            return ExitCode::from(2);
        }
        Err(flags::Error::Invalid(e)) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Setup => setup::all(),
        Command::Build { dev } => build::build(dev),
        Command::Demo { port } => setup::all()
            .and_then(|()| build::build(false))
            .and_then(|()| serve::serve_forever(port)),
        Command::Serve { port } => serve::serve_forever(port),
        Command::Test => test::all(),
        Command::E2e => test::e2e(),
        Command::Browser => test::browser(),
        Command::Sizes { write } => sizes::report(write).map(|_| ()),
        Command::Dist => release::dist::dist_command(),
        Command::DistTest => release::dist::test_bundle(),
        Command::InstallTest => release::crates::test_installed_cli(),
        Command::Crates => release::crates::check_crates(),
        Command::Bench { iters, only: None } => bench::run::all(iters),
        Command::Bench {
            iters,
            only: Some(BenchPart::Daachorse),
        } => bench::run::only_automaton(iters),
        Command::Bench {
            iters,
            only: Some(BenchPart::Widget),
        } => bench::widget::run(iters),
        Command::Deny => supply::deny(),
        Command::Licenses { check } => release::licenses::licenses_command(check),
        Command::Fuzz { seconds } => fuzz::run_all(seconds),
    }
}
