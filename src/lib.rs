//! carto-mcp: connect AI platforms to the CARTO MCP Server.
//!
//! The binary is a thin shell over this library (see `main.rs`). Layers, top
//! down: `cli` (clap types), `commands` (one module per subcommand: parse,
//! call, render), the domain modules (`platforms`, `callback`, `carto`,
//! `oauth`, `mcp`, `check`, `sandbox`: no terminal I/O), and `output` (the
//! only place that prints). See the README's "Hacking" section.

pub mod callback;
pub mod carto;
pub mod check;
pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod http;
pub mod mcp;
pub mod oauth;
pub mod output;
pub mod platforms;
pub mod redact;
pub mod sandbox;

use std::process::ExitCode;

use clap::Parser;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let ui = output::Ui::new(&cli.global);
    init_tracing(cli.global.verbose);
    match commands::run(cli, &ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let c = error::classify(&err);
            if !c.silent {
                ui.report_error(&c);
            }
            c.kind.into()
        }
    }
}

/// Logs go to stderr: warnings by default, steps and HTTP requests at `-v`,
/// HTTP headers and bodies (redacted) at `-vv`. `RUST_LOG` is not read: the
/// secrets policy lives in one place, the redacting trace.
fn init_tracing(verbose: u8) {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let level = match verbose {
        0 => LevelFilter::WARN,
        1 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    };
    let filter = Targets::new()
        .with_target("carto_mcp", level)
        .with_default(LevelFilter::ERROR);
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(false);
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .try_init();
}
