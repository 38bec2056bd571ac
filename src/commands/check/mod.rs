//! `carto-mcp check <MCP_SERVER_URL>`: parses the flags into a
//! [`CheckConfig`], runs the engine with a live [`Observer`] on stderr, and
//! renders the report (steps on stderr, tools on stdout; `--json` one
//! document on stdout; `--junit FILE`). Exit 0 when every step passed, 5
//! when the check failed, 3 when authenticating at CARTO failed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

mod conformance;
mod elicitation;

use super::Ctx;
use crate::check::{self, BrowserMode, CheckConfig, Observer, Outcome, Report, Step, ToolCall};
use crate::cli::{BrowserArgs, CheckArgs};
use crate::error::{Failure, Verdict};
use crate::output::{Spinner, Ui};
use crate::platforms;

pub async fn run(ctx: &Ctx<'_>, mut args: CheckArgs) -> anyhow::Result<()> {
    if args.conformance {
        // The MCP conformance suite's variables become ordinary options.
        conformance::apply_conformance_env(&mut args)?;
    }
    let cfg = config(ctx, &args)?;
    // One client for the run; a tool call may take as long as its budget.
    let mut timeout = Duration::from_secs(ctx.global.timeout.max(1));
    if cfg.call.is_some() {
        timeout = timeout.max(cfg.tool_budget + Duration::from_secs(5));
    }
    let http = crate::http::Http::new(crate::http::HttpOptions {
        timeout,
        ..crate::http::HttpOptions::default()
    })?;
    // The provisioning backend tells a pre-registered client's callbacks
    // and secret; only opened when one of them is still unknown.
    let backend = if cfg.client_id.is_some()
        && cfg.token.is_none()
        && !cfg.client_credentials
        && (cfg.redirect_uri.is_none() || cfg.client_secret.is_none())
    {
        match crate::carto::open_backend(ctx.global, &http).await {
            Ok(b) => Some(b),
            Err(e) => {
                if ctx.ui.verbose > 0 {
                    ctx.ui.status(format!(
                        "note: the client's callbacks cannot be read ({e:#}); assuming defaults"
                    ));
                }
                None
            }
        }
    } else {
        None
    };
    let obs = StepPrinter::new(ctx.ui);
    if !ctx.ui.json {
        ctx.ui.status(format!("Checking {}", cfg.url));
    }
    let report = tokio::select! {
        r = check::run(&http, &cfg, backend.as_ref(), &obs) => r,
        _ = tokio::signal::ctrl_c() => {
            // Dropping the run closes the loopback listener and the browser
            // command: nothing is left listening.
            obs.waiting_done();
            return Err(interrupted());
        }
    };
    render(ctx.ui, &report, &args)?;
    if report.passed() {
        Ok(())
    } else {
        Err(Verdict(report.exit_kind).into())
    }
}

/// Ctrl-C: the run was stopped, nothing was left behind.
pub fn interrupted() -> anyhow::Error {
    Failure::new(crate::error::ExitKind::Error, "interrupted (Ctrl-C)")
        .hint("nothing was changed; run the command again to check")
        .into()
}

/// Turns the flags into the engine's configuration (usage errors here:
/// nothing has been sent yet).
pub fn config(ctx: &Ctx<'_>, args: &CheckArgs) -> anyhow::Result<CheckConfig> {
    if args.client_secret_stdin && ctx.global.token_stdin {
        return Err(Failure::usage(
            "--client-secret-stdin and --token-stdin both read standard input; give one",
        )
        .into());
    }
    let mut cfg = CheckConfig::new(args.url.trim());
    url::Url::parse(cfg.url.as_str()).map_err(|e| {
        Failure::usage(format!("'{}' is not a URL: {e}", args.url))
            .hint("the CARTO MCP Server URL looks like https://gcp-us-east1.api.carto.com/mcp/ac_xxxxxxxx")
    })?;
    cfg.client_id = args.client_id.clone().filter(|s| !s.trim().is_empty());
    cfg.client_metadata_url = args.client_metadata_url.clone();
    cfg.register = args.register;
    cfg.client_credentials = args.client_credentials;
    cfg.scope = args.scope.clone();
    cfg.audience = args.audience.clone();
    cfg.auth_method = args.auth_method.map(Into::into);
    cfg.redirect_uri = args.redirect_uri.clone();
    cfg.insecure = args.insecure;
    if let Some(r) = &cfg.redirect_uri {
        crate::callback::validate(r)?;
    }
    if ctx.global.token_stdin {
        cfg.token = Some(crate::carto::auth::read_secret_stdin("--token-stdin")?);
    } else if let Some(t) =
        crate::carto::auth::env_nonempty("CARTO_MCP_TOKEN").map(SecretString::from)
    {
        cfg.token = Some(t);
    }
    if let Some(s) = &args.client_secret {
        cfg.client_secret = Some(s.clone());
    } else if args.client_secret_stdin {
        cfg.client_secret = Some(crate::carto::auth::read_secret_stdin(
            "--client-secret-stdin",
        )?);
    } else if let Some(s) =
        crate::carto::auth::env_nonempty("CARTO_MCP_CLIENT_SECRET").map(SecretString::from)
    {
        cfg.client_secret = Some(s);
    }
    if let Some(pem) = &args.private_key_pem {
        cfg.private_key = Some(pem.clone());
    } else if let Some(p) = &args.private_key {
        let pem = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read --private-key {}", p.display()))?;
        cfg.private_key = Some(SecretString::from(pem));
    }
    if let Some(pem) = &cfg.private_key {
        // A key that cannot sign is a usage error: say so before any request.
        crate::oauth::assertion::SigningKey::from_pem(pem.expose_secret()).map_err(|e| {
            Failure::usage(e.to_string()).hint(
                "--private-key takes a PEM private key: PKCS#8 (BEGIN PRIVATE KEY), SEC1 (BEGIN EC PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY)",
            )
        })?;
    }
    if let Some(name) = &args.as_platform {
        cfg.platform = Some(platforms::find(name)?);
    }
    let default_request = platforms::WEB_REQUEST_BUDGET_SECS;
    let request = args.budget.unwrap_or(default_request);
    let tool = args.budget.unwrap_or_else(|| {
        cfg.platform
            .map_or(default_request, |p| p.tool_timeout_secs as f64)
    });
    if !(request > 0.0 && tool > 0.0) {
        return Err(Failure::usage("--budget must be a positive number of seconds").into());
    }
    cfg.request_budget = Duration::from_secs_f64(request);
    cfg.tool_budget = Duration::from_secs_f64(tool);
    cfg.elicitation = Arc::new(elicitation::elicitor(args, ctx.ui));
    cfg.browser = browser_mode(&args.browser);
    cfg.login_timeout = Duration::from_secs(args.browser.login_timeout.max(1));
    if let Some(name) = &args.call {
        let args_json = match &args.args {
            None => None,
            Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(m)) => Some(m),
                Ok(_) => {
                    return Err(
                        Failure::usage("--args must be a JSON object, e.g. '{\"a\": 1}'").into(),
                    );
                }
                Err(e) => {
                    return Err(Failure::usage(format!("--args is not valid JSON: {e}")).into());
                }
            },
        };
        cfg.call = Some(ToolCall {
            name: name.clone(),
            args: args_json,
        });
    }
    Ok(cfg)
}

pub fn browser_mode(b: &BrowserArgs) -> BrowserMode {
    if b.no_browser {
        BrowserMode::Print
    } else {
        match b.browser {
            crate::cli::BrowserMode::System => BrowserMode::System,
            crate::cli::BrowserMode::Http => BrowserMode::Http,
        }
    }
}

/// Renders the finished report.
pub fn render(ui: &Ui, report: &Report, args: &CheckArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.junit {
        std::fs::write(path, report.junit())
            .with_context(|| format!("cannot write --junit {}", path.display()))?;
    }
    if ui.json {
        let mut v = serde_json::to_value(report)?;
        if args.show_token
            && let Some(t) = &report.access_token
        {
            v["access_token"] = serde_json::Value::String(t.expose_secret().to_string());
        }
        ui.print_json(&v)?;
        return Ok(());
    }
    summary(ui, report);
    if !report.tools.is_empty() {
        let rows = report
            .tools
            .iter()
            .map(|t| {
                vec![
                    t.name.clone(),
                    t.description
                        .as_deref()
                        .or(t.title.as_deref())
                        .unwrap_or("")
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ]
            })
            .collect();
        ui.print_table(&["tool", "description"], rows);
    }
    if let Some(c) = &report.call {
        ui.out(format!("{} → {}", c.tool, c.result.text));
    }
    if args.show_token
        && let Some(t) = &report.access_token
    {
        ui.out(t.expose_secret());
    }
    Ok(())
}

/// The verdict line and the hints, on stderr.
pub fn summary(ui: &Ui, report: &Report) {
    let total = report.total_ms as f64 / 1000.0;
    if report.passed() {
        let warned = report
            .steps
            .iter()
            .filter(|s| s.outcome == Outcome::Warn)
            .count();
        let extra = if warned > 0 {
            format!(", {warned} warning(s)")
        } else {
            String::new()
        };
        ui.success(format!(
            "check passed in {total:.2} s: {} tool(s){extra}",
            report.tools.len()
        ));
    } else {
        let which = report
            .failed_step()
            .map(|s| format!(" at \"{}\"", s.title))
            .unwrap_or_default();
        ui.status(format!(
            "{} check failed{which} after {total:.2} s",
            ui.red_err("✗")
        ));
    }
}

/// Prints the steps on stderr as they finish, and the authorization URL;
/// a spinner runs while the browser login is awaited (on a terminal only).
pub struct StepPrinter<'a> {
    ui: &'a Ui,
    n: AtomicUsize,
    spinner: Mutex<Option<Spinner>>,
}

impl<'a> StepPrinter<'a> {
    pub fn new(ui: &'a Ui) -> Self {
        StepPrinter {
            ui,
            n: AtomicUsize::new(0),
            spinner: Mutex::new(None),
        }
    }

    fn stop_spinner(&self) {
        // Dropping the spinner stops it and clears its line.
        drop(self.spinner.lock().ok().and_then(|mut s| s.take()));
    }
}

/// A step's outcome as one coloured mark on stderr: ✓ ! ✗ -.
pub fn mark(ui: &Ui, o: Outcome) -> String {
    match o {
        Outcome::Pass => ui.green_err("✓"),
        Outcome::Warn => ui.yellow_err("!"),
        Outcome::Fail => ui.red_err("✗"),
        Outcome::Skip => ui.dim_err("-"),
    }
}

impl Observer for StepPrinter<'_> {
    fn step(&self, s: &Step) {
        self.stop_spinner();
        let n = self.n.fetch_add(1, Ordering::SeqCst) + 1;
        let ui = self.ui;
        let mark = mark(ui, s.outcome);
        let budget = s
            .budget_ms
            .map(|b| format!(" / budget {:.1} s", b as f64 / 1000.0))
            .unwrap_or_default();
        ui.status(format!(
            "{n:>3}. {mark} {}  {}",
            s.title,
            ui.dim_err(&format!("({} ms{budget})", s.duration_ms))
        ));
        if let Some(d) = &s.detail {
            ui.status(format!("       {d}"));
        }
        if ui.verbose > 0 || s.outcome == Outcome::Fail {
            for e in &s.evidence {
                ui.status(format!("       {}", ui.dim_err(&crate::redact::body(e))));
            }
        }
        for h in &s.hints {
            ui.status(format!("       {} {h}", ui.cyan_err("hint:")));
        }
    }

    fn authorization_url(&self, url: &str, mode: BrowserMode) {
        let ui = self.ui;
        match mode {
            BrowserMode::Print => ui.status("     Open this URL in a browser to log in:"),
            _ => ui.status("     Opening the browser to log in (or open this URL yourself):"),
        }
        ui.status(format!("     {url}"));
        if !ui.json
            && let Some(sp) = ui.spinner("waiting for the browser login…")
            && let Ok(mut s) = self.spinner.lock()
        {
            *s = Some(sp);
        }
    }

    fn waiting_done(&self) {
        self.stop_spinner();
    }

    fn confirm(&self, question: &str) -> bool {
        self.stop_spinner();
        // `--yes` answers yes; without a terminal `Ui::confirm` refuses,
        // which is a no here (the step then fails with its own hint).
        self.ui.confirm(question, true).unwrap_or(false)
    }
}
