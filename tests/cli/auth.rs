//! Tests of `carto-mcp auth status|logout`: each token source, expiry, the
//! M2M cache.

use base64::Engine;
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{Env, stderr, stdout};

/// 2100-01-01T00:00:00Z: far enough never to expire during a test.
pub const FAR_FUTURE: i64 = 4102444800;

/// An unsigned JWT with these claims (carto-mcp never verifies it; CARTO
/// would).
pub fn jwt(claims: Value) -> String {
    let e = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
    format!(
        "{}.{}.{}",
        e(br#"{"alg":"RS256","typ":"JWT"}"#),
        e(claims.to_string().as_bytes()),
        e(b"not-a-signature")
    )
}

/// A user token for account ac_test0001.
pub fn user_token() -> String {
    jwt(json!({
        "iss": "https://auth.carto.com/",
        "sub": "auth0|user-123",
        "aud": ["carto-cloud-native-api"],
        "exp": FAR_FUTURE,
        "http://app.carto.com/account_id": "ac_test0001",
    }))
}

fn expiry_filters() -> Vec<(&'static str, &'static str)> {
    vec![(r"\(in \d+ days\)", "(in [N] days)")]
}

#[test]
fn status_from_env_token() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("CARTO_API_TOKEN", user_token())
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains(&user_token()));
    insta::with_settings!({filters => expiry_filters()}, {
        insta::assert_snapshot!(stdout(&out));
    });

    let out = env
        .cmd()
        .env("CARTO_API_TOKEN", user_token())
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "env");
    assert_eq!(v["subject"], "auth0|user-123");
    assert_eq!(v["account_id"], "ac_test0001");
    assert_eq!(v["expires_at"], "2100-01-01T00:00:00Z");
    assert!(!stdout(&out).contains(&user_token()));
}

#[test]
fn token_stdin_wins_over_the_environment() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("CARTO_API_TOKEN", "ignored-env-token")
        .args(["--token-stdin", "auth", "status", "--json"])
        .write_stdin(format!("  {}\n", user_token()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "token-stdin");
    assert_eq!(v["subject"], "auth0|user-123");

    let out = env
        .cmd()
        .args(["--token-stdin", "auth", "status"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input held no token"));
}

#[test]
fn nothing_found_is_exit_3_with_the_ways_to_authenticate() {
    let env = Env::new();
    let out = env.cmd().args(["auth", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("not logged in to CARTO"), "{err}");
    for way in ["carto-mcp auth login", "CARTO_API_TOKEN", "CARTO_CLIENT_ID"] {
        assert!(err.contains(way), "{way} missing from: {err}");
    }
}

#[test]
fn an_expired_env_token_is_exit_3_with_the_fix() {
    let env = Env::new();
    let token = jwt(json!({"sub": "auth0|u", "exp": 1_600_000_000}));
    let out = env
        .cmd()
        .env("CARTO_API_TOKEN", &token)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("expired at 2020-09-13T12:26:40Z"), "{err}");
    assert!(err.contains("CARTO_API_TOKEN to a fresh token"), "{err}");
    assert!(!err.contains(&token));
}

fn write_login(env: &Env, token: &str, expires_at: i64) {
    let p = env.path(".config/carto-mcp/login.json");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(
        &p,
        json!({"access_token": token, "refresh_token": null, "expires_at": expires_at,
               "issuer": "https://auth.carto.com", "client_id": "pub-client"})
        .to_string(),
    )
    .unwrap();
}

#[test]
fn status_from_the_stored_login_and_an_expired_one_is_skipped() {
    let env = Env::new();
    write_login(&env, &user_token(), FAR_FUTURE);
    let out = env
        .cmd()
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "login");
    assert_eq!(v["subject"], "auth0|user-123");

    // Expired: skipped; with no other source, that is what is reported.
    write_login(&env, &user_token(), 1_600_000_000);
    let out = env.cmd().args(["auth", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("carto-mcp auth login"),
        "{}",
        stderr(&out)
    );

    // Expired, but the CARTO CLI has a valid one: that one is used.
    write_cli_credentials(&env);
    let out = env
        .cmd()
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "carto-cli", "{v}");
}

fn write_cli_credentials(env: &Env) {
    let prod = jwt(json!({"sub": "auth0|prod-user", "exp": FAR_FUTURE,
        "aud": "carto-cloud-native-api", "http://app.carto.com/account_id": "ac_prod0001"}));
    std::fs::write(
        env.path(".carto_credentials.json"),
        json!({
            "current_profile": "production",
            "profiles": {
                "production": {"token": prod, "tenant_id": "gcp-us-east1",
                    "tenant_domain": "carto.acme.com", "organization_id": "ac_prod0001",
                    "organization_name": "acme", "user_email": "user@acme.com"},
                "staging": {"token": "opaque-staging-token", "tenant_id": "gcp-europe-west1",
                    "organization_id": "ac_stag0001"}
            }
        })
        .to_string(),
    )
    .unwrap();
}

#[test]
fn status_from_the_carto_cli_credentials_file_and_its_profiles() {
    let env = Env::new();
    write_cli_credentials(&env);
    let out = env.cmd().args(["auth", "status"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out).replace(env.home().to_str().unwrap(), "[HOME]");
    insta::with_settings!({filters => expiry_filters()}, {
        insta::assert_snapshot!(text);
    });

    let out = env
        .cmd()
        .args(["--profile", "staging", "auth", "status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["profile"], "staging");
    assert_eq!(v["token_format"], "opaque");
    assert_eq!(
        v["mcp_server_url"],
        "https://gcp-europe-west1.api.carto.com/mcp/ac_stag0001"
    );
    assert!(!stdout(&out).contains("opaque-staging-token"));

    let out = env
        .cmd()
        .args(["--profile", "nope", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("production, staging"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn status_from_an_m2m_client_caches_the_token_0600() {
    let server = MockServer::start().await;
    let token = jwt(json!({"sub": "m2m-client@clients", "exp": FAR_FUTURE,
        "aud": "carto-cloud-native-api", "http://app.carto.com/account_id": "ac_m2m00001"}));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("audience=carto-cloud-native-api"))
        .and(body_string_contains("client_secret=m2m-secret-value"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": token, "expires_in": 86400, "token_type": "Bearer"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let env = Env::new();
    let run = |args: &[&str]| {
        env.cmd()
            .env("CARTO_CLIENT_ID", "m2m-client")
            .env("CARTO_CLIENT_SECRET", "m2m-secret-value")
            .env("CARTO_MCP_AUTH_URL", server.uri())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["-vv", "auth", "status", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["source"],
        json!({"kind": "m2m", "client_id": "m2m-client", "cached": false})
    );
    assert_eq!(v["subject"], "m2m-client@clients");
    assert_eq!(v["account_id"], "ac_m2m00001");
    let err = stderr(&out);
    assert!(err.contains("/oauth/token"), "the trace is on: {err}");
    assert!(
        !err.contains("m2m-secret-value") && !err.contains(&token),
        "{err}"
    );

    let cache = env.path(".cache/carto-mcp/m2m-token.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // The second run uses the cache: the endpoint is called once in all.
    let out = run(&["auth", "status", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["cached"], true);

    // logout forgets it (and the stored login).
    write_login(&env, &user_token(), FAR_FUTURE);
    let out = run(&["auth", "logout", "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"].as_array().unwrap().len(), 2);
    assert!(!cache.exists());
    assert!(!env.path(".config/carto-mcp/login.json").exists());
}

#[tokio::test]
async fn a_refused_m2m_client_is_exit_3() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "access_denied", "error_description": "Unauthorized"
        })))
        .mount(&server)
        .await;
    let env = Env::new();
    let out = env
        .cmd()
        .env("CARTO_CLIENT_ID", "m2m-client")
        .env("CARTO_CLIENT_SECRET", "wrong")
        .env("CARTO_MCP_AUTH_URL", server.uri())
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("refused the M2M client m2m-client"),
        "{}",
        stderr(&out)
    );
}
