//! `carto-mcp auth login`: PKCE login to CARTO itself, on the same OAuth
//! engine as `check` (authorization server metadata, browser or HTTP mode,
//! loopback listener, token), with audience `carto-cloud-native-api`. The
//! tokens are stored 0600 in `$XDG_CONFIG_HOME/carto-mcp/login.json`, where
//! the client commands find them (`carto::auth`).

use std::time::Duration;

use secrecy::ExposeSecret;

use crate::carto::auth::{AUDIENCE, StoredLogin};
use crate::check::{self, CheckConfig, Observer};
use crate::cli::AuthLoginArgs;
use crate::commands::Ctx;
use crate::commands::check::{StepPrinter, browser_mode};
use crate::error::{ExitKind, Failure, Verdict};
use crate::oauth::token::TokenSummary;

/// The public client CARTO's own Python library (carto-auth) logs in with.
pub const DEFAULT_CLIENT_ID: &str = "0dxb8HR3ATXCxJiPOJVHsLoHoAtbRX6u";
/// The loopback redirect URI registered for that client.
pub const DEFAULT_REDIRECT_URI: &str = "http://localhost:10000/callback/";

pub async fn run(ctx: &Ctx<'_>, args: AuthLoginArgs) -> anyhow::Result<()> {
    let http = ctx.http()?;
    let redirect = args
        .redirect_uri
        .clone()
        .unwrap_or_else(|| DEFAULT_REDIRECT_URI.to_string());
    crate::callback::validate(&redirect)?;
    if !crate::callback::is_loopback_url(&redirect) {
        return Err(Failure::usage(format!(
            "--redirect-uri {redirect} is not on a loopback host; the login needs a local callback"
        ))
        .into());
    }
    let mut cfg = CheckConfig::new(args.auth_url.clone());
    cfg.client_id = Some(
        args.client_id
            .clone()
            .unwrap_or_else(|| DEFAULT_CLIENT_ID.to_string()),
    );
    cfg.redirect_uri = Some(redirect);
    cfg.audience = Some(AUDIENCE.to_string());
    // A login is an OpenID Connect sign-in: `openid` is what every
    // authorization server grants to a user (Auth0 mints the API token for
    // the audience either way).
    cfg.scope = Some("openid".to_string());
    cfg.browser = browser_mode(&args.browser);
    cfg.login_timeout = Duration::from_secs(args.browser.login_timeout.max(1));
    if !ctx.ui.json {
        ctx.ui
            .status(format!("Logging in to CARTO at {}", args.auth_url));
    }
    let obs = StepPrinter::new(ctx.ui);
    let result = tokio::select! {
        r = check::login(&http, &cfg, &args.auth_url, &obs) => r,
        _ = tokio::signal::ctrl_c() => {
            obs.waiting_done();
            return Err(crate::commands::check::interrupted());
        }
    };
    let Some(tokens) = result.tokens else {
        if ctx.ui.json {
            ctx.ui.print_json(&result.report)?;
        } else {
            crate::commands::check::summary(ctx.ui, &result.report);
        }
        return Err(Verdict(ExitKind::NotAuthenticated).into());
    };
    let summary = TokenSummary::of(&tokens);
    let expires_at = tokens
        .expires_in
        .map(|s| crate::claims::now_unix() + i64::try_from(s).unwrap_or(0))
        .or_else(|| {
            crate::claims::decode(tokens.access_token.expose_secret()).and_then(|c| c.expires_at)
        });
    let path = StoredLogin {
        access_token: tokens.access_token.clone(),
        refresh_token: tokens.refresh_token.clone(),
        expires_at,
        issuer: Some(args.auth_url.clone()),
        client_id: cfg.client_id.clone(),
    }
    .save()?;
    if ctx.ui.json {
        ctx.ui.print_json(&serde_json::json!({
            "logged_in": true,
            "path": path,
            "token": summary,
            "steps": result.report.steps,
        }))?;
    } else {
        let who = summary
            .sub
            .as_deref()
            .map(|s| format!(" as {s}"))
            .unwrap_or_default();
        let account = summary
            .account_id
            .as_deref()
            .map(|a| format!(" (account {a})"))
            .unwrap_or_default();
        ctx.ui.success(format!(
            "Logged in to CARTO{who}{account}; token stored in {}",
            path.display()
        ));
        if let Some(e) = &summary.expires_at {
            ctx.ui.status(format!("  valid until {e}"));
        }
    }
    Ok(())
}
