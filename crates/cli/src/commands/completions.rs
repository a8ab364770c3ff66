//! `article-widget completions`: shell completions.

use std::process::ExitCode;

use crate::Shell;

/// Prints the completions of `command` for `shell`.
pub fn run(shell: Shell, command: &mut clap::Command) -> ExitCode {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, command, "article-widget", &mut std::io::stdout());
    ExitCode::SUCCESS
}
