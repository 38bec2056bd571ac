//! Discovery as the MCP authorization spec (2025-11-25, with 2025-06-18 and
//! 2025-03-26 back-compat) orders it: the unauthenticated request and its
//! `WWW-Authenticate` challenge, the protected resource metadata (RFC 9728),
//! the authorization server metadata (RFC 8414 / OpenID Connect), and the
//! 2025-03-26 fallbacks.
//!
//! Hand-written on purpose: every request here is a step the user sees,
//! with its URL and answer, because "which document was missing" is most of
//! what goes wrong with an MCP server's login.

use std::collections::BTreeMap;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesOrdered;
use serde::{Deserialize, Serialize};
use url::Url;

use super::OAuthError;
use crate::http::{Http, HttpError, Retry};

/// The MCP protocol version this client speaks first.
pub const PROTOCOL_VERSION: &str = "2025-11-25";

/// A parsed `WWW-Authenticate: Bearer ...` challenge.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Challenge {
    pub scheme: String,
    pub params: BTreeMap<String, String>,
    pub raw: String,
}

impl Challenge {
    pub fn param(&self, k: &str) -> Option<&str> {
        self.params.get(k).map(String::as_str)
    }
    pub fn resource_metadata(&self) -> Option<&str> {
        self.param("resource_metadata")
    }
    pub fn scope(&self) -> Option<&str> {
        self.param("scope").filter(|s| !s.trim().is_empty())
    }
    pub fn error(&self) -> Option<&str> {
        self.param("error")
    }
    pub fn error_description(&self) -> Option<&str> {
        self.param("error_description")
    }
}

/// Parses the first challenge of a `WWW-Authenticate` value (auth-params as
/// RFC 9110 §11.2: `token=token` or `token="quoted string"`).
pub fn parse_www_authenticate(value: &str) -> Option<Challenge> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let (scheme, rest) = match value.find(char::is_whitespace) {
        Some(i) => (&value[..i], value[i..].trim_start()),
        None => (value, ""),
    };
    let mut params = BTreeMap::new();
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i] == b',' || b[i].is_ascii_whitespace()) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b'=' && b[i] != b',' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = rest[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            // A token68 or a second scheme: stop at the first challenge.
            break;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut val = String::new();
        if i < b.len() && b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' && i + 1 < b.len() {
                    i += 1;
                }
                let ch = rest[i..].chars().next().unwrap_or('?');
                val.push(ch);
                i += ch.len_utf8();
            }
            i += 1;
        } else {
            let s = i;
            while i < b.len() && b[i] != b',' && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            val.push_str(&rest[s..i]);
        }
        if !key.is_empty() {
            params.entry(key).or_insert(val);
        }
    }
    Some(Challenge {
        scheme: scheme.to_string(),
        params,
        raw: value.to_string(),
    })
}

/// The canonical resource URI of an MCP server URL: the URL as the user
/// gave it, without a fragment (RFC 8707; MCP 2025-06-18). Not re-serialized
/// through `Url`, which would add a "/" the server may not expect.
pub fn canonical_resource(url: &str) -> String {
    let s = url.trim();
    s.split_once('#').map_or(s, |(a, _)| a).to_string()
}

/// Where to look for the protected resource metadata when the challenge
/// does not say: path-inserted first, then the root (2025-11-25).
pub fn prm_candidates(server: &Url) -> Vec<Url> {
    let mut out = Vec::new();
    let path = server.path().trim_end_matches('/');
    if !path.is_empty() {
        out.push(with_path(
            server,
            &format!("/.well-known/oauth-protected-resource{path}"),
        ));
    }
    out.push(with_path(server, "/.well-known/oauth-protected-resource"));
    out
}

/// Where to look for an issuer's metadata, in the spec's order: for an
/// issuer with a path, RFC 8414 path-inserted, OIDC path-inserted, OIDC
/// path-appended; without one, RFC 8414 then OIDC.
pub fn as_metadata_candidates(issuer: &Url) -> Vec<Url> {
    let path = issuer.path().trim_end_matches('/');
    if path.is_empty() {
        vec![
            with_path(issuer, "/.well-known/oauth-authorization-server"),
            with_path(issuer, "/.well-known/openid-configuration"),
        ]
    } else {
        vec![
            with_path(
                issuer,
                &format!("/.well-known/oauth-authorization-server{path}"),
            ),
            with_path(issuer, &format!("/.well-known/openid-configuration{path}")),
            with_path(issuer, &format!("{path}/.well-known/openid-configuration")),
        ]
    }
}

/// The 2025-03-26 defaults when no metadata exists: `/authorize`, `/token`
/// and `/register` at the MCP server's origin.
pub fn legacy_endpoints(server: &Url) -> AuthServerMetadata {
    let origin = origin(server);
    AuthServerMetadata {
        issuer: origin.clone(),
        authorization_endpoint: format!("{origin}/authorize"),
        token_endpoint: format!("{origin}/token"),
        registration_endpoint: Some(format!("{origin}/register")),
        // The 2025-03-26 spec makes PKCE S256 mandatory for these servers.
        code_challenge_methods_supported: Some(vec!["S256".into()]),
        ..AuthServerMetadata::default()
    }
}

/// The origin of a URL, as `scheme://host[:port]`.
pub fn origin(u: &Url) -> String {
    u.origin().ascii_serialization()
}

fn with_path(base: &Url, path: &str) -> Url {
    let mut u = base.clone();
    u.set_path(path);
    u.set_query(None);
    u.set_fragment(None);
    u
}

/// RFC 9728 protected resource metadata (the fields a client uses).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProtectedResourceMetadata {
    pub resource: String,
    #[serde(default)]
    pub authorization_servers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes_supported: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_name: Option<String>,
}

/// RFC 8414 / OpenID Connect discovery metadata (the fields a client uses).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuthServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes_supported: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge_methods_supported: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_metadata_document_supported: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_types_supported: Option<Vec<String>>,
}

impl AuthServerMetadata {
    /// PKCE S256 must be advertised (2025-11-25: refuse otherwise).
    pub fn require_s256(&self) -> Result<(), OAuthError> {
        match &self.code_challenge_methods_supported {
            Some(m) if m.iter().any(|x| x == "S256") => Ok(()),
            other => Err(OAuthError::NoS256 {
                issuer: self.issuer.clone(),
                methods: other.clone(),
            }),
        }
    }
}

/// How the resource named in the metadata relates to the server URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceMatch {
    /// The same URL (a trailing slash aside).
    Exact,
    /// Same origin, and the server URL lies under the resource's path: what
    /// the TypeScript SDK accepts; the resource is then what gets requested.
    Prefix,
    Mismatch,
}

pub fn match_resource(server: &Url, resource: &str) -> ResourceMatch {
    let Ok(r) = Url::parse(resource) else {
        return ResourceMatch::Mismatch;
    };
    if origin(&r) != origin(server) {
        return ResourceMatch::Mismatch;
    }
    let sp = server.path().trim_end_matches('/');
    let rp = r.path().trim_end_matches('/');
    if sp == rp && r.query() == server.query() {
        ResourceMatch::Exact
    } else if rp.is_empty() || sp.starts_with(&format!("{rp}/")) {
        ResourceMatch::Prefix
    } else {
        ResourceMatch::Mismatch
    }
}

/// One request of discovery, as shown in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub method: &'static str,
    pub url: String,
    /// The HTTP status, or none when the request itself failed.
    pub status: Option<u16>,
    /// Why this answer was not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub duration_ms: u64,
}

impl Attempt {
    pub fn line(&self) -> String {
        let status = self
            .status
            .map_or_else(|| "no answer".to_string(), |s| s.to_string());
        match &self.note {
            Some(n) => format!("{} {} → {status} ({n})", self.method, self.url),
            None => format!("{} {} → {status}", self.method, self.url),
        }
    }
}

/// What the unauthenticated MCP request returned.
#[derive(Debug, Clone)]
pub struct Probe {
    pub attempt: Attempt,
    pub status: u16,
    pub challenge: Option<Challenge>,
    pub body: String,
}

/// Sends the MCP `initialize` request without a token, to learn how the
/// server wants to be authorized.
pub async fn probe(http: &Http, server: &Url) -> Result<Probe, HttpError> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": "carto-mcp", "version": env!("CARGO_PKG_VERSION")},
        }
    });
    let r = http
        .send(Retry::Once, |c| {
            c.post(server.as_str())
                .header("accept", "application/json, text/event-stream")
                .header("mcp-protocol-version", PROTOCOL_VERSION)
                .json(&body)
        })
        .await?;
    let challenge = r
        .header("www-authenticate")
        .and_then(parse_www_authenticate);
    Ok(Probe {
        attempt: Attempt {
            method: "POST",
            url: server.to_string(),
            status: Some(r.status.as_u16()),
            note: None,
            duration_ms: ms(r.elapsed),
        },
        status: r.status.as_u16(),
        challenge,
        body: r.body,
    })
}

pub(crate) fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Fetches JSON documents from `urls` and returns the first one (in the
/// given order) that is a 200 JSON object accepted by `accept`, with every
/// attempt up to it. With `concurrent`, all requests start at once (they do
/// not depend on each other) and the answers are still taken in order;
/// those after the winner are dropped unread.
pub async fn first_document<T>(
    http: &Http,
    urls: &[Url],
    concurrent: bool,
    accept: impl Fn(&serde_json::Value) -> Result<T, String>,
) -> (Vec<Attempt>, Option<(Url, T)>) {
    let fetch = |u: Url| async move {
        let r = http
            .send(Retry::Idempotent, |c| {
                c.get(u.as_str()).header("accept", "application/json")
            })
            .await;
        (u, r)
    };
    let mut attempts = Vec::new();
    let mut judge = |u: &Url, r: Result<crate::http::Response, HttpError>| -> Option<T> {
        let (status, note, doc, elapsed) = match r {
            Err(e) => (None, Some(e.to_string()), None, Duration::ZERO),
            Ok(r) if r.status.as_u16() != 200 => (Some(r.status.as_u16()), None, None, r.elapsed),
            Ok(r) => match serde_json::from_str::<serde_json::Value>(&r.body) {
                Ok(v) if v.is_object() => match accept(&v) {
                    Ok(t) => (Some(200), None, Some(t), r.elapsed),
                    Err(e) => (Some(200), Some(e), None, r.elapsed),
                },
                _ => (Some(200), Some("not a JSON object".into()), None, r.elapsed),
            },
        };
        attempts.push(Attempt {
            method: "GET",
            url: u.to_string(),
            status,
            note,
            duration_ms: ms(elapsed),
        });
        doc
    };
    if concurrent {
        let mut pending: FuturesOrdered<_> = urls.iter().cloned().map(fetch).collect();
        while let Some((u, r)) = pending.next().await {
            if let Some(doc) = judge(&u, r) {
                return (attempts, Some((u, doc)));
            }
        }
    } else {
        for u in urls {
            let (u, r) = fetch(u.clone()).await;
            if let Some(doc) = judge(&u, r) {
                return (attempts, Some((u, doc)));
            }
        }
    }
    (attempts, None)
}

/// Reads a protected resource metadata document.
pub fn accept_prm(v: &serde_json::Value) -> Result<ProtectedResourceMetadata, String> {
    let m: ProtectedResourceMetadata =
        serde_json::from_value(v.clone()).map_err(|e| format!("not RFC 9728 metadata: {e}"))?;
    if m.resource.is_empty() {
        return Err("no `resource`".into());
    }
    Ok(m)
}

/// Reads an authorization server metadata document.
pub fn accept_as(v: &serde_json::Value) -> Result<AuthServerMetadata, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("not RFC 8414 / OpenID metadata: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn parses_a_bearer_challenge() {
        let c = parse_www_authenticate(
            r#"Bearer error="invalid_token", error_description="bad \"aud\"", resource_metadata="http://h/.well-known/oauth-protected-resource/mcp", scope="a b""#,
        )
        .unwrap();
        assert_eq!(c.scheme, "Bearer");
        assert_eq!(c.error(), Some("invalid_token"));
        assert_eq!(c.error_description(), Some("bad \"aud\""));
        assert_eq!(
            c.resource_metadata(),
            Some("http://h/.well-known/oauth-protected-resource/mcp")
        );
        assert_eq!(c.scope(), Some("a b"));
        let c = parse_www_authenticate("Bearer realm=x,scope=mcp:basic").unwrap();
        assert_eq!(c.scope(), Some("mcp:basic"));
        assert_eq!(parse_www_authenticate("Bearer").unwrap().params.len(), 0);
    }

    #[test]
    fn prm_order_is_path_then_root() {
        let c = prm_candidates(&u("https://h.example/mcp/ac_1"));
        assert_eq!(
            c.iter().map(Url::as_str).collect::<Vec<_>>(),
            [
                "https://h.example/.well-known/oauth-protected-resource/mcp/ac_1",
                "https://h.example/.well-known/oauth-protected-resource"
            ]
        );
        assert_eq!(prm_candidates(&u("https://h.example/")).len(), 1);
    }

    #[test]
    fn as_metadata_order_follows_the_spec() {
        let table = [
            (
                "https://as.example",
                vec![
                    "https://as.example/.well-known/oauth-authorization-server",
                    "https://as.example/.well-known/openid-configuration",
                ],
            ),
            (
                "https://as.example/tenant1",
                vec![
                    "https://as.example/.well-known/oauth-authorization-server/tenant1",
                    "https://as.example/.well-known/openid-configuration/tenant1",
                    "https://as.example/tenant1/.well-known/openid-configuration",
                ],
            ),
            (
                "https://as.example/tenant1/",
                vec![
                    "https://as.example/.well-known/oauth-authorization-server/tenant1",
                    "https://as.example/.well-known/openid-configuration/tenant1",
                    "https://as.example/tenant1/.well-known/openid-configuration",
                ],
            ),
        ];
        for (issuer, want) in table {
            let got = as_metadata_candidates(&u(issuer));
            assert_eq!(
                got.iter().map(Url::as_str).collect::<Vec<_>>(),
                want,
                "{issuer}"
            );
        }
    }

    #[test]
    fn resource_matching() {
        let s = u("https://h.example/mcp/ac_1");
        let table = [
            ("https://h.example/mcp/ac_1", ResourceMatch::Exact),
            ("https://h.example/mcp/ac_1/", ResourceMatch::Exact),
            ("https://h.example/mcp", ResourceMatch::Prefix),
            ("https://h.example/", ResourceMatch::Prefix),
            ("https://evil.example.com/mcp", ResourceMatch::Mismatch),
            ("https://h.example/mcp/ac_2", ResourceMatch::Mismatch),
            ("https://h.example/mc", ResourceMatch::Mismatch),
        ];
        for (resource, want) in table {
            assert_eq!(match_resource(&s, resource), want, "{resource}");
        }
    }

    #[test]
    fn canonical_resource_drops_the_fragment_only() {
        assert_eq!(canonical_resource("https://h/mcp#x"), "https://h/mcp");
        assert_eq!(canonical_resource("https://h/mcp/"), "https://h/mcp/");
        assert_eq!(canonical_resource("https://h"), "https://h");
    }

    #[test]
    fn s256_is_required() {
        let mut m = AuthServerMetadata::default();
        assert!(matches!(
            m.require_s256(),
            Err(OAuthError::NoS256 { methods: None, .. })
        ));
        m.code_challenge_methods_supported = Some(vec!["plain".into()]);
        assert!(m.require_s256().is_err());
        m.code_challenge_methods_supported = Some(vec!["plain".into(), "S256".into()]);
        assert!(m.require_s256().is_ok());
    }

    #[test]
    fn legacy_endpoints_are_at_the_origin() {
        let m = legacy_endpoints(&u("http://localhost:3000/mcp"));
        assert_eq!(m.authorization_endpoint, "http://localhost:3000/authorize");
        assert_eq!(m.token_endpoint, "http://localhost:3000/token");
        assert_eq!(
            m.registration_endpoint.as_deref(),
            Some("http://localhost:3000/register")
        );
    }
}
