//! Tests of `carto-mcp check` against in-process fakes (wiremock): usage
//! errors, the discovery order, and a whole 2025-03-26 login (no metadata
//! at all) through to tools/list, with its human output as a snapshot.
//! The real peers (oidc-provider, the MCP SDK server, chromium) are in
//! tests/live.

use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common::{Env, json_of, stderr, stdout, step_ids};

#[test]
fn usage_errors_send_nothing() {
    let env = Env::new();
    let cases: &[&[&str]] = &[
        &["check", "not a url"],
        &[
            "check",
            "http://127.0.0.1:9/mcp",
            "--call",
            "t",
            "--args",
            "[1]",
        ],
        &[
            "check",
            "http://127.0.0.1:9/mcp",
            "--call",
            "t",
            "--args",
            "{oops",
        ],
        &["check", "http://127.0.0.1:9/mcp", "--as-platform", "claud"],
        &["check", "http://127.0.0.1:9/mcp", "--budget", "0"],
        &[
            "check",
            "http://127.0.0.1:9/mcp",
            "--redirect-uri",
            "http://example.com/cb",
        ],
        &[
            "check",
            "http://127.0.0.1:9/mcp",
            "--client-secret-stdin",
            "--token-stdin",
        ],
    ];
    for args in cases {
        let o = env.cmd().args(*args).write_stdin("x").output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error:"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn plain_http_elsewhere_than_loopback_is_refused() {
    let env = Env::new();
    let o = env
        .cmd()
        .args(["check", "http://mcp.example.com/mcp", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let r = json_of(&o);
    assert!(
        r["steps"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("--insecure"),
        "{r:#}"
    );
}

fn paths(reqs: &[Request]) -> Vec<String> {
    reqs.iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

#[tokio::test]
async fn discovery_follows_the_spec_order_and_refuses_an_as_without_s256() {
    let s = MockServer::start().await;
    let base = s.uri();
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(401).insert_header("www-authenticate", "Bearer"))
        .mount(&s)
        .await;
    // No path-inserted metadata: the root one names an issuer with a path.
    Mock::given(method("GET"))
        .and(path("/.well-known/oauth-protected-resource"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "resource": format!("{base}/mcp"),
            "authorization_servers": [format!("{base}/tenant1")],
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/tenant1/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": format!("{base}/tenant1"),
            "authorization_endpoint": format!("{base}/tenant1/authorize"),
            "token_endpoint": format!("{base}/tenant1/token"),
            "code_challenge_methods_supported": ["plain"],
        })))
        .mount(&s)
        .await;
    let env = Env::new();
    let o = env
        .cmd()
        .args([
            "check",
            &format!("{base}/mcp"),
            "--json",
            "--client-id",
            "c1",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let r = json_of(&o);
    let prm = &r["steps"][1];
    assert_eq!(prm["id"], "resource-metadata");
    assert_eq!(
        prm["evidence"],
        json!([
            format!("GET {base}/.well-known/oauth-protected-resource/mcp → 404"),
            format!("GET {base}/.well-known/oauth-protected-resource → 200"),
        ])
    );
    let asm = &r["steps"][2];
    assert_eq!(asm["outcome"], "fail");
    // Reported in the spec's order (they were requested at once).
    let ev: Vec<&str> = asm["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(
        ev,
        [
            format!("GET {base}/.well-known/oauth-authorization-server/tenant1 → 404").as_str(),
            format!("GET {base}/.well-known/openid-configuration/tenant1 → 404").as_str(),
            format!("GET {base}/tenant1/.well-known/openid-configuration → 200").as_str(),
        ]
    );
    assert!(asm["detail"].as_str().unwrap().contains("S256"));
    let seen = paths(&s.received_requests().await.unwrap());
    assert!(
        !seen
            .iter()
            .any(|p| p == "GET /.well-known/oauth-authorization-server"),
        "the root AS metadata must not be requested for an issuer with a path: {seen:?}"
    );
    assert!(
        !seen.iter().any(|p| p.contains("authorize")),
        "an authorization request was sent: {seen:?}"
    );
}

/// A 2025-03-26 server: no metadata anywhere, endpoints at the origin, a
/// dynamic registration, an authorize endpoint that approves at once, and
/// a JSON (not SSE) MCP endpoint.
async fn legacy_server() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/register"))
        .and(body_partial_json(
            json!({"token_endpoint_auth_method": "client_secret_basic"}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "client_id": "dyn-1",
            "token_endpoint_auth_method": "none",
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/authorize"))
        .respond_with(|req: &Request| {
            let q: std::collections::HashMap<String, String> =
                req.url.query_pairs().into_owned().collect();
            assert_eq!(q["code_challenge_method"], "S256");
            let loc = format!(
                "{}?code=the-code&state={}",
                q["redirect_uri"],
                urlencode(&q["state"])
            );
            ResponseTemplate::new(302).insert_header("location", loc.as_str())
        })
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(|req: &Request| {
            let body = String::from_utf8_lossy(&req.body);
            assert!(body.contains("code_verifier="), "{body}");
            assert!(body.contains("client_id=dyn-1"), "{body}");
            assert!(body.contains("resource="), "{body}");
            ResponseTemplate::new(200).set_body_json(json!({
                "access_token": "opaque-access-token-value", "token_type": "Bearer", "expires_in": 60
            }))
        })
        .mount(&s)
        .await;
    // MCP, with a token.
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .and(header_exists("authorization"))
        .and(body_partial_json(json!({"method": "initialize"})))
        .respond_with(|req: &Request| {
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            ResponseTemplate::new(200)
                .insert_header("mcp-session-id", "sess-1")
                .set_body_json(json!({"jsonrpc": "2.0", "id": v["id"], "result": {
                    "protocolVersion": "2025-03-26",
                    "capabilities": {"tools": {}},
                    "serverInfo": {"name": "legacy-fake", "version": "0.1"},
                }}))
        })
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .and(header_exists("authorization"))
        .and(body_partial_json(json!({"method": "tools/list"})))
        .respond_with(|req: &Request| {
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            ResponseTemplate::new(200).set_body_json(json!({"jsonrpc": "2.0", "id": v["id"], "result": {
                "tools": [
                    {"name": "list_tables", "description": "Lists the tables.", "inputSchema": {"type": "object"}},
                    {"name": "run_workflow", "description": "Runs a workflow.", "inputSchema": {"type": "object"}},
                ]
            }}))
        })
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(202))
        .with_priority(10)
        .mount(&s)
        .await;
    // Without a token: 401 and no WWW-Authenticate (2025-03-26 servers).
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(401))
        .with_priority(20)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(405))
        .mount(&s)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&s)
        .await;
    s
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn a_2025_03_26_server_is_checked_end_to_end() {
    let s = legacy_server().await;
    let env = Env::new();
    let o = env
        .cmd()
        .args(["check", &format!("{}/mcp", s.uri()), "--browser", "http"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(stdout(&o).contains("list_tables"));
    insta::with_settings!({filters => vec![
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        (r"\(\d+ ms", "([n] ms"),
        (r"in \d+\.\d+ s", "in [t] s"),
    ]}, {
        insta::assert_snapshot!("check_legacy_flow_stderr", err);
    });
    let seen = paths(&s.received_requests().await.unwrap());
    assert_eq!(seen.iter().filter(|p| *p == "POST /register").count(), 1);
    // Legacy discovery asks only where 2025-03-26 says, in order.
    let discovery: Vec<&String> = seen
        .iter()
        .filter(|p| p.starts_with("GET /.well-known"))
        .collect();
    assert_eq!(
        discovery,
        [
            "GET /.well-known/oauth-protected-resource/mcp",
            "GET /.well-known/oauth-protected-resource",
            "GET /.well-known/oauth-authorization-server",
        ]
    );
}

#[tokio::test]
async fn a_given_token_skips_oauth() {
    let s = legacy_server().await;
    let env = Env::new();
    let o = env
        .cmd()
        .args([
            "check",
            &format!("{}/mcp", s.uri()),
            "--token-stdin",
            "--json",
        ])
        .write_stdin("opaque-access-token-value")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json_of(&o);
    assert_eq!(step_ids(&r), ["token", "initialize", "tools-list"]);
    assert_eq!(r["steps"][0]["outcome"], "skip");
    assert!(!stdout(&o).contains("opaque-access-token-value"));
    assert!(!stderr(&o).contains("opaque-access-token-value"));
}
