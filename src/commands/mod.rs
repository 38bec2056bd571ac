//! One module per subcommand. Each turns parsed arguments into calls on the
//! domain modules and hands the result to [`crate::output::Ui`]; none holds
//! protocol logic.

pub mod auth;
pub mod check;
pub mod client;
pub mod completions;
pub mod demo;
pub mod diagnose;
pub mod platforms;
pub mod sandbox;

use std::future::Future;
use std::time::Duration;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::http::{Http, HttpOptions};
use crate::output::Ui;

/// What every command gets: the global options and the output policy.
pub struct Ctx<'a> {
    pub global: &'a GlobalArgs,
    pub ui: &'a Ui,
}

impl Ctx<'_> {
    /// The HTTP client of this run (one per run, reused by every request).
    pub fn http(&self) -> anyhow::Result<Http> {
        Http::new(HttpOptions {
            timeout: Duration::from_secs(self.global.timeout.max(1)),
            ..HttpOptions::default()
        })
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli, ui: &Ui) -> anyhow::Result<()> {
    let ctx = Ctx {
        global: &cli.global,
        ui,
    };
    match cli.command {
        // Commands that need no network start without an async runtime:
        // `platforms` and `--version` are meant to answer in a millisecond.
        Command::Platforms(a) => platforms::run(&ctx, &a),
        Command::Completions(a) => completions::run(&ctx, &a),
        Command::Man => completions::man(&ctx),
        Command::Client(c) => block_on(client::run(&ctx, c)),
        Command::Auth(c) => block_on(auth::run(&ctx, c)),
        Command::Check(a) => block_on(check::run(&ctx, *a)),
        Command::Diagnose(a) => block_on(diagnose::run(&ctx, a)),
        Command::Sandbox(a) => block_on(sandbox::run(&ctx, a)),
        Command::Demo(a) => block_on(demo::run(&ctx, a)),
    }
}

/// A single-threaded runtime: a CLI waits on one thing at a time, and the
/// few concurrent requests of a check interleave fine on one thread.
fn block_on<F: Future<Output = anyhow::Result<()>>>(f: F) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(f)
}
