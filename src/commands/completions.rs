//! `carto-mcp completions SHELL` and `carto-mcp man`: generated from the
//! clap definitions in `cli.rs`, and committed under `completions/` and
//! `man/` (a test fails when those files are stale).

use clap::CommandFactory;
use clap_complete::Shell as C;

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, Shell};

pub fn run(_ctx: &Ctx<'_>, args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    write_completions(args.shell, &mut out);
    Ok(())
}

pub fn man(_ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    write_man(&mut out)?;
    Ok(())
}

/// The completion script for `shell`.
pub fn write_completions(shell: Shell, out: &mut dyn std::io::Write) {
    let shell = match shell {
        Shell::Bash => C::Bash,
        Shell::Zsh => C::Zsh,
        Shell::Fish => C::Fish,
        Shell::Powershell => C::PowerShell,
        Shell::Elvish => C::Elvish,
    };
    clap_complete::generate(shell, &mut Cli::command(), "carto-mcp", out);
}

/// The man page, in roff.
pub fn write_man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
