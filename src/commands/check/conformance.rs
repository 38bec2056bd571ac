//! `check --conformance`: run `check` as the client under test of the
//! official MCP conformance suite (`@modelcontextprotocol/conformance`,
//! `tests/e2e/conformance.sh`).
//!
//! `commands::check` calls [`apply_conformance_env`] first when
//! `--conformance` is given. It only fills ordinary `check` options: the
//! engine has no conformance-specific behaviour. The secrets of the context
//! go in memory (`args.client_secret`, `args.private_key_pem`, see cli.rs),
//! never in a file or another process's argv. `client_metadata_url` and
//! `register` together mean the spec's order: a metadata document when the
//! authorization server advertises `client_id_metadata_document_supported`,
//! dynamic registration otherwise.
//!
//! The suite runs `<command> <server-url>` with `MCP_CONFORMANCE_SCENARIO`
//! (the scenario's name) and, for scenarios that need data,
//! `MCP_CONFORMANCE_CONTEXT` (JSON: `client_id` with `client_secret` or
//! `private_key_pem`). The mapping, the way a user would type it:
//!
//! | suite input                       | `check` option                          |
//! |-----------------------------------|-----------------------------------------|
//! | every scenario                    | `--browser http` (mock AS approves at once) |
//! | context `client_id`               | `--client-id` (pre-registered client)   |
//! | context `client_secret`           | the client secret                       |
//! | context `private_key_pem`         | `--private-key` + `--auth-method private-key-jwt` |
//! | `auth/client-credentials-*`       | `--client-credentials`                  |
//! | `auth/*` without a client         | `--client-metadata-url` (the suite's CIMD URL) and `--register` |
//! | `auth/*`                          | `--call test-tool` (the mock's tool; exercises 403 step-up) |
//! | `tools_call`                      | `--call add_numbers --args '{"a":5,"b":3}'` |
//! | `elicitation-sep1034-client-defaults` | `--call test_client_elicitation_defaults --elicitation accept-defaults` |
//! | `sse-retry`                       | `--call test_reconnection`              |

use secrecy::SecretString;
use serde::Deserialize;

use crate::cli::{AuthMethod, BrowserMode, CheckArgs, ElicitationMode};
use crate::error::Failure;

/// The client ID metadata document URL the suite's CIMD scenario expects
/// as `client_id` (`auth/basic-cimd`; the mock AS does not fetch it).
pub const SUITE_CIMD_URL: &str = "https://conformance-test.local/client-metadata.json";

/// The tool every mock server of the suite's `auth/*` scenarios offers.
const AUTH_SCENARIO_TOOL: &str = "test-tool";

/// `MCP_CONFORMANCE_CONTEXT`: every field any 0.1.x scenario sends.
#[derive(Debug, Default, Deserialize)]
struct Context {
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    client_secret: Option<String>,
    #[serde(default)]
    private_key_pem: Option<String>,
    #[serde(default)]
    signing_algorithm: Option<String>,
}

/// What the suite's variables amount to, as ordinary `check` options.
#[derive(Debug, Default, PartialEq)]
struct Mapped {
    client_id: Option<String>,
    client_secret: Option<String>,
    private_key_pem: Option<String>,
    client_credentials: bool,
    client_metadata_url: Option<String>,
    register: bool,
    redirect_uri: Option<String>,
    call: Option<String>,
    args: Option<String>,
    elicitation: Option<ElicitationMode>,
}

/// Reads `MCP_CONFORMANCE_SCENARIO` and `MCP_CONFORMANCE_CONTEXT` and sets
/// the matching `check` options on `args`.
pub fn apply_conformance_env(args: &mut CheckArgs) -> anyhow::Result<()> {
    let scenario = std::env::var("MCP_CONFORMANCE_SCENARIO").map_err(|_| {
        Failure::usage(
            "--conformance needs MCP_CONFORMANCE_SCENARIO (the conformance suite sets it)",
        )
        .hint("run the suite: bash tests/e2e/conformance.sh")
    })?;
    let context = std::env::var("MCP_CONFORMANCE_CONTEXT").ok();
    let mapped = map(&scenario, context.as_deref())?;
    apply(args, mapped);
    Ok(())
}

fn map(scenario: &str, context: Option<&str>) -> anyhow::Result<Mapped> {
    let ctx: Context = match context.map(str::trim).filter(|c| !c.is_empty()) {
        Some(raw) => serde_json::from_str(raw).map_err(|e| {
            Failure::usage(format!(
                "MCP_CONFORMANCE_CONTEXT is not the expected JSON: {e}"
            ))
        })?,
        None => Context::default(),
    };
    if let Some(alg) = &ctx.signing_algorithm
        && !matches!(alg.as_str(), "ES256" | "ES384" | "RS256")
    {
        return Err(Failure::usage(format!(
            "MCP_CONFORMANCE_CONTEXT asks for signing algorithm {alg}; carto-mcp signs ES256, ES384 and RS256"
        ))
        .into());
    }

    let mut m = Mapped::default();
    match scenario {
        "tools_call" => {
            m.call = Some("add_numbers".into());
            m.args = Some(r#"{"a":5,"b":3}"#.into());
        }
        "elicitation-sep1034-client-defaults" => {
            m.call = Some("test_client_elicitation_defaults".into());
            m.elicitation = Some(ElicitationMode::AcceptDefaults);
        }
        "sse-retry" => m.call = Some("test_reconnection".into()),
        s if s.starts_with("auth/") => {
            m.call = Some(AUTH_SCENARIO_TOOL.into());
            m.client_credentials = s.starts_with("auth/client-credentials");
            if ctx.client_id.is_none() && !m.client_credentials {
                // No client given: the spec's order, CIMD when the server
                // supports it, else dynamic registration.
                m.client_metadata_url = Some(SUITE_CIMD_URL.into());
                m.register = true;
            }
        }
        // `initialize` and anything newer: connect and list the tools.
        _ => {}
    }
    if ctx.client_id.is_some() && !m.client_credentials {
        // A pre-registered client needs a redirect URI it was registered
        // with; the suite's reference client uses this one.
        m.redirect_uri = Some("http://localhost:3000/callback".into());
    }
    m.client_id = ctx.client_id;
    m.client_secret = ctx.client_secret;
    m.private_key_pem = ctx.private_key_pem;
    Ok(m)
}

fn apply(args: &mut CheckArgs, m: Mapped) {
    args.browser.browser = BrowserMode::Http;
    args.browser.no_browser = false;
    if m.client_id.is_some() {
        args.client_id = m.client_id;
        args.client_metadata_url = None;
        args.register = false;
    }
    if let Some(secret) = m.client_secret {
        args.client_secret = Some(SecretString::from(secret));
    }
    if let Some(pem) = m.private_key_pem {
        args.private_key_pem = Some(SecretString::from(pem));
        args.auth_method = Some(AuthMethod::PrivateKeyJwt);
    }
    args.client_credentials |= m.client_credentials;
    if m.client_metadata_url.is_some() {
        args.client_metadata_url = m.client_metadata_url;
    }
    args.register |= m.register;
    if m.redirect_uri.is_some() && args.redirect_uri.is_none() {
        args.redirect_uri = m.redirect_uri;
    }
    if m.call.is_some() && args.call.is_none() {
        args.call = m.call;
        args.args = m.args;
    }
    if m.elicitation.is_some() {
        args.elicitation = m.elicitation;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use secrecy::ExposeSecret;

    fn check_args(extra: &[&str]) -> CheckArgs {
        let mut argv = vec!["carto-mcp", "check"];
        argv.extend_from_slice(extra);
        argv.push("http://localhost:4567/mcp");
        match crate::cli::Cli::try_parse_from(argv).unwrap().command {
            crate::cli::Command::Check(a) => *a,
            _ => unreachable!(),
        }
    }

    fn mapped(scenario: &str, context: Option<&str>) -> CheckArgs {
        let mut args = check_args(&["--conformance"]);
        apply(&mut args, map(scenario, context).unwrap());
        args
    }

    #[test]
    fn every_scenario_completes_the_login_over_http() {
        for s in ["initialize", "auth/metadata-default", "sse-retry"] {
            assert_eq!(mapped(s, None).browser.browser, BrowserMode::Http, "{s}");
        }
    }

    #[test]
    fn initialize_only_connects_and_lists() {
        let a = mapped("initialize", None);
        assert_eq!(a.call, None);
        assert!(a.client_id.is_none() && !a.register && !a.client_credentials);
    }

    #[test]
    fn tools_call_calls_add_numbers_with_numbers() {
        let a = mapped("tools_call", None);
        assert_eq!(a.call.as_deref(), Some("add_numbers"));
        let args: serde_json::Value = serde_json::from_str(a.args.as_deref().unwrap()).unwrap();
        assert!(args["a"].is_number() && args["b"].is_number());
    }

    #[test]
    fn the_elicitation_scenario_accepts_with_defaults() {
        let a = mapped("elicitation-sep1034-client-defaults", None);
        assert_eq!(a.call.as_deref(), Some("test_client_elicitation_defaults"));
        assert_eq!(a.elicitation, Some(ElicitationMode::AcceptDefaults));
    }

    #[test]
    fn auth_scenarios_without_a_client_offer_cimd_then_dcr_and_call_the_tool() {
        let a = mapped("auth/scope-step-up", None);
        assert_eq!(a.client_metadata_url.as_deref(), Some(SUITE_CIMD_URL));
        assert!(a.register);
        assert!(a.client_id.is_none());
        assert!(!a.client_credentials);
        assert_eq!(a.call.as_deref(), Some("test-tool"));
    }

    #[test]
    fn pre_registration_uses_the_given_client_and_secret() {
        let a = mapped(
            "auth/pre-registration",
            Some(
                r#"{"name":"auth/pre-registration","client_id":"pre-registered-client","client_secret":"pre-registered-secret"}"#,
            ),
        );
        assert_eq!(a.client_id.as_deref(), Some("pre-registered-client"));
        assert_eq!(
            a.client_secret
                .as_ref()
                .map(|s| s.expose_secret().to_string()),
            Some("pre-registered-secret".into())
        );
        assert!(!a.register && a.client_metadata_url.is_none());
        assert!(!a.client_credentials);
        assert!(a.redirect_uri.is_some());
    }

    #[test]
    fn client_credentials_basic_is_m2m_with_the_secret() {
        let a = mapped(
            "auth/client-credentials-basic",
            Some(
                r#"{"name":"auth/client-credentials-basic","client_id":"conformance-test-client","client_secret":"conformance-test-secret"}"#,
            ),
        );
        assert!(a.client_credentials);
        assert_eq!(a.client_id.as_deref(), Some("conformance-test-client"));
        assert!(a.client_secret.is_some());
        assert_eq!(a.auth_method, None, "the method comes from the AS metadata");
        assert!(!a.register);
    }

    #[test]
    fn client_credentials_jwt_signs_with_the_given_key() {
        let ctx = serde_json::json!({
            "name": "auth/client-credentials-jwt",
            "client_id": "conformance-test-client",
            "private_key_pem": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "signing_algorithm": "ES256"
        })
        .to_string();
        let a = mapped("auth/client-credentials-jwt", Some(&ctx));
        assert!(a.client_credentials);
        assert_eq!(a.auth_method, Some(AuthMethod::PrivateKeyJwt));
        assert!(
            a.private_key_pem
                .as_ref()
                .is_some_and(|p| p.expose_secret().contains("BEGIN PRIVATE KEY"))
        );
    }

    #[test]
    fn the_secrets_do_not_show_in_debug_output() {
        let a = mapped(
            "auth/pre-registration",
            Some(r#"{"client_id":"c","client_secret":"s3cr3t-value"}"#),
        );
        assert!(!format!("{a:?}").contains("s3cr3t-value"));
    }

    #[test]
    fn a_broken_context_or_an_unknown_algorithm_is_a_usage_error() {
        let e = map("auth/pre-registration", Some("{not json")).unwrap_err();
        assert_eq!(
            crate::error::classify(&e).kind,
            crate::error::ExitKind::Usage
        );
        let e = map(
            "auth/client-credentials-jwt",
            Some(r#"{"client_id":"c","private_key_pem":"x","signing_algorithm":"HS256"}"#),
        )
        .unwrap_err();
        assert!(e.to_string().contains("HS256"));
    }

    #[test]
    fn flags_the_user_gave_are_kept() {
        let mut args = check_args(&[
            "--conformance",
            "--call",
            "other",
            "--redirect-uri",
            "http://127.0.0.1:9/cb",
        ]);
        apply(
            &mut args,
            map(
                "auth/pre-registration",
                Some(r#"{"client_id":"c","client_secret":"s"}"#),
            )
            .unwrap(),
        );
        assert_eq!(args.call.as_deref(), Some("other"));
        assert_eq!(args.redirect_uri.as_deref(), Some("http://127.0.0.1:9/cb"));
    }
}
