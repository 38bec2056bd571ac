//! Everything about talking to CARTO: who you are ([`auth`]), and the
//! OAuth client provisioning backends behind [`ClientBackend`] ([`api`] on
//! contract v0, [`carto_cli`] driving the official `carto` CLI).
//!
//! No terminal I/O here.

pub mod api;
pub mod auth;
pub mod carto_cli;
pub mod types;

pub use auth::AuthError;
pub use types::{ApiError, ClientPatch, NewClient, OAuthClient};

/// One way of creating, reading, changing and deleting SPA OAuth clients.
///
/// `async fn` in a trait is fine here: the backends are used through
/// [`AnyBackend`], never as trait objects, and all run on one runtime.
#[allow(async_fn_in_trait)]
pub trait ClientBackend {
    /// `api` or `carto-cli`, for messages.
    fn name(&self) -> &'static str;
    async fn create(&self, new: &NewClient) -> Result<OAuthClient, ApiError>;
    async fn list(&self) -> Result<Vec<OAuthClient>, ApiError>;
    async fn get(&self, id: &str) -> Result<OAuthClient, ApiError>;
    async fn update(&self, id: &str, patch: &ClientPatch) -> Result<OAuthClient, ApiError>;
    async fn delete(&self, id: &str) -> Result<(), ApiError>;
}

/// The backend chosen at run time.
pub enum AnyBackend {
    Api(api::ApiBackend),
    CartoCli(carto_cli::CartoCliBackend),
}

impl ClientBackend for AnyBackend {
    fn name(&self) -> &'static str {
        match self {
            AnyBackend::Api(b) => b.name(),
            AnyBackend::CartoCli(b) => b.name(),
        }
    }
    async fn create(&self, new: &NewClient) -> Result<OAuthClient, ApiError> {
        match self {
            AnyBackend::Api(b) => b.create(new).await,
            AnyBackend::CartoCli(b) => b.create(new).await,
        }
    }
    async fn list(&self) -> Result<Vec<OAuthClient>, ApiError> {
        match self {
            AnyBackend::Api(b) => b.list().await,
            AnyBackend::CartoCli(b) => b.list().await,
        }
    }
    async fn get(&self, id: &str) -> Result<OAuthClient, ApiError> {
        match self {
            AnyBackend::Api(b) => b.get(id).await,
            AnyBackend::CartoCli(b) => b.get(id).await,
        }
    }
    async fn update(&self, id: &str, patch: &ClientPatch) -> Result<OAuthClient, ApiError> {
        match self {
            AnyBackend::Api(b) => b.update(id, patch).await,
            AnyBackend::CartoCli(b) => b.update(id, patch).await,
        }
    }
    async fn delete(&self, id: &str) -> Result<(), ApiError> {
        match self {
            AnyBackend::Api(b) => b.delete(id).await,
            AnyBackend::CartoCli(b) => b.delete(id).await,
        }
    }
}

/// A client just created, and whether it was found again after the create
/// failed in a way that left its fate unknown (timeout, 5xx).
pub struct Created {
    pub client: OAuthClient,
    /// Why the create was not answered (set only when the client was found
    /// by name afterwards instead of being created a second time).
    pub recovered: Option<String>,
}

impl AnyBackend {
    /// Creates a client and says whether it had to be recovered.
    pub async fn create_reported(&self, new: &NewClient) -> Result<Created, ApiError> {
        match self {
            AnyBackend::Api(b) => b.create_reported(new).await,
            AnyBackend::CartoCli(b) => b.create(new).await.map(|client| Created {
                client,
                recovered: None,
            }),
        }
    }
}

/// The backend of a run and who it acts for.
pub struct Opened {
    pub backend: AnyBackend,
    /// The resolved CARTO credentials. Always set for the `api` backend;
    /// for `carto-cli` only when we found some (the CLI has its own login).
    pub credentials: Option<auth::Credentials>,
}

/// Which backend `--backend` means here (`auto`: `carto-cli` when `carto`
/// is on PATH).
pub fn choose_backend(choice: crate::cli::BackendChoice) -> Option<std::path::PathBuf> {
    use crate::cli::BackendChoice;
    match choice {
        BackendChoice::Api => None,
        BackendChoice::CartoCli => {
            Some(carto_cli::find_on_path().unwrap_or_else(|| "carto".into()))
        }
        BackendChoice::Auto => carto_cli::find_on_path(),
    }
}

/// Resolves the CARTO credentials as the global options say (reads stdin
/// when `--token-stdin` was given).
pub async fn resolve_credentials(
    global: &crate::cli::GlobalArgs,
    http: &crate::http::Http,
) -> Result<auth::Credentials, AuthError> {
    let stdin_token = if global.token_stdin {
        Some(auth::read_secret_stdin("--token-stdin")?)
    } else {
        None
    };
    auth::resolve(
        auth::ResolveOptions {
            stdin_token,
            profile: global.profile.clone(),
        },
        http,
    )
    .await
}

/// Opens the backend and keeps the credentials (for the MCP server URL and
/// messages).
pub async fn open(
    global: &crate::cli::GlobalArgs,
    http: &crate::http::Http,
) -> anyhow::Result<Opened> {
    match choose_backend(global.backend) {
        Some(program) => {
            // The CLI logs in by itself; our token is only handed over when
            // it came from elsewhere than the CLI's own file.
            let credentials = match resolve_credentials(global, http).await {
                Ok(c) => Some(c),
                Err(AuthError::NoCredentials { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            let token = credentials.as_ref().and_then(|c| match c.source {
                auth::TokenSource::CartoCli { .. } => None,
                _ => Some(c.token.clone()),
            });
            let timeout = std::time::Duration::from_secs(global.timeout.max(1) * 2 + 30);
            Ok(Opened {
                backend: AnyBackend::CartoCli(carto_cli::CartoCliBackend::new(
                    program,
                    token,
                    global.profile.clone(),
                    timeout,
                )),
                credentials,
            })
        }
        None => {
            let base = global
                .api_url
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(api::DEFAULT_API_URL);
            // Check the URL before asking anyone for a token.
            url::Url::parse(base.trim()).map_err(|e| {
                crate::error::Failure::usage(format!("--api-url '{base}' is not a URL ({e})"))
            })?;
            let credentials = resolve_credentials(global, http).await?;
            let backend = api::ApiBackend::new(http.clone(), base, credentials.token.clone())
                .map_err(|e| crate::error::Failure::usage(format!("--api-url '{base}': {e}")))?;
            Ok(Opened {
                backend: AnyBackend::Api(backend),
                credentials: Some(credentials),
            })
        }
    }
}

/// Opens the provisioning backend the global options ask for (`--backend`,
/// `--api-url`, `--profile`, the token sources). Used by `client`, `check`
/// (to read a client's callbacks and secret) and `diagnose`.
pub async fn open_backend(
    global: &crate::cli::GlobalArgs,
    http: &crate::http::Http,
) -> anyhow::Result<AnyBackend> {
    Ok(open(global, http).await?.backend)
}
