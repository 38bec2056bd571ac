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

/// Opens the provisioning backend the global options ask for (`--backend`,
/// `--api-url`, `--profile`, the token sources). Used by `client`, `check`
/// (to read a client's callbacks and secret) and `diagnose`.
/// (Stub: filled in by the client-provisioning work.)
pub async fn open_backend(
    _global: &crate::cli::GlobalArgs,
    _http: &crate::http::Http,
) -> anyhow::Result<AnyBackend> {
    Err(AuthError::NoCredentials.into())
}
