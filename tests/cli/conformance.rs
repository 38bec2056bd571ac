//! `check --conformance`: the MCP conformance suite's variables become
//! ordinary `check` options, checked here end to end against in-process
//! fakes (the suite itself runs in tests/e2e/conformance.sh).

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair,
    UnparsedPublicKey,
};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common::{Env, stderr, stdout};

#[tokio::test]
async fn without_the_suite_variables_it_is_a_usage_error_and_nothing_is_sent() {
    let s = MockServer::start().await;
    let env = Env::new();
    let o = env
        .cmd()
        .args(["check", "--conformance", &format!("{}/mcp", s.uri())])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("MCP_CONFORMANCE_SCENARIO"),
        "{}",
        stderr(&o)
    );
    assert!(s.received_requests().await.unwrap().is_empty());
}

/// JSON-RPC answers of a small MCP server (one tool, `test-tool` and
/// `add_numbers`), for requests that carry a bearer token when `auth`.
async fn mount_mcp(s: &MockServer, auth: bool) {
    let post = || {
        let m = Mock::given(method("POST")).and(path("/mcp"));
        if auth {
            m.and(header_exists("authorization"))
        } else {
            m
        }
    };
    let answer = |result: Value| {
        move |req: &Request| {
            let v: Value = serde_json::from_slice(&req.body).unwrap();
            ResponseTemplate::new(200)
                .set_body_json(json!({"jsonrpc": "2.0", "id": v["id"], "result": result}))
        }
    };
    post()
        .and(body_partial_json(json!({"method": "initialize"})))
        .respond_with(answer(json!({
            "protocolVersion": "2025-11-25",
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "fake", "version": "1"},
        })))
        .mount(s)
        .await;
    post()
        .and(body_partial_json(json!({"method": "tools/list"})))
        .respond_with(answer(json!({"tools": [
            {"name": "test-tool", "inputSchema": {"type": "object"}},
            {"name": "add_numbers", "inputSchema": {"type": "object"}},
        ]})))
        .mount(s)
        .await;
    post()
        .and(body_partial_json(json!({"method": "tools/call"})))
        .respond_with(answer(
            json!({"content": [{"type": "text", "text": "done"}]}),
        ))
        .mount(s)
        .await;
    post()
        .respond_with(ResponseTemplate::new(202))
        .with_priority(10)
        .mount(s)
        .await;
    Mock::given(method("GET"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(405))
        .mount(s)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/mcp"))
        .respond_with(ResponseTemplate::new(200))
        .mount(s)
        .await;
}

fn rpc_bodies(reqs: &[Request], rpc_method: &str) -> Vec<Value> {
    reqs.iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path() == "/mcp")
        .filter_map(|r| serde_json::from_slice::<Value>(&r.body).ok())
        .filter(|v| v["method"] == rpc_method)
        .collect()
}

#[tokio::test]
async fn tools_call_calls_add_numbers_with_two_numbers() {
    let s = MockServer::start().await;
    mount_mcp(&s, false).await;
    let env = Env::new();
    let o = env
        .cmd()
        .env("MCP_CONFORMANCE_SCENARIO", "tools_call")
        .args(["check", "--conformance", &format!("{}/mcp", s.uri())])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let calls = rpc_bodies(&s.received_requests().await.unwrap(), "tools/call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0]["params"]["name"], "add_numbers");
    let args = &calls[0]["params"]["arguments"];
    assert!(args["a"].is_number() && args["b"].is_number(), "{args}");
}

fn pem(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

#[tokio::test]
async fn client_credentials_jwt_sends_an_es256_assertion_signed_with_the_given_key() {
    let s = MockServer::start().await;
    let base = s.uri();
    Mock::given(method("POST"))
        .and(path("/mcp"))
        .respond_with(
            ResponseTemplate::new(401).insert_header(
                "www-authenticate",
                format!(
                    "Bearer resource_metadata=\"{base}/.well-known/oauth-protected-resource/mcp\""
                )
                .as_str(),
            ),
        )
        .with_priority(20)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/.well-known/oauth-protected-resource/mcp"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "resource": format!("{base}/mcp"),
            "authorization_servers": [base],
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/.well-known/oauth-authorization-server"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/authorize"),
            "token_endpoint": format!("{base}/token"),
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
            "code_challenge_methods_supported": ["S256"],
        })))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "cc-token-from-the-fake", "token_type": "Bearer", "expires_in": 60
        })))
        .mount(&s)
        .await;
    mount_mcp(&s, true).await;

    let rng = aws_lc_rs::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let public = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
        .unwrap()
        .public_key()
        .as_ref()
        .to_vec();
    let key_pem = pem("PRIVATE KEY", pkcs8.as_ref());
    let context = json!({
        "name": "auth/client-credentials-jwt",
        "client_id": "conformance-test-client",
        "private_key_pem": key_pem,
        "signing_algorithm": "ES256",
    });

    let env = Env::new();
    let o = env
        .cmd()
        .env("MCP_CONFORMANCE_SCENARIO", "auth/client-credentials-jwt")
        .env("MCP_CONFORMANCE_CONTEXT", context.to_string())
        .args(["check", "--conformance", &format!("{base}/mcp"), "-vv"])
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{err}");
    let body = pkcs8_body(&key_pem);
    assert!(
        !out.contains(&body) && !err.contains(&body),
        "the private key must never be shown"
    );
    assert!(
        !out.contains("cc-token-from-the-fake") && !err.contains("cc-token-from-the-fake"),
        "the token must never be shown unasked"
    );

    let reqs = s.received_requests().await.unwrap();
    let token_req = reqs
        .iter()
        .find(|r| r.url.path() == "/token")
        .expect("a token request");
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(&token_req.body)
            .into_owned()
            .collect();
    assert_eq!(form["grant_type"], "client_credentials");
    assert_eq!(
        form["client_assertion_type"],
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert!(!form.contains_key("client_secret"));
    assert!(token_req.headers.get("authorization").is_none());

    let jwt = &form["client_assertion"];
    let parts: Vec<&str> = jwt.split('.').collect();
    let input = format!("{}.{}", parts[0], parts[1]);
    let sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &public)
        .verify(input.as_bytes(), &sig)
        .expect("the assertion verifies with the key's public half");
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(header["alg"], "ES256");
    assert_eq!(claims["iss"], "conformance-test-client");
    assert_eq!(claims["sub"], "conformance-test-client");
    assert_eq!(
        claims["aud"], base,
        "aud is the authorization server's issuer"
    );
    assert!(claims["exp"].as_u64() > claims["iat"].as_u64());

    // The bearer token then reaches the MCP server, and the tool is called.
    assert_eq!(rpc_bodies(&reqs, "tools/call").len(), 1);
    assert!(reqs.iter().any(|r| {
        r.url.path() == "/mcp"
            && r.headers
                .get("authorization")
                .is_some_and(|h| h.to_str().unwrap_or("") == "Bearer cc-token-from-the-fake")
    }));
}

/// The base64 body of a PEM block, on one line (what a leak would show).
fn pkcs8_body(pem: &str) -> String {
    pem.lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat()
        .chars()
        .take(40)
        .collect()
}

#[tokio::test]
async fn an_unusable_private_key_is_a_usage_error_before_any_request() {
    let s = MockServer::start().await;
    let env = Env::new();
    let key = env.path("key.pem");
    std::fs::write(&key, pem("PUBLIC KEY", b"\x30\x00")).unwrap();
    let o = env
        .cmd()
        .args(["check", &format!("{}/mcp", s.uri()), "--client-credentials"])
        .args(["--client-id", "c", "--private-key"])
        .arg(&key)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a private key"), "{}", stderr(&o));
    assert!(s.received_requests().await.unwrap().is_empty());
}
