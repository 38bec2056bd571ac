//! `carto-mcp sandbox`: runs the local CARTO-like stack until Ctrl-C, and
//! prints where it is and how to point the CLI (or any MCP client) at it.

use secrecy::ExposeSecret;
use serde::Serialize;
use tokio::sync::mpsc;

use super::Ctx;
use crate::cli::SandboxArgs;
use crate::output::Ui;
use crate::sandbox::{
    ACCOUNT_ID, CARTO_AUDIENCE, Sandbox, SandboxEvent, SandboxOptions, SandboxUrls,
};

/// The `--json` document (stable: scripts read it).
#[derive(Debug, Serialize)]
pub struct SandboxInfo<'a> {
    #[serde(flatten)]
    pub urls: &'a SandboxUrls,
    pub account_id: &'static str,
    /// The audience of CARTO API tokens (what the API token carries).
    pub api_audience: &'static str,
    pub auto_approve: bool,
    /// Bearer token for the Developers API.
    pub api_token: String,
    /// The environment that points carto-mcp at this sandbox.
    pub env: std::collections::BTreeMap<String, String>,
}

/// The variables that point carto-mcp at a sandbox.
pub fn env_for(sb: &Sandbox) -> Vec<(String, String)> {
    vec![
        ("CARTO_MCP_API_URL".into(), sb.urls().api_url.clone()),
        ("CARTO_MCP_BACKEND".into(), "api".into()),
        ("CARTO_MCP_AUTH_URL".into(), sb.urls().issuer.clone()),
        (
            "CARTO_API_TOKEN".into(),
            sb.api_token().expose_secret().to_string(),
        ),
    ]
}

pub async fn run(ctx: &Ctx<'_>, args: SandboxArgs) -> anyhow::Result<()> {
    let stop = stop_signal()?;
    let (tx, mut events) = mpsc::unbounded_channel();
    let sb = Sandbox::start(SandboxOptions {
        port: args.port,
        auto_approve: args.auto_approve,
        events: Some(tx),
    })
    .await?;
    let env = env_for(&sb);
    if ctx.ui.json {
        ctx.ui.print_json(&SandboxInfo {
            urls: sb.urls(),
            account_id: ACCOUNT_ID,
            api_audience: CARTO_AUDIENCE,
            auto_approve: sb.auto_approve(),
            api_token: sb.api_token().expose_secret().to_string(),
            env: env.into_iter().collect(),
        })?;
    } else {
        print_human(ctx.ui, &sb, &env);
    }
    ctx.ui.status(format!(
        "Sandbox listening on {} (127.0.0.1 only). Press Ctrl-C to stop.",
        sb.urls().base
    ));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            ev = events.recv() => match ev {
                Some(ev) => log_event(ctx.ui, "", &ev),
                None => break,
            },
        }
    }
    ctx.ui.status("Stopping the sandbox…");
    sb.stop().await;
    ctx.ui.success("Sandbox stopped.");
    Ok(())
}

fn print_human(ui: &Ui, sb: &Sandbox, env: &[(String, String)]) {
    let u = sb.urls();
    let logins = if sb.auto_approve() {
        "approved at once (--auto-approve)".to_string()
    } else {
        "login and consent page in the browser (any user name)".to_string()
    };
    ui.out(ui.bold_out("carto-mcp sandbox: a local CARTO-like stack"));
    ui.out("");
    let rows = [
        ("Developers API", format!("{}/oauth-clients", u.api_url)),
        (
            "Authorization server",
            format!(
                "{} (metadata: {})",
                u.issuer, u.authorization_server_metadata
            ),
        ),
        ("MCP server", u.mcp_url.clone()),
        ("Logins", logins),
        ("API token", sb.api_token().expose_secret().to_string()),
    ];
    for (k, v) in rows {
        ui.out(format!("  {k:<22}{v}"));
    }
    ui.out("");
    ui.out("Point carto-mcp at it (in another terminal):");
    ui.out("");
    let assigns: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    ui.out(format!("  export {}", assigns.join(" ")));
    ui.out("");
    ui.out("Then, for example:");
    ui.out("  carto-mcp client create --platform inspector --output env");
    ui.out(format!(
        "  carto-mcp check {} --client-id <ID>{}",
        u.mcp_url,
        if sb.auto_approve() {
            " --browser http"
        } else {
            ""
        }
    ));
}

/// One line on stderr for a request the sandbox served (or a note), with
/// `prefix` before it (the demo says "sandbox: ").
pub(super) fn log_event(ui: &Ui, prefix: &str, ev: &SandboxEvent) {
    let line = match ev {
        SandboxEvent::Request {
            method,
            path,
            status,
            millis,
        } => format!("  {prefix}{method} {path} → {status} ({millis} ms)"),
        SandboxEvent::Note(n) => format!("  {prefix}{n}"),
    };
    ui.status(ui.dim_err(&line));
}

/// Ctrl-C, or SIGTERM on Unix (how service managers and test harnesses
/// ask a process to stop). The handlers are installed when this is called,
/// before anything is printed, so a signal sent as soon as the URLs appear
/// still stops the sandbox cleanly.
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
