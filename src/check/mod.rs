//! The model and the engine of a check: an ordered list of steps, each with
//! its outcome, duration, evidence and hint; budgets; the verdict.
//! `check`, `diagnose --live`, `demo` and `auth login` run on it.
//!
//! [`run`] drives one check from the MCP server URL to the tool call:
//! discovery → client → redirect URI → authorization → token → MCP. Each
//! arrow is a typed value; a failure ends the run with a step that says what
//! was expected, what came back and what to change. Steps are reported live
//! through an [`Observer`] (the command renders them with `Ui`); nothing
//! here prints.

pub mod report;

use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use report::{Budgets, CallReport, ClientReport, Outcome, Report, Step, VerdictKind};

use crate::callback::CallbackEdit;
use crate::carto::{ClientBackend, ClientPatch, OAuthClient};
use crate::error::{Classify, ExitKind};
use crate::http::Http;
use crate::mcp::{self, ElicitationHandler, McpError};
use crate::oauth::OAuthError;
use crate::oauth::authorize::{self, CallbackParams};
use crate::oauth::discovery::{
    self, Attempt, AuthServerMetadata, Challenge, ProtectedResourceMetadata, ResourceMatch, ms,
};
use crate::oauth::loopback;
use crate::oauth::registration::{self, Client, ClientAuth, Registration};
use crate::oauth::token::{self, Grant, TokenRequest, TokenSummary, Tokens};
use crate::platforms::{self, Platform};

/// At most this many authorizations in one check (the first and two
/// step-ups): more is a server asking forever.
pub const MAX_AUTHORIZATIONS: u32 = 3;

/// How the authorization URL gets answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserMode {
    /// `$BROWSER`, else the system browser; the URL is shown too.
    System,
    /// Only show the URL and wait.
    Print,
    /// Follow it over HTTP (servers that approve at once; CI).
    Http,
}

/// A tool to call after listing.
#[derive(Debug, Clone)]
pub struct ToolCall {
    pub name: String,
    pub args: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Everything a check needs to know.
pub struct CheckConfig {
    pub url: String,
    pub client_id: Option<String>,
    pub client_secret: Option<SecretString>,
    pub client_metadata_url: Option<String>,
    pub register: bool,
    pub client_credentials: bool,
    pub private_key: Option<SecretString>,
    /// A ready token (`--token-stdin`): OAuth is skipped.
    pub token: Option<SecretString>,
    pub scope: Option<String>,
    pub audience: Option<String>,
    pub auth_method: Option<ClientAuth>,
    pub platform: Option<&'static Platform>,
    pub redirect_uri: Option<String>,
    pub browser: BrowserMode,
    pub login_timeout: Duration,
    pub call: Option<ToolCall>,
    pub request_budget: Duration,
    pub tool_budget: Duration,
    pub insecure: bool,
    pub elicitation: Arc<dyn ElicitationHandler>,
}

impl CheckConfig {
    /// A config with the defaults for `url`.
    pub fn new(url: impl Into<String>) -> Self {
        CheckConfig {
            url: url.into(),
            client_id: None,
            client_secret: None,
            client_metadata_url: None,
            register: false,
            client_credentials: false,
            private_key: None,
            token: None,
            scope: None,
            audience: None,
            auth_method: None,
            platform: None,
            redirect_uri: None,
            browser: BrowserMode::System,
            login_timeout: Duration::from_secs(120),
            call: None,
            request_budget: secs(platforms::WEB_REQUEST_BUDGET_SECS),
            tool_budget: secs(platforms::WEB_REQUEST_BUDGET_SECS),
            insecure: false,
            elicitation: Arc::new(mcp::DeclineElicitation),
        }
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s.max(0.0))
}

/// How a check reports progress while it runs. Implemented by the command
/// layer with `Ui`; every method has a quiet default.
pub trait Observer {
    /// A step finished (steps arrive in order).
    fn step(&self, _step: &Step) {}
    /// The user must open this URL (printed in every mode but `http`);
    /// `waiting` is true while the browser login is awaited.
    fn authorization_url(&self, _url: &str, _mode: BrowserMode) {}
    /// The wait for the browser ended.
    fn waiting_done(&self) {}
    /// May the engine apply this fix (e.g. add a callback to the client)?
    fn confirm(&self, _question: &str) -> bool {
        false
    }
}

/// An observer that sees nothing (tests, library use).
pub struct Quiet;
impl Observer for Quiet {}

/// The outcome of the OAuth part: a token, or the step at which it ended.
type Flow<T> = Result<T, ()>;

struct Discovered {
    /// The `resource` parameter to send (None only when nothing is known).
    resource: Option<String>,
    prm: Option<ProtectedResourceMetadata>,
    meta: AuthServerMetadata,
}

/// The state of one check run.
struct Engine<'a, B: ClientBackend> {
    http: &'a Http,
    cfg: &'a CheckConfig,
    obs: &'a dyn Observer,
    backend: Option<&'a B>,
    started: Instant,
    steps: Vec<Step>,
    exit_kind: ExitKind,
    server: Option<mcp::ServerSummary>,
    tools: Vec<mcp::ToolSummary>,
    call: Option<CallReport>,
    client_report: Option<ClientReport>,
    token_summary: Option<TokenSummary>,
    access_token: Option<SecretString>,
    refresh_token: Option<SecretString>,
    // OAuth state kept across step-ups.
    discovered: Option<Discovered>,
    client: Option<Client>,
    redirect_uri: Option<String>,
    scopes: Vec<String>,
    authorizations: u32,
    /// The pre-registered client as the backend knows it, read while
    /// discovery ran.
    prefetched: Option<Result<OAuthClient, String>>,
}

/// Runs a check. Never fails: every problem is a failed step of the report.
/// `backend` is the provisioning backend, when one could be opened: it
/// tells the client's callbacks and secret, and applies the callback fix.
pub async fn run<B: ClientBackend>(
    http: &Http,
    cfg: &CheckConfig,
    backend: Option<&B>,
    obs: &dyn Observer,
) -> Report {
    let mut e = Engine::new(http, cfg, obs, backend, ExitKind::CheckFailed);
    let _ = e.check().await;
    e.into_report()
}

/// The result of `auth login`: the report and, when it passed, the tokens.
pub struct LoginResult {
    pub report: Report,
    pub tokens: Option<Tokens>,
}

/// A plain OAuth login (no MCP): authorization server metadata of
/// `issuer`, a pre-registered public client, PKCE, token. Used by `auth
/// login` for CARTO itself.
pub async fn login(
    http: &Http,
    cfg: &CheckConfig,
    issuer: &str,
    obs: &dyn Observer,
) -> LoginResult {
    let mut e =
        Engine::<crate::carto::AnyBackend>::new(http, cfg, obs, None, ExitKind::NotAuthenticated);
    let ok = e.login(issuer).await.is_ok();
    let tokens = if ok {
        e.access_token.clone().map(|a| Tokens {
            access_token: a,
            token_type: "Bearer".into(),
            expires_in: e.token_summary.as_ref().and_then(|t| t.expires_in),
            scope: e.token_summary.as_ref().and_then(|t| t.scope.clone()),
            refresh_token: e.refresh_token.clone(),
        })
    } else {
        None
    };
    LoginResult {
        report: e.into_report(),
        tokens,
    }
}

impl<'a, B: ClientBackend> Engine<'a, B> {
    fn new(
        http: &'a Http,
        cfg: &'a CheckConfig,
        obs: &'a dyn Observer,
        backend: Option<&'a B>,
        exit_kind: ExitKind,
    ) -> Self {
        Engine {
            http,
            cfg,
            obs,
            backend,
            exit_kind,
            started: Instant::now(),
            steps: Vec::new(),
            server: None,
            tools: Vec::new(),
            call: None,
            client_report: None,
            token_summary: None,
            access_token: None,
            refresh_token: None,
            discovered: None,
            client: None,
            redirect_uri: None,
            scopes: Vec::new(),
            authorizations: 0,
            prefetched: None,
        }
    }
}

impl<B: ClientBackend> Engine<'_, B> {
    fn into_report(self) -> Report {
        let failed = self.steps.iter().any(|s| s.outcome == Outcome::Fail);
        let mut hints: Vec<String> = Vec::new();
        for s in &self.steps {
            if matches!(s.outcome, Outcome::Fail | Outcome::Warn) {
                crate::callback::union_in_order(&mut hints, s.hints.iter().cloned());
            }
        }
        let kind = if failed { self.exit_kind } else { ExitKind::Ok };
        Report {
            schema: 1,
            server_url: self.cfg.url.clone(),
            verdict: if failed {
                VerdictKind::Fail
            } else {
                VerdictKind::Pass
            },
            exit_code: kind.code(),
            total_ms: ms(self.started.elapsed()),
            budgets: Budgets {
                request_ms: ms(self.cfg.request_budget),
                tool_call_ms: ms(self.cfg.tool_budget),
            },
            steps: self.steps,
            server: self.server,
            tools: self.tools,
            call: self.call,
            client: self.client_report,
            token: self.token_summary,
            hints,
            exit_kind: kind,
            access_token: self.access_token,
        }
    }

    fn push(&mut self, step: Step) {
        self.obs.step(&step);
        self.steps.push(step);
    }

    /// Records a failed step from an error and ends the flow.
    fn fail<T>(&mut self, mut step: Step, started: Instant, err: &dyn ErrLike) -> Flow<T> {
        step.outcome = Outcome::Fail;
        step.duration_ms = ms(started.elapsed());
        step.detail = Some(err.message());
        step.hints.extend(err.hint_list());
        self.push(step);
        Err(())
    }

    async fn check(&mut self) -> Flow<()> {
        // The URL itself.
        let url = match self.server_url() {
            Ok(u) => u,
            Err(e) => {
                let s = Step::new("probe", "MCP server URL");
                return self.fail(s, Instant::now(), &e);
            }
        };
        if let Some(token) = self.cfg.token.clone() {
            let mut s = Step::new("token", "Access token (given on stdin)");
            s.outcome = Outcome::Skip;
            s.detail = Some("OAuth skipped: using the token given".into());
            let summary = TokenSummary::of(&Tokens {
                access_token: token.clone(),
                token_type: "Bearer".into(),
                expires_in: None,
                scope: None,
                refresh_token: None,
            });
            s.evidence.push(summary.line());
            self.token_summary = Some(summary);
            self.access_token = Some(token);
            self.push(s);
            return self.mcp_phase(&url).await;
        }
        // The backend lookup of a pre-registered client does not depend on
        // discovery: both run at once.
        let (backend, cfg) = (self.backend, self.cfg);
        let lookup = async move {
            match (backend, &cfg.client_id) {
                (Some(b), Some(id)) if !cfg.client_credentials => {
                    Some(b.get(id).await.map_err(|e| e.to_string()))
                }
                _ => None,
            }
        };
        let (challenge, looked) = tokio::join!(
            async {
                let ch = self.probe(&url).await?;
                if let Some(c) = &ch
                    && !self.cfg.client_credentials
                {
                    self.discover(&url, Some(c)).await?;
                }
                Ok::<_, ()>(ch)
            },
            lookup
        );
        self.prefetched = looked;
        let challenge = challenge?;
        if self.cfg.client_credentials {
            self.discover(&url, challenge.as_ref()).await?;
            self.choose_client().await?;
            self.client_credentials_token().await?;
        } else if let Some(ch) = challenge {
            self.authorize_flow(&url, Some(&ch)).await?;
        }
        self.mcp_phase(&url).await
    }

    fn server_url(&self) -> Result<Url, OAuthError> {
        let u = Url::parse(self.cfg.url.trim()).map_err(|e| OAuthError::BadUrl {
            url: self.cfg.url.clone(),
            reason: e.to_string(),
        })?;
        match u.scheme() {
            "https" => Ok(u),
            "http"
                if self.cfg.insecure
                    || u.host_str().is_some_and(crate::callback::is_loopback_host) =>
            {
                Ok(u)
            }
            "http" => Err(OAuthError::BadUrl {
                url: self.cfg.url.clone(),
                reason:
                    "plain http is only allowed for loopback hosts (pass --insecure to allow it)"
                        .into(),
            }),
            other => Err(OAuthError::BadUrl {
                url: self.cfg.url.clone(),
                reason: format!("the scheme must be https, not {other}"),
            }),
        }
    }

    /// Step 1: the unauthenticated request. Returns the challenge when the
    /// server wants authorization; `None` when it answered without one.
    async fn probe(&mut self, url: &Url) -> Flow<Option<Challenge>> {
        let t = Instant::now();
        let mut s = Step::new("probe", "Unauthenticated request to the MCP server");
        let p = match discovery::probe(self.http, url).await {
            Ok(p) => p,
            Err(e) => return self.fail(s, t, &OAuthError::Http(e)),
        };
        s.duration_ms = ms(t.elapsed());
        s.evidence.push(p.attempt.line());
        if let Some(c) = &p.challenge {
            s.evidence.push(format!("WWW-Authenticate: {}", c.raw));
        }
        match p.status {
            401 => {
                let ch = p.challenge.clone().unwrap_or_default();
                let mut found = Vec::new();
                if let Some(r) = ch.resource_metadata() {
                    found.push(format!("resource_metadata {r}"));
                }
                if let Some(sc) = ch.scope() {
                    found.push(format!("scope \"{sc}\""));
                }
                if p.challenge.is_none() {
                    s.outcome = Outcome::Warn;
                    s.detail = Some("401 without a WWW-Authenticate header".into());
                    s.hints.push("MCP servers must send WWW-Authenticate with a 401 (2025-06-18); clients fall back to well-known discovery".into());
                } else {
                    s.detail = Some(if found.is_empty() {
                        "401: authorization required".into()
                    } else {
                        format!("401: authorization required ({})", found.join(", "))
                    });
                }
                self.push(s);
                Ok(Some(ch))
            }
            200..=299 => {
                s.outcome = Outcome::Warn;
                s.detail = Some(format!("{}: the server answered without a token", p.status));
                s.hints.push("anyone can use this server without logging in; if it should be protected, it must answer 401 with WWW-Authenticate".into());
                self.push(s);
                Ok(None)
            }
            status => {
                let e = OAuthError::Other(format!(
                    "the MCP server answered {status} instead of 401: {}",
                    authorize::page_text(&p.body)
                ));
                s.hints.push(if status == 404 {
                    "check the URL: the CARTO MCP Server URL is https://<tenant>.api.carto.com/mcp/<account_id> (Developers > Workflow API & MCP Server)".into()
                } else {
                    "the server must answer an unauthenticated MCP request with 401 and a WWW-Authenticate header".into()
                });
                self.fail(s, t, &e)
            }
        }
    }

    /// Steps 2-3: protected resource metadata and authorization server
    /// metadata (or the 2025-03-26 fallbacks). Cached across step-ups.
    async fn discover(&mut self, url: &Url, challenge: Option<&Challenge>) -> Flow<()> {
        if self.discovered.is_some() {
            return Ok(());
        }
        // Protected resource metadata: the header's URL, else path-inserted
        // then root. Sequential: the order is the spec's, and each later
        // location is only wanted when the earlier one is missing.
        let t = Instant::now();
        let mut s = Step::new(
            "resource-metadata",
            "Protected resource metadata (RFC 9728)",
        );
        let candidates = match challenge.and_then(Challenge::resource_metadata) {
            Some(u) => match OAuthError::parse_url(u) {
                Ok(u) => vec![u],
                Err(e) => return self.fail(s, t, &e),
            },
            None => discovery::prm_candidates(url),
        };
        let (attempts, found) =
            discovery::first_document(self.http, &candidates, false, discovery::accept_prm).await;
        s.evidence.extend(attempts.iter().map(Attempt::line));
        s.duration_ms = ms(t.elapsed());
        let canonical = discovery::canonical_resource(&self.cfg.url);
        let (prm, resource) = match found {
            Some((_, prm)) => {
                let matched = discovery::match_resource(url, &prm.resource);
                match matched {
                    ResourceMatch::Exact => {
                        s.detail = Some(format!(
                            "resource {}, authorization server {}",
                            prm.resource,
                            prm.authorization_servers
                                .first()
                                .map_or("none", String::as_str)
                        ));
                    }
                    ResourceMatch::Prefix => {
                        s.outcome = Outcome::Warn;
                        s.detail = Some(format!(
                            "resource {} covers {} (not the same URL)",
                            prm.resource, self.cfg.url
                        ));
                        s.hints.push("some clients (VS Code, gemini-cli) refuse a resource that is not exactly the server URL; publish the MCP URL itself as `resource`".into());
                    }
                    ResourceMatch::Mismatch => {
                        let e = OAuthError::ResourceMismatch {
                            expected: canonical,
                            got: prm.resource.clone(),
                        };
                        return self.fail(s, t, &e);
                    }
                }
                if prm.authorization_servers.is_empty() {
                    let e = OAuthError::BadMetadata {
                        url: candidates[0].to_string(),
                        detail: "no authorization_servers".into(),
                    };
                    return self.fail(s, t, &e);
                }
                let resource = if matched == ResourceMatch::Prefix {
                    prm.resource.clone()
                } else {
                    canonical
                };
                self.push(s);
                (Some(prm), Some(resource))
            }
            None => {
                if challenge.and_then(Challenge::resource_metadata).is_some() {
                    let e = OAuthError::BadMetadata {
                        url: candidates[0].to_string(),
                        detail:
                            "the URL named in WWW-Authenticate did not return RFC 9728 metadata"
                                .into(),
                    };
                    return self.fail(s, t, &e);
                }
                s.outcome = Outcome::Warn;
                s.detail =
                    Some("none found: using 2025-03-26 discovery at the server's origin".into());
                s.hints.push("MCP 2025-06-18 requires /.well-known/oauth-protected-resource; Claude.ai and ChatGPT look for it".into());
                self.push(s);
                (None, Some(canonical))
            }
        };

        // Authorization server metadata. The candidates do not depend on
        // each other: they are requested at once and read in spec order.
        let t = Instant::now();
        let mut s = Step::new("auth-server-metadata", "Authorization server metadata");
        let (candidates, legacy) = match &prm {
            Some(p) => {
                let issuer = &p.authorization_servers[0];
                match OAuthError::parse_url(issuer) {
                    Ok(i) => (discovery::as_metadata_candidates(&i), false),
                    Err(e) => return self.fail(s, t, &e),
                }
            }
            None => {
                let mut u = url.clone();
                u.set_path("/.well-known/oauth-authorization-server");
                u.set_query(None);
                (vec![u], true)
            }
        };
        let (attempts, found) =
            discovery::first_document(self.http, &candidates, true, discovery::accept_as).await;
        s.evidence.extend(attempts.iter().map(Attempt::line));
        s.duration_ms = ms(t.elapsed());
        let meta = match found {
            Some((_, m)) => {
                s.detail = Some(format!("issuer {}", m.issuer));
                m
            }
            None if legacy => {
                s.outcome = Outcome::Warn;
                s.detail = Some(
                    "none found: using /authorize, /token and /register at the server's origin (2025-03-26)"
                        .into(),
                );
                discovery::legacy_endpoints(url)
            }
            None => {
                let e = OAuthError::NoAuthServerMetadata {
                    tried: candidates.iter().map(Url::to_string).collect(),
                };
                return self.fail(s, t, &e);
            }
        };
        if !self.cfg.client_credentials
            && let Err(e) = meta.require_s256()
        {
            return self.fail(s, t, &e);
        }
        if let Some(m) = &meta.code_challenge_methods_supported {
            s.evidence.push(format!(
                "code_challenge_methods_supported: {}",
                m.join(", ")
            ));
        }
        if let Some(m) = &meta.token_endpoint_auth_methods_supported {
            s.evidence.push(format!(
                "token_endpoint_auth_methods_supported: {}",
                m.join(", ")
            ));
        }
        self.push(s);
        self.discovered = Some(Discovered {
            resource,
            prm,
            meta,
        });
        Ok(())
    }

    /// Step 4: the client, in the spec's order (pre-registered, metadata
    /// document, dynamic registration). Step 5 (the redirect URI) is part of
    /// it, because a pre-registered client's callbacks decide it.
    async fn choose_client(&mut self) -> Flow<()> {
        if self.client.is_some() {
            return Ok(());
        }
        let t = Instant::now();
        let meta = self
            .discovered
            .as_ref()
            .map(|d| d.meta.clone())
            .unwrap_or_default();
        let mut s = Step::new("client", "OAuth client");
        let advertised = meta.token_endpoint_auth_methods_supported.as_deref();
        let platform_post = self
            .cfg
            .platform
            .is_some_and(|p| p.token_auth == Some(platforms::TokenAuth::ClientSecretPost));
        let needs_redirect = !self.cfg.client_credentials;

        let (client, known_callbacks) = if let Some(id) = &self.cfg.client_id {
            // Pre-registered. Its callbacks and secret may be known through
            // the provisioning backend.
            let looked_up = self.lookup_client(id, &mut s).await;
            let secret = self
                .cfg
                .client_secret
                .clone()
                .or_else(|| looked_up.as_ref().and_then(|c| c.client_secret.clone()));
            let has_secret = secret
                .as_ref()
                .is_some_and(|x| !x.expose_secret().is_empty());
            let auth = registration::choose_auth(
                self.cfg.auth_method,
                platform_post,
                has_secret,
                self.cfg.private_key.is_some(),
                advertised,
            );
            let client = Client {
                client_id: id.clone(),
                secret,
                private_key: self.cfg.private_key.clone(),
                auth,
                registration: Registration::PreRegistered,
            };
            (client, looked_up)
        } else if let Some(cimd) = self.cfg.client_metadata_url.as_ref().filter(|_| {
            // The spec's order: a metadata document when the server supports
            // it; with --register too, dynamic registration otherwise.
            meta.client_id_metadata_document_supported == Some(true)
                || !self.cfg.register
                || meta.registration_endpoint.is_none()
        }) {
            if meta.client_id_metadata_document_supported != Some(true) {
                s.outcome = Outcome::Warn;
                s.hints.push("the authorization server does not advertise client_id_metadata_document_supported; it may refuse this client ID".into());
            }
            let client = Client {
                client_id: cimd.clone(),
                secret: None,
                private_key: None,
                auth: self.cfg.auth_method.unwrap_or(ClientAuth::None),
                registration: Registration::MetadataDocument,
            };
            (client, None)
        } else if meta.registration_endpoint.is_some() {
            // Dynamic registration, with a free loopback port when the
            // redirect URI is ours to choose.
            let redirect = if needs_redirect {
                match self
                    .cfg
                    .redirect_uri
                    .clone()
                    .map_or_else(free_redirect_uri, Ok)
                {
                    Ok(r) => Some(r),
                    Err(e) => return self.fail(s, t, &e),
                }
            } else {
                None
            };
            let method = registration::dcr_method(self.cfg.auth_method, advertised);
            match registration::register(
                self.http,
                &meta,
                redirect.as_deref(),
                self.cfg.client_credentials,
                method,
            )
            .await
            {
                Ok((c, attempt)) => {
                    s.evidence.push(attempt.line());
                    self.redirect_uri = redirect;
                    (c, None)
                }
                Err(e) => return self.fail(s, t, &e),
            }
        } else {
            let e = OAuthError::NoClient(
                "no --client-id or --client-metadata-url was given and the authorization server offers no dynamic registration".into(),
            );
            return self.fail(s, t, &e);
        };
        if self.cfg.client_credentials
            && client.auth != ClientAuth::PrivateKeyJwt
            && client.secret.is_none()
        {
            let e = OAuthError::NoClient(
                "--client-credentials needs a client secret (--client-secret-stdin, CARTO_MCP_CLIENT_SECRET) or --private-key".into(),
            );
            return self.fail(s, t, &e);
        }
        s.detail = Some(registration::describe(&client));
        s.duration_ms = ms(t.elapsed());
        self.push(s);
        self.client = Some(client);
        if needs_redirect && self.redirect_uri.is_none() {
            self.choose_redirect(known_callbacks.as_ref()).await?;
        }
        let c = self.client.as_ref().expect("client");
        self.client_report = Some(ClientReport {
            client_id: c.client_id.clone(),
            registration: c.registration,
            auth_method: c.auth,
            redirect_uri: self.redirect_uri.clone(),
        });
        Ok(())
    }

    /// Reads a pre-registered client through the backend (callbacks, and the
    /// secret when it is the user's own). Problems are notes, not failures.
    async fn lookup_client(&mut self, id: &str, s: &mut Step) -> Option<OAuthClient> {
        let b = self.backend?;
        let got = match self.prefetched.take() {
            Some(r) => r,
            None => b.get(id).await.map_err(|e| e.to_string()),
        };
        match got {
            Ok(c) => {
                s.evidence.push(format!(
                    "read client {id} through the {} backend: {} callback(s)",
                    b.name(),
                    c.callbacks.len()
                ));
                Some(c)
            }
            Err(e) => {
                s.evidence.push(format!(
                    "could not read client {id} through the {} backend: {e}",
                    b.name()
                ));
                None
            }
        }
    }

    /// Step 5: the redirect URI the login uses.
    async fn choose_redirect(&mut self, registered: Option<&OAuthClient>) -> Flow<()> {
        let callbacks = registered.map(|c| c.callbacks.clone());
        let t = Instant::now();
        let mut s = Step::new("redirect-uri", "Redirect URI");
        let inspector = platforms::find("inspector")
            .map(|p| p.callbacks[0].to_string())
            .unwrap_or_else(|_| "http://localhost:8000/callback".into());
        let chosen = match (&self.cfg.redirect_uri, &callbacks) {
            (Some(r), Some(cbs)) => {
                // The same exact-match comparator as `diagnose`: name what
                // differs from the nearest registered callback.
                let c = crate::callback::compare::compare(r, cbs);
                if !c.is_registered() {
                    s.outcome = Outcome::Warn;
                    let nearest = c.compared_with().unwrap_or_default().to_string();
                    let why: Vec<String> = c
                        .differences
                        .iter()
                        .map(|d| d.explanation.clone())
                        .collect();
                    s.hints.push(if nearest.is_empty() {
                        format!("{r} is not among the client's callbacks; the authorization server will refuse it")
                    } else {
                        format!(
                            "{r} is not among the client's callbacks; the nearest is {nearest}: {}",
                            why.join("; ")
                        )
                    });
                    let edit = CallbackEdit {
                        add_callbacks: vec![r.clone()],
                        ..CallbackEdit::default()
                    };
                    if let Some(cmd) = edit.command(self.cfg.client_id.as_deref().unwrap_or("ID")) {
                        s.hints.push(format!("register it: {cmd}"));
                    }
                }
                s.detail = Some(format!("{r} (--redirect-uri)"));
                r.clone()
            }
            (Some(r), None) => {
                s.detail = Some(format!("{r} (--redirect-uri)"));
                r.clone()
            }
            (None, Some(cbs)) => {
                if let Some(l) = cbs.iter().find(|c| crate::callback::is_loopback_url(c)) {
                    s.detail = Some(format!("{l} (registered on the client)"));
                    l.clone()
                } else {
                    let id = self.cfg.client_id.clone().unwrap_or_default();
                    let question = format!(
                        "Client {id} has no loopback callback, so a local login cannot complete. Add the inspector callback {inspector} to it?"
                    );
                    if !self.obs.confirm(&question) {
                        let e = OAuthError::NoLoopbackCallback {
                            client_id: id,
                            registered: cbs.clone(),
                        };
                        return self.fail(s, t, &e);
                    }
                    let edit = CallbackEdit {
                        add_platforms: vec!["inspector".into()],
                        ..CallbackEdit::default()
                    };
                    let current = registered.expect("callbacks come from the client");
                    let patch = ClientPatch::set_callbacks(current, edit.apply_to(cbs));
                    let b = self.backend.expect("callbacks come from a backend");
                    if let Err(e) = b.update(&id, &patch).await {
                        if e.exit_kind() == ExitKind::NotAuthenticated {
                            self.exit_kind = ExitKind::NotAuthenticated;
                        }
                        let err = Wrapped(e.to_string(), e.hints());
                        return self.fail(s, t, &err);
                    }
                    s.detail = Some(format!("{inspector} (added to client {id} now)"));
                    if let Some(cmd) = edit.command(&id) {
                        s.evidence.push(format!("{cmd}: done"));
                    }
                    inspector.clone()
                }
            }
            (None, None) => {
                s.detail = Some(format!(
                    "{inspector} (the client's callbacks are unknown: assuming the inspector preset)"
                ));
                s.hints.push("pass --redirect-uri with a loopback callback registered on the client if this one is not".into());
                inspector.clone()
            }
        };
        if self.cfg.browser != BrowserMode::Http
            && let Err(e) =
                OAuthError::parse_url(&chosen).and_then(|u| loopback::bind_addr(&u).map(|_| ()))
        {
            return self.fail(s, t, &e);
        }
        s.duration_ms = ms(t.elapsed());
        self.push(s);
        self.redirect_uri = Some(chosen);
        Ok(())
    }

    /// The scope to request: `--scope`, else what the server asked for
    /// (challenge), else all of the resource's `scopes_supported`, else
    /// none; on a step-up, the union with what was asked before.
    fn scope_for(&mut self, challenge: Option<&Challenge>) -> Option<String> {
        let prm_scopes = self
            .discovered
            .as_ref()
            .and_then(|d| d.prm.as_ref())
            .and_then(|p| p.scopes_supported.clone());
        self.scopes = choose_scope(
            self.cfg.scope.as_deref(),
            challenge.and_then(Challenge::scope),
            prm_scopes.as_deref(),
            &self.scopes,
            self.authorizations > 1,
        );
        (!self.scopes.is_empty()).then(|| self.scopes.join(" "))
    }

    /// Steps 2-8 for a browser login: discovery, client, redirect URI,
    /// authorization, callback, token.
    async fn authorize_flow(&mut self, url: &Url, challenge: Option<&Challenge>) -> Flow<()> {
        self.authorizations += 1;
        if self.authorizations > MAX_AUTHORIZATIONS {
            let mut s = Step::new("authorize", "Authorization (scope step-up)");
            s.outcome = Outcome::Fail;
            s.detail = Some(format!(
                "the server still wants more scope after {MAX_AUTHORIZATIONS} authorizations"
            ));
            s.hints.push("the server keeps answering 403 insufficient_scope; check the scopes it advertises and grants".into());
            self.push(s);
            return Err(());
        }
        self.discover(url, challenge).await?;
        if self.cfg.client_credentials {
            let _ = self.scope_for(challenge);
            return self.client_credentials_token().await;
        }
        self.choose_client().await?;
        let scope = self.scope_for(challenge);
        self.browser_login(scope).await
    }

    async fn browser_login(&mut self, scope: Option<String>) -> Flow<()> {
        let d = self.discovered.as_ref().expect("discovered");
        let meta = d.meta.clone();
        let resource = d.resource.clone();
        let client = self.client.clone().expect("client");
        let redirect = self.redirect_uri.clone().expect("redirect uri");
        let step_up = self.authorizations > 1;

        // Step 6: the authorization request.
        let t = Instant::now();
        let title = match (self.cfg.browser, step_up) {
            (BrowserMode::Http, false) => "Authorization over HTTP (no browser)",
            (BrowserMode::Http, true) => "Authorization over HTTP (scope step-up)",
            (_, false) => "Authorization in the browser",
            (_, true) => "Authorization in the browser (scope step-up)",
        };
        let mut s = Step::new("authorize", title);
        let req = match authorize::build(
            &meta,
            &client.client_id,
            &redirect,
            scope.as_deref(),
            resource.as_deref(),
            self.cfg.audience.as_deref(),
        ) {
            Ok(r) => r,
            Err(e) => return self.fail(s, t, &e),
        };
        s.evidence
            .push(format!("GET {}", crate::redact::url(req.url.as_str())));
        let got = match self.cfg.browser {
            BrowserMode::Http => {
                let mut attempts = Vec::new();
                let r = authorize::follow_http(self.http, &req.url, &redirect, &mut attempts).await;
                s.evidence
                    .extend(attempts.iter().skip(1).map(Attempt::line));
                r
            }
            mode => self.wait_for_browser(&req, &redirect, mode).await,
        };
        let params = match got {
            Ok(p) => p,
            Err(e) => return self.fail(s, t, &e),
        };
        s.detail = Some(format!(
            "redirect_uri {redirect}, scope {}, resource {}",
            scope
                .as_deref()
                .map_or("(none)".to_string(), |x| format!("\"{x}\"")),
            resource.as_deref().unwrap_or("(none)")
        ));
        s.duration_ms = ms(t.elapsed());
        self.push(s);

        // Step 7: the callback.
        let t = Instant::now();
        let mut s = Step::new("callback", "Callback (state and code)");
        if let Some(iss) = &params.iss
            && iss != &meta.issuer
        {
            s.outcome = Outcome::Warn;
            s.hints.push(format!(
                "the callback's iss ({iss}) is not the authorization server's issuer ({})",
                meta.issuer
            ));
        }
        let code = match params.into_code(&req.state) {
            Ok(c) => c,
            Err(e) => return self.fail(s, t, &e),
        };
        s.detail = Some("state matches; authorization code received".into());
        s.duration_ms = ms(t.elapsed());
        self.push(s);

        // Step 8: the token.
        let grant = Grant::AuthorizationCode {
            code: &code,
            verifier: &req.verifier,
            redirect_uri: &redirect,
        };
        self.token_step(
            "Token request (code + PKCE verifier)",
            &meta,
            resource,
            grant,
        )
        .await
    }

    async fn wait_for_browser(
        &mut self,
        req: &authorize::AuthRequest,
        redirect: &str,
        mode: BrowserMode,
    ) -> Result<CallbackParams, OAuthError> {
        let ru = OAuthError::parse_url(redirect)?;
        // Listen before the browser can answer.
        let listener = loopback::bind(&ru, req.state.clone()).await?;
        self.obs.authorization_url(req.url.as_str(), mode);
        let child = if mode == BrowserMode::System {
            match authorize::open_browser(&req.url) {
                Ok(c) => c,
                Err(e) => {
                    self.obs.waiting_done();
                    return Err(e);
                }
            }
        } else {
            None
        };
        let wait = listener.wait(self.cfg.login_timeout);
        let result = match child {
            None => wait.await,
            Some(child) => {
                tokio::pin!(wait);
                let out = child.wait_with_output();
                tokio::pin!(out);
                tokio::select! {
                    r = &mut wait => r,
                    o = &mut out => match o {
                        Ok(o) if o.status.success() => wait.await,
                        Ok(o) => {
                            // The browser gave up (an error page, a crash):
                            // a late callback may still be on its way.
                            match tokio::time::timeout(Duration::from_millis(500), &mut wait).await {
                                Ok(r) => r,
                                Err(_) => {
                                    let err = String::from_utf8_lossy(&o.stderr);
                                    let tail: Vec<&str> = err.lines().rev().take(3).collect();
                                    let tail: Vec<&str> = tail.into_iter().rev().collect();
                                    Err(OAuthError::BrowserGaveUp(format!(
                                        "$BROWSER {}{}",
                                        o.status,
                                        if tail.is_empty() { String::new() } else { format!(": {}", crate::redact::body(&tail.join(" | "))) }
                                    )))
                                }
                            }
                        }
                        Err(e) => Err(OAuthError::Browser(e.to_string())),
                    },
                }
            }
        };
        self.obs.waiting_done();
        result
    }

    fn finish_token(
        &mut self,
        mut s: Step,
        t: Instant,
        r: Result<(Tokens, Attempt), (OAuthError, Option<Attempt>)>,
        resource: Option<String>,
    ) -> Flow<()> {
        let client = self.client.clone().expect("client");
        let (tokens, attempt) = match r {
            Ok(x) => x,
            Err((e, attempt)) => {
                if let Some(a) = attempt {
                    s.evidence.push(a.line());
                }
                s.evidence
                    .push(format!("client authentication: {}", client.auth.as_str()));
                return self.fail(s, t, &e);
            }
        };
        s.evidence.push(attempt.line());
        s.evidence
            .push(format!("client authentication: {}", client.auth.as_str()));
        let summary = TokenSummary::of(&tokens);
        s.evidence.push(summary.line());
        s.detail = Some(summary.line());
        if let Some(res) = &resource
            && self.cfg.audience.is_none()
            && summary.audience_matches(res) == Some(false)
        {
            s.outcome = Outcome::Warn;
            s.hints.push(format!(
                "the token's audience ({}) is not the MCP server ({res}): the authorization server ignored `resource`; Auth0 needs its API identifier: pass --audience (CARTO: --audience carto-cloud-native-api)",
                summary.aud.join(" ")
            ));
        }
        s.duration_ms = ms(t.elapsed());
        self.push(s);
        self.token_summary = Some(summary);
        self.access_token = Some(tokens.access_token);
        self.refresh_token = tokens.refresh_token;
        Ok(())
    }

    async fn client_credentials_token(&mut self) -> Flow<()> {
        self.choose_client().await?;
        let d = self.discovered.as_ref().expect("discovered");
        let meta = d.meta.clone();
        let resource = d.resource.clone();
        let scope = (!self.scopes.is_empty()).then(|| self.scopes.join(" "));
        let grant = Grant::ClientCredentials {
            scope: scope.as_deref(),
        };
        self.token_step("Token request (client_credentials)", &meta, resource, grant)
            .await
    }

    /// The token request of either grant, as one `token` step.
    async fn token_step(
        &mut self,
        title: &str,
        meta: &AuthServerMetadata,
        resource: Option<String>,
        grant: Grant<'_>,
    ) -> Flow<()> {
        let t = Instant::now();
        let s = Step::new("token", title);
        let client = self.client.clone().expect("client");
        let treq = TokenRequest {
            endpoint: &meta.token_endpoint,
            issuer: &meta.issuer,
            resource: resource.as_deref(),
            audience: self.cfg.audience.as_deref(),
        };
        let r = token::request(self.http, &client, &treq, grant).await;
        self.finish_token(s, t, r, resource)
    }

    /// Steps 9-11: initialize, tools/list, the tool call; with a fresh
    /// authorization when the server asks for one (401 before any token,
    /// 403 insufficient_scope).
    async fn mcp_phase(&mut self, url: &Url) -> Flow<()> {
        loop {
            match self.mcp_once().await {
                Ok(()) => return Ok(()),
                Err(Some(ch)) => self.authorize_flow(url, Some(&ch)).await?,
                Err(None) => return Err(()),
            }
        }
    }

    /// One MCP session. `Err(Some(challenge))`: authorize and try again.
    async fn mcp_once(&mut self) -> Result<(), Option<Challenge>> {
        let budget = self.cfg.request_budget;
        let t = Instant::now();
        let mut s = Step::new("initialize", "MCP initialize");
        s.budget_ms = Some(ms(budget));
        let session = match mcp::connect(
            self.http,
            self.cfg.url.trim(),
            self.access_token.as_ref(),
            self.cfg.elicitation.clone(),
        )
        .await
        {
            Ok(x) => x,
            Err(e) => return self.mcp_failed(s, t, e),
        };
        s.duration_ms = ms(t.elapsed());
        let srv = &session.server;
        s.detail = Some(format!(
            "{} {} (protocol {})",
            srv.name.as_deref().unwrap_or("server"),
            srv.version.as_deref().unwrap_or(""),
            srv.protocol_version
        ));
        self.server = Some(session.server.clone());
        over_budget(&mut s, budget, "initialize");
        self.push(s);
        let r = self.tools_steps(&session).await;
        session.close().await;
        r
    }

    /// Steps 10-11 on an initialized session: tools/list, the tool call.
    async fn tools_steps(&mut self, session: &mcp::Session) -> Result<(), Option<Challenge>> {
        let budget = self.cfg.request_budget;
        if !session.server.has_tools {
            // A server that declares no `tools` capability offers no
            // tools/list to call (MCP lifecycle: only negotiated features).
            let mut s = Step::new("tools-list", "MCP tools/list");
            s.outcome = Outcome::Warn;
            s.detail =
                Some("not called: the server does not declare the `tools` capability".into());
            s.hints.push("a CARTO MCP server offers its published Workflows as tools; if you expected tools, publish Workflows as MCP tools and sync".into());
            self.push(s);
            return Ok(());
        }
        let t = Instant::now();
        let mut s = Step::new("tools-list", "MCP tools/list");
        s.budget_ms = Some(ms(budget));
        let (tools, pages) = match session.list_tools().await {
            Ok(x) => x,
            Err(e) => return self.mcp_failed(s, t, e),
        };
        s.duration_ms = ms(t.elapsed());
        s.detail = Some(format!(
            "{} tool(s){}{}",
            tools.len(),
            if pages > 1 {
                format!(" in {pages} pages")
            } else {
                String::new()
            },
            if tools.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    tools
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
        if tools.is_empty() {
            s.outcome = Outcome::Fail;
            s.detail = Some("the server lists no tools".into());
            s.hints.push("in CARTO, each Workflow must be published as an MCP tool (Workflow > Settings > MCP Tool) and the changes synced; then check again".into());
            s.hints.push("tools are listed with the permissions of the user who logged in: that user must be able to see the workflows".into());
        }
        over_budget(&mut s, budget, "tools/list");
        self.tools = tools;
        self.push(s);

        if let Some(call) = self.cfg.call.clone() {
            let tb = self.cfg.tool_budget;
            let t = Instant::now();
            let mut s = Step::new("tools-call", format!("MCP tools/call {}", call.name));
            s.budget_ms = Some(ms(tb));
            if !self.tools.iter().any(|t| t.name == call.name) && !self.tools.is_empty() {
                s.evidence
                    .push(format!("note: {} is not in the listed tools", call.name));
            }
            let asked_before = self.cfg.elicitation.records().len();
            let result = session.call_tool(&call.name, call.args.clone()).await;
            // What the server asked the user during the call, and the answer.
            for e in self.cfg.elicitation.records().iter().skip(asked_before) {
                s.evidence.push(e.line());
            }
            match result {
                Ok(r) => {
                    let took = t.elapsed();
                    s.duration_ms = ms(took);
                    s.detail = Some(format!(
                        "{}{}",
                        if r.is_error {
                            "the tool reported an error: "
                        } else {
                            ""
                        },
                        first_line(&r.text)
                    ));
                    if r.is_error {
                        s.outcome = Outcome::Fail;
                        s.hints.push(tool_error_hint(&r.text).into());
                    }
                    if took > tb {
                        s.outcome = Outcome::Fail;
                        s.detail = Some(format!(
                            "{} took {:.1} s, over the {:.1} s budget",
                            call.name,
                            took.as_secs_f64(),
                            tb.as_secs_f64()
                        ));
                        s.hints.push(format!(
                            "{} is slower than the platform waits ({:.0} s): run the workflow in Async mode (its tools let the agent poll for status), or make it faster",
                            call.name,
                            tb.as_secs_f64()
                        ));
                    }
                    self.call = Some(CallReport {
                        tool: call.name.clone(),
                        duration_ms: ms(took),
                        budget_ms: ms(tb),
                        result: r,
                    });
                    self.push(s);
                }
                Err(e) => return self.mcp_failed(s, t, e),
            }
        }
        Ok(())
    }

    /// Turns an MCP failure into a failed step, or into a request to
    /// authorize (again).
    fn mcp_failed(
        &mut self,
        mut s: Step,
        t: Instant,
        e: McpError,
    ) -> Result<(), Option<Challenge>> {
        s.duration_ms = ms(t.elapsed());
        let oauth_possible = self.cfg.token.is_none();
        match &e {
            McpError::Unauthorized { challenge }
                if self.access_token.is_none() && oauth_possible =>
            {
                s.outcome = Outcome::Warn;
                s.detail = Some("401: the server wants authorization now".into());
                s.evidence
                    .push(format!("WWW-Authenticate: {}", challenge.raw));
                self.push(s);
                return Err(Some(challenge.clone()));
            }
            McpError::InsufficientScope { challenge, scope } if oauth_possible => {
                s.outcome = Outcome::Warn;
                s.detail = Some(format!(
                    "403 insufficient_scope: stepping up to {}",
                    scope.as_deref().unwrap_or("more scope")
                ));
                s.evidence
                    .push(format!("WWW-Authenticate: {}", challenge.raw));
                self.push(s);
                return Err(Some(challenge.clone()));
            }
            McpError::Unauthorized { challenge } => {
                s.evidence
                    .push(format!("WWW-Authenticate: {}", challenge.raw));
                if let Some(d) = challenge.error_description() {
                    s.evidence.push(format!("error_description: {d}"));
                }
                let aud_bad = self.token_summary.as_ref().is_some_and(|t| {
                    t.audience_matches(&discovery::canonical_resource(&self.cfg.url)) == Some(false)
                });
                if aud_bad && self.cfg.audience.is_none() {
                    let aud = self
                        .token_summary
                        .as_ref()
                        .map(|t| t.aud.join(" "))
                        .unwrap_or_default();
                    s.hints.push(format!(
                        "the token's audience is {aud}, not this MCP server: the authorization server ignored `resource`; pass --audience with the API identifier the server accepts (CARTO: --audience carto-cloud-native-api)"
                    ));
                } else if self.cfg.token.is_some() {
                    s.hints.push("the token given was refused: an API access token needs the \"MCP Server\" allowed API, and must not be expired or revoked".into());
                } else {
                    s.hints.push("the server refused the token it just got from its own authorization server: check the token's audience, issuer and scope above".into());
                }
                s.hints.push(
                    "the token carries the permissions of the CARTO user who logged in".into(),
                );
            }
            McpError::Forbidden { challenge } => {
                if let Some(c) = challenge {
                    s.evidence.push(format!("WWW-Authenticate: {}", c.raw));
                }
                s.hints.push("the token carries the logged-in user's permissions: the CARTO user who logged in may not use this account's MCP tools; log in as a user with access, or share the workflows with them".into());
            }
            McpError::InsufficientScope { .. } => {
                s.hints.push(
                    "the token lacks a scope the server needs; request it with --scope".into(),
                );
            }
            McpError::Rpc { .. } | McpError::Transport(_) => {}
        }
        s.outcome = Outcome::Fail;
        s.detail = Some(e.to_string());
        self.push(s);
        Err(None)
    }

    /// `auth login`: metadata of `issuer`, the pre-registered public client,
    /// the browser, the token.
    async fn login(&mut self, issuer: &str) -> Flow<()> {
        let t = Instant::now();
        let mut s = Step::new("auth-server-metadata", "Authorization server metadata");
        let iu = match OAuthError::parse_url(issuer) {
            Ok(u) => u,
            Err(e) => return self.fail(s, t, &e),
        };
        let candidates = discovery::as_metadata_candidates(&iu);
        let (attempts, found) =
            discovery::first_document(self.http, &candidates, true, discovery::accept_as).await;
        s.evidence.extend(attempts.iter().map(Attempt::line));
        let Some((_, meta)) = found else {
            let e = OAuthError::NoAuthServerMetadata {
                tried: candidates.iter().map(Url::to_string).collect(),
            };
            return self.fail(s, t, &e);
        };
        // Auth0 does not list code_challenge_methods_supported but supports
        // S256; for CARTO's own login a missing list is not a refusal.
        if meta.code_challenge_methods_supported.is_some()
            && let Err(e) = meta.require_s256()
        {
            return self.fail(s, t, &e);
        }
        s.detail = Some(format!("issuer {}", meta.issuer));
        s.duration_ms = ms(t.elapsed());
        self.push(s);
        self.discovered = Some(Discovered {
            resource: None,
            prm: None,
            meta,
        });
        let client = Client {
            client_id: self.cfg.client_id.clone().unwrap_or_default(),
            secret: None,
            private_key: None,
            auth: ClientAuth::None,
            registration: Registration::PreRegistered,
        };
        self.client = Some(client);
        self.redirect_uri = self.cfg.redirect_uri.clone();
        self.authorizations = 1;
        let scope = self.cfg.scope.clone();
        self.browser_login(scope).await
    }
}

pub use crate::oauth::authorize::choose_scope;

fn over_budget(s: &mut Step, budget: Duration, what: &str) {
    let took = Duration::from_millis(s.duration_ms);
    if took > budget && s.outcome != Outcome::Fail {
        s.outcome = Outcome::Fail;
        s.hints.push(format!(
            "{what} took {:.1} s, over the {:.1} s budget: web platforms give up after about 10 s",
            took.as_secs_f64(),
            budget.as_secs_f64()
        ));
    }
}

fn first_line(s: &str) -> String {
    let mut out = crate::redact::shorten(s.lines().next().unwrap_or(""), 160);
    if s.lines().count() > 1 && !out.ends_with('…') {
        out.push('…');
    }
    out
}

/// A free loopback redirect URI for a client we register ourselves.
fn free_redirect_uri() -> Result<String, OAuthError> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| OAuthError::Bind {
        addr: "127.0.0.1:0".into(),
        detail: e.to_string(),
    })?;
    let port = l
        .local_addr()
        .map_err(|e| OAuthError::Other(e.to_string()))?
        .port();
    Ok(format!("http://127.0.0.1:{port}/callback"))
}

/// What a failed step needs from an error.
trait ErrLike {
    fn message(&self) -> String;
    fn hint_list(&self) -> Vec<String>;
}

impl ErrLike for OAuthError {
    fn message(&self) -> String {
        crate::redact::body(&self.to_string())
    }
    fn hint_list(&self) -> Vec<String> {
        self.hints()
    }
}

struct Wrapped(String, Vec<String>);

impl ErrLike for Wrapped {
    fn message(&self) -> String {
        self.0.clone()
    }
    fn hint_list(&self) -> Vec<String> {
        self.1.clone()
    }
}

/// What to do about a tool that ran and reported an error: a permission
/// problem is the common one at CARTO, since the token carries the
/// permissions of the user who logged in.
fn tool_error_hint(text: &str) -> &'static str {
    let t = text.to_lowercase();
    if [
        "permission",
        "forbidden",
        "not allowed",
        "access denied",
        "unauthorized",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        "the tool refused the logged-in user: the token carries the permissions of the CARTO user who logged in; share the workflow's connection with that user, or log in as one who has access"
    } else {
        "the tool ran but returned isError; its message is above"
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_permission_error_from_a_tool_gets_the_permissions_hint() {
        assert!(
            super::tool_error_hint("Error: permission denied on connection carto_dw")
                .contains("permissions of the CARTO user")
        );
        assert!(super::tool_error_hint("division by zero").contains("isError"));
    }
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scope_rules_follow_the_spec() {
        let sup = v(&["a", "b"]);
        // The challenge first, then scopes_supported, then nothing.
        assert_eq!(
            choose_scope(None, Some("x"), Some(&sup), &[], false),
            v(&["x"])
        );
        assert_eq!(
            choose_scope(None, None, Some(&sup), &[], false),
            v(&["a", "b"])
        );
        assert!(choose_scope(None, None, None, &[], false).is_empty());
        // --scope wins the first time.
        assert_eq!(
            choose_scope(Some("s t"), Some("x"), Some(&sup), &[], false),
            v(&["s", "t"])
        );
        // A step-up asks for the union, in order, without repeats.
        let before = v(&["mcp:basic"]);
        assert_eq!(
            choose_scope(None, Some("mcp:write mcp:basic"), None, &before, true),
            v(&["mcp:basic", "mcp:write"])
        );
        assert_eq!(
            choose_scope(Some("s"), Some("w"), None, &v(&["s"]), true),
            v(&["s", "w"])
        );
    }

    #[test]
    fn a_step_over_budget_fails_and_says_so() {
        let mut s = Step::new("tools-list", "MCP tools/list");
        s.duration_ms = 1500;
        over_budget(&mut s, Duration::from_secs(1), "tools/list");
        assert_eq!(s.outcome, Outcome::Fail);
        assert!(
            s.hints[0].contains("1.5 s, over the 1.0 s budget"),
            "{:?}",
            s.hints
        );
        let mut ok = Step::new("initialize", "MCP initialize");
        ok.duration_ms = 999;
        over_budget(&mut ok, Duration::from_secs(1), "initialize");
        assert_eq!(ok.outcome, Outcome::Pass);
    }

    #[test]
    fn a_url_that_is_not_loopback_needs_https() {
        let mut cfg = CheckConfig::new("http://mcp.example.com/mcp");
        let http = Http::new(Default::default()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let r = rt.block_on(run::<crate::carto::AnyBackend>(&http, &cfg, None, &Quiet));
        assert!(!r.passed());
        assert_eq!(r.exit_code, 5);
        assert_eq!(r.steps.len(), 1);
        assert!(r.steps[0].detail.as_deref().unwrap().contains("--insecure"));
        cfg.insecure = true;
        cfg.url = "ftp://x/mcp".into();
        let r = rt.block_on(run::<crate::carto::AnyBackend>(&http, &cfg, None, &Quiet));
        assert!(r.steps[0].detail.as_deref().unwrap().contains("https"));
    }
}
