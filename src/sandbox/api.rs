//! The Developers API on contract v0 (`shared/docs/oauth-clients-contract.md`):
//! SPA OAuth clients, bearer-protected, with the contract's validation rules.
//!
//! Callbacks are checked with the same [`crate::callback::validate`] the CLI
//! uses before it sends anything, so what the CLI refuses, the sandbox would
//! refuse too (and the other way round, for clients that skip the CLI).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use super::{CARTO_AUDIENCE, State, StoredClient, bearer, random_alnum, random_token};
use crate::claims::{format_unix, now_unix};

/// Contract v0: `name` is 1..=100 characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Contract v0 (and Auth0): at most 100 URLs in each list.
pub const MAX_URLS: usize = 100;

/// What `useDefaultUrls: true` puts in place of the lists. CARTO has not
/// published its defaults; these are CARTO-like stand-ins, and no MCP client
/// calls back to them, which is the point.
pub const DEFAULT_CALLBACKS: &[&str] = &["https://app.carto.com/callback"];
pub const DEFAULT_ORIGINS: &[&str] = &["https://app.carto.com"];

pub(crate) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/oauth-clients", get(list).post(create))
        .route(
            "/oauth-clients/{id}",
            get(show).patch(update).delete(remove),
        )
}

/// An error answer of the contract: `{"error", "description"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFault {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
}

impl ApiFault {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }
    fn bad(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", description)
    }
    fn invalid_url(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_url", description)
    }
}

impl IntoResponse for ApiFault {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            axum::Json(json!({"error": self.error, "description": self.description})),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"CARTO\", error=\"invalid_token\""),
            );
        }
        res
    }
}

/// The writable fields of a request body, each checked; `None` when absent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fields {
    pub name: Option<String>,
    pub callbacks: Option<Vec<String>>,
    pub allowed_logout_urls: Option<Vec<String>>,
    pub web_origins: Option<Vec<String>>,
    pub allowed_origins: Option<Vec<String>>,
    /// `Some(None)` when the body sets `loginUri: null`.
    pub login_uri: Option<Option<String>>,
    pub use_default_urls: Option<bool>,
}

/// Reads and checks the writable fields of a create or update body.
pub fn parse_fields(body: &[u8]) -> Result<Fields, ApiFault> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiFault::bad(format!("the body is not JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| ApiFault::bad("the body must be a JSON object"))?;
    let mut f = Fields::default();
    if let Some(t) = obj.get("type")
        && t.as_str() != Some("spa")
    {
        return Err(ApiFault::bad(format!(
            "type must be \"spa\" (got {t}); only SPA OAuth clients are served here"
        )));
    }
    if let Some(n) = obj.get("name") {
        let n = n
            .as_str()
            .ok_or_else(|| ApiFault::bad("name must be a string"))?;
        let count = n.chars().count();
        if n.trim().is_empty() || count > MAX_NAME_CHARS {
            return Err(ApiFault::bad(format!(
                "name must be 1 to {MAX_NAME_CHARS} characters (got {count})"
            )));
        }
        f.name = Some(n.to_string());
    }
    if let Some(v) = obj.get("callbacks") {
        let list = string_list("callbacks", v)?;
        let mut out = Vec::with_capacity(list.len());
        for u in list {
            let ok =
                crate::callback::validate(&u).map_err(|e| ApiFault::invalid_url(e.to_string()))?;
            if !out.contains(&ok) {
                out.push(ok);
            }
        }
        f.callbacks = Some(out);
    }
    f.allowed_logout_urls = url_list(obj.get("allowedLogoutUrls"), "allowedLogoutUrls")?;
    f.web_origins = url_list(obj.get("webOrigins"), "webOrigins")?;
    f.allowed_origins = url_list(obj.get("allowedOrigins"), "allowedOrigins")?;
    match obj.get("loginUri") {
        None => {}
        Some(Value::Null) => f.login_uri = Some(None),
        Some(Value::String(s)) if s.trim().is_empty() => f.login_uri = Some(None),
        Some(Value::String(s)) => {
            // Auth0: the application login URI must be https and not localhost.
            let u = url::Url::parse(s.trim())
                .map_err(|e| ApiFault::invalid_url(format!("loginUri '{s}' is not a URL: {e}")))?;
            if u.scheme() != "https" || u.host_str().is_some_and(crate::callback::is_loopback_host)
            {
                return Err(ApiFault::invalid_url(format!(
                    "loginUri '{s}' must be an https URL on a host other than localhost"
                )));
            }
            f.login_uri = Some(Some(s.trim().to_string()));
        }
        Some(other) => {
            return Err(ApiFault::bad(format!(
                "loginUri must be a string, not {other}"
            )));
        }
    }
    if let Some(v) = obj.get("useDefaultUrls") {
        f.use_default_urls = Some(
            v.as_bool()
                .ok_or_else(|| ApiFault::bad("useDefaultUrls must be true or false"))?,
        );
    }
    Ok(f)
}

fn string_list(field: &str, v: &Value) -> Result<Vec<String>, ApiFault> {
    let arr = v
        .as_array()
        .ok_or_else(|| ApiFault::bad(format!("{field} must be an array of strings")))?;
    if arr.len() > MAX_URLS {
        return Err(ApiFault::bad(format!(
            "{field} has {} entries; at most {MAX_URLS} are allowed",
            arr.len()
        )));
    }
    arr.iter()
        .map(|x| {
            x.as_str()
                .map(str::to_string)
                .ok_or_else(|| ApiFault::bad(format!("{field} must be an array of strings")))
        })
        .collect()
}

/// Logout URLs and origins: absolute http(s) URLs without fragment (Auth0
/// allows http on any host there).
fn url_list(v: Option<&Value>, field: &str) -> Result<Option<Vec<String>>, ApiFault> {
    let Some(v) = v else { return Ok(None) };
    let list = string_list(field, v)?;
    let mut out = Vec::with_capacity(list.len());
    for raw in list {
        let s = raw.trim();
        let ok = url::Url::parse(s).ok().is_some_and(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some()
                && u.fragment().is_none()
        });
        if !ok {
            return Err(ApiFault::invalid_url(format!(
                "{field}: '{raw}' is not an absolute http(s) URL without a fragment"
            )));
        }
        if !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    }
    Ok(Some(out))
}

fn apply_defaults(c: &mut StoredClient) {
    if c.use_default_urls {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        c.callbacks = own(DEFAULT_CALLBACKS);
        c.allowed_logout_urls = own(DEFAULT_ORIGINS);
        c.web_origins = own(DEFAULT_ORIGINS);
        c.allowed_origins = own(DEFAULT_ORIGINS);
    }
}

fn to_json(c: &StoredClient, with_secret: bool) -> Value {
    let mut v = json!({
        "clientId": c.client_id,
        "type": "spa",
        "name": c.name,
        "callbacks": c.callbacks,
        "allowedLogoutUrls": c.allowed_logout_urls,
        "webOrigins": c.web_origins,
        "allowedOrigins": c.allowed_origins,
        "loginUri": c.login_uri,
        "useDefaultUrls": c.use_default_urls,
        "createdAt": c.created_at,
    });
    if with_secret && let Some(s) = &c.client_secret {
        v["clientSecret"] = s.expose_secret().into();
    }
    v
}

/// Who calls: the `sub` of a valid token for CARTO's API audience.
fn caller(state: &State, headers: &HeaderMap) -> Result<String, ApiFault> {
    let token = bearer(headers).ok_or_else(|| {
        ApiFault::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing bearer token (Authorization: Bearer <token>)",
        )
    })?;
    let claims = state
        .verify(token, CARTO_AUDIENCE)
        .map_err(|e| ApiFault::new(StatusCode::UNAUTHORIZED, "unauthorized", e))?;
    Ok(claims["sub"].as_str().unwrap_or_default().to_string())
}

/// The caller's own client, or why not.
fn owned<'a>(db: &'a mut super::Db, id: &str, sub: &str) -> Result<&'a mut StoredClient, ApiFault> {
    match db.clients.get_mut(id) {
        Some(c) if c.owner.as_deref() == Some(sub) => Ok(c),
        Some(c) if c.owner.is_some() => Err(ApiFault::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this OAuth client belongs to another user; each user only sees the SPA clients they created",
        )),
        _ => Err(ApiFault::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no OAuth client with ID '{id}'"),
        )),
    }
}

async fn create(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiFault> {
    let sub = caller(&state, &headers)?;
    let f = parse_fields(&body)?;
    let name = f
        .name
        .ok_or_else(|| ApiFault::bad("name is required (1 to 100 characters)"))?;
    let mut db = state.db();
    let seq = db.next_seq;
    db.next_seq += 1;
    let mut c = StoredClient {
        client_id: random_alnum(32),
        client_secret: Some(SecretString::from(random_token(48))),
        name,
        callbacks: f.callbacks.unwrap_or_default(),
        allowed_logout_urls: f.allowed_logout_urls.unwrap_or_default(),
        web_origins: f.web_origins.unwrap_or_default(),
        allowed_origins: f.allowed_origins.unwrap_or_default(),
        login_uri: f.login_uri.flatten(),
        use_default_urls: f.use_default_urls.unwrap_or(false),
        created_at: format_unix(now_unix()),
        owner: Some(sub),
        seq,
    };
    apply_defaults(&mut c);
    let body = to_json(&c, true);
    state.note(format!(
        "client {} created with {} callback(s)",
        c.client_id,
        c.callbacks.len()
    ));
    db.clients.insert(c.client_id.clone(), c);
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

async fn list(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, ApiFault> {
    let sub = caller(&state, &headers)?;
    let db = state.db();
    let mut mine: Vec<&StoredClient> = if q.get("type").is_none_or(|t| t == "spa") {
        db.clients
            .values()
            .filter(|c| c.owner.as_deref() == Some(sub.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    mine.sort_by_key(|c| c.seq);
    let results: Vec<Value> = mine.iter().map(|c| to_json(c, false)).collect();
    let total = results.len();
    Ok(axum::Json(json!({"results": results, "total": total})).into_response())
}

async fn show(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiFault> {
    let sub = caller(&state, &headers)?;
    let mut db = state.db();
    let c = owned(&mut db, &id, &sub)?;
    Ok(axum::Json(to_json(c, true)).into_response())
}

async fn update(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiFault> {
    let sub = caller(&state, &headers)?;
    let f = parse_fields(&body)?;
    let mut db = state.db();
    let c = owned(&mut db, &id, &sub)?;
    if let Some(n) = f.name {
        c.name = n;
    }
    if let Some(l) = f.callbacks {
        c.callbacks = l;
    }
    if let Some(l) = f.allowed_logout_urls {
        c.allowed_logout_urls = l;
    }
    if let Some(l) = f.web_origins {
        c.web_origins = l;
    }
    if let Some(l) = f.allowed_origins {
        c.allowed_origins = l;
    }
    if let Some(l) = f.login_uri {
        c.login_uri = l;
    }
    if let Some(d) = f.use_default_urls {
        c.use_default_urls = d;
    }
    apply_defaults(c);
    let out = to_json(c, true);
    state.note(format!("client {id} updated"));
    Ok(axum::Json(out).into_response())
}

async fn remove(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiFault> {
    let sub = caller(&state, &headers)?;
    let mut db = state.db();
    owned(&mut db, &id, &sub)?;
    db.clients.remove(&id);
    state.note(format!("client {id} deleted"));
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::testing;

    fn fault(body: Value) -> ApiFault {
        parse_fields(body.to_string().as_bytes()).unwrap_err()
    }

    #[test]
    fn name_is_1_to_100_characters() {
        assert_eq!(fault(json!({"name": ""})).status, StatusCode::BAD_REQUEST);
        assert_eq!(
            fault(json!({"name": "x".repeat(101)})).status,
            StatusCode::BAD_REQUEST
        );
        // Characters, not bytes.
        let ok = parse_fields(json!({"name": "é".repeat(100)}).to_string().as_bytes()).unwrap();
        assert_eq!(ok.name.unwrap().chars().count(), 100);
    }

    #[test]
    fn at_most_100_callbacks() {
        let many: Vec<String> = (0..101).map(|i| format!("https://a.example/{i}")).collect();
        let f = fault(json!({"name": "n", "callbacks": many}));
        assert_eq!(f.status, StatusCode::BAD_REQUEST);
        assert!(f.description.contains("at most 100"), "{}", f.description);
        let hundred: Vec<String> = (0..100).map(|i| format!("https://a.example/{i}")).collect();
        let ok = parse_fields(json!({"callbacks": hundred}).to_string().as_bytes()).unwrap();
        assert_eq!(ok.callbacks.unwrap().len(), 100);
    }

    #[test]
    fn callbacks_follow_the_clis_rules() {
        for bad in [
            "claude.ai/api/mcp/auth_callback",
            "https://example.com/cb#frag",
            "http://example.com/cb",
            "mcpjam://oauth/callback",
        ] {
            let f = fault(json!({"callbacks": [bad]}));
            assert_eq!(f.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert_eq!(f.error, "invalid_url");
        }
        let ok = parse_fields(
            json!({"callbacks": ["http://localhost:8000/callback", "https://claude.ai/api/mcp/auth_callback"]})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(ok.callbacks.unwrap().len(), 2);
    }

    #[test]
    fn wrong_types_are_400() {
        for body in [
            json!({"callbacks": "https://a.example"}),
            json!({"type": "m2m"}),
            json!({"useDefaultUrls": "no"}),
            json!([1]),
        ] {
            assert_eq!(
                fault(body.clone()).status,
                StatusCode::BAD_REQUEST,
                "{body}"
            );
        }
        assert_eq!(
            parse_fields(b"not json").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn login_uri_must_be_https_and_not_localhost() {
        assert_eq!(
            fault(json!({"loginUri": "http://localhost:3000/login"})).status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            fault(json!({"loginUri": "https://localhost/login"})).status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let ok = parse_fields(json!({"loginUri": null}).to_string().as_bytes()).unwrap();
        assert_eq!(ok.login_uri, Some(None));
    }

    async fn call(
        c: &reqwest::Client,
        m: reqwest::Method,
        url: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut r = c.request(m, url);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let res = r.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    #[tokio::test]
    async fn crud_over_http() {
        let (sb, c) = testing::start(true).await;
        let tok = sb.api_token().expose_secret().to_string();
        let base = format!("{}/oauth-clients", sb.urls().api_url);
        use reqwest::Method as M;

        let (s, body) = call(&c, M::GET, &base, None, None).await;
        assert_eq!(s, 401);
        assert_eq!(body["error"], "unauthorized");
        let (s, _) = call(&c, M::GET, &base, Some("not-a-jwt"), None).await;
        assert_eq!(s, 401);

        let (s, created) = call(
            &c,
            M::POST,
            &base,
            Some(&tok),
            Some(json!({"type": "spa", "name": "demo", "callbacks": ["http://localhost:8000/callback"], "useDefaultUrls": false})),
        )
        .await;
        assert_eq!(s, 201, "{created}");
        let id = created["clientId"].as_str().unwrap().to_string();
        assert!(created["clientSecret"].as_str().unwrap().len() >= 32);
        assert_eq!(
            created["callbacks"],
            json!(["http://localhost:8000/callback"])
        );

        let (s, listed) = call(&c, M::GET, &format!("{base}?type=spa"), Some(&tok), None).await;
        assert_eq!(s, 200);
        assert_eq!(
            listed["total"], 1,
            "the seeded public client is not the user's"
        );
        assert!(listed["results"][0].get("clientSecret").is_none());

        let (s, got) = call(&c, M::GET, &format!("{base}/{id}"), Some(&tok), None).await;
        assert_eq!(s, 200);
        assert_eq!(got["clientSecret"], created["clientSecret"]);

        let (s, patched) = call(
            &c,
            M::PATCH,
            &format!("{base}/{id}"),
            Some(&tok),
            Some(json!({"useDefaultUrls": true, "callbacks": ["https://claude.ai/api/mcp/auth_callback"]})),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(
            patched["callbacks"],
            json!(DEFAULT_CALLBACKS),
            "defaults replace callbacks"
        );
        assert_eq!(patched["name"], "demo");

        let (s, _) = call(
            &c,
            M::PATCH,
            &format!("{base}/{id}"),
            Some(&tok),
            Some(json!({"callbacks": ["http://example.com/cb"]})),
        )
        .await;
        assert_eq!(s, 422);

        let (s, _) = call(&c, M::DELETE, &format!("{base}/{id}"), Some(&tok), None).await;
        assert_eq!(s, 204);
        let (s, body) = call(&c, M::GET, &format!("{base}/{id}"), Some(&tok), None).await;
        assert_eq!(s, 404);
        assert_eq!(body["error"], "not_found");
        let (s, _) = call(
            &c,
            M::POST,
            &base,
            Some(&tok),
            Some(json!({"callbacks": []})),
        )
        .await;
        assert_eq!(s, 400, "name is required");
        sb.stop().await;
    }
}
