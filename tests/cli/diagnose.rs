//! Tests of `carto-mcp diagnose`: the explanation of a refused callback
//! (human and JSON), the exit codes, and `--fix` against a stateful fake of
//! the Developers API (contract v0: GET/PATCH /oauth-clients/{id}).

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::auth::user_token;
use crate::common::{Env, assert_exit, json_of, run_ok, stderr, stdout};

const ID: &str = "Fq2Xb1kP9sZr7TcLwYe3";
const CLAUDE: &str = "https://claude.ai/api/mcp/auth_callback";
const CHATGPT: &str = "https://chatgpt.com/connector_platform_oauth_redirect";
const INSPECTOR: &str = "http://localhost:8000/callback";

/// What Claude.ai sends, copied from the address bar: the redirect URI with
/// a trailing slash the client does not have.
fn claude_url(redirect: &str) -> String {
    let enc: String = url::form_urlencoded::byte_serialize(redirect.as_bytes()).collect();
    format!(
        "https://auth.carto.com/authorize?response_type=code&client_id={ID}&redirect_uri={enc}&code_challenge=M3ZkRk9zY2lFbGxrZ0pqWVh0b3ZRMnFvQ2d6SVFn&code_challenge_method=S256&state=Wq1yTHc0bWl6&scope=openid+offline_access&resource=https%3A%2F%2Fgcp-us-east1.api.carto.com%2Fmcp%2Fac_7xhfwyml"
    )
}

// ----- a stateful fake of contract v0 ------------------------------------------

/// One client; GET returns it, PATCH changes it (so the next GET sees it).
#[derive(Clone)]
struct Client(Arc<Mutex<Value>>);

impl Respond for Client {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let auth = req
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok());
        if auth != Some(format!("Bearer {}", user_token()).as_str()) {
            return ResponseTemplate::new(401)
                .set_body_json(json!({"error": "unauthorized", "description": "bad token"}));
        }
        if !req.url.path().ends_with(&format!("/{ID}")) {
            return ResponseTemplate::new(404)
                .set_body_json(json!({"error": "not_found", "description": "unknown client"}));
        }
        let mut c = self.0.lock().unwrap();
        match req.method.as_str() {
            "GET" => ResponseTemplate::new(200).set_body_json(c.clone()),
            "PATCH" => {
                let patch: Value = req.body_json().unwrap();
                for (k, v) in patch.as_object().unwrap() {
                    c[k] = v.clone();
                }
                ResponseTemplate::new(200).set_body_json(c.clone())
            }
            _ => ResponseTemplate::new(405),
        }
    }
}

struct Fake {
    server: MockServer,
    client: Client,
}

impl Fake {
    async fn start(callbacks: &[&str]) -> Self {
        let server = MockServer::start().await;
        let client = Client(Arc::new(Mutex::new(json!({
            "clientId": ID, "clientSecret": "sec_do_not_print_9f8e7d6c", "type": "spa",
            "name": "Claude.ai MCP connection", "callbacks": callbacks,
            "allowedLogoutUrls": [], "webOrigins": [], "allowedOrigins": [],
            "loginUri": null, "useDefaultUrls": false, "createdAt": "2026-01-02T03:04:05Z",
        }))));
        Mock::given(path_regex("^/oauth-clients/[^/]+$"))
            .respond_with(client.clone())
            .mount(&server)
            .await;
        Self { server, client }
    }

    fn callbacks(&self) -> Value {
        self.client.0.lock().unwrap()["callbacks"].clone()
    }

    async fn patches(&self) -> usize {
        let reqs = self.server.received_requests().await.unwrap_or_default();
        reqs.iter().filter(|r| r.method.as_str() == "PATCH").count()
    }
}

fn cmd(env: &Env, fake: &Fake) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("CARTO_API_TOKEN", user_token())
        .args(["--api-url", &fake.server.uri()]);
    c
}

/// `carto-mcp diagnose ARGS` run with `c`; it must end with exit `code`.
#[track_caller]
fn diagnose(mut c: assert_cmd::Command, args: &[&str], code: i32) -> std::process::Output {
    let out = c.arg("diagnose").args(args).output().unwrap();
    assert_exit(&out, code);
    out
}

// ----- explanations --------------------------------------------------------------

#[test]
fn a_trailing_slash_from_the_platform_is_explained() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            &claude_url("https://claude.ai/api/mcp/auth_callback/"),
            "--registered",
            CLAUDE,
            "--registered",
            INSPECTOR,
        ],
        5,
    );
    insta::assert_snapshot!("trailing_slash", stdout(&out));
}

#[test]
fn a_missing_preset_gets_the_add_platform_command() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            "Callback URL mismatch. https://chatgpt.com/connector_platform_oauth_redirect is not in the list of allowed callback URLs.",
            "--client-id",
            ID,
            "--registered",
            CLAUDE,
        ],
        5,
    );
    insta::assert_snapshot!("missing_preset", stdout(&out));
}

#[test]
fn two_urls_in_one_entry_are_found() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            "Callback URL mismatch. http://127.0.0.1:6274/oauth/callback/debug is not in the list of allowed callback URLs.",
            "--client-id",
            ID,
            "--registered",
            "http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback",
        ],
        5,
    );
    insta::assert_snapshot!("joined_entry", stdout(&out));
}

#[test]
fn localhost_is_not_127_0_0_1() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            "http://localhost:8000/callback",
            "--client-id",
            ID,
            "--registered",
            "http://127.0.0.1:8000/callback",
        ],
        5,
    );
    insta::assert_snapshot!("loopback_host", stdout(&out));
}

#[test]
fn chatgpts_per_connector_callback_is_the_platforms_side() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            "Error creating connector: the authorization server rejected redirect_uri https://chatgpt.com/connector/oauth/c_690f1d2e3b4a (invalid_request)",
            "--client-id",
            ID,
            "--registered",
            CHATGPT,
        ],
        5,
    );
    insta::assert_snapshot!("chatgpt_per_connector", stdout(&out));
}

#[test]
fn a_registered_uri_is_exit_0() {
    let env = Env::new();
    let out = diagnose(env.cmd(), &[&claude_url(CLAUDE), "--registered", CLAUDE], 0);
    let s = stdout(&out);
    assert!(
        s.contains("✓ Registered: https://claude.ai/api/mcp/auth_callback"),
        "{s}"
    );
    assert!(
        s.contains("Claude.ai — the callback CARTO documents for it"),
        "{s}"
    );
    assert!(s.contains("Nothing to fix"), "{s}");
}

#[test]
fn json_has_the_differences_as_data() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &[
            &claude_url("https://claude.ai/api/mcp/auth_callback/"),
            "--registered",
            INSPECTOR,
            "--registered",
            CHATGPT,
            "--json",
        ],
        5,
    );
    let v = json_of(&out);
    assert_eq!(v["client_id"], ID);
    assert_eq!(v["ok"], false);
    assert_eq!(v["fixed"], false);
    assert_eq!(v["input"]["form"], "authorization_url");
    let r = &v["results"][0];
    assert_eq!(r["sent"], "https://claude.ai/api/mcp/auth_callback/");
    assert_eq!(r["outcome"], "mismatch");
    assert_eq!(r["platform"]["platform"], "claude");
    assert_eq!(r["platform"]["matched_by"], "resembles");
    assert_eq!(r["platform"]["carto_documented"], false);
    assert_eq!(r["remedy"]["kind"], "update_client");
    let d = &r["differences"][0];
    for k in ["kind", "sent", "registered", "explanation"] {
        assert!(d.get(k).is_some(), "{d}");
    }
    assert_eq!(
        v["fix"]["command"],
        format!(
            "carto-mcp client update {ID} --add-callback https://claude.ai/api/mcp/auth_callback/"
        )
    );
    insta::assert_json_snapshot!("json_report", v);
}

#[test]
fn unusable_input_is_a_usage_error() {
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &["Something went wrong. Please try again later."],
        2,
    );
    let e = stderr(&out);
    assert!(e.contains("found no redirect URI in the input"), "{e}");
    assert!(e.contains("hint:"), "{e}");
    // Nothing to compare against is a usage error too, naming the flags.
    let out = diagnose(env.cmd(), &[INSPECTOR], 2);
    let e = stderr(&out);
    assert!(
        e.contains("--client-id") && e.contains("--registered"),
        "{e}"
    );
    assert!(e.contains("MCP Inspector"), "{e}");
    // And no input at all.
    diagnose(env.cmd(), &[], 2);
}

#[test]
fn input_can_come_from_stdin() {
    let env = Env::new();
    let page = "<html><body><h1>Oops!, something went wrong</h1>\n<p>invalid_request: Callback URL mismatch. http://localhost:3118/callback is not in the list of allowed callback URLs</p></body></html>";
    let mut c = env.cmd();
    c.write_stdin(page);
    let out = diagnose(
        c,
        &["-", "--client-id", ID, "--registered", INSPECTOR, "--json"],
        5,
    );
    let v = json_of(&out);
    assert_eq!(v["results"][0]["sent"], "http://localhost:3118/callback");
    assert_eq!(v["results"][0]["platform"]["platform"], "claude-code");
    assert_eq!(
        v["fix"]["command"],
        format!("carto-mcp client update {ID} --add-platform claude-code")
    );
}

// ----- through the backend, and --fix ------------------------------------------------

#[tokio::test]
async fn fix_adds_the_missing_callback_and_a_second_run_finds_nothing() {
    let fake = Fake::start(&[INSPECTOR]).await;
    let env = Env::new();
    let input = claude_url(CLAUDE);

    // First: the mismatch, read through the backend.
    let out = diagnose(cmd(&env, &fake), &[&input], 5);
    assert!(stdout(&out).contains(&format!(
        "carto-mcp client update {ID} --add-platform claude"
    )));

    // --fix without a terminal needs --yes, and changes nothing.
    let out = diagnose(cmd(&env, &fake), &[&input, "--fix"], 2);
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(fake.patches().await, 0);

    // --fix --yes: applied, read back, exit 0.
    let out = diagnose(cmd(&env, &fake), &[&input, "--fix", "--yes", "--json"], 0);
    let v = json_of(&out);
    assert_eq!(v["ok"], false, "the report says what was wrong");
    assert_eq!(v["fixed"], true);
    assert_eq!(v["registered_from"], "backend");
    assert_eq!(v["registered_after"], json!([INSPECTOR, CLAUDE]));
    assert_eq!(fake.patches().await, 1);
    assert_eq!(fake.callbacks(), json!([INSPECTOR, CLAUDE]));
    assert!(!stdout(&out).contains("sec_do_not_print"));

    // Second run: nothing wrong.
    let out = diagnose(cmd(&env, &fake), &[&input], 0);
    assert!(stdout(&out).contains("Nothing to fix"));
}

#[tokio::test]
async fn fix_replaces_a_joined_entry_with_its_urls() {
    let joined = "http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback";
    let fake = Fake::start(&[CLAUDE, joined]).await;
    let env = Env::new();
    let out = diagnose(
        cmd(&env, &fake),
        &["--client-id", ID, "--platform", "mcpjam", "--fix", "--yes"],
        0,
    );
    assert_eq!(
        fake.callbacks(),
        json!([
            CLAUDE,
            "http://127.0.0.1:6274/oauth/callback/debug",
            "http://127.0.0.1:6274/oauth/callback"
        ])
    );
    let e = stderr(&out);
    assert!(e.contains("Updated client"), "{e}");
}

#[tokio::test]
async fn platform_mode_checks_each_preset_callback() {
    let fake = Fake::start(&[CLAUDE, "http://127.0.0.1:6274/oauth/callback"]).await;
    let env = Env::new();
    let out = diagnose(
        cmd(&env, &fake),
        &[
            "--client-id",
            ID,
            "--platform",
            "mcpjam",
            "--platform",
            "claude",
        ],
        5,
    );
    insta::assert_snapshot!("platform_mode", stdout(&out));
    assert_eq!(fake.patches().await, 0);
}

#[tokio::test]
async fn an_unknown_client_is_refused_by_the_api() {
    let fake = Fake::start(&[CLAUDE]).await;
    let env = Env::new();
    let out = diagnose(
        cmd(&env, &fake),
        &[&claude_url(CLAUDE).replace(ID, "nope")],
        4,
    );
    assert!(stderr(&out).contains("nope"));
}

// ----- --live against an in-process authorization server ----------------------------

/// An Auth0-like `/authorize`: a redirect to the login page for an allowed
/// callback, Auth0's error page otherwise.
struct Authorize {
    allowed: Vec<String>,
}

impl Respond for Authorize {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let q: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        for k in ["client_id", "code_challenge", "state", "resource", "scope"] {
            assert!(get(k).is_some(), "{k} missing from {}", req.url);
        }
        assert_eq!(get("code_challenge_method").as_deref(), Some("S256"));
        assert!(req.headers.get("authorization").is_none() && req.headers.get("cookie").is_none());
        let redirect = get("redirect_uri").unwrap_or_default();
        if self.allowed.contains(&redirect) {
            ResponseTemplate::new(302).insert_header("location", "/u/login?state=hKFo2SBGZlRpd3V")
        } else {
            ResponseTemplate::new(400).set_body_raw(
                format!(
                    "<!DOCTYPE html><html><head><title>Error</title><style>body{{color:red}}</style></head><body><div class=\"error\"><h1>Oops!, something went wrong</h1><p>invalid_request: Callback URL mismatch. {redirect} is not in the list of allowed callback URLs.</p></div></body></html>"
                ),
                "text/html",
            )
        }
    }
}

async fn fake_mcp_and_as(allowed: &[&str]) -> MockServer {
    use wiremock::matchers::{method, path};
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(method("POST"))
        .and(path("/mcp/ac_7xhfwyml"))
        .respond_with(ResponseTemplate::new(401).insert_header(
            "www-authenticate",
            format!(
                "Bearer resource_metadata=\"{base}/.well-known/oauth-protected-resource/mcp/ac_7xhfwyml\", scope=\"mcp:tools\""
            )
            .as_str(),
        ))
        .mount(&server)
        .await;
    Mock::given(path(
        "/.well-known/oauth-protected-resource/mcp/ac_7xhfwyml",
    ))
    .respond_with(ResponseTemplate::new(200).set_body_json(json!({
        "resource": format!("{base}/mcp/ac_7xhfwyml"),
        "authorization_servers": [base],
    })))
    .mount(&server)
    .await;
    Mock::given(path("/.well-known/oauth-authorization-server"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/authorize"),
            "token_endpoint": format!("{base}/oauth/token"),
            "code_challenge_methods_supported": ["S256"],
        })))
        .mount(&server)
        .await;
    Mock::given(path("/authorize"))
        .respond_with(Authorize {
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
        })
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn live_probe_reports_each_platform() {
    let server = fake_mcp_and_as(&[CLAUDE, INSPECTOR]).await;
    let env = Env::new();
    let mcp = format!("{}/mcp/ac_7xhfwyml", server.uri());
    // Both of the client's own callbacks are accepted: exit 0, even though
    // the presets it does not have are refused.
    let out = diagnose(
        env.cmd(),
        &[
            "--live",
            &mcp,
            "--client-id",
            ID,
            "--registered",
            CLAUDE,
            "--registered",
            INSPECTOR,
        ],
        0,
    );
    let port = server.address().port().to_string();
    insta::with_settings!({filters => vec![(port.as_str(), "[PORT]")]}, {
        insta::assert_snapshot!("live_table", stdout(&out));
    });
    // Nothing is sent to any token endpoint: nobody logs in.
    let reqs = server.received_requests().await.unwrap();
    assert!(reqs.iter().all(|r| r.url.path() != "/oauth/token"));
    assert_eq!(
        reqs.iter().filter(|r| r.url.path() == "/authorize").count(),
        5
    );

    // Naming a refused platform makes it a failure, with the fix.
    let out = diagnose(
        env.cmd(),
        &["--live", &mcp, "--client-id", ID, "--platform", "chatgpt"],
        5,
    );
    assert!(stdout(&out).contains(&format!(
        "Fix: carto-mcp client update {ID} --add-platform chatgpt"
    )));
}

#[tokio::test]
async fn live_needs_a_client_id() {
    let server = fake_mcp_and_as(&[]).await;
    let env = Env::new();
    let out = diagnose(
        env.cmd(),
        &["--live", &format!("{}/mcp/ac_7xhfwyml", server.uri())],
        2,
    );
    assert!(stderr(&out).contains("--client-id"));
}

#[tokio::test]
async fn the_printed_command_fixes_a_joined_entry() {
    let joined = "http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback";
    let fake = Fake::start(&[joined]).await;
    let env = Env::new();
    let input = "Callback URL mismatch. http://127.0.0.1:6274/oauth/callback is not in the list of allowed callback URLs.";
    let out = diagnose(cmd(&env, &fake), &[input, "--client-id", ID, "--json"], 5);
    let fix = json_of(&out)["fix"].clone();
    assert_eq!(fix["add_platforms"], json!(["mcpjam"]));
    assert_eq!(fix["remove_callbacks"], json!([joined]));

    // Run `client update` with exactly those flags.
    run_ok(cmd(&env, &fake).args([
        "client",
        "update",
        ID,
        "--add-platform",
        "mcpjam",
        "--remove-callback",
        joined,
    ]));
    assert_eq!(
        fake.callbacks(),
        json!([
            "http://127.0.0.1:6274/oauth/callback/debug",
            "http://127.0.0.1:6274/oauth/callback"
        ])
    );
    diagnose(cmd(&env, &fake), &[input, "--client-id", ID], 0);
}
