//! The OAuth engine of `check` and `auth login`: discovery, registration,
//! authorization (PKCE, state, browser modes), the loopback listener, the
//! token requests. No terminal I/O here.
//!
//! The protocol steps a user must see to diagnose a failed login (the 401
//! challenge, each metadata document, the authorization URL, the callback,
//! the token request) are written by hand on top of [`crate::http::Http`]
//! rather than hidden inside a library's `auth()` call: each one becomes a
//! step of the report with its own evidence and hint. The `oauth2` crate
//! provides the PKCE and CSRF-state primitives.

pub mod assertion;
pub mod authorize;
pub mod discovery;
pub mod loopback;
pub mod probe;
pub mod registration;
pub mod token;

use crate::error::{Classify, ExitKind};
use crate::http::HttpError;

/// Everything that can go wrong in an OAuth flow, with the hint that fixes it.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{url} is not a usable URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "the protected resource metadata names the resource '{got}', but the server URL is '{expected}'"
    )]
    ResourceMismatch { expected: String, got: String },
    #[error("no authorization server metadata was found (tried {})", tried.join(", "))]
    NoAuthServerMetadata { tried: Vec<String> },
    #[error("{url} did not return usable metadata: {detail}")]
    BadMetadata { url: String, detail: String },
    #[error(
        "the authorization server {issuer} does not advertise PKCE with S256 (code_challenge_methods_supported: {})",
        methods.as_ref().map(|m| if m.is_empty() { "[]".to_string() } else { m.join(", ") }).unwrap_or_else(|| "missing".into())
    )]
    NoS256 {
        issuer: String,
        methods: Option<Vec<String>>,
    },
    #[error("no way to obtain a client: {0}")]
    NoClient(String),
    #[error("dynamic client registration failed: {0}")]
    Registration(String),
    #[error("the redirect URI '{0}' is not on a loopback host (localhost, 127.0.0.1, [::1])")]
    RedirectNotLoopback(String),
    #[error("client {client_id} has no callback on a loopback host, so no local login can complete (registered: {})", if registered.is_empty() { "none".to_string() } else { registered.join(", ") })]
    NoLoopbackCallback {
        client_id: String,
        registered: Vec<String>,
    },
    #[error("cannot listen on {addr} for the login callback: {detail}")]
    Bind { addr: String, detail: String },
    #[error("no login callback within {secs} s")]
    LoginTimeout { secs: u64, wrong_state: bool },
    #[error("the authorization server refused the login: {error}{}", description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Denied {
        error: String,
        description: Option<String>,
    },
    #[error("the callback carried a different state than was sent")]
    StateMismatch,
    #[error("the callback had no authorization code")]
    NoCode,
    #[error("could not open the browser: {0}")]
    Browser(String),
    #[error("the browser stopped before the login came back ({0})")]
    BrowserGaveUp(String),
    #[error("the authorization server answered {status} instead of redirecting back: {detail}")]
    AuthorizePage { status: u16, detail: String },
    #[error("the token request failed ({status} {error}){}", description.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
    Token {
        status: u16,
        error: String,
        description: Option<String>,
    },
    #[error("{0}")]
    Other(String),
}

impl OAuthError {
    /// Parses `url`; a [`OAuthError::BadUrl`] naming it when it is not one.
    pub fn parse_url(url: &str) -> Result<url::Url, OAuthError> {
        url::Url::parse(url).map_err(|e| OAuthError::BadUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })
    }
}

impl Classify for OAuthError {
    fn exit_kind(&self) -> ExitKind {
        match self {
            OAuthError::BadUrl { .. } | OAuthError::RedirectNotLoopback(_) => ExitKind::Usage,
            OAuthError::Http(_) | OAuthError::Bind { .. } | OAuthError::Browser(_) => {
                ExitKind::Error
            }
            _ => ExitKind::NotAuthenticated,
        }
    }

    fn hints(&self) -> Vec<String> {
        match self {
            OAuthError::Http(e) => e.hints(),
            OAuthError::ResourceMismatch { .. } => vec![
                "the server's /.well-known/oauth-protected-resource must name this exact URL as its `resource` (RFC 9728 §3.3); no authorization request was sent".into(),
                "check that you used the MCP Server URL shown in Developers > Workflow API & MCP Server".into(),
            ],
            OAuthError::NoAuthServerMetadata { .. } => vec![
                "the authorization server must publish RFC 8414 or OpenID Connect discovery metadata".into(),
            ],
            OAuthError::NoS256 { .. } => vec![
                "MCP clients must refuse an authorization server that does not list S256 in code_challenge_methods_supported; enable PKCE (S256) on the authorization server".into(),
            ],
            OAuthError::NoClient(_) => vec![
                "pass --client-id (create one with `carto-mcp client create --platform inspector`), or --client-metadata-url, or --register when the server allows dynamic registration".into(),
            ],
            OAuthError::NoLoopbackCallback { client_id, .. } => vec![
                format!("add a loopback callback: carto-mcp client update {client_id} --add-platform inspector"),
                "or rerun with --yes to add it now, or pass --redirect-uri with a loopback callback the client has".into(),
            ],
            OAuthError::RedirectNotLoopback(_) => vec![
                "use a loopback callback registered on the client, e.g. http://localhost:8000/callback (`--add-platform inspector`)".into(),
            ],
            OAuthError::Bind { .. } => vec![
                "another program (an MCP Inspector?) is using that port; stop it, or pass --redirect-uri with another registered loopback callback".into(),
            ],
            OAuthError::LoginTimeout { wrong_state: true, .. } => vec![
                "a callback arrived with a state this login did not send (an old browser tab, or a forged request); it was refused".into(),
                "start again and complete the login in the tab this run opened".into(),
            ],
            OAuthError::LoginTimeout { .. } => vec![
                "finish the login in the browser, or raise --login-timeout; without a browser use --no-browser and open the printed URL".into(),
                "if the browser showed \"Callback URL mismatch\", the redirect URI is not registered on the client: `carto-mcp diagnose` explains it and --redirect-uri picks another".into(),
            ],
            OAuthError::Denied { error, .. } if error == "access_denied" => vec![
                "the login or the consent was declined at the authorization server; run again and allow access".into(),
            ],
            OAuthError::Denied { .. } => vec![
                "the authorization server's error is above; a callback mismatch means the redirect URI is not registered on the client (`carto-mcp diagnose`)".into(),
            ],
            OAuthError::StateMismatch => vec![
                "the callback did not come from this login; start again".into(),
            ],
            OAuthError::AuthorizePage { detail, .. }
                if detail.contains("allowed callback") || detail.contains("redirect_uri") =>
            {
                vec![
                    "the authorization server refused the redirect URI: it is not registered on the client; `carto-mcp diagnose` explains the difference".into(),
                ]
            }
            OAuthError::AuthorizePage { detail, .. }
                if detail.contains("invalid_client") || detail.contains("nknown client") =>
            {
                vec![
                    "the authorization server does not know this client ID: check --client-id (`carto-mcp client list`)".into(),
                ]
            }
            OAuthError::AuthorizePage { .. } => vec![
                "--browser http only works when the authorization server approves at once; use the browser (drop --browser http)".into(),
                "if the page says the callback URL is not allowed, run `carto-mcp diagnose` with the URL".into(),
            ],
            OAuthError::Token { error, .. } if error == "invalid_client" => vec![
                "the client ID or secret is wrong, or the client uses another token endpoint authentication (try --auth-method basic|post)".into(),
                "`carto-mcp client show ID --reveal-secret` shows the secret; pass it with --client-secret-stdin".into(),
            ],
            OAuthError::Token { error, .. } if error == "invalid_grant" => vec![
                "the code was refused: the redirect URI or the PKCE verifier did not match, or the code expired; run again".into(),
            ],
            OAuthError::BrowserGaveUp(detail)
                if detail.contains("allowed callback") || detail.contains("mismatch") =>
            {
                vec![
                "the authorization server refused the redirect URI: it is not registered on the client; `carto-mcp diagnose` explains the difference".into(),
                ]
            }
            OAuthError::BrowserGaveUp(_) => vec![
                "the browser's last words are above; use --no-browser and open the printed URL yourself to see the page".into(),
            ],
            OAuthError::Browser(_) => vec![
                "use --no-browser and open the printed URL yourself".into(),
            ],
            _ => Vec::new(),
        }
    }
}
