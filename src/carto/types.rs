//! The OAuth client as contract v0 describes it
//! (`shared/docs/oauth-clients-contract.md`), and the API's errors.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::error::{Classify, ExitKind};
use crate::http::HttpError;

/// A SPA OAuth client as the API returns it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClient {
    pub client_id: String,
    /// Only in the answers of create and get; never in list.
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default = "spa", rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub callbacks: Vec<String>,
    #[serde(default)]
    pub allowed_logout_urls: Vec<String>,
    #[serde(default)]
    pub web_origins: Vec<String>,
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    #[serde(default)]
    pub login_uri: Option<String>,
    #[serde(default)]
    pub use_default_urls: bool,
    #[serde(default)]
    pub created_at: Option<String>,
}

fn spa() -> String {
    "spa".into()
}

/// The body of a create.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NewClient {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub callbacks: Vec<String>,
    pub allowed_logout_urls: Vec<String>,
    pub web_origins: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub login_uri: Option<String>,
    /// Always false for MCP clients: true replaces the callbacks with
    /// CARTO's defaults, which no MCP client uses.
    pub use_default_urls: bool,
}

/// The body of an update: only the fields that change.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ClientPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callbacks: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_logout_urls: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_origins: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_urls: Option<bool>,
}

/// What went wrong talking to the provisioning backend.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("CARTO did not accept the credentials ({description})")]
    Unauthorized { description: String },
    #[error("CARTO refused the request: {description}")]
    Forbidden { description: String },
    #[error("no OAuth client with ID '{id}'")]
    NotFound { id: String },
    #[error("CARTO refused the request ({status} {error}): {description}")]
    Invalid {
        status: u16,
        error: String,
        description: String,
    },
    #[error("{url} answered {status}: CARTO has not published this route of the Developers API")]
    RouteMissing { status: u16, url: String },
    #[error("CARTO answered {status}: {description}")]
    Server { status: u16, description: String },
    #[error("the CARTO CLI failed (exit {code}): {stderr}")]
    Cli { code: i32, stderr: String },
    #[error("could not read the answer: {0}")]
    Parse(String),
    #[error(transparent)]
    Http(#[from] HttpError),
}

impl Classify for ApiError {
    fn exit_kind(&self) -> ExitKind {
        match self {
            ApiError::Unauthorized { .. } => ExitKind::NotAuthenticated,
            ApiError::Forbidden { .. }
            | ApiError::NotFound { .. }
            | ApiError::Invalid { .. }
            | ApiError::RouteMissing { .. }
            | ApiError::Cli { .. } => ExitKind::Refused,
            ApiError::Server { .. } | ApiError::Parse(_) | ApiError::Http(_) => ExitKind::Error,
        }
    }
    fn hints(&self) -> Vec<String> {
        match self {
            ApiError::Unauthorized { .. } => vec![
                "log in again: `carto auth login` (CARTO CLI), or set CARTO_API_TOKEN, or pipe a token to --token-stdin".into(),
                "`carto-mcp auth status` shows which credentials were used".into(),
            ],
            ApiError::RouteMissing { .. } => vec![
                "use the official CARTO CLI backend: install `carto` and pass --backend carto-cli".into(),
                "or point --api-url at a server that speaks contract v0 (e.g. `carto-mcp sandbox`)".into(),
            ],
            ApiError::NotFound { .. } => vec!["`carto-mcp client list` shows your clients".into()],
            ApiError::Forbidden { .. } => vec![
                "each user only sees the SPA clients they created; check you are logged in as the right user".into(),
            ],
            ApiError::Http(e) => e.hints(),
            _ => Vec::new(),
        }
    }
}
