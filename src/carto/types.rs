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

impl NewClient {
    /// A SPA client with these callbacks and nothing else: no logout URLs
    /// or origins, and `useDefaultUrls: false`.
    pub fn spa(name: String, callbacks: Vec<String>) -> Self {
        NewClient {
            kind: "spa".into(),
            name,
            callbacks,
            allowed_logout_urls: Vec::new(),
            web_origins: Vec::new(),
            allowed_origins: Vec::new(),
            login_uri: None,
            use_default_urls: false,
        }
    }
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

impl ClientPatch {
    /// The patch that gives `current` these callbacks: the list only when it
    /// changes, and `useDefaultUrls: false` when it was on (with it on,
    /// CARTO replaces the callbacks with its defaults).
    pub fn set_callbacks(current: &OAuthClient, callbacks: Vec<String>) -> Self {
        ClientPatch {
            callbacks: (callbacks != current.callbacks).then_some(callbacks),
            use_default_urls: current.use_default_urls.then_some(false),
            ..ClientPatch::default()
        }
    }
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

// ----- tolerant parsing ---------------------------------------------------
//
// The contract is camelCase, the CARTO CLI's JSON is undocumented: both are
// read through one forgiving reader (camelCase or snake_case, `clientId` /
// `client_id` / `id`, lists as arrays or comma-separated strings, lists
// wrapped or not).

use serde_json::{Map, Value};

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn pick<'a>(o: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    for n in names {
        if let Some((_, v)) = o.iter().find(|(k, _)| squash(k) == *n)
            && !v.is_null()
        {
            return Some(v);
        }
    }
    None
}

fn pick_str(o: &Map<String, Value>, names: &[&str]) -> Option<String> {
    match pick(o, names)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn pick_list(o: &Map<String, Value>, names: &[&str]) -> Vec<String> {
    match pick(o, names) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

const WRAPPERS: &[&str] = &["result", "data", "client", "credential", "item"];
const LIST_WRAPPERS: &[&str] = &[
    "results",
    "items",
    "data",
    "clients",
    "credentials",
    "spa",
    "oauthclients",
];

/// Reads one client from any plausible JSON shape.
pub fn parse_client(v: &Value) -> Result<OAuthClient, ApiError> {
    let Some(mut o) = v.as_object() else {
        return Err(ApiError::Parse(
            "expected a JSON object for a client".into(),
        ));
    };
    if pick(o, &["clientid", "id"]).is_none()
        && let Some(inner) = WRAPPERS
            .iter()
            .find_map(|w| pick(o, &[w]).and_then(Value::as_object))
    {
        o = inner;
    }
    let client_id = pick_str(o, &["clientid", "id"])
        .ok_or_else(|| ApiError::Parse("a client without clientId".into()))?;
    Ok(OAuthClient {
        client_id,
        client_secret: pick_str(o, &["clientsecret", "secret"]).map(SecretString::from),
        kind: pick_str(o, &["type", "apptype", "kind"]).unwrap_or_else(spa),
        name: pick_str(o, &["name", "title"]).unwrap_or_default(),
        callbacks: pick_list(
            o,
            &[
                "callbacks",
                "callbackurls",
                "allowedcallbackurls",
                "callback",
            ],
        ),
        allowed_logout_urls: pick_list(o, &["allowedlogouturls", "logouturls", "logouturl"]),
        web_origins: pick_list(o, &["weborigins", "allowedweborigins", "weborigin"]),
        allowed_origins: pick_list(o, &["allowedorigins", "allowedorigin", "corsorigins"]),
        login_uri: pick_str(o, &["loginuri", "initiateloginuri", "loginurl"]),
        use_default_urls: pick(o, &["usedefaulturls"])
            .and_then(Value::as_bool)
            .unwrap_or(false),
        created_at: pick_str(o, &["createdat", "created", "creationdate"]),
    })
}

/// Reads a list of clients: an array, or an object wrapping one.
pub fn parse_client_list(v: &Value) -> Result<Vec<OAuthClient>, ApiError> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(o) => LIST_WRAPPERS
            .iter()
            .find_map(|w| pick(o, &[w]).and_then(Value::as_array))
            .ok_or_else(|| ApiError::Parse("expected a list of clients".into()))?,
        _ => return Err(ApiError::Parse("expected a list of clients".into())),
    };
    items.iter().map(parse_client).collect()
}

impl OAuthClient {
    /// `createdAt` as unix seconds, when it is RFC 3339.
    pub fn created_at_unix(&self) -> Option<i64> {
        let s = self.created_at.as_deref()?;
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|d| d.unix_timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_callbacks_sends_only_what_changes_and_turns_default_urls_off() {
        let mut c: OAuthClient =
            serde_json::from_str(r#"{"clientId":"c","callbacks":["https://a/cb"]}"#).unwrap();
        let same = ClientPatch::set_callbacks(&c, vec!["https://a/cb".into()]);
        assert_eq!(same, ClientPatch::default());
        let more =
            ClientPatch::set_callbacks(&c, vec!["https://a/cb".into(), "https://b/cb".into()]);
        assert_eq!(more.callbacks.unwrap().len(), 2);
        assert_eq!(more.use_default_urls, None);
        c.use_default_urls = true;
        let p = ClientPatch::set_callbacks(&c, vec!["https://a/cb".into()]);
        assert_eq!(
            p.use_default_urls,
            Some(false),
            "defaults would replace the callbacks"
        );
    }
    use secrecy::ExposeSecret;

    #[test]
    fn reads_camel_and_snake_case_and_wrappers() {
        let camel = serde_json::json!({"clientId": "a", "clientSecret": "s", "name": "n",
            "callbacks": ["https://x/cb"], "createdAt": "2026-01-02T03:04:05Z"});
        let c = parse_client(&camel).unwrap();
        assert_eq!(c.client_id, "a");
        assert_eq!(c.client_secret.unwrap().expose_secret(), "s");
        assert_eq!(c.callbacks, ["https://x/cb"]);
        let snake = serde_json::json!({"result": {"client_id": "b", "title": "t",
            "allowed_callback_urls": "https://a/cb, http://localhost:1/cb"}});
        let c = parse_client(&snake).unwrap();
        assert_eq!((c.client_id.as_str(), c.name.as_str()), ("b", "t"));
        assert_eq!(c.callbacks, ["https://a/cb", "http://localhost:1/cb"]);
        let list = serde_json::json!({"results": [{"id": 7}], "total": 1});
        assert_eq!(parse_client_list(&list).unwrap()[0].client_id, "7");
        assert!(parse_client(&serde_json::json!({"name": "x"})).is_err());
    }
}
