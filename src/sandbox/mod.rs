//! The local CARTO-like servers behind `carto-mcp sandbox` and `carto-mcp
//! demo`: the Developers API on contract v0 ([`api`]), an authorization
//! server that behaves like CARTO's Auth0 tenant where it matters to this
//! tool ([`authz`]), and an MCP server with three demo workflow tools
//! ([`mcp`]).
//!
//! All three are paths of one axum server on one 127.0.0.1 port, so the
//! issuer is the bare origin (no path) and one URL is enough to point the CLI
//! at it. The servers share one in-memory store: a client created through the
//! Developers API can log in at once, with exactly its callbacks.
//!
//! No terminal I/O here: what happens is reported as [`SandboxEvent`]s on an
//! optional channel, which the `sandbox` command prints.

pub mod api;
pub mod authz;
pub mod mcp;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, jwk::Jwk};
use secrecy::SecretString;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

use crate::claims::{ACCOUNT_ID_CLAIM, format_unix, now_unix};
use crate::error::{Classify, ExitKind};

/// The account of the sandbox organization, as in `/mcp/<account_id>` and
/// the `http://app.carto.com/account_id` claim.
pub const ACCOUNT_ID: &str = "ac_sandbox";
/// CARTO's API audience: tokens for the Developers API carry it.
pub const CARTO_AUDIENCE: &str = "carto-cloud-native-api";
/// The user every auto-approved login (and the printed API token) is for.
pub const DEFAULT_USER: &str = "sandbox-user";
/// The public client CARTO's own Python library logs in with; seeded so that
/// `carto-mcp auth login --auth-url <sandbox>` works against the sandbox.
pub const SEEDED_PUBLIC_CLIENT: &str = "0dxb8HR3ATXCxJiPOJVHsLoHoAtbRX6u";
const SEEDED_PUBLIC_CALLBACK: &str = "http://localhost:10000/callback/";

/// How long an access token lives (CARTO: 24 h).
pub const ACCESS_TOKEN_SECS: u64 = 86_400;
/// How long the printed API token lives (longer: a sandbox may run for days).
const API_TOKEN_SECS: u64 = 30 * 86_400;
/// How long an authorization code may wait for its exchange.
pub const CODE_TTL: Duration = Duration::from_secs(60);
/// How long requests in flight may take to finish when the sandbox stops.
const STOP_GRACE: Duration = Duration::from_secs(3);
/// How long a login page may wait for the user.
pub(crate) const LOGIN_TTL: Duration = Duration::from_secs(600);

/// How to start the sandbox.
#[derive(Debug, Clone, Default)]
pub struct SandboxOptions {
    /// 0 picks a free port.
    pub port: u16,
    /// Approve every login at once (redirect with the code, no pages).
    pub auto_approve: bool,
    /// Where to report requests and notable refusals; none when `None`.
    pub events: Option<mpsc::UnboundedSender<SandboxEvent>>,
}

/// Something the sandbox did, for a log on the terminal. Never holds a
/// secret: paths are without their query strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxEvent {
    /// One HTTP exchange.
    Request {
        method: String,
        path: String,
        status: u16,
        millis: u128,
    },
    /// Why a request was refused, or what was issued, in a sentence.
    Note(String),
}

/// Every URL of a running sandbox.
#[derive(Debug, Clone, Serialize)]
pub struct SandboxUrls {
    /// `http://127.0.0.1:<port>`: the origin of all three services.
    pub base: String,
    /// The Developers API base URL (`CARTO_MCP_API_URL`); the routes are
    /// `/oauth-clients…` under it.
    pub api_url: String,
    /// The authorization server's issuer (no path, no trailing slash).
    pub issuer: String,
    pub authorization_server_metadata: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    /// The MCP server: `<base>/mcp/ac_sandbox`.
    pub mcp_url: String,
    /// Its RFC 9728 protected resource metadata.
    pub protected_resource_metadata: String,
}

impl SandboxUrls {
    fn new(port: u16) -> Self {
        let base = format!("http://127.0.0.1:{port}");
        Self {
            api_url: base.clone(),
            issuer: base.clone(),
            authorization_server_metadata: format!("{base}/.well-known/oauth-authorization-server"),
            authorization_endpoint: format!("{base}/authorize"),
            token_endpoint: format!("{base}/oauth/token"),
            jwks_uri: format!("{base}/.well-known/jwks.json"),
            mcp_url: format!("{base}/mcp/{ACCOUNT_ID}"),
            protected_resource_metadata: format!(
                "{base}/.well-known/oauth-protected-resource/mcp/{ACCOUNT_ID}"
            ),
            base,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("port {port} on 127.0.0.1 is already in use")]
    PortInUse { port: u16 },
    #[error("cannot listen on 127.0.0.1:{port}: {detail}")]
    Bind { port: u16, detail: String },
    #[error("cannot make the sandbox's signing key: {0}")]
    Key(String),
}

impl Classify for SandboxError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::Error
    }
    fn hints(&self) -> Vec<String> {
        match self {
            SandboxError::PortInUse { .. } => vec![
                "pick another port with --port, or --port 0 for any free one".into(),
                "is another `carto-mcp sandbox` still running?".into(),
            ],
            SandboxError::Bind { .. } => vec!["try --port 0 for any free port".into()],
            SandboxError::Key(_) => Vec::new(),
        }
    }
}

/// A running sandbox. Dropping it stops the server too; [`Sandbox::stop`]
/// also waits until it has stopped.
pub struct Sandbox {
    urls: SandboxUrls,
    api_token: SecretString,
    auto_approve: bool,
    #[cfg_attr(not(test), allow(dead_code))]
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1:`port`, makes a signing key and the API token, and
    /// serves on the current tokio runtime until stopped.
    pub async fn start(opts: SandboxOptions) -> Result<Sandbox, SandboxError> {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port)))
                .await
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::AddrInUse => SandboxError::PortInUse { port: opts.port },
                    _ => SandboxError::Bind {
                        port: opts.port,
                        detail: e.to_string(),
                    },
                })?;
        let port = listener
            .local_addr()
            .map_err(|e| SandboxError::Bind {
                port: opts.port,
                detail: e.to_string(),
            })?
            .port();
        let urls = SandboxUrls::new(port);
        let state = Arc::new(State::new(urls.clone(), opts.auto_approve, opts.events)?);
        let api_token = SecretString::from(state.issue_access_token(&TokenSpec {
            sub: format!("auth0|{DEFAULT_USER}"),
            client_id: "sandbox-api-token".into(),
            aud: vec![CARTO_AUDIENCE.into()],
            scope: "read:oauth_clients write:oauth_clients".into(),
            lifetime_secs: API_TOKEN_SECS,
            client_credentials: false,
        }));
        let app = router(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Sandbox {
            urls,
            api_token,
            auto_approve: opts.auto_approve,
            state,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn urls(&self) -> &SandboxUrls {
        &self.urls
    }

    /// The bearer token the Developers API accepts (a JWT for
    /// `carto-cloud-native-api`, like a CARTO user's).
    pub fn api_token(&self) -> &SecretString {
        &self.api_token
    }

    pub fn auto_approve(&self) -> bool {
        self.auto_approve
    }

    #[cfg(test)]
    pub(crate) fn state(&self) -> &Arc<State> {
        &self.state
    }

    /// Stops accepting connections, gives the requests in flight a few
    /// seconds to finish (a slow demo workflow may not), and waits for the
    /// server to end.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(STOP_GRACE, &mut task).await.is_err()
        {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn router(state: Arc<State>) -> Router {
    let events = state.events.clone();
    let cors_state = state.clone();
    Router::new()
        .merge(api::routes())
        .merge(authz::routes())
        .merge(mcp::routes())
        .with_state(state)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let state = cors_state.clone();
            async move { cors(state, req, next).await }
        }))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let events = events.clone();
            async move { log_request(events, req, next).await }
        }))
}

/// CORS for browser-based MCP clients (MCP Inspector, MCPJam) that fetch
/// the metadata, the token endpoint and the MCP server from a page: pages on
/// loopback origins, and the origins a client lists as allowed, may call;
/// preflights are answered here.
async fn cors(state: Arc<State>, req: Request, next: Next) -> Response {
    use axum::http::{HeaderValue, Method, StatusCode, header};
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let allowed = origin.as_deref().filter(|o| {
        crate::callback::is_loopback_url(o)
            || state.db().clients.values().any(|c| {
                c.allowed_origins
                    .iter()
                    .chain(&c.web_origins)
                    .any(|a| a == o)
            })
    });
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut res = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    if let Some(o) = allowed.and_then(|o| HeaderValue::from_str(o).ok()) {
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("mcp-session-id, www-authenticate"),
        );
        if preflight {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(
                    "authorization, content-type, accept, mcp-session-id, mcp-protocol-version, last-event-id",
                ),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
    }
    res
}

async fn log_request(
    events: Option<mpsc::UnboundedSender<SandboxEvent>>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().to_string();
    // The path only: query strings carry codes and states.
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    if let Some(tx) = events {
        let _ = tx.send(SandboxEvent::Request {
            method,
            path,
            status: res.status().as_u16(),
            millis: started.elapsed().as_millis(),
        });
    }
    res
}

// ----- shared state ------------------------------------------------------

/// A client in the store, shared by the Developers API and the AS.
#[derive(Debug, Clone)]
pub(crate) struct StoredClient {
    pub client_id: String,
    /// `None` for a public client (token endpoint auth `none`).
    pub client_secret: Option<SecretString>,
    pub name: String,
    pub callbacks: Vec<String>,
    pub allowed_logout_urls: Vec<String>,
    pub web_origins: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub login_uri: Option<String>,
    pub use_default_urls: bool,
    pub created_at: String,
    /// The `sub` of whoever created it; `None` for the seeded clients, which
    /// the Developers API does not show.
    pub owner: Option<String>,
    /// Creation order, for stable listings.
    pub seq: u64,
}

/// What an authorization code stands for.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub audience: Option<String>,
    pub resource: Option<String>,
    pub sub: String,
    pub nonce: Option<String>,
    pub expires: Instant,
}

/// A validated authorization request waiting for the login page.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub client_id: String,
    pub client_name: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub scope: String,
    pub audience: Option<String>,
    pub resource: Option<String>,
    pub nonce: Option<String>,
    pub user: Option<String>,
    pub expires: Instant,
}

#[derive(Debug, Clone)]
pub(crate) struct McpSession {
    pub protocol_version: String,
}

#[derive(Default)]
pub(crate) struct Db {
    pub clients: BTreeMap<String, StoredClient>,
    pub next_seq: u64,
    /// By SHA-256 of the code: the store never holds a usable code.
    pub codes: HashMap<String, Grant>,
    /// Codes already exchanged (hashed), to say so when one comes back.
    pub used_codes: HashSet<String>,
    pub pending: HashMap<String, Pending>,
    pub sessions: HashMap<String, McpSession>,
}

pub(crate) struct Keys {
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    pub jwk: serde_json::Value,
    pub kid: String,
}

pub(crate) struct State {
    pub urls: SandboxUrls,
    pub auto_approve: bool,
    pub keys: Keys,
    pub db: Mutex<Db>,
    events: Option<mpsc::UnboundedSender<SandboxEvent>>,
}

/// What goes into an access token.
pub(crate) struct TokenSpec {
    pub sub: String,
    pub client_id: String,
    pub aud: Vec<String>,
    pub scope: String,
    pub lifetime_secs: u64,
    pub client_credentials: bool,
}

impl State {
    fn new(
        urls: SandboxUrls,
        auto_approve: bool,
        events: Option<mpsc::UnboundedSender<SandboxEvent>>,
    ) -> Result<Self, SandboxError> {
        let keys = make_keys()?;
        let mut db = Db::default();
        db.clients.insert(
            SEEDED_PUBLIC_CLIENT.into(),
            StoredClient {
                client_id: SEEDED_PUBLIC_CLIENT.into(),
                client_secret: None,
                name: "CARTO login (public, PKCE)".into(),
                callbacks: vec![SEEDED_PUBLIC_CALLBACK.into()],
                allowed_logout_urls: Vec::new(),
                web_origins: Vec::new(),
                allowed_origins: Vec::new(),
                login_uri: None,
                use_default_urls: false,
                created_at: format_unix(now_unix()),
                owner: None,
                seq: 0,
            },
        );
        db.next_seq = 1;
        Ok(Self {
            urls,
            auto_approve,
            keys,
            db: Mutex::new(db),
            events,
        })
    }

    pub fn db(&self) -> std::sync::MutexGuard<'_, Db> {
        // A panic while holding the lock leaves plain data behind; go on.
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn note(&self, msg: impl Into<String>) {
        if let Some(tx) = &self.events {
            let _ = tx.send(SandboxEvent::Note(msg.into()));
        }
    }

    /// Signs an access token (ES256) with the sandbox's key.
    pub fn issue_access_token(&self, spec: &TokenSpec) -> String {
        let now = now_unix();
        let aud = if spec.aud.len() == 1 {
            serde_json::Value::String(spec.aud[0].clone())
        } else {
            serde_json::json!(spec.aud)
        };
        let mut claims = serde_json::json!({
            "iss": self.urls.issuer,
            "sub": spec.sub,
            "aud": aud,
            "iat": now,
            "exp": now + spec.lifetime_secs as i64,
            "azp": spec.client_id,
            "scope": spec.scope,
            ACCOUNT_ID_CLAIM: ACCOUNT_ID,
        });
        if spec.client_credentials {
            claims["gty"] = "client-credentials".into();
        }
        self.sign(&claims)
    }

    pub fn sign(&self, claims: &serde_json::Value) -> String {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.keys.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.keys.encoding)
            .expect("signing with a key made at start")
    }

    /// Verifies a token this sandbox issued: signature, issuer, expiry, and
    /// that its `aud` contains `audience`. Returns the claims.
    pub fn verify(&self, token: &str, audience: &str) -> Result<serde_json::Value, String> {
        let mut v = jsonwebtoken::Validation::new(Algorithm::ES256);
        v.set_audience(&[audience]);
        v.set_issuer(&[&self.urls.issuer]);
        v.leeway = 5;
        match jsonwebtoken::decode::<serde_json::Value>(token, &self.keys.decoding, &v) {
            Ok(d) => Ok(d.claims),
            Err(e) => {
                use jsonwebtoken::errors::ErrorKind as K;
                Err(match e.kind() {
                    K::ExpiredSignature => "the access token has expired".into(),
                    K::InvalidAudience => {
                        let aud =
                            jsonwebtoken::dangerous::insecure_decode::<serde_json::Value>(token)
                                .ok()
                                .map(|d| d.claims["aud"].to_string())
                                .unwrap_or_else(|| "none".into());
                        format!("the access token's audience ({aud}) does not include {audience}")
                    }
                    K::InvalidIssuer => "the access token was issued by another server".into(),
                    K::InvalidSignature | K::InvalidAlgorithm => {
                        "the access token's signature is not this server's".into()
                    }
                    _ => format!("the access token is not valid ({e})"),
                })
            }
        }
    }
}

fn make_keys() -> Result<Keys, SandboxError> {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
    let pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
            .map_err(|e| SandboxError::Key(e.to_string()))?;
    let encoding = EncodingKey::from_ec_der(pkcs8.as_ref());
    let jwk = Jwk::from_encoding_key(&encoding, Algorithm::ES256)
        .map_err(|e| SandboxError::Key(e.to_string()))?;
    let decoding = DecodingKey::from_jwk(&jwk).map_err(|e| SandboxError::Key(e.to_string()))?;
    let kid = random_token(9);
    let mut jwk = serde_json::to_value(&jwk).map_err(|e| SandboxError::Key(e.to_string()))?;
    jwk["kid"] = kid.clone().into();
    jwk["use"] = "sig".into();
    jwk["alg"] = "ES256".into();
    Ok(Keys {
        encoding,
        decoding,
        jwk,
        kid,
    })
}

// ----- small helpers -----------------------------------------------------

/// `n` random bytes, base64url without padding.
pub(crate) fn random_token(n: usize) -> String {
    use aws_lc_rs::rand::{SecureRandom, SystemRandom};
    let mut buf = vec![0u8; n];
    SystemRandom::new()
        .fill(&mut buf)
        .expect("the system's random source");
    URL_SAFE_NO_PAD.encode(buf)
}

/// A random string of `n` letters and digits (client IDs look like Auth0's).
pub(crate) fn random_alnum(n: usize) -> String {
    use aws_lc_rs::rand::{SecureRandom, SystemRandom};
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut buf = vec![0u8; n];
    SystemRandom::new()
        .fill(&mut buf)
        .expect("the system's random source");
    // 256 is not a multiple of 62: the tiny bias does not matter for IDs.
    buf.iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

pub(crate) fn sha256_b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        s.as_bytes(),
    ))
}

pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    aws_lc_rs::constant_time::verify_slices_are_equal(a.as_bytes(), b.as_bytes()).is_ok()
}

/// The bearer token of a request, if it has one.
pub(crate) fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    let v = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
pub(crate) mod testing {
    //! Unit-test helpers: a state without a server, and a router to drive
    //! with `tower::ServiceExt::oneshot`-like calls over real HTTP.

    use super::*;

    pub fn state(auto_approve: bool) -> Arc<State> {
        Arc::new(State::new(SandboxUrls::new(4242), auto_approve, None).unwrap())
    }

    /// A running sandbox and an HTTP client that does not follow redirects.
    pub async fn start(auto_approve: bool) -> (Sandbox, reqwest::Client) {
        let sb = Sandbox::start(SandboxOptions {
            port: 0,
            auto_approve,
            events: None,
        })
        .await
        .unwrap();
        let c = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        (sb, c)
    }

    /// GETs `url` and reads the answer as JSON.
    pub async fn get_json(c: &reqwest::Client, url: &str) -> serde_json::Value {
        c.get(url).send().await.unwrap().json().await.unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[tokio::test]
    async fn starts_on_a_free_port_and_stops() {
        let (sb, c) = testing::start(true).await;
        assert!(sb.urls().base.starts_with("http://127.0.0.1:"));
        assert!(sb.urls().mcp_url.ends_with("/mcp/ac_sandbox"));
        let r = c
            .get(&sb.urls().authorization_server_metadata)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let base = sb.urls().base.clone();
        sb.stop().await;
        assert!(c.get(&base).send().await.is_err(), "still listening");
    }

    #[tokio::test]
    async fn stopping_does_not_wait_for_a_slow_workflow() {
        let (tx, mut events) = mpsc::unbounded_channel();
        let sb = Sandbox::start(SandboxOptions {
            port: 0,
            auto_approve: true,
            events: Some(tx),
        })
        .await
        .unwrap();
        let c = reqwest::Client::new();
        let t = sb.state().issue_access_token(&TokenSpec {
            sub: "auth0|x".into(),
            client_id: "c".into(),
            aud: vec![sb.urls().mcp_url.clone()],
            scope: String::new(),
            lifetime_secs: 60,
            client_credentials: false,
        });
        let init =
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}});
        let r = c
            .post(&sb.urls().mcp_url)
            .bearer_auth(&t)
            .json(&init)
            .send()
            .await
            .unwrap();
        let sid = r.headers()["mcp-session-id"].to_str().unwrap().to_string();
        let call = c
            .post(&sb.urls().mcp_url)
            .bearer_auth(&t)
            .header("mcp-session-id", sid)
            .json(&serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": mcp::TOOL_SLOW, "arguments": {"delay_ms": 120000}}}))
            .send();
        let _slow = tokio::spawn(call);
        // Wait until the workflow runs.
        loop {
            match events.recv().await {
                Some(SandboxEvent::Note(n)) if n.contains(mcp::TOOL_SLOW) => break,
                Some(_) => {}
                None => panic!("the sandbox stopped reporting"),
            }
        }
        // Stop returns after its grace period, not after the workflow.
        tokio::time::timeout(Duration::from_secs(60), sb.stop())
            .await
            .expect("stop waited for the 120 s workflow");
    }

    #[tokio::test]
    async fn a_port_in_use_is_a_clear_error() {
        let (sb, _) = testing::start(true).await;
        let port: u16 = sb.urls().base.rsplit(':').next().unwrap().parse().unwrap();
        let err = Sandbox::start(SandboxOptions {
            port,
            ..Default::default()
        })
        .await
        .err()
        .unwrap();
        assert!(
            matches!(err, SandboxError::PortInUse { port: p } if p == port),
            "{err}"
        );
        assert!(err.hints()[0].contains("--port"));
        sb.stop().await;
    }

    #[test]
    fn tokens_verify_against_their_audience_only() {
        let s = testing::state(true);
        let t = s.issue_access_token(&TokenSpec {
            sub: "auth0|x".into(),
            client_id: "c".into(),
            aud: vec!["https://a.example/mcp".into(), "other".into()],
            scope: String::new(),
            lifetime_secs: 60,
            client_credentials: false,
        });
        let claims = s.verify(&t, "https://a.example/mcp").unwrap();
        assert_eq!(claims[ACCOUNT_ID_CLAIM], ACCOUNT_ID);
        let e = s.verify(&t, "https://b.example/mcp").unwrap_err();
        assert!(e.contains("audience"), "{e}");
        // Another sandbox's key is not this one's.
        let other = testing::state(true);
        assert!(
            other
                .verify(&t, "https://a.example/mcp")
                .unwrap_err()
                .contains("signature")
        );
    }

    #[tokio::test]
    async fn browser_clients_on_loopback_get_cors() {
        let (sb, c) = testing::start(true).await;
        let r = c
            .request(reqwest::Method::OPTIONS, &sb.urls().token_endpoint)
            .header("origin", "http://localhost:6274")
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(
            r.headers()["access-control-allow-origin"],
            "http://localhost:6274"
        );
        let r = c
            .get(&sb.urls().authorization_server_metadata)
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert!(!r.headers().contains_key("access-control-allow-origin"));
        sb.stop().await;
    }

    #[test]
    fn expired_tokens_are_refused() {
        let s = testing::state(true);
        let now = now_unix();
        let t = s.sign(&serde_json::json!({
            "iss": s.urls.issuer, "sub": "x", "aud": "a", "iat": now - 100, "exp": now - 60,
        }));
        assert!(s.verify(&t, "a").unwrap_err().contains("expired"));
    }

    #[tokio::test]
    async fn the_api_token_is_a_carto_api_jwt() {
        let (sb, _) = testing::start(true).await;
        let t = sb.api_token().expose_secret().to_string();
        let claims = jsonwebtoken::dangerous::insecure_decode::<serde_json::Value>(&t)
            .unwrap()
            .claims;
        assert_eq!(claims["aud"], CARTO_AUDIENCE);
        assert_eq!(claims["sub"], "auth0|sandbox-user");
        sb.stop().await;
    }
}
