//! An authorization server that behaves like CARTO's Auth0 tenant where it
//! matters to carto-mcp: exact callback matching (with Auth0's "Callback URL
//! mismatch" page), PKCE S256 required, `audience` and `resource`, client
//! authentication by `client_secret_basic`, `client_secret_post` or `none`
//! (public clients only), single-use short-lived codes, ES256 JWT access
//! tokens published as JWKS, RFC 8414 metadata, `iss` in the authorization
//! response (RFC 9207), a plain login and consent page, and `client_credentials`.
//!
//! Written by hand on axum on purpose: its job is to refuse exactly what a
//! real server refuses and to say why, so each rule is a line one can read.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::Form;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use super::{
    ACCESS_TOKEN_SECS, CARTO_AUDIENCE, CODE_TTL, DEFAULT_USER, Grant, LOGIN_TTL, Pending, State,
    StoredClient, TokenSpec, random_token, same_secret, sha256_b64,
};

pub(crate) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/.well-known/oauth-authorization-server", get(as_metadata))
        .route("/.well-known/openid-configuration", get(oidc_metadata))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/authorize", get(authorize))
        .route("/login", post(login))
        .route("/consent", post(consent))
        .route("/oauth/token", post(token))
}

/// Auth0's words for a redirect URI that is not registered, to the byte.
pub fn mismatch_message(url: &str) -> String {
    format!("Callback URL mismatch. {url} is not in the list of allowed callback URLs.")
}

fn metadata(state: &State) -> Value {
    let u = &state.urls;
    json!({
        "issuer": u.issuer,
        "authorization_endpoint": u.authorization_endpoint,
        "token_endpoint": u.token_endpoint,
        "jwks_uri": u.jwks_uri,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "scopes_supported": ["openid", "profile", "email"],
        "authorization_response_iss_parameter_supported": true,
    })
}

async fn as_metadata(AxState(state): AxState<Arc<State>>) -> Response {
    axum::Json(metadata(&state)).into_response()
}

async fn oidc_metadata(AxState(state): AxState<Arc<State>>) -> Response {
    let mut m = metadata(&state);
    m["subject_types_supported"] = json!(["public"]);
    m["id_token_signing_alg_values_supported"] = json!(["ES256"]);
    axum::Json(m).into_response()
}

async fn jwks(AxState(state): AxState<Arc<State>>) -> Response {
    axum::Json(json!({"keys": [state.keys.jwk]})).into_response()
}

// ----- /authorize --------------------------------------------------------

fn page(status: StatusCode, title: &str, body_html: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{t} · carto-mcp sandbox</title></head>\n\
         <body style=\"font-family: sans-serif; max-width: 36em; margin: 3em auto\">\n\
         <h1>{t}</h1>\n{body_html}\n\
         <p style=\"color: #888\">carto-mcp sandbox: a local stand-in for CARTO's login.</p>\n</body></html>\n",
        t = html_escape::encode_text(title),
    );
    (status, Html(html)).into_response()
}

/// An error shown to the user instead of redirecting (the redirect URI
/// cannot be trusted), as Auth0 does.
fn error_page(error: &str, description: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Oops!, something went wrong",
        &format!(
            "<p id=\"error\"><strong>{}</strong>: {}</p>",
            html_escape::encode_text(error),
            html_escape::encode_text(description)
        ),
    )
}

/// A redirect back to the client with `params`, plus `state` and `iss`.
fn redirect_back(
    issuer: &str,
    redirect_uri: &str,
    state_param: Option<&str>,
    params: &[(&str, &str)],
) -> Response {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(u) => u,
        Err(_) => return error_page("invalid_request", "the redirect_uri is not a URL"),
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            q.append_pair(k, v);
        }
        if let Some(s) = state_param {
            q.append_pair("state", s);
        }
        q.append_pair("iss", issuer);
    }
    let mut res = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(url.as_str()) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// What the token's `aud` is for an authorization: the resource when given,
/// else the audience, else the userinfo endpoint (Auth0 without an
/// audience); with `openid`, the userinfo endpoint is added (as Auth0 does).
pub fn audience_of(
    issuer: &str,
    audience: Option<&str>,
    resource: Option<&str>,
    scope: &str,
) -> Vec<String> {
    let userinfo = format!("{issuer}/userinfo");
    let main = resource.or(audience).map(str::to_string);
    let openid = scope.split_whitespace().any(|s| s == "openid");
    match main {
        Some(m) if openid => vec![m, userinfo],
        Some(m) => vec![m],
        None => vec![userinfo],
    }
}

/// Checks `audience` and `resource` against the APIs this server knows.
/// Errors are (error, description) for the redirect.
fn check_targets(
    state: &State,
    audience: Option<&str>,
    resource: Option<&str>,
) -> Result<(), (&'static str, String)> {
    let mcp = state.urls.mcp_url.as_str();
    if let Some(a) = audience
        && a != CARTO_AUDIENCE
        && a != mcp
    {
        // Auth0's words for an unknown API identifier.
        return Err(("access_denied", format!("Service not found: {a}")));
    }
    if let Some(r) = resource {
        let ok_url = url::Url::parse(r).is_ok_and(|u| u.fragment().is_none());
        if !ok_url {
            return Err((
                "invalid_target",
                format!("resource '{r}' must be an absolute URL without a fragment"),
            ));
        }
        if r != mcp {
            return Err((
                "invalid_target",
                format!("resource '{r}' is not served here (the MCP server is {mcp})"),
            ));
        }
    }
    Ok(())
}

fn non_empty(q: &HashMap<String, String>, k: &str) -> Option<String> {
    q.get(k).map(|s| s.to_string()).filter(|s| !s.is_empty())
}

async fn authorize(
    AxState(state): AxState<Arc<State>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let issuer = state.urls.issuer.clone();
    // 1. Errors shown as a page: who is asking, and where to send the answer.
    let Some(client_id) = non_empty(&q, "client_id") else {
        return error_page("invalid_request", "Missing required parameter: client_id");
    };
    let client = state.db().clients.get(&client_id).cloned();
    let Some(client) = client else {
        state.note(format!("authorize refused: unknown client {client_id}"));
        return error_page("invalid_request", &format!("Unknown client: {client_id}"));
    };
    let Some(redirect_uri) = q.get("redirect_uri").cloned() else {
        return error_page(
            "invalid_request",
            "Missing required parameter: redirect_uri",
        );
    };
    // Exact string comparison, as Auth0 does: scheme, host, port, path and
    // trailing slash all count.
    if !client.callbacks.iter().any(|c| c == &redirect_uri) {
        state.note(format!(
            "authorize refused: callback mismatch for client {client_id}: {redirect_uri}"
        ));
        return page(
            StatusCode::BAD_REQUEST,
            "Callback URL mismatch",
            &format!(
                "<p id=\"error\">{}</p>\n<p>Allowed callback URLs for this application: {}</p>",
                html_escape::encode_text(&mismatch_message(&redirect_uri)),
                html_escape::encode_text(&client.callbacks.join(", "))
            ),
        );
    }
    // 2. Errors sent back to the (now trusted) redirect URI.
    let st = q.get("state").map(String::as_str);
    let back = |error: &str, description: &str| {
        redirect_back(
            &issuer,
            &redirect_uri,
            st,
            &[("error", error), ("error_description", description)],
        )
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return back(
            "unsupported_response_type",
            "response_type must be 'code' (authorization code flow with PKCE)",
        );
    }
    let Some(code_challenge) = non_empty(&q, "code_challenge") else {
        state.note(format!(
            "authorize refused: no PKCE code_challenge ({client_id})"
        ));
        return back(
            "invalid_request",
            "PKCE is required: send code_challenge and code_challenge_method=S256",
        );
    };
    if q.get("code_challenge_method").map(String::as_str) != Some("S256") {
        return back(
            "invalid_request",
            "code_challenge_method must be S256 (plain is not accepted)",
        );
    }
    if code_challenge.len() != 43
        || !code_challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return back(
            "invalid_request",
            "code_challenge must be the base64url SHA-256 of the verifier (43 characters)",
        );
    }
    let audience = non_empty(&q, "audience");
    let resource = non_empty(&q, "resource");
    if let Err((e, d)) = check_targets(&state, audience.as_deref(), resource.as_deref()) {
        state.note(format!("authorize refused: {d}"));
        return back(e, &d);
    }
    let pending = Pending {
        client_id,
        client_name: client.name.clone(),
        redirect_uri: redirect_uri.clone(),
        state: q.get("state").cloned(),
        code_challenge,
        scope: q.get("scope").cloned().unwrap_or_default(),
        audience,
        resource,
        nonce: q.get("nonce").cloned(),
        user: None,
        expires: Instant::now() + LOGIN_TTL,
    };
    if state.auto_approve {
        return approve(&state, pending, DEFAULT_USER);
    }
    let txn = random_token(16);
    let mut db = state.db();
    db.pending.retain(|_, p| p.expires > Instant::now());
    db.pending.insert(txn.clone(), pending.clone());
    drop(db);
    login_page(&txn, &pending, None)
}

/// Issues a code for `pending` as `user` and sends the browser back.
fn approve(state: &State, p: Pending, user: &str) -> Response {
    let code = random_token(32);
    let grant = Grant {
        client_id: p.client_id.clone(),
        redirect_uri: p.redirect_uri.clone(),
        code_challenge: p.code_challenge,
        scope: p.scope,
        audience: p.audience,
        resource: p.resource,
        sub: format!("auth0|{user}"),
        nonce: p.nonce,
        expires: Instant::now() + CODE_TTL,
    };
    {
        let mut db = state.db();
        db.codes.retain(|_, g| g.expires > Instant::now());
        db.codes.insert(sha256_b64(&code), grant);
    }
    state.note(format!(
        "login approved for {user}; code issued to client {}",
        p.client_id
    ));
    redirect_back(
        &state.urls.issuer,
        &p.redirect_uri,
        p.state.as_deref(),
        &[("code", &code)],
    )
}

fn login_page(txn: &str, p: &Pending, error: Option<&str>) -> Response {
    let err = error
        .map(|e| {
            format!(
                "<p style=\"color: #b00\">{}</p>",
                html_escape::encode_text(e)
            )
        })
        .unwrap_or_default();
    page(
        StatusCode::OK,
        "Log in to CARTO (sandbox)",
        &format!(
            "<p>to continue to <strong>{name}</strong>. Any user name works; there is no password.</p>\n{err}\
             <form method=\"post\" action=\"/login\">\n\
             <input type=\"hidden\" name=\"txn\" value=\"{txn}\">\n\
             <label>User name <input id=\"username\" name=\"username\" value=\"{DEFAULT_USER}\" autofocus></label>\n\
             <button id=\"login\" type=\"submit\" name=\"action\" value=\"login\">Continue</button>\n\
             <button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\n</form>",
            name = html_escape::encode_text(&p.client_name),
            txn = html_escape::encode_double_quoted_attribute(txn),
        ),
    )
}

#[derive(serde::Deserialize)]
struct LoginForm {
    txn: String,
    #[serde(default)]
    username: String,
    /// `cancel` when the user gave up on the login page.
    #[serde(default)]
    action: String,
}

fn expired_page() -> Response {
    error_page(
        "invalid_request",
        "This login page has expired or was already used; start again from the application.",
    )
}

async fn login(AxState(state): AxState<Arc<State>>, Form(f): Form<LoginForm>) -> Response {
    if f.action == "cancel" {
        let p = state.db().pending.remove(&f.txn);
        let Some(p) = p.filter(|p| p.expires > Instant::now()) else {
            return expired_page();
        };
        state.note(format!("login cancelled for client {}", p.client_id));
        return redirect_back(
            &state.urls.issuer,
            &p.redirect_uri,
            p.state.as_deref(),
            &[
                ("error", "access_denied"),
                ("error_description", "The user cancelled the login"),
            ],
        );
    }
    let user = f.username.trim().to_string();
    let mut db = state.db();
    let Some(p) = db
        .pending
        .get_mut(&f.txn)
        .filter(|p| p.expires > Instant::now())
    else {
        return expired_page();
    };
    if user.is_empty() || user.chars().count() > 64 || user.chars().any(char::is_control) {
        let p = p.clone();
        drop(db);
        return login_page(&f.txn, &p, Some("Type a user name (up to 64 characters)."));
    }
    p.user = Some(user.clone());
    let p = p.clone();
    drop(db);
    let scopes = if p.scope.trim().is_empty() {
        "(none)".to_string()
    } else {
        p.scope.clone()
    };
    let api = p
        .resource
        .clone()
        .or(p.audience.clone())
        .unwrap_or_else(|| "your profile".into());
    page(
        StatusCode::OK,
        "Authorize application",
        &format!(
            "<p>Hi <strong>{user}</strong>, <strong>{name}</strong> is requesting access to \
             <code>{api}</code> with the scopes <code>{scopes}</code>.</p>\n\
             <form method=\"post\" action=\"/consent\">\n\
             <input type=\"hidden\" name=\"txn\" value=\"{txn}\">\n\
             <button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n\
             <button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\" autofocus>Allow</button>\n</form>",
            user = html_escape::encode_text(&user),
            name = html_escape::encode_text(&p.client_name),
            api = html_escape::encode_text(&api),
            scopes = html_escape::encode_text(&scopes),
            txn = html_escape::encode_double_quoted_attribute(&f.txn),
        ),
    )
}

#[derive(serde::Deserialize)]
struct ConsentForm {
    txn: String,
    #[serde(default)]
    decision: String,
}

async fn consent(AxState(state): AxState<Arc<State>>, Form(f): Form<ConsentForm>) -> Response {
    let p = state.db().pending.remove(&f.txn);
    let Some(p) = p.filter(|p| p.expires > Instant::now()) else {
        return expired_page();
    };
    let Some(user) = p.user.clone() else {
        return expired_page();
    };
    if f.decision == "allow" {
        approve(&state, p, &user)
    } else {
        state.note(format!("login denied by {user} for client {}", p.client_id));
        redirect_back(
            &state.urls.issuer,
            &p.redirect_uri,
            p.state.as_deref(),
            &[
                ("error", "access_denied"),
                ("error_description", "User did not authorize the request"),
            ],
        )
    }
}

// ----- /oauth/token --------------------------------------------------------

/// A token endpoint error (RFC 6749 §5.2).
#[derive(Debug)]
struct TokenFault {
    status: StatusCode,
    error: &'static str,
    description: String,
    basic_challenge: bool,
}

fn fault(error: &'static str, description: impl Into<String>) -> TokenFault {
    TokenFault {
        status: StatusCode::BAD_REQUEST,
        error,
        description: description.into(),
        basic_challenge: false,
    }
}

fn invalid_client(description: impl Into<String>, basic: bool) -> TokenFault {
    TokenFault {
        status: StatusCode::UNAUTHORIZED,
        error: "invalid_client",
        description: description.into(),
        basic_challenge: basic,
    }
}

impl IntoResponse for TokenFault {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            axum::Json(json!({"error": self.error, "error_description": self.description})),
        )
            .into_response();
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.basic_challenge {
            h.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"carto-mcp sandbox\""),
            );
        }
        res
    }
}

/// The token request's parameters, from a form body (or a JSON one, which
/// Auth0 also takes).
fn token_params(headers: &HeaderMap, body: &[u8]) -> Result<HashMap<String, String>, TokenFault> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        let v: serde_json::Map<String, Value> = serde_json::from_slice(body).map_err(|e| {
            fault(
                "invalid_request",
                format!("the body is not a JSON object: {e}"),
            )
        })?;
        Ok(v.into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect())
    } else {
        Ok(url::form_urlencoded::parse(body).into_owned().collect())
    }
}

/// Decodes `Authorization: Basic` into the (form-decoded) ID and secret.
fn basic_credentials(headers: &HeaderMap) -> Option<Result<(String, String), TokenFault>> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let bad = || invalid_client("the Basic authorization header is malformed", true);
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .map_err(|_| bad())
        .and_then(|b| String::from_utf8(b).map_err(|_| bad()));
    Some(decoded.and_then(|s| {
        let (id, secret) = s.split_once(':').ok_or_else(bad)?;
        // RFC 6749 §2.3.1: both are form-urlencoded before joining.
        let dec = |x: &str| {
            url::form_urlencoded::parse(format!("x={x}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        Ok((dec(id), dec(secret)))
    }))
}

/// Authenticates the client by whichever method it used.
fn authenticate(
    state: &State,
    headers: &HeaderMap,
    p: &HashMap<String, String>,
) -> Result<StoredClient, TokenFault> {
    let basic = basic_credentials(headers).transpose()?;
    let used_basic = basic.is_some();
    let (id, secret) = match basic {
        Some((id, secret)) => {
            if p.contains_key("client_secret") {
                return Err(fault(
                    "invalid_request",
                    "use one client authentication method, not Basic and client_secret together",
                ));
            }
            if let Some(body_id) = p.get("client_id")
                && body_id != &id
            {
                return Err(invalid_client(
                    "client_id differs from the Basic credentials",
                    true,
                ));
            }
            (id, Some(secret))
        }
        None => {
            let id = p.get("client_id").cloned().ok_or_else(|| {
                invalid_client("no client authentication (client_id missing)", false)
            })?;
            (id, p.get("client_secret").cloned())
        }
    };
    let client = state
        .db()
        .clients
        .get(&id)
        .cloned()
        .ok_or_else(|| invalid_client(format!("unknown client: {id}"), used_basic))?;
    match (&client.client_secret, secret) {
        (Some(expected), Some(given)) => {
            if !same_secret(expected.expose_secret(), &given) {
                state.note(format!("token refused: wrong client secret for {id}"));
                return Err(invalid_client("wrong client secret", used_basic));
            }
        }
        (Some(_), None) => {
            state.note(format!(
                "token refused: no client secret for confidential client {id}"
            ));
            return Err(invalid_client(
                "this client has a secret: authenticate with client_secret_basic or client_secret_post",
                used_basic,
            ));
        }
        // A public client: `none`. A secret sent anyway is ignored.
        (None, _) => {}
    }
    Ok(client)
}

fn verifier_ok(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

async fn token(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, TokenFault> {
    let p = token_params(&headers, &body)?;
    let grant_type = p.get("grant_type").cloned().unwrap_or_default();
    match grant_type.as_str() {
        "authorization_code" => {
            let client = authenticate(&state, &headers, &p)?;
            code_grant(&state, &client, &p)
        }
        "client_credentials" => {
            let client = authenticate(&state, &headers, &p)?;
            client_credentials(&state, &client, &p)
        }
        "" => Err(fault(
            "invalid_request",
            "Missing required parameter: grant_type",
        )),
        other => Err(fault(
            "unsupported_grant_type",
            format!("grant_type '{other}' is not supported here"),
        )),
    }
}

fn code_grant(
    state: &State,
    client: &StoredClient,
    p: &HashMap<String, String>,
) -> Result<Response, TokenFault> {
    let code = p
        .get("code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| fault("invalid_request", "Missing required parameter: code"))?;
    let key = sha256_b64(code);
    // Single use: the code is gone from the store whatever happens next.
    let grant = {
        let mut db = state.db();
        let g = db.codes.remove(&key);
        if g.is_some() {
            db.used_codes.insert(key.clone());
        }
        (g, db.used_codes.contains(&key))
    };
    let g = match grant {
        (Some(g), _) => g,
        (None, true) => {
            state.note("token refused: authorization code used twice".to_string());
            return Err(fault(
                "invalid_grant",
                "this authorization code was already used",
            ));
        }
        (None, false) => return Err(fault("invalid_grant", "invalid authorization code")),
    };
    if g.expires <= Instant::now() {
        return Err(fault(
            "invalid_grant",
            format!(
                "the authorization code expired (codes live {} s)",
                CODE_TTL.as_secs()
            ),
        ));
    }
    if g.client_id != client.client_id {
        return Err(fault(
            "invalid_grant",
            "the code was issued to another client",
        ));
    }
    if p.get("redirect_uri") != Some(&g.redirect_uri) {
        return Err(fault(
            "invalid_grant",
            "redirect_uri must be sent and equal the one of the authorization request",
        ));
    }
    let verifier = p
        .get("code_verifier")
        .map(String::as_str)
        .unwrap_or_default();
    if verifier.is_empty() {
        return Err(fault(
            "invalid_request",
            "Missing required parameter: code_verifier (PKCE)",
        ));
    }
    if !verifier_ok(verifier) || !same_secret(&sha256_b64(verifier), &g.code_challenge) {
        state.note(format!(
            "token refused: PKCE verifier does not match for {}",
            client.client_id
        ));
        return Err(fault(
            "invalid_grant",
            "Failed to verify code verifier (PKCE): its SHA-256 is not the code_challenge",
        ));
    }
    if let Some(r) = p.get("resource").filter(|r| !r.is_empty())
        && g.resource.as_deref() != Some(r.as_str())
    {
        return Err(fault(
            "invalid_target",
            format!("resource '{r}' differs from the authorization request's"),
        ));
    }
    let aud = audience_of(
        &state.urls.issuer,
        g.audience.as_deref(),
        g.resource.as_deref(),
        &g.scope,
    );
    let access = state.issue_access_token(&TokenSpec {
        sub: g.sub.clone(),
        client_id: client.client_id.clone(),
        aud: aud.clone(),
        scope: g.scope.clone(),
        lifetime_secs: ACCESS_TOKEN_SECS,
        client_credentials: false,
    });
    let mut out = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_SECS,
    });
    if !g.scope.is_empty() {
        out["scope"] = g.scope.clone().into();
    }
    if g.scope.split_whitespace().any(|s| s == "openid") {
        let now = crate::claims::now_unix();
        let mut id = json!({
            "iss": state.urls.issuer, "sub": g.sub, "aud": client.client_id,
            "iat": now, "exp": now + 36_000,
        });
        if let Some(n) = &g.nonce {
            id["nonce"] = n.clone().into();
        }
        out["id_token"] = state.sign(&id).into();
    }
    state.note(format!(
        "access token issued to {} for {} (aud {})",
        client.client_id,
        g.sub,
        aud.join(", ")
    ));
    Ok(no_store(out))
}

fn client_credentials(
    state: &State,
    client: &StoredClient,
    p: &HashMap<String, String>,
) -> Result<Response, TokenFault> {
    if client.client_secret.is_none() {
        return Err(fault(
            "unauthorized_client",
            "a public client cannot use client_credentials",
        ));
    }
    let audience = p
        .get("audience")
        .filter(|s| !s.is_empty())
        .map(String::as_str);
    let resource = p
        .get("resource")
        .filter(|s| !s.is_empty())
        .map(String::as_str);
    if audience.is_none() && resource.is_none() {
        return Err(fault(
            "access_denied",
            "No audience parameter was provided, and no default audience has been configured",
        ));
    }
    check_targets(state, audience, resource).map_err(|(error, description)| TokenFault {
        status: StatusCode::FORBIDDEN,
        error,
        description,
        basic_challenge: false,
    })?;
    let scope = p.get("scope").cloned().unwrap_or_default();
    let aud = audience_of(&state.urls.issuer, audience, resource, "");
    let access = state.issue_access_token(&TokenSpec {
        sub: format!("{}@clients", client.client_id),
        client_id: client.client_id.clone(),
        aud: aud.clone(),
        scope: scope.clone(),
        lifetime_secs: ACCESS_TOKEN_SECS,
        client_credentials: true,
    });
    state.note(format!(
        "M2M access token issued to {} (aud {})",
        client.client_id,
        aud.join(", ")
    ));
    let mut out =
        json!({"access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TOKEN_SECS});
    if !scope.is_empty() {
        out["scope"] = scope.into();
    }
    Ok(no_store(out))
}

fn no_store(v: Value) -> Response {
    let mut res = axum::Json(v).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    /// POSTs a form (the token endpoint's way) and returns the answer.
    async fn post_form(
        c: &reqwest::Client,
        url: &str,
        form: &[(String, String)],
    ) -> reqwest::Response {
        c.post(url).form(form).send().await.unwrap()
    }
    use crate::sandbox::{Sandbox, testing};
    use secrecy::SecretString;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CALLBACK: &str = "http://localhost:8000/callback";

    fn challenge(v: &str) -> String {
        sha256_b64(v)
    }

    fn add_client(sb: &Sandbox, secret: Option<&str>) -> String {
        let s = sb.state();
        let id = crate::sandbox::random_alnum(32);
        let mut db = s.db();
        let seq = db.next_seq;
        db.next_seq += 1;
        db.clients.insert(
            id.clone(),
            StoredClient {
                client_id: id.clone(),
                client_secret: secret.map(SecretString::from),
                name: "test".into(),
                callbacks: vec![
                    CALLBACK.into(),
                    "https://claude.ai/api/mcp/auth_callback".into(),
                ],
                allowed_logout_urls: vec![],
                web_origins: vec![],
                allowed_origins: vec![],
                login_uri: None,
                use_default_urls: false,
                created_at: String::new(),
                owner: Some("auth0|sandbox-user".into()),
                seq,
            },
        );
        id
    }

    fn authorize_url(sb: &Sandbox, client: &str, redirect: &str, extra: &[(&str, &str)]) -> String {
        let mut u = url::Url::parse(&sb.urls().authorization_endpoint).unwrap();
        {
            let mut q = u.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", client)
                .append_pair("redirect_uri", redirect)
                .append_pair("state", "st4te")
                .append_pair("code_challenge", &challenge(VERIFIER))
                .append_pair("code_challenge_method", "S256");
            for (k, v) in extra {
                q.append_pair(k, v);
            }
        }
        u.to_string()
    }

    /// Follows one authorize request; returns the Location's query.
    async fn code_for(
        sb: &Sandbox,
        c: &reqwest::Client,
        client: &str,
        extra: &[(&str, &str)],
    ) -> HashMap<String, String> {
        let r = c
            .get(authorize_url(sb, client, CALLBACK, extra))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 302, "{}", r.text().await.unwrap());
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        assert!(loc.starts_with(CALLBACK), "{loc}");
        url::Url::parse(&loc)
            .unwrap()
            .query_pairs()
            .into_owned()
            .collect()
    }

    async fn exchange(
        sb: &Sandbox,
        c: &reqwest::Client,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> (u16, Value) {
        let mut r = c.post(&sb.urls().token_endpoint).form(form);
        if let Some((u, p)) = basic {
            r = r.basic_auth(u, Some(p));
        }
        let res = r.send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    /// The ordinary code exchange of these tests: the test callback, the
    /// test verifier, client `id` with secret "s3cret" (Basic).
    async fn exchange_code(
        sb: &Sandbox,
        c: &reqwest::Client,
        id: &str,
        code: &str,
    ) -> (u16, Value) {
        exchange(
            sb,
            c,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", CALLBACK),
                ("code_verifier", VERIFIER),
            ],
            Some((id, "s3cret")),
        )
        .await
    }

    #[tokio::test]
    async fn callbacks_match_exactly_with_auth0s_page() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        for wrong in [
            "http://localhost:8000/callback/",
            "http://127.0.0.1:8000/callback",
            "http://localhost:8001/callback",
            "https://localhost:8000/callback",
            "http://localhost:8000/Callback",
        ] {
            let r = c
                .get(authorize_url(&sb, &id, wrong, &[]))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{wrong}");
            let body = r.text().await.unwrap();
            assert!(body.contains(&mismatch_message(wrong)), "{wrong}: {body}");
        }
        let q = code_for(&sb, &c, &id, &[]).await;
        assert!(q.contains_key("code"));
        assert_eq!(q["state"], "st4te");
        assert_eq!(q["iss"], sb.urls().issuer, "RFC 9207 iss");
        sb.stop().await;
    }

    #[tokio::test]
    async fn pkce_s256_is_required() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let mut u = url::Url::parse(&sb.urls().authorization_endpoint).unwrap();
        u.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &id)
            .append_pair("redirect_uri", CALLBACK);
        let r = c.get(u.as_str()).send().await.unwrap();
        assert_eq!(r.status(), 302);
        let loc = r.headers()["location"].to_str().unwrap();
        assert!(
            loc.contains("error=invalid_request") && loc.contains("PKCE"),
            "{loc}"
        );
        assert!(!loc.contains("code="), "{loc}");

        let r = c
            .get(authorize_url(&sb, &id, CALLBACK, &[]).replace("S256", "plain"))
            .send()
            .await
            .unwrap();
        let loc = r.headers()["location"].to_str().unwrap();
        assert!(loc.contains("error=invalid_request"), "{loc}");
        sb.stop().await;
    }

    #[tokio::test]
    async fn pkce_verifier_is_checked_and_codes_are_single_use() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let q = code_for(&sb, &c, &id, &[("audience", CARTO_AUDIENCE)]).await;
        let code = q["code"].as_str();
        let wrong = "x".repeat(43);
        let (s, e) = exchange(
            &sb,
            &c,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", CALLBACK),
                ("code_verifier", &wrong),
            ],
            Some((&id, "s3cret")),
        )
        .await;
        assert_eq!(
            (s, e["error"].as_str()),
            (400, Some("invalid_grant")),
            "{e}"
        );
        // The failed attempt spent the code.
        let (s, e) = exchange_code(&sb, &c, &id, code).await;
        assert_eq!(s, 400);
        assert!(
            e["error_description"]
                .as_str()
                .unwrap()
                .contains("already used"),
            "{e}"
        );

        let q = code_for(&sb, &c, &id, &[("audience", CARTO_AUDIENCE)]).await;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", q["code"].as_str()),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
        ];
        let (s, t) = exchange(&sb, &c, &form, Some((&id, "s3cret"))).await;
        assert_eq!(s, 200, "{t}");
        assert_eq!(t["token_type"], "Bearer");
        let (s, e) = exchange(&sb, &c, &form, Some((&id, "s3cret"))).await;
        assert_eq!((s, e["error"].as_str()), (400, Some("invalid_grant")));
        sb.stop().await;
    }

    #[tokio::test]
    async fn redirect_uri_must_match_at_the_token_endpoint() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let q = code_for(&sb, &c, &id, &[]).await;
        let (s, e) = exchange(
            &sb,
            &c,
            &[
                ("grant_type", "authorization_code"),
                ("code", q["code"].as_str()),
                ("redirect_uri", "http://localhost:8000/callback/"),
                ("code_verifier", VERIFIER),
            ],
            Some((&id, "s3cret")),
        )
        .await;
        assert_eq!((s, e["error"].as_str()), (400, Some("invalid_grant")));
        sb.stop().await;
    }

    #[tokio::test]
    async fn client_authentication_basic_post_and_none() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let mk = |code: &str| -> Vec<(String, String)> {
            vec![
                ("grant_type".into(), "authorization_code".into()),
                ("code".into(), code.into()),
                ("redirect_uri".into(), CALLBACK.into()),
                ("code_verifier".into(), VERIFIER.into()),
            ]
        };

        // Wrong secret, Basic: 401 with a Basic challenge.
        let q = code_for(&sb, &c, &id, &[]).await;
        let r = c
            .post(&sb.urls().token_endpoint)
            .basic_auth(&id, Some("nope"))
            .form(&mk(&q["code"]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        assert!(r.headers().contains_key("www-authenticate"));
        assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");

        // Wrong secret, post.
        let q = code_for(&sb, &c, &id, &[]).await;
        let mut f = mk(&q["code"]);
        f.push(("client_id".into(), id.clone()));
        f.push(("client_secret".into(), "nope".into()));
        let r = post_form(&c, &sb.urls().token_endpoint, &f).await;
        assert_eq!(r.status(), 401);

        // No secret for a confidential client: refused.
        let q = code_for(&sb, &c, &id, &[]).await;
        let mut f = mk(&q["code"]);
        f.push(("client_id".into(), id.clone()));
        let r = post_form(&c, &sb.urls().token_endpoint, &f).await;
        assert_eq!(r.status(), 401);

        // Right secret, post.
        let q = code_for(&sb, &c, &id, &[]).await;
        let mut f = mk(&q["code"]);
        f.push(("client_id".into(), id.clone()));
        f.push(("client_secret".into(), "s3cret".into()));
        let r = post_form(&c, &sb.urls().token_endpoint, &f).await;
        assert_eq!(r.status(), 200);

        // A public client: none.
        let public = add_client(&sb, None);
        let q = code_for(&sb, &c, &public, &[]).await;
        let mut f = mk(&q["code"]);
        f.push(("client_id".into(), public.clone()));
        let r = post_form(&c, &sb.urls().token_endpoint, &f).await;
        assert_eq!(r.status(), 200);
        sb.stop().await;
    }

    /// The login transaction in a login or consent page's form.
    fn txn_of(body: &str) -> String {
        let i = body.find("name=\"txn\" value=\"").unwrap() + 18;
        body[i..].split('"').next().unwrap().to_string()
    }

    fn aud_of(t: &Value) -> Value {
        jsonwebtoken::dangerous::insecure_decode::<Value>(t["access_token"].as_str().unwrap())
            .unwrap()
            .claims["aud"]
            .clone()
    }

    #[tokio::test]
    async fn audience_and_resource_decide_aud() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let mcp = sb.urls().mcp_url.clone();
        let cases: Vec<(Vec<(&str, &str)>, Value)> = vec![
            (vec![("resource", mcp.as_str())], json!(mcp)),
            (vec![("audience", CARTO_AUDIENCE)], json!(CARTO_AUDIENCE)),
            (
                vec![("audience", CARTO_AUDIENCE), ("resource", mcp.as_str())],
                json!(mcp),
            ),
            (vec![], json!(format!("{}/userinfo", sb.urls().issuer))),
            (
                vec![("resource", mcp.as_str()), ("scope", "openid profile")],
                json!([mcp, format!("{}/userinfo", sb.urls().issuer)]),
            ),
        ];
        for (extra, want) in cases {
            let q = code_for(&sb, &c, &id, &extra).await;
            let (s, t) = exchange_code(&sb, &c, &id, q["code"].as_str()).await;
            assert_eq!(s, 200, "{t}");
            assert_eq!(aud_of(&t), want, "{extra:?}");
        }
        // Unknown API and a foreign resource are refused at /authorize.
        let r = c
            .get(authorize_url(&sb, &id, CALLBACK, &[("audience", "nope")]))
            .send()
            .await
            .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("Service+not+found")
        );
        let r = c
            .get(authorize_url(
                &sb,
                &id,
                CALLBACK,
                &[("resource", "https://evil.example/mcp")],
            ))
            .send()
            .await
            .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("error=invalid_target")
        );
        sb.stop().await;
    }

    #[tokio::test]
    async fn client_credentials_needs_a_secret_and_an_audience() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let (s, e) = exchange(
            &sb,
            &c,
            &[("grant_type", "client_credentials")],
            Some((&id, "s3cret")),
        )
        .await;
        assert_eq!((s, e["error"].as_str()), (400, Some("access_denied")));
        let (s, t) = exchange(
            &sb,
            &c,
            &[
                ("grant_type", "client_credentials"),
                ("audience", CARTO_AUDIENCE),
            ],
            Some((&id, "s3cret")),
        )
        .await;
        assert_eq!(s, 200, "{t}");
        assert_eq!(aud_of(&t), json!(CARTO_AUDIENCE));
        let (s, _) = exchange(
            &sb,
            &c,
            &[
                ("grant_type", "client_credentials"),
                ("audience", CARTO_AUDIENCE),
            ],
            Some((&id, "wrong")),
        )
        .await;
        assert_eq!(s, 401);
        sb.stop().await;
    }

    #[tokio::test]
    async fn expired_codes_are_refused() {
        let (sb, c) = testing::start(true).await;
        let id = add_client(&sb, Some("s3cret"));
        let q = code_for(&sb, &c, &id, &[]).await;
        for g in sb.state().db().codes.values_mut() {
            g.expires = Instant::now() - std::time::Duration::from_secs(1);
        }
        let (s, e) = exchange_code(&sb, &c, &id, q["code"].as_str()).await;
        assert_eq!(s, 400);
        assert!(
            e["error_description"].as_str().unwrap().contains("expired"),
            "{e}"
        );
        sb.stop().await;
    }

    #[tokio::test]
    async fn login_and_consent_pages_and_deny() {
        let (sb, c) = testing::start(false).await;
        let id = add_client(&sb, Some("s3cret"));
        for (decision, expect) in [("deny", "error=access_denied"), ("allow", "code=")] {
            let r = c
                .get(authorize_url(&sb, &id, CALLBACK, &[]))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let txn = txn_of(&r.text().await.unwrap());
            let r = c
                .post(format!("{}/login", sb.urls().base))
                .form(&[("txn", txn.as_str()), ("username", "alice")])
                .send()
                .await
                .unwrap();
            let body = r.text().await.unwrap();
            assert!(body.contains("Allow") && body.contains("Deny"), "{body}");
            let r = c
                .post(format!("{}/consent", sb.urls().base))
                .form(&[("txn", txn.as_str()), ("decision", decision)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 302);
            let loc = r.headers()["location"].to_str().unwrap();
            assert!(loc.starts_with(CALLBACK) && loc.contains(expect), "{loc}");
            assert!(loc.contains("state=st4te") && loc.contains("iss="), "{loc}");
            // The page cannot be used twice.
            let r = c
                .post(format!("{}/consent", sb.urls().base))
                .form(&[("txn", txn.as_str()), ("decision", "allow")])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400);
        }
        sb.stop().await;
    }

    #[tokio::test]
    async fn cancel_on_the_login_page_is_access_denied() {
        let (sb, c) = testing::start(false).await;
        let id = add_client(&sb, Some("s3cret"));
        let r = c
            .get(authorize_url(&sb, &id, CALLBACK, &[]))
            .send()
            .await
            .unwrap();
        let body = r.text().await.unwrap();
        assert!(
            body.contains("id=\"username\"") && body.contains("id=\"cancel\""),
            "{body}"
        );
        let txn = txn_of(&body);
        let r = c
            .post(format!("{}/login", sb.urls().base))
            .form(&[("txn", txn.as_str()), ("action", "cancel")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 302);
        let loc = r.headers()["location"].to_str().unwrap();
        assert!(
            loc.starts_with(CALLBACK) && loc.contains("error=access_denied"),
            "{loc}"
        );
        sb.stop().await;
    }

    #[tokio::test]
    async fn metadata_and_jwks() {
        let (sb, c) = testing::start(true).await;
        for path in [
            "/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration",
        ] {
            let m = testing::get_json(&c, &format!("{}{path}", sb.urls().base)).await;
            assert_eq!(m["issuer"], sb.urls().issuer);
            assert_eq!(m["code_challenge_methods_supported"], json!(["S256"]));
            assert_eq!(m["authorization_response_iss_parameter_supported"], true);
        }
        let k = testing::get_json(&c, &sb.urls().jwks_uri).await;
        let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(k["keys"][0].clone()).unwrap();
        // A token verifies with the published key alone.
        let t = sb.api_token().expose_secret().to_string();
        let key = jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap();
        let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
        v.set_audience(&[CARTO_AUDIENCE]);
        jsonwebtoken::decode::<Value>(&t, &key, &v).unwrap();
        sb.stop().await;
    }
}
