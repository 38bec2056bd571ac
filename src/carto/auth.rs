//! Who you are at CARTO: the access token, from the first source that has
//! one, in this order:
//!
//! 1. `--token-stdin`, or env `CARTO_API_TOKEN`;
//! 2. the login stored by `carto-mcp auth login`
//!    (`$XDG_CONFIG_HOME/carto-mcp/login.json`), unless it expired;
//! 3. the official CARTO CLI's `~/.carto_credentials.json` (its
//!    `current_profile`, or `--profile`);
//! 4. an M2M client from env `CARTO_CLIENT_ID` + `CARTO_CLIENT_SECRET`
//!    (client_credentials grant, token cached until it expires in a 0600
//!    file under `$XDG_CACHE_HOME/carto-mcp/`).
//!
//! The token's claims are decoded WITHOUT verification, only to tell the
//! user who they are and until when; CARTO verifies the token itself.
//!
//! About `~/.carto_credentials.json` (the CARTO CLI's file, documented at
//! docs.carto.com/carto-for-agents/cli/configuration): `{"current_profile":
//! NAME, "profiles": {NAME: {"token", "tenant_id", "tenant_domain",
//! "organization_id", "organization_name", "user_email"}}}`, or the old
//! format with one profile at the root. We read it tolerantly: the token may
//! also be called `access_token`/`accessToken`, the other fields may be
//! camelCase, and unknown fields are ignored. The API base of a profile is
//! `https://{tenant_id}.api.carto.com` (as the CLI builds it); the account
//! id is the token's `http://app.carto.com/account_id` claim, or else the
//! profile's `organization_id`.

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Classify, ExitKind};
use crate::http::{Http, HttpError, Retry};

/// CARTO's authorization server (Auth0 tenant).
pub const DEFAULT_AUTH_URL: &str = "https://auth.carto.com";
/// The audience every CARTO API token must carry.
pub const AUDIENCE: &str = "carto-cloud-native-api";
/// The claim holding the CARTO account id (`ac_xxxxxxxx`).
/// The token's claims and the time helpers live in [`crate::claims`]; they
/// are re-exported here for the client commands.
pub use crate::claims::{ACCOUNT_ID_CLAIM, Claims, decode as decode_claims, format_unix, now_unix};

/// Seconds of margin before an expiry at which a token counts as expired
/// (a token that dies during the request is no better).
const EXPIRY_MARGIN_SECS: i64 = 30;

/// Where the token came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TokenSource {
    /// `--token-stdin`.
    TokenStdin,
    /// Env `CARTO_API_TOKEN`.
    Env,
    /// `carto-mcp auth login`'s file.
    Login { path: PathBuf },
    /// The official CARTO CLI's credentials file.
    CartoCli { path: PathBuf, profile: String },
    /// An M2M client (`CARTO_CLIENT_ID` + `CARTO_CLIENT_SECRET`).
    M2m { client_id: String, cached: bool },
}

impl TokenSource {
    /// One short phrase for people.
    pub fn describe(&self) -> String {
        match self {
            TokenSource::TokenStdin => "--token-stdin".into(),
            TokenSource::Env => "env CARTO_API_TOKEN".into(),
            TokenSource::Login { path } => {
                format!("`carto-mcp auth login` ({})", path.display())
            }
            TokenSource::CartoCli { path, profile } => {
                format!("CARTO CLI profile '{profile}' ({})", path.display())
            }
            TokenSource::M2m { client_id, cached } => format!(
                "M2M client {client_id} (CARTO_CLIENT_ID{})",
                if *cached { ", cached token" } else { "" }
            ),
        }
    }

    /// How to get a fresh token from this source.
    pub fn fix(&self) -> String {
        match self {
            TokenSource::TokenStdin => "pipe a fresh token to --token-stdin".into(),
            TokenSource::Env => "set CARTO_API_TOKEN to a fresh token, or unset it to use your other credentials".into(),
            TokenSource::Login { .. } => "log in again: `carto-mcp auth login`".into(),
            TokenSource::CartoCli { profile, .. } => {
                format!("log in again with the CARTO CLI: `carto auth login {profile}`")
            }
            TokenSource::M2m { .. } => {
                "`carto-mcp auth logout` drops the cached M2M token; check CARTO_CLIENT_ID and CARTO_CLIENT_SECRET".into()
            }
        }
    }
}

/// The resolved credentials of a run.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub token: SecretString,
    pub source: TokenSource,
    /// `None` when the token is not a JWT (an opaque token).
    pub claims: Option<Claims>,
    /// The CARTO tenant (region), e.g. `gcp-us-east1`, when known.
    pub tenant_id: Option<String>,
    /// From the token's claim, else the credentials file.
    pub account_id: Option<String>,
    /// The user's e-mail, when the credentials file has it.
    pub user_email: Option<String>,
    /// When the token expires (unix seconds), when known.
    pub expires_at: Option<i64>,
}

impl Credentials {
    fn new(token: SecretString, source: TokenSource) -> Self {
        let claims = decode_claims(token.expose_secret());
        let account_id = claims.as_ref().and_then(|c| c.account_id.clone());
        let expires_at = claims.as_ref().and_then(|c| c.expires_at);
        Self {
            token,
            source,
            claims,
            tenant_id: None,
            account_id,
            user_email: None,
            expires_at,
        }
    }

    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at
            .is_some_and(|e| e <= now + EXPIRY_MARGIN_SECS)
    }

    /// The user or client the token was issued to (`sub`).
    pub fn subject(&self) -> Option<&str> {
        self.claims.as_ref().and_then(|c| c.subject.as_deref())
    }

    /// The CARTO MCP server URL of this account, when tenant and account
    /// are both known.
    pub fn mcp_server_url(&self) -> Option<String> {
        Some(mcp_server_url(
            self.tenant_id.as_deref()?,
            self.account_id.as_deref()?,
        ))
    }

    fn expired_error(&self) -> AuthError {
        AuthError::Expired {
            source_desc: self.source.describe(),
            at: self.expires_at.map(format_unix).unwrap_or_default(),
            fix: self.source.fix(),
        }
    }
}

/// `https://<tenant>.api.carto.com/mcp/<account_id>`, with placeholders for
/// what is unknown.
pub fn mcp_server_url(tenant: &str, account_id: &str) -> String {
    format!("https://{tenant}.api.carto.com/mcp/{account_id}")
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("not logged in to CARTO: no credentials found{}", tried_suffix(.tried))]
    NoCredentials { tried: Vec<String> },
    #[error("the CARTO token from {source_desc} expired at {at}")]
    Expired {
        source_desc: String,
        at: String,
        fix: String,
    },
    #[error("{flag} was given but standard input held no {what}")]
    EmptyStdin {
        flag: &'static str,
        what: &'static str,
    },
    #[error("{flag} reads the value from standard input, which is a terminal here")]
    StdinIsTerminal { flag: &'static str },
    #[error("cannot read {path}: {detail}")]
    BadFile { path: PathBuf, detail: String },
    #[error("profile '{profile}' is not in {path} (profiles: {available})")]
    NoSuchProfile {
        profile: String,
        path: PathBuf,
        available: String,
    },
    #[error("CARTO's token endpoint refused the M2M client {client_id} ({status}): {description}")]
    M2mRefused {
        client_id: String,
        status: u16,
        description: String,
    },
    #[error(transparent)]
    Http(#[from] HttpError),
}

fn tried_suffix(tried: &[String]) -> String {
    if tried.is_empty() {
        String::new()
    } else {
        format!(" ({})", tried.join("; "))
    }
}

impl Classify for AuthError {
    fn exit_kind(&self) -> ExitKind {
        match self {
            AuthError::EmptyStdin { .. } | AuthError::StdinIsTerminal { .. } => ExitKind::Usage,
            AuthError::BadFile { .. } | AuthError::Http(_) => ExitKind::Error,
            _ => ExitKind::NotAuthenticated,
        }
    }
    fn hints(&self) -> Vec<String> {
        match self {
            AuthError::NoCredentials { .. } => how_to_authenticate(),
            AuthError::Expired { fix, .. } => vec![fix.clone()],
            AuthError::EmptyStdin { flag, .. } | AuthError::StdinIsTerminal { flag } => {
                vec![format!("pipe the value in: `printenv MY_SECRET | carto-mcp {flag} …`")]
            }
            AuthError::BadFile { .. } => {
                vec!["fix or remove the file, or log in again with the tool that wrote it".into()]
            }
            AuthError::NoSuchProfile { profile, .. } => vec![format!(
                "log in to that profile with `carto auth login {profile}`, or pick another with --profile"
            )],
            AuthError::M2mRefused { .. } => vec![
                "check CARTO_CLIENT_ID and CARTO_CLIENT_SECRET (Workspace > Developers > Credentials > M2M OAuth Clients)".into(),
            ],
            AuthError::Http(e) => e.hints(),
        }
    }
}

/// The ways to authenticate, one per line, for hints.
pub fn how_to_authenticate() -> Vec<String> {
    vec![
        "log in in the browser: `carto-mcp auth login`, or with the CARTO CLI: `carto auth login`"
            .into(),
        "or export CARTO_API_TOKEN=<token> (or pipe it to --token-stdin)".into(),
        "or, for CI, export CARTO_CLIENT_ID and CARTO_CLIENT_SECRET of an M2M OAuth client".into(),
    ]
}

// ----- files ------------------------------------------------------------

/// The file `carto-mcp auth login` writes.
pub fn login_path() -> anyhow::Result<PathBuf> {
    Ok(crate::config::config_dir()?.join("login.json"))
}

/// The cached M2M token.
pub fn m2m_cache_path() -> anyhow::Result<PathBuf> {
    Ok(crate::config::cache_dir()?.join("m2m-token.json"))
}

/// The official CARTO CLI's credentials file.
pub fn carto_cli_credentials_path() -> anyhow::Result<PathBuf> {
    Ok(crate::config::home_dir()?.join(".carto_credentials.json"))
}

/// What `carto-mcp auth login` stores, and the token source reads back.
#[derive(Debug, Deserialize)]
pub struct StoredLogin {
    pub access_token: SecretString,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    #[serde(default)]
    pub expires_at: Option<i64>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
}

impl StoredLogin {
    /// Writes the login to [`login_path`], 0600, and returns the path. (The
    /// one place the stored login's format is written.)
    pub fn save(&self) -> anyhow::Result<PathBuf> {
        let doc = serde_json::json!({
            "access_token": self.access_token.expose_secret(),
            "refresh_token": self.refresh_token.as_ref().map(|r| r.expose_secret().to_string()),
            "expires_at": self.expires_at,
            "issuer": self.issuer,
            "client_id": self.client_id,
        });
        let path = login_path()?;
        crate::config::write_private(&path, serde_json::to_string_pretty(&doc)?.as_bytes())?;
        Ok(path)
    }
}

#[derive(Debug, Deserialize)]
struct M2mCache {
    client_id: String,
    token_url: String,
    access_token: SecretString,
    expires_at: i64,
}

// `SecretString` does not serialize by design; the cache is the one place
// where the token is written, to a 0600 file.
impl M2mCache {
    fn to_json(&self) -> String {
        serde_json::json!({
            "client_id": self.client_id,
            "token_url": self.token_url,
            "access_token": self.access_token.expose_secret(),
            "expires_at": self.expires_at,
        })
        .to_string()
    }
}

// ----- resolution --------------------------------------------------------

/// What to resolve with, besides the process environment.
#[derive(Debug, Default)]
pub struct ResolveOptions {
    /// The token read from standard input (`--token-stdin`).
    pub stdin_token: Option<SecretString>,
    /// `--profile` for the CARTO CLI's credentials file.
    pub profile: Option<String>,
}

/// Reads one secret from standard input, for `--token-stdin` and
/// `--client-secret-stdin` alike: the first line, trimmed, without a pasted
/// `Bearer ` prefix. Piped input is not a prompt; a terminal is refused
/// (it would wait for typing that echoes the secret).
pub fn read_secret_stdin(flag: &'static str) -> Result<SecretString, AuthError> {
    use std::io::{IsTerminal, Read};
    let what = if flag.contains("secret") {
        "secret"
    } else {
        "token"
    };
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AuthError::StdinIsTerminal { flag });
    }
    let mut s = String::new();
    stdin
        .lock()
        .read_to_string(&mut s)
        .map_err(|_| AuthError::EmptyStdin { flag, what })?;
    let t = s.lines().next().unwrap_or("").trim();
    let t = t.strip_prefix("Bearer ").unwrap_or(t).trim();
    if t.is_empty() {
        return Err(AuthError::EmptyStdin { flag, what });
    }
    Ok(SecretString::from(t.to_string()))
}

/// An environment variable's value, trimmed; `None` when unset or blank.
pub fn env_nonempty(k: &str) -> Option<String> {
    std::env::var(k)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The token endpoint for the M2M grant: `CARTO_MCP_AUTH_URL` (the issuer
/// base, or the full `/oauth/token` URL) or CARTO's.
pub fn token_url() -> String {
    let base = env_nonempty("CARTO_MCP_AUTH_URL").unwrap_or_else(|| DEFAULT_AUTH_URL.into());
    let base = base.trim_end_matches('/');
    if base.ends_with("/oauth/token") {
        base.to_string()
    } else {
        format!("{base}/oauth/token")
    }
}

/// Finds the token, in the documented order. An expired token from an
/// explicit source (stdin, env) is an error; an expired stored one is
/// skipped in favour of the next source, and reported only when no other
/// source has a token.
pub async fn resolve(opts: ResolveOptions, http: &Http) -> Result<Credentials, AuthError> {
    let now = now_unix();
    let mut tried = Vec::new();
    let mut expired: Option<Credentials> = None;

    // 1. stdin / env.
    let explicit = match opts.stdin_token {
        Some(t) => Some(Credentials::new(t, TokenSource::TokenStdin)),
        None => env_nonempty("CARTO_API_TOKEN")
            .map(|t| Credentials::new(SecretString::from(t), TokenSource::Env)),
    };
    if let Some(c) = explicit {
        if c.is_expired(now) {
            return Err(c.expired_error());
        }
        return Ok(c);
    }
    tried.push("no CARTO_API_TOKEN".to_string());

    // 2. carto-mcp auth login.
    if let Ok(path) = login_path() {
        match read_login(&path)? {
            Some(c) if c.is_expired(now) => {
                tried.push(format!(
                    "the stored login expired at {}",
                    format_unix(c.expires_at.unwrap_or(0))
                ));
                expired.get_or_insert(c);
            }
            Some(c) => return Ok(c),
            None => tried.push("no `carto-mcp auth login`".into()),
        }
    }

    // 3. The CARTO CLI's credentials file.
    if let Ok(path) = carto_cli_credentials_path() {
        match read_carto_cli(&path, opts.profile.as_deref())? {
            Some(c) if c.is_expired(now) => {
                tried.push(format!(
                    "the CARTO CLI token expired at {}",
                    format_unix(c.expires_at.unwrap_or(0))
                ));
                expired.get_or_insert(c);
            }
            Some(c) => return Ok(c),
            None => tried.push(format!("no {}", path.display())),
        }
    }

    // 4. M2M.
    match (
        env_nonempty("CARTO_CLIENT_ID"),
        env_nonempty("CARTO_CLIENT_SECRET"),
    ) {
        (Some(id), Some(secret)) => {
            return m2m_token(http, &id, &SecretString::from(secret), now).await;
        }
        (Some(_), None) => tried.push("CARTO_CLIENT_ID without CARTO_CLIENT_SECRET".into()),
        (None, Some(_)) => tried.push("CARTO_CLIENT_SECRET without CARTO_CLIENT_ID".into()),
        (None, None) => tried.push("no CARTO_CLIENT_ID/CARTO_CLIENT_SECRET".into()),
    }

    match expired {
        Some(c) => Err(c.expired_error()),
        None => Err(AuthError::NoCredentials { tried }),
    }
}

fn read_json(path: &Path) -> Result<Option<Value>, AuthError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(AuthError::BadFile {
                path: path.to_path_buf(),
                detail: e.to_string(),
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| AuthError::BadFile {
            path: path.to_path_buf(),
            // serde_json's message names the position, never the content.
            detail: format!("not valid JSON ({e})"),
        })
}

fn read_login(path: &Path) -> Result<Option<Credentials>, AuthError> {
    let Some(v) = read_json(path)? else {
        return Ok(None);
    };
    let login: StoredLogin = serde_json::from_value(v).map_err(|e| AuthError::BadFile {
        path: path.to_path_buf(),
        detail: format!("unexpected shape ({e})"),
    })?;
    let mut c = Credentials::new(
        login.access_token,
        TokenSource::Login {
            path: path.to_path_buf(),
        },
    );
    if login.expires_at.is_some() {
        c.expires_at = login.expires_at;
    }
    Ok(Some(c))
}

/// Case- and separator-insensitive field lookup (`tenant_id` = `tenantId`).
fn field<'a>(o: &'a serde_json::Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    o.iter()
        .find(|(k, _)| names.iter().any(|n| squash(k) == squash(n)))
        .map(|(_, v)| v)
}

fn field_str(o: &serde_json::Map<String, Value>, names: &[&str]) -> Option<String> {
    field(o, names)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

const TOKEN_FIELDS: &[&str] = &["token", "access_token", "api_token"];

fn read_carto_cli(path: &Path, profile: Option<&str>) -> Result<Option<Credentials>, AuthError> {
    let Some(v) = read_json(path)? else {
        return Ok(None);
    };
    let Some(root) = v.as_object() else {
        return Err(AuthError::BadFile {
            path: path.to_path_buf(),
            detail: "not a JSON object".into(),
        });
    };
    let profiles = field(root, &["profiles"]).and_then(Value::as_object);
    let (name, entry) = match profiles {
        Some(profiles) => {
            let wanted = profile
                .map(String::from)
                .or_else(|| field_str(root, &["current_profile"]))
                .or_else(|| {
                    (profiles.len() == 1)
                        .then(|| profiles.keys().next().cloned())
                        .flatten()
                });
            let Some(wanted) = wanted else {
                return Ok(None);
            };
            match profiles.get(&wanted).and_then(Value::as_object) {
                Some(e) => (wanted, e),
                None if profile.is_some() => {
                    return Err(AuthError::NoSuchProfile {
                        profile: wanted,
                        path: path.to_path_buf(),
                        available: profiles.keys().cloned().collect::<Vec<_>>().join(", "),
                    });
                }
                None => return Ok(None),
            }
        }
        // The old format: one profile at the root.
        None => ("default".to_string(), root),
    };
    let Some(token) = field_str(entry, TOKEN_FIELDS) else {
        return Ok(None);
    };
    let token = token.strip_prefix("Bearer ").unwrap_or(&token).to_string();
    let mut c = Credentials::new(
        SecretString::from(token),
        TokenSource::CartoCli {
            path: path.to_path_buf(),
            profile: name,
        },
    );
    c.tenant_id = field_str(entry, &["tenant_id"]);
    if c.account_id.is_none() {
        c.account_id = field_str(entry, &["organization_id", "account_id"]);
    }
    c.user_email = field_str(entry, &["user_email", "email"]);
    if c.expires_at.is_none() {
        c.expires_at = field(entry, &["expires_at", "token_expires_at"]).and_then(Value::as_i64);
    }
    Ok(Some(c))
}

/// The client_credentials grant, with a cache. The request may be repeated
/// safely (it only mints another token), so it is retried like a GET.
async fn m2m_token(
    http: &Http,
    client_id: &str,
    secret: &SecretString,
    now: i64,
) -> Result<Credentials, AuthError> {
    let url = token_url();
    let cache_path = m2m_cache_path().ok();
    if let Some(p) = &cache_path
        && let Ok(Some(v)) = read_json(p)
        && let Ok(cache) = serde_json::from_value::<M2mCache>(v)
        && cache.client_id == client_id
        && cache.token_url == url
        && cache.expires_at > now + EXPIRY_MARGIN_SECS
    {
        let mut c = Credentials::new(
            cache.access_token,
            TokenSource::M2m {
                client_id: client_id.into(),
                cached: true,
            },
        );
        c.expires_at = Some(cache.expires_at);
        return Ok(c);
    }
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id),
        ("client_secret", secret.expose_secret()),
        ("audience", AUDIENCE),
    ];
    let r = http
        .send(Retry::Idempotent, |c| c.post(&url).form(&form))
        .await?;
    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    if !r.status.is_success() {
        let description = body
            .get("error_description")
            .or_else(|| body.get("description"))
            .or_else(|| body.get("error"))
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| r.status.canonical_reason().unwrap_or("error").into());
        return Err(AuthError::M2mRefused {
            client_id: client_id.into(),
            status: r.status.as_u16(),
            description,
        });
    }
    let Some(token) = body.get("access_token").and_then(Value::as_str) else {
        return Err(AuthError::M2mRefused {
            client_id: client_id.into(),
            status: r.status.as_u16(),
            description: "the answer has no access_token".into(),
        });
    };
    let mut c = Credentials::new(
        SecretString::from(token.to_string()),
        TokenSource::M2m {
            client_id: client_id.into(),
            cached: false,
        },
    );
    let expires_at = body
        .get("expires_in")
        .and_then(Value::as_i64)
        .map(|s| now + s)
        .or(c.expires_at)
        .unwrap_or(now + 3600);
    c.expires_at = Some(expires_at);
    if let Some(p) = cache_path {
        let cache = M2mCache {
            client_id: client_id.into(),
            token_url: url.clone(),
            access_token: c.token.clone(),
            expires_at,
        };
        // A cache that cannot be written only costs a token request next
        // time.
        if let Err(e) = crate::config::write_private(&p, cache.to_json().as_bytes()) {
            tracing::debug!(target: "carto_mcp::auth", "not caching the M2M token: {e:#}");
        }
    }
    Ok(c)
}

/// Deletes what `auth login` stored and the M2M cache. Returns the files
/// that were removed.
pub fn logout() -> anyhow::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for p in [login_path()?, m2m_cache_path()?] {
        match std::fs::remove_file(&p) {
            Ok(()) => removed.push(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!("cannot remove {}", p.display())));
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::unsigned_jwt as jwt;

    #[test]
    fn carto_cli_file_current_profile_and_explicit_profile() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("creds.json");
        let t1 = jwt(serde_json::json!({"sub": "u1", "exp": 4000000000i64}));
        std::fs::write(
            &p,
            serde_json::json!({
                "current_profile": "prod",
                "profiles": {
                    "prod": {"token": t1, "tenant_id": "gcp-us-east1", "organization_id": "ac_prod0001", "user_email": "a@b.c"},
                    "staging": {"accessToken": "opaque", "tenantId": "gcp-europe-west1"}
                }
            })
            .to_string(),
        )
        .unwrap();
        let c = read_carto_cli(&p, None).unwrap().unwrap();
        assert_eq!(c.tenant_id.as_deref(), Some("gcp-us-east1"));
        assert_eq!(c.account_id.as_deref(), Some("ac_prod0001"));
        assert_eq!(
            c.mcp_server_url().as_deref(),
            Some("https://gcp-us-east1.api.carto.com/mcp/ac_prod0001")
        );
        let s = read_carto_cli(&p, Some("staging")).unwrap().unwrap();
        assert_eq!(s.token.expose_secret(), "opaque");
        assert_eq!(s.tenant_id.as_deref(), Some("gcp-europe-west1"));
        let e = read_carto_cli(&p, Some("nope")).unwrap_err();
        assert!(matches!(e, AuthError::NoSuchProfile { .. }), "{e:?}");
    }

    #[test]
    fn carto_cli_file_old_format_at_the_root() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("creds.json");
        std::fs::write(&p, r#"{"token": "Bearer tok", "tenant_id": "t1"}"#).unwrap();
        let c = read_carto_cli(&p, None).unwrap().unwrap();
        assert_eq!(c.token.expose_secret(), "tok");
        assert_eq!(c.tenant_id.as_deref(), Some("t1"));
    }

    #[test]
    fn expiry_has_a_margin() {
        let mut c = Credentials::new(SecretString::from("x".to_string()), TokenSource::Env);
        assert!(!c.is_expired(100));
        c.expires_at = Some(110);
        assert!(c.is_expired(100));
        c.expires_at = Some(1000);
        assert!(!c.is_expired(100));
    }
}
