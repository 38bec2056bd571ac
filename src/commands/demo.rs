//! `carto-mcp demo`: the whole job against a built-in sandbox, in one
//! command and without a CARTO account. It starts the sandbox in-process on
//! a free port (logins approved at once), creates a client with the
//! `inspector` and `claude` presets through the Developers API (the `api`
//! backend), runs the `check` engine over HTTP against the sandbox MCP
//! server (calling the slow demo workflow past a small budget, so the report
//! shows how a slow tool is flagged), probes the documented platforms'
//! callbacks live (`diagnose --live`), prints the report and stops
//! everything.
//!
//! Every result shown comes from the engines the real commands use; none is
//! made up here.

use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::mpsc;

use super::Ctx;
use crate::carto::api::ApiBackend;
use crate::carto::{AnyBackend, ClientBackend, NewClient, OAuthClient};
use crate::check::{self, BrowserMode, CheckConfig, Observer, Outcome, Report, Step, ToolCall};
use crate::cli::DemoArgs;
use crate::error::{ExitKind, Failure, Verdict};
use crate::http::Http;
use crate::oauth::probe;
use crate::output::Ui;
use crate::platforms::{self, Platform, Source};
use crate::sandbox::mcp::{TOOL_DENIED, TOOL_SLOW};
use crate::sandbox::{Sandbox, SandboxEvent, SandboxOptions, SandboxUrls};

/// The presets the demo client is created with.
pub const DEMO_PLATFORMS: &[&str] = &["inspector", "claude"];

/// The `--json` document.
#[derive(Debug, Serialize)]
struct DemoReport<'a> {
    schema: u32,
    /// True when every step went as the demo expects (exit 0).
    as_expected: bool,
    sandbox: &'a SandboxUrls,
    client: ClientSummary,
    check: &'a Report,
    /// Why the report's verdict is `fail` and that is expected here.
    check_expected_failure: Option<String>,
    /// The call of the workflow the sandbox user may not run.
    permission_error: Option<PermissionCall>,
    probe: ProbeSection,
    /// What did not go as expected, one line each.
    problems: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ClientSummary {
    client_id: String,
    name: String,
    callbacks: Vec<String>,
    platforms: Vec<&'static str>,
    create_ms: u64,
}

#[derive(Debug, Clone, Serialize)]
struct PermissionCall {
    tool: String,
    duration_ms: u64,
    /// The tool's own message.
    message: String,
    /// What the check engine says to do about it.
    hints: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ProbeSection {
    /// The authorization server found from the MCP URL.
    issuer: Option<String>,
    rows: Vec<ProbeRow>,
    /// Set when the probe could not run at all.
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ProbeRow {
    platform: &'static str,
    redirect_uri: String,
    /// Whether the callback is registered on the demo client.
    registered: bool,
    verdict: probe::Verdict,
    reason: String,
    as_expected: bool,
}

pub async fn run(ctx: &Ctx<'_>, args: DemoArgs) -> anyhow::Result<()> {
    if !(args.budget.is_finite() && args.budget > 0.0 && args.budget <= 600.0) {
        return Err(Failure::usage(format!(
            "--budget must be a number of seconds between 0 and 600 (got {})",
            args.budget
        ))
        .into());
    }
    let ui = ctx.ui;
    let http = ctx.http()?;
    let (tx, rx) = mpsc::unbounded_channel();
    let sb = Sandbox::start(SandboxOptions {
        port: 0,
        auto_approve: true,
        events: (ui.verbose > 0).then_some(tx),
    })
    .await?;
    let log = tokio::spawn(log_events(ui.clone(), rx));
    ui.status(format!(
        "Sandbox started on {} (Developers API, authorization server, MCP server).",
        sb.urls().base
    ));
    let result = run_steps(ui, &http, &sb, &args).await;
    let urls = sb.urls().clone();
    sb.stop().await;
    log.abort();
    let (client, report, denied, probe_section) = result?;

    let mut problems = Vec::new();
    let check_expected_failure = judge_check(&report, &mut problems);
    let permission = judge_denied(denied.as_ref(), &mut problems);
    for r in &probe_section.rows {
        if !r.as_expected {
            problems.push(format!(
                "probe of {} ({}): {:?}, expected {}",
                r.platform,
                r.redirect_uri,
                r.verdict,
                if r.registered { "accepted" } else { "refused" }
            ));
        }
    }
    if let Some(e) = &probe_section.error {
        problems.push(format!("the callback probe failed: {e}"));
    }
    let as_expected = problems.is_empty();

    if ui.json {
        ui.print_json(&DemoReport {
            schema: 1,
            as_expected,
            sandbox: &urls,
            client,
            check: &report,
            check_expected_failure,
            permission_error: permission.clone(),
            probe: probe_section,
            problems: problems.clone(),
        })?;
    } else {
        render(
            ui,
            &urls,
            &client,
            &report,
            permission.as_ref(),
            &probe_section,
            &args,
        );
        ui.out("");
        if as_expected {
            ui.out(ui.green_out("✓ Everything went as expected."));
            ui.out("");
            ui.out("The same against your CARTO organization:");
            ui.out("  carto-mcp client create --platform claude --platform inspector");
            ui.out(
                "  carto-mcp check https://<tenant>.api.carto.com/mcp/<account_id> --client-id <ID>",
            );
            ui.out("  carto-mcp diagnose --live https://<tenant>.api.carto.com/mcp/<account_id> --client-id <ID> --platform claude");
        } else {
            ui.out(ui.red_out("✗ The demo did not go as expected:"));
            for p in &problems {
                ui.out(format!("  - {p}"));
            }
        }
    }
    if as_expected {
        Ok(())
    } else {
        if !ui.json {
            ui.hint("run again with -v to see every request the sandbox served");
        }
        Err(Verdict(ExitKind::Error).into())
    }
}

async fn log_events(ui: Ui, mut rx: mpsc::UnboundedReceiver<SandboxEvent>) {
    while let Some(ev) = rx.recv().await {
        super::sandbox::log_event(&ui, "sandbox: ", &ev);
    }
}

type Steps = (ClientSummary, Report, Option<Report>, ProbeSection);

async fn run_steps(ui: &Ui, http: &Http, sb: &Sandbox, args: &DemoArgs) -> anyhow::Result<Steps> {
    // 1. The client, through the Developers API like `client create`.
    let presets = platforms::find_all(
        &DEMO_PLATFORMS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    )?;
    let new = NewClient::spa(
        format!(
            "carto-mcp demo ({})",
            presets
                .iter()
                .map(|p| p.display)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        platforms::callbacks_of(&presets),
    );
    ui.status("1/3 Creating an OAuth client through the Developers API…");
    let backend = AnyBackend::Api(
        ApiBackend::new(http.clone(), &sb.urls().api_url, sb.api_token().clone())
            .map_err(|e| anyhow::anyhow!("the sandbox API URL is not a URL: {e}"))?,
    );
    let t = Instant::now();
    let created: OAuthClient = backend.create(&new).await?;
    let create_ms = t.elapsed().as_millis() as u64;
    let client = ClientSummary {
        client_id: created.client_id.clone(),
        name: created.name.clone(),
        callbacks: created.callbacks.clone(),
        platforms: presets.iter().map(|p| p.name).collect(),
        create_ms,
    };

    // 2. The check, as `check <mcp url> --client-id … --browser http --call
    //    run_slow_workflow_v1_0_0 --args '{"delay_ms": …}' --budget …`.
    ui.status("2/3 Checking the login and the MCP server (check --browser http)…");
    let budget = Duration::from_secs_f64(args.budget);
    let delay_ms = slow_delay_ms(budget);
    let mut cfg = CheckConfig::new(sb.urls().mcp_url.clone());
    cfg.client_id = Some(created.client_id.clone());
    cfg.client_secret = created.client_secret.clone();
    cfg.browser = BrowserMode::Http;
    cfg.login_timeout = Duration::from_secs(30);
    cfg.tool_budget = budget;
    let mut call_args = serde_json::Map::new();
    call_args.insert("delay_ms".into(), delay_ms.into());
    cfg.call = Some(ToolCall {
        name: TOOL_SLOW.into(),
        args: Some(call_args),
    });
    let report = check::run(http, &cfg, Some(&backend), &StepLines { ui }).await;

    // 2b. The workflow the user may not run, with the token just obtained
    //     (as `check --token-stdin --call get_sales_by_region_v1_0_0`).
    let denied = match &report.access_token {
        Some(token) => {
            let mut cfg = CheckConfig::new(sb.urls().mcp_url.clone());
            cfg.token = Some(token.clone());
            cfg.call = Some(ToolCall {
                name: TOOL_DENIED.into(),
                args: None,
            });
            Some(check::run::<AnyBackend>(http, &cfg, None, &check::Quiet).await)
        }
        None => None,
    };

    // 3. The live callback probe, as `diagnose --live <mcp url> --client-id
    //    …` for CARTO's documented platforms: the client's are accepted, the
    //    others refused with Auth0's "Callback URL mismatch".
    ui.status("3/3 Probing the platforms' callbacks (diagnose --live)…");
    let probe_section = run_probe(http, &sb.urls().mcp_url, &created).await;
    Ok((client, report, denied, probe_section))
}

/// The slow workflow runs 1.5 times the budget, so it is over it for sure
/// and the demo stays short.
fn slow_delay_ms(budget: Duration) -> u64 {
    (budget.as_millis() as u64).saturating_mul(3) / 2
}

async fn run_probe(http: &Http, mcp_url: &str, client: &OAuthClient) -> ProbeSection {
    let target = match probe::discover(http, mcp_url).await {
        Ok(t) => t,
        Err(e) => {
            return ProbeSection {
                issuer: None,
                rows: Vec::new(),
                error: Some(e.to_string()),
            };
        }
    };
    let mut rows = Vec::new();
    let documented: Vec<&'static Platform> = platforms::PLATFORMS
        .iter()
        .filter(|p| p.source == Source::CartoDocs)
        .collect();
    for p in documented {
        for cb in p.callbacks {
            let registered = client.callbacks.iter().any(|c| c == cb);
            match probe::probe(http, &target, &client.client_id, cb).await {
                Ok(r) => {
                    let as_expected = match r.verdict {
                        probe::Verdict::Accepted => registered,
                        probe::Verdict::Refused => !registered,
                        probe::Verdict::Unknown => false,
                    };
                    rows.push(ProbeRow {
                        platform: p.name,
                        redirect_uri: cb.to_string(),
                        registered,
                        verdict: r.verdict,
                        reason: r.reason,
                        as_expected,
                    });
                }
                Err(e) => {
                    return ProbeSection {
                        issuer: Some(target.issuer.clone()),
                        rows,
                        error: Some(e.to_string()),
                    };
                }
            }
        }
    }
    ProbeSection {
        issuer: Some(target.issuer),
        rows,
        error: None,
    }
}

/// Is the check's result the one the demo expects: every step passes (or
/// only warns), except the slow tool call, which must fail for being over
/// the budget and nothing else? Returns why the verdict is a failure.
fn judge_check(report: &Report, problems: &mut Vec<String>) -> Option<String> {
    for s in &report.steps {
        if s.outcome == Outcome::Fail && s.id != "tools-call" {
            problems.push(format!(
                "check step '{}' failed: {}",
                s.title,
                s.detail.as_deref().unwrap_or("")
            ));
        }
    }
    if report.tools.is_empty() {
        problems.push("the check listed no tools".into());
    }
    match &report.call {
        Some(c) if c.duration_ms > c.budget_ms && !c.result.is_error => Some(format!(
            "{} took {} ms, over the {} ms budget, as the demo intends",
            c.tool, c.duration_ms, c.budget_ms
        )),
        Some(c) => {
            problems.push(format!(
                "{} was expected to be flagged as over the budget ({} ms in {} ms, error: {})",
                c.tool, c.duration_ms, c.budget_ms, c.result.is_error
            ));
            None
        }
        None => {
            if problems.is_empty() {
                problems.push(format!("the check did not call {TOOL_SLOW}"));
            }
            None
        }
    }
}

/// The denied workflow must come back as a tool error naming the missing
/// permission.
fn judge_denied(denied: Option<&Report>, problems: &mut Vec<String>) -> Option<PermissionCall> {
    let Some(r) = denied else {
        problems.push(format!(
            "{TOOL_DENIED} was not called: the login gave no token"
        ));
        return None;
    };
    match &r.call {
        Some(c) if c.result.is_error && c.result.text.contains("permission") => {
            let hints = r
                .steps
                .iter()
                .filter(|s| s.id == "tools-call")
                .flat_map(|s| s.hints.clone())
                .collect();
            Some(PermissionCall {
                tool: c.tool.clone(),
                duration_ms: c.duration_ms,
                message: c.result.text.clone(),
                hints,
            })
        }
        Some(c) => {
            problems.push(format!(
                "{} was expected to fail with a permission error; it answered: {}",
                c.tool, c.result.text
            ));
            None
        }
        None => {
            let why = r
                .failed_step()
                .map(|s| format!("{}: {}", s.title, s.detail.clone().unwrap_or_default()))
                .unwrap_or_default();
            problems.push(format!("{TOOL_DENIED} could not be called ({why})"));
            None
        }
    }
}

/// Shows each check step on stderr as it finishes.
struct StepLines<'a> {
    ui: &'a Ui,
}

impl Observer for StepLines<'_> {
    fn step(&self, s: &Step) {
        let mark = super::check::mark(self.ui, s.outcome);
        self.ui
            .status(format!("    {mark} {} ({} ms)", s.title, s.duration_ms));
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Warn => "warn",
        Outcome::Fail => "FAIL",
        Outcome::Skip => "skip",
    }
}

fn render(
    ui: &Ui,
    urls: &SandboxUrls,
    client: &ClientSummary,
    report: &Report,
    permission: Option<&PermissionCall>,
    probe: &ProbeSection,
    args: &DemoArgs,
) {
    ui.out(ui.bold_out("carto-mcp demo: the whole job against a local CARTO-like sandbox"));
    ui.out(format!(
        "Sandbox {} (stopped now): Developers API, authorization server, MCP server {}",
        urls.base, urls.mcp_url
    ));
    ui.out("");

    ui.out(ui.bold_out("1. Client created through the Developers API"));
    ui.out(format!("  ID         {}", client.client_id));
    ui.out(format!("  Name       {}", client.name));
    for (i, cb) in client.callbacks.iter().enumerate() {
        let owners: Vec<&str> = platforms::owners_of(cb).iter().map(|p| p.name).collect();
        ui.out(format!(
            "  {}  {cb} ({})",
            if i == 0 { "Callbacks" } else { "         " },
            owners.join(", ")
        ));
    }
    ui.out(format!("  Took       {} ms", client.create_ms));
    ui.out("");

    ui.out(ui.bold_out(&format!(
        "2. Login and MCP check (check --browser http), {} ms",
        report.total_ms
    )));
    let rows: Vec<Vec<String>> = report
        .steps
        .iter()
        .map(|s| {
            vec![
                s.title.clone(),
                outcome_word(s.outcome).to_string(),
                format!("{} ms", s.duration_ms),
                s.budget_ms.map(|b| format!("{b} ms")).unwrap_or_default(),
                s.detail.clone().unwrap_or_default(),
            ]
        })
        .collect();
    ui.out(indent(&ui.render_table(
        &["step", "result", "time", "budget", "detail"],
        rows,
    )));
    let login_ok = report.steps.iter().any(|s| s.id == "token")
        && report
            .steps
            .iter()
            .filter(|s| s.id == "token")
            .all(|s| s.outcome != Outcome::Fail);
    if let Some(t) = &report.token {
        ui.out(format!(
            "  Login {}: token for {} with aud {}",
            if login_ok { "passed" } else { "FAILED" },
            t.sub.as_deref().unwrap_or("?"),
            t.aud.join(" ")
        ));
    } else {
        ui.out("  Login FAILED: no token");
    }
    let list_ms = report
        .steps
        .iter()
        .rev()
        .find(|s| s.id == "tools-list")
        .map(|s| s.duration_ms);
    ui.out(format!(
        "  Tools listed: {} in {}",
        report.tools.len(),
        list_ms.map_or("?".into(), |m| format!("{m} ms"))
    ));
    for t in &report.tools {
        ui.out(format!("    - {}", t.name));
    }
    if let Some(c) = &report.call {
        let over = c.duration_ms > c.budget_ms;
        ui.out(format!(
            "  Slow tool: {} took {} ms against a budget of {} ms: {}",
            c.tool,
            c.duration_ms,
            c.budget_ms,
            if over {
                "flagged as too slow (expected)"
            } else {
                "within budget (unexpected)"
            }
        ));
        ui.out(format!(
            "    (the demo budget is {} s so the demo stays short; web platforms give up after about {} s: slower workflows belong in Async mode)",
            args.budget,
            platforms::WEB_REQUEST_BUDGET_SECS
        ));
    }
    if let Some(p) = permission {
        ui.out(format!(
            "  Permission error: {} answered in {} ms with a tool error (expected):",
            p.tool, p.duration_ms
        ));
        ui.out(format!("    \"{}\"", p.message));
        for h in &p.hints {
            ui.out(format!("    hint: {h}"));
        }
    }
    ui.out("");

    ui.out(ui.bold_out("3. Platform callback probe (diagnose --live)"));
    if let Some(i) = &probe.issuer {
        ui.out(format!("  Authorization server {i}"));
    }
    if !probe.rows.is_empty() {
        let rows: Vec<Vec<String>> = probe
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.platform.to_string(),
                    r.redirect_uri.clone(),
                    if r.registered { "yes" } else { "no" }.to_string(),
                    format!("{:?}", r.verdict).to_lowercase(),
                    if r.as_expected { "yes" } else { "NO" }.to_string(),
                    r.reason.clone(),
                ]
            })
            .collect();
        ui.out(indent(&ui.render_table(
            &[
                "platform",
                "callback",
                "registered",
                "result",
                "expected",
                "why",
            ],
            rows,
        )));
    }
    if let Some(e) = &probe.error {
        ui.out(format!("  The probe failed: {e}"));
    }
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slow_call_is_always_over_the_budget() {
        for b in [0.1, 1.0, 10.0] {
            let budget = Duration::from_secs_f64(b);
            assert!(Duration::from_millis(slow_delay_ms(budget)) > budget, "{b}");
        }
    }
}
