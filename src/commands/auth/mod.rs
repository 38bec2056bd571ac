//! `carto-mcp auth status|login|logout`. `login` is the OAuth engine's
//! (`login.rs`); status and logout are here.

use serde::Serialize;

mod login;

use super::Ctx;
use crate::carto::auth::{self, Credentials, TokenSource};
use crate::cli::AuthCommand;

pub async fn run(ctx: &Ctx<'_>, cmd: AuthCommand) -> anyhow::Result<()> {
    match cmd {
        AuthCommand::Status => status(ctx).await,
        AuthCommand::Login(args) => login::run(ctx, args).await,
        AuthCommand::Logout => logout(ctx),
    }
}

#[derive(Serialize)]
struct StatusDoc<'a> {
    source: &'a TokenSource,
    source_description: String,
    /// `jwt`, or `opaque` when the token's claims cannot be read.
    token_format: &'static str,
    subject: Option<&'a str>,
    user_email: Option<&'a str>,
    account_id: Option<&'a str>,
    tenant_id: Option<&'a str>,
    issuer: Option<&'a str>,
    audience: Vec<&'a str>,
    expires_at: Option<String>,
    expires_in_secs: Option<i64>,
    mcp_server_url: Option<String>,
}

async fn status(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let http = ctx.http()?;
    let creds = crate::carto::resolve_credentials(ctx.global, &http).await?;
    let now = auth::now_unix();
    let claims = creds.claims.as_ref();
    let doc = StatusDoc {
        source: &creds.source,
        source_description: creds.source.describe(),
        token_format: if claims.is_some() { "jwt" } else { "opaque" },
        subject: creds.subject(),
        user_email: creds.user_email.as_deref(),
        account_id: creds.account_id.as_deref(),
        tenant_id: creds.tenant_id.as_deref(),
        issuer: claims.and_then(|c| c.issuer.as_deref()),
        audience: claims
            .map(|c| c.audience.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        expires_at: creds.expires_at.map(auth::format_unix),
        expires_in_secs: creds.expires_at.map(|e| e - now),
        mcp_server_url: creds.mcp_server_url(),
    };
    if ui.json {
        ui.print_json(&doc)?;
    } else {
        ui.out(render_status(&creds, &doc, now));
    }
    if claims.is_some() && !doc.audience.contains(&auth::AUDIENCE) {
        ui.warn(format!(
            "the token's audience is not {}: CARTO's APIs may refuse it",
            auth::AUDIENCE
        ));
    }
    if claims.is_none() {
        ui.hint(
            "the token is not a JWT, so who it belongs to and its expiry cannot be read from it",
        );
    }
    Ok(())
}

fn render_status(creds: &Credentials, doc: &StatusDoc<'_>, now: i64) -> String {
    let who_label = match creds.source {
        TokenSource::M2m { .. } => "Client",
        _ => "User",
    };
    let dash = || "-".to_string();
    let mut rows: Vec<(&str, String)> = vec![
        ("Source", doc.source_description.clone()),
        (
            who_label,
            doc.subject.map(String::from).unwrap_or_else(dash),
        ),
    ];
    if let Some(e) = doc.user_email {
        rows.push(("Email", e.to_string()));
    }
    rows.push((
        "Account ID",
        doc.account_id.map(String::from).unwrap_or_else(dash),
    ));
    if let Some(t) = doc.tenant_id {
        rows.push(("Tenant", t.to_string()));
    }
    rows.push((
        "Expires",
        match creds.expires_at {
            Some(e) => format!("{} ({})", auth::format_unix(e), relative(e - now)),
            None => "unknown".to_string(),
        },
    ));
    if let Some(u) = &doc.mcp_server_url {
        rows.push(("MCP server", u.clone()));
    }
    rows.iter()
        .map(|(k, v)| format!("{:<12}{v}", format!("{k}:")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "in 3 h 20 min", "in 12 days", "expired".
pub fn relative(secs: i64) -> String {
    if secs <= 0 {
        return "expired".into();
    }
    let (d, h, m) = (secs / 86400, secs % 86400 / 3600, secs % 3600 / 60);
    if d >= 2 {
        format!("in {d} days")
    } else if d == 1 || h > 0 {
        format!("in {} h {m} min", d * 24 + h)
    } else if m > 0 {
        format!("in {m} min")
    } else {
        format!("in {secs} s")
    }
}

fn logout(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let removed = auth::logout()?;
    if ui.json {
        ui.print_json(&serde_json::json!({ "removed": removed }))?;
    } else if removed.is_empty() {
        ui.status("Nothing to remove: no stored `carto-mcp auth login` and no cached M2M token.");
    } else {
        for p in &removed {
            ui.success(format!("removed {}", p.display()));
        }
    }
    ui.hint("CARTO_API_TOKEN, CARTO_CLIENT_ID/SECRET and the CARTO CLI's login are not touched (`carto auth logout` for the latter)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_times() {
        assert_eq!(relative(-5), "expired");
        assert_eq!(relative(45), "in 45 s");
        assert_eq!(relative(600), "in 10 min");
        assert_eq!(relative(3 * 3600 + 20 * 60), "in 3 h 20 min");
        assert_eq!(relative(86400 + 3600), "in 25 h 0 min");
        assert_eq!(relative(5 * 86400), "in 5 days");
    }
}
