//! The sandbox MCP server at `/mcp/ac_sandbox`: Streamable HTTP (JSON-RPC
//! over POST, answered as `application/json`), `Mcp-Session-Id` sessions,
//! `initialize`, `notifications/initialized`, `ping`, `tools/list` and
//! `tools/call`, protected by bearer tokens from the sandbox AS, with RFC
//! 9728 metadata.
//!
//! This small JSON-RPC server is written by hand on axum rather than with an
//! MCP server SDK: it only has to be a believable peer for the demo and for
//! tests of the CLI (three tools, no streaming), and the binary stays lean.
//! Protocol correctness of `check` is covered by the tests against the real
//! TypeScript-SDK server in tests/e2e.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::{ACCOUNT_ID, McpSession, State, bearer, random_token};

/// Protocol versions this server speaks, newest first.
pub const PROTOCOL_VERSIONS: &[&str] = &["2025-11-25", "2025-06-18", "2025-03-26"];

/// The quick tool.
pub const TOOL_QUICK: &str = "list_stores_v1_0_0";
/// The tool that takes `delay_ms`, to show the web platforms' budget.
pub const TOOL_SLOW: &str = "run_slow_workflow_v1_0_0";
/// The tool that fails with a permission error.
pub const TOOL_DENIED: &str = "get_sales_by_region_v1_0_0";
/// The longest `delay_ms` accepted.
pub const MAX_DELAY_MS: u64 = 120_000;

const SESSION_HEADER: &str = "mcp-session-id";

pub(crate) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(
            &format!("/mcp/{ACCOUNT_ID}"),
            get(not_allowed).post(post_mcp).delete(delete_mcp),
        )
        .route(
            &format!("/.well-known/oauth-protected-resource/mcp/{ACCOUNT_ID}"),
            get(resource_metadata),
        )
}

async fn resource_metadata(AxState(state): AxState<Arc<State>>) -> Response {
    axum::Json(json!({
        "resource": state.urls.mcp_url,
        "authorization_servers": [state.urls.issuer],
        "bearer_methods_supported": ["header"],
        "scopes_supported": ["openid", "profile", "email"],
        "resource_name": "CARTO MCP Server (carto-mcp sandbox)",
    }))
    .into_response()
}

/// No server-to-client SSE stream is offered (allowed by the spec).
async fn not_allowed() -> Response {
    let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
    res.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST, DELETE"));
    res
}

/// The 401 of RFC 9728 §5.1, pointing at the metadata.
fn unauthorized(state: &State, detail: Option<&str>) -> Response {
    let mut challenge = format!(
        "Bearer resource_metadata=\"{}\"",
        state.urls.protected_resource_metadata
    );
    if let Some(d) = detail {
        challenge.push_str(&format!(
            ", error=\"invalid_token\", error_description=\"{}\"",
            d.replace('"', "'")
        ));
    }
    let mut res = (
        StatusCode::UNAUTHORIZED,
        axum::Json(json!({
            "error": if detail.is_some() { "invalid_token" } else { "unauthorized" },
            "error_description": detail.unwrap_or("an access token is required"),
        })),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&challenge) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    res
}

fn rpc_error(status: StatusCode, id: Value, code: i64, message: &str) -> Response {
    (
        status,
        axum::Json(
            json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}),
        ),
    )
        .into_response()
}

/// Checks `Origin` (DNS rebinding protection): only loopback pages may call.
fn origin_ok(headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None | Some("null") => true,
        Some(o) => crate::callback::is_loopback_url(o),
    }
}

/// The caller's claims, or the 401/403 to send.
// The error is the response itself, built once and sent at once.
#[allow(clippy::result_large_err)]
fn authorize(state: &State, headers: &HeaderMap) -> Result<Value, Response> {
    if !origin_ok(headers) {
        return Err(rpc_error(
            StatusCode::FORBIDDEN,
            Value::Null,
            -32000,
            "Forbidden: this local server only accepts requests from loopback origins",
        ));
    }
    let Some(token) = bearer(headers) else {
        return Err(unauthorized(state, None));
    };
    state.verify(token, &state.urls.mcp_url).map_err(|e| {
        state.note(format!("MCP request refused: {e}"));
        unauthorized(state, Some(&e))
    })
}

fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn delete_mcp(AxState(state): AxState<Arc<State>>, headers: HeaderMap) -> Response {
    if let Err(r) = authorize(&state, &headers) {
        return r;
    }
    match session_id(&headers) {
        Some(id) if state.db().sessions.remove(&id).is_some() => StatusCode::OK.into_response(),
        Some(_) => rpc_error(
            StatusCode::NOT_FOUND,
            Value::Null,
            -32001,
            "Session not found",
        ),
        None => rpc_error(
            StatusCode::BAD_REQUEST,
            Value::Null,
            -32000,
            "Bad Request: Mcp-Session-Id header is required",
        ),
    }
}

async fn post_mcp(
    AxState(state): AxState<Arc<State>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let claims = match authorize(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let msg: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return rpc_error(
                StatusCode::BAD_REQUEST,
                Value::Null,
                -32700,
                &format!("Parse error: {e}"),
            );
        }
    };
    if !msg.is_object() || msg.get("jsonrpc") != Some(&json!("2.0")) {
        return rpc_error(
            StatusCode::BAD_REQUEST,
            Value::Null,
            -32600,
            "Invalid Request: one JSON-RPC 2.0 message per POST (batches are not supported)",
        );
    }
    let id = msg.get("id").cloned();
    let method = msg
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let params = msg.get("params").cloned().unwrap_or(Value::Null);

    if method == "initialize" {
        let Some(id) = id else {
            return rpc_error(
                StatusCode::BAD_REQUEST,
                Value::Null,
                -32600,
                "initialize needs an id",
            );
        };
        let asked = params["protocolVersion"].as_str().unwrap_or_default();
        let version = if PROTOCOL_VERSIONS.contains(&asked) {
            asked
        } else {
            PROTOCOL_VERSIONS[0]
        };
        let sid = random_token(16);
        state.db().sessions.insert(
            sid.clone(),
            McpSession {
                protocol_version: version.to_string(),
            },
        );
        let result = json!({
            "protocolVersion": version,
            "capabilities": {"tools": {"listChanged": false}},
            "serverInfo": {"name": "carto-mcp-sandbox", "title": "CARTO MCP Server (sandbox)", "version": env!("CARGO_PKG_VERSION")},
            "instructions": "Demo workflows of the carto-mcp sandbox; nothing here touches real data.",
        });
        let mut res = ok(id, result);
        if let Ok(v) = HeaderValue::from_str(&sid) {
            res.headers_mut().insert(SESSION_HEADER, v);
        }
        return res;
    }

    // Everything after initialize belongs to a session.
    let rid = id.clone().unwrap_or(Value::Null);
    let Some(sid) = session_id(&headers) else {
        return rpc_error(
            StatusCode::BAD_REQUEST,
            rid,
            -32000,
            "Bad Request: Mcp-Session-Id header is required",
        );
    };
    let Some(session) = state.db().sessions.get(&sid).cloned() else {
        return rpc_error(StatusCode::NOT_FOUND, rid, -32001, "Session not found");
    };
    if let Some(v) = headers
        .get("mcp-protocol-version")
        .and_then(|v| v.to_str().ok())
        && v != session.protocol_version
        && !PROTOCOL_VERSIONS.contains(&v)
    {
        return rpc_error(
            StatusCode::BAD_REQUEST,
            rid,
            -32000,
            &format!("Bad Request: unsupported MCP-Protocol-Version {v}"),
        );
    }
    let Some(id) = id else {
        // A notification (notifications/initialized, cancelled, …).
        return StatusCode::ACCEPTED.into_response();
    };
    match method.as_str() {
        "ping" => ok(id, json!({})),
        "tools/list" => ok(id, json!({"tools": tools()})),
        "tools/call" => {
            let name = params["name"].as_str().unwrap_or_default();
            let args = params.get("arguments").cloned().unwrap_or(json!({}));
            let sub = claims["sub"].as_str().unwrap_or("unknown").to_string();
            state.note(format!("tools/call {name} for {sub}"));
            match call_tool(name, &args, &sub).await {
                Some(result) => ok(id, result),
                None => rpc_error(StatusCode::OK, id, -32602, &format!("Unknown tool: {name}")),
            }
        }
        "" => rpc_error(
            StatusCode::BAD_REQUEST,
            id,
            -32600,
            "Invalid Request: no method",
        ),
        other => rpc_error(
            StatusCode::OK,
            id,
            -32601,
            &format!("Method not found: {other}"),
        ),
    }
}

fn ok(id: Value, result: Value) -> Response {
    axum::Json(json!({"jsonrpc": "2.0", "id": id, "result": result})).into_response()
}

/// The three demo tools, shaped like CARTO workflow tools.
pub fn tools() -> Value {
    json!([
        {
            "name": TOOL_QUICK,
            "title": "List stores",
            "description": "Workflow 'List stores' (sync): returns the stores of a city with their revenue. Answers at once.",
            "inputSchema": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "City name, e.g. Madrid"}},
            },
        },
        {
            "name": TOOL_SLOW,
            "title": "Run slow workflow",
            "description": "Workflow 'Slow analysis' (sync): takes delay_ms milliseconds before answering, to show the ~10 s request budget of web platforms.",
            "inputSchema": {
                "type": "object",
                "properties": {"delay_ms": {"type": "integer", "minimum": 0, "maximum": MAX_DELAY_MS, "description": "How long the workflow runs"}},
                "required": ["delay_ms"],
            },
        },
        {
            "name": TOOL_DENIED,
            "title": "Sales by region",
            "description": "Workflow 'Sales by region' (sync): reads a table on the connection 'carto_dw', which the sandbox user may not use.",
            "inputSchema": {"type": "object", "properties": {"region": {"type": "string"}}},
        },
    ])
}

fn text_result(text: String, is_error: bool) -> Value {
    json!({"content": [{"type": "text", "text": text}], "isError": is_error})
}

async fn call_tool(name: &str, args: &Value, sub: &str) -> Option<Value> {
    Some(match name {
        TOOL_QUICK => {
            let city = args["city"].as_str().unwrap_or("Madrid");
            let rows = json!([
                {"store_id": 1, "name": format!("{city} Centro"), "revenue": 125_400},
                {"store_id": 2, "name": format!("{city} Norte"), "revenue": 98_150},
                {"store_id": 3, "name": format!("{city} Sur"), "revenue": 87_020},
            ]);
            text_result(json!({"rows": rows, "total": 3}).to_string(), false)
        }
        TOOL_SLOW => {
            let Some(ms) = args["delay_ms"].as_u64().filter(|m| *m <= MAX_DELAY_MS) else {
                return Some(text_result(
                    format!("delay_ms must be an integer from 0 to {MAX_DELAY_MS}"),
                    true,
                ));
            };
            let started = Instant::now();
            tokio::time::sleep(Duration::from_millis(ms)).await;
            text_result(
                json!({"status": "success", "elapsed_ms": started.elapsed().as_millis()})
                    .to_string(),
                false,
            )
        }
        TOOL_DENIED => text_result(
            format!(
                "Error running workflow: permission denied. The user {sub} does not have permission on the connection 'carto_dw'."
            ),
            true,
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::{CARTO_AUDIENCE, Sandbox, TokenSpec, testing};

    fn token(sb: &Sandbox, aud: &str) -> String {
        sb.state().issue_access_token(&TokenSpec {
            sub: "auth0|alice".into(),
            client_id: "c".into(),
            aud: vec![aud.into()],
            scope: String::new(),
            lifetime_secs: 60,
            client_credentials: false,
        })
    }

    async fn rpc(
        c: &reqwest::Client,
        sb: &Sandbox,
        tok: &str,
        sid: Option<&str>,
        body: Value,
    ) -> reqwest::Response {
        let mut r = c
            .post(&sb.urls().mcp_url)
            .bearer_auth(tok)
            .header("accept", "application/json, text/event-stream")
            .json(&body);
        if let Some(s) = sid {
            r = r.header(SESSION_HEADER, s);
        }
        r.send().await.unwrap()
    }

    /// [`rpc`], with the answer read as JSON.
    async fn rpc_json(
        c: &reqwest::Client,
        sb: &Sandbox,
        tok: &str,
        sid: Option<&str>,
        body: Value,
    ) -> Value {
        rpc(c, sb, tok, sid, body).await.json().await.unwrap()
    }

    #[tokio::test]
    async fn unauthenticated_requests_get_the_rfc_9728_challenge() {
        let (sb, c) = testing::start(true).await;
        let r = c
            .post(&sb.urls().mcp_url)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let h = r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(
            h,
            format!(
                "Bearer resource_metadata=\"{}\"",
                sb.urls().protected_resource_metadata
            )
        );
        let m = testing::get_json(&c, &sb.urls().protected_resource_metadata).await;
        assert_eq!(m["resource"], sb.urls().mcp_url, "RFC 9728 §3.3");
        assert_eq!(m["authorization_servers"][0], sb.urls().issuer);

        // A token for another audience is refused, and says why.
        let t = token(&sb, CARTO_AUDIENCE);
        let r = rpc(
            &c,
            &sb,
            &t,
            None,
            json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}),
        )
        .await;
        assert_eq!(r.status(), 401);
        let h = r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(h.contains("invalid_token") && h.contains("audience"), "{h}");
        sb.stop().await;
    }

    #[tokio::test]
    async fn a_session_lists_and_calls_tools() {
        let (sb, c) = testing::start(true).await;
        let t = token(&sb, &sb.urls().mcp_url);
        let r = rpc(&c, &sb, &t, None, json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}})).await;
        assert_eq!(r.status(), 200);
        let sid = r.headers()[SESSION_HEADER].to_str().unwrap().to_string();
        let init: Value = r.json().await.unwrap();
        assert_eq!(init["result"]["protocolVersion"], "2025-06-18");

        let r = rpc(
            &c,
            &sb,
            &t,
            Some(&sid),
            json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        )
        .await;
        assert_eq!(r.status(), 202);

        let r = rpc(
            &c,
            &sb,
            &t,
            None,
            json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}),
        )
        .await;
        assert_eq!(r.status(), 400, "no session header");
        let r = rpc(
            &c,
            &sb,
            &t,
            Some("nope"),
            json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}),
        )
        .await;
        assert_eq!(r.status(), 404, "unknown session");

        let r = rpc_json(
            &c,
            &sb,
            &t,
            Some(&sid),
            json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}),
        )
        .await;
        let names: Vec<&str> = r["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, [TOOL_QUICK, TOOL_SLOW, TOOL_DENIED]);

        let r = rpc_json(&c, &sb, &t, Some(&sid), json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": TOOL_QUICK, "arguments": {}}})).await;
        assert_eq!(r["result"]["isError"], false);

        let r = rpc_json(&c, &sb, &t, Some(&sid), json!({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": TOOL_SLOW, "arguments": {"delay_ms": 5}}})).await;
        assert_eq!(r["result"]["isError"], false, "{r}");
        let r = rpc_json(&c, &sb, &t, Some(&sid), json!({"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": TOOL_SLOW, "arguments": {"delay_ms": "soon"}}})).await;
        assert_eq!(r["result"]["isError"], true);

        let r = rpc_json(&c, &sb, &t, Some(&sid), json!({"jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": {"name": TOOL_DENIED}})).await;
        assert_eq!(r["result"]["isError"], true);
        let text = r["result"]["content"][0]["text"].as_str().unwrap();
        assert!(
            text.contains("permission") && text.contains("auth0|alice"),
            "{text}"
        );

        let r = rpc_json(
            &c,
            &sb,
            &t,
            Some(&sid),
            json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": {"name": "nope"}}),
        )
        .await;
        assert_eq!(r["error"]["code"], -32602);
        let r = rpc_json(
            &c,
            &sb,
            &t,
            Some(&sid),
            json!({"jsonrpc": "2.0", "id": 8, "method": "resources/list"}),
        )
        .await;
        assert_eq!(r["error"]["code"], -32601);

        let r = c
            .delete(&sb.urls().mcp_url)
            .bearer_auth(&t)
            .header(SESSION_HEADER, &sid)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = rpc(
            &c,
            &sb,
            &t,
            Some(&sid),
            json!({"jsonrpc": "2.0", "id": 9, "method": "ping"}),
        )
        .await;
        assert_eq!(r.status(), 404, "the session is gone");
        sb.stop().await;
    }

    #[tokio::test]
    async fn foreign_origins_are_refused() {
        let (sb, c) = testing::start(true).await;
        let t = token(&sb, &sb.urls().mcp_url);
        let r = c
            .post(&sb.urls().mcp_url)
            .bearer_auth(&t)
            .header("origin", "https://evil.example")
            .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        sb.stop().await;
    }
}
