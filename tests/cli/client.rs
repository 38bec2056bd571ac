//! Tests of `carto-mcp client`, against an in-process fake of contract v0
//! (wiremock) and a fake `carto` executable for the carto-cli backend.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::auth::user_token;
use crate::common::{Env, assert_exit, assert_fails_with, json_of, run_ok, stderr, stdout};

const SECRET_TAIL: &str = "Zq9xK3mP7vR2wT5y";

// ----- the fake of contract v0 ---------------------------------------------

#[derive(Clone, Default)]
struct State {
    clients: Arc<Mutex<Vec<Value>>>,
    next: Arc<AtomicUsize>,
}

impl State {
    fn secret(n: usize) -> String {
        format!("sec_{n:04}_{SECRET_TAIL}")
    }

    fn insert(&self, mut c: Value) -> Value {
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        c["clientId"] = json!(format!("cl_{n:04}"));
        c["clientSecret"] = json!(Self::secret(n));
        c["type"] = json!("spa");
        if c.get("createdAt").is_none() {
            let now = time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap();
            c["createdAt"] = json!(now);
        }
        self.clients.lock().unwrap().push(c.clone());
        c
    }

    fn all(&self) -> Vec<Value> {
        self.clients.lock().unwrap().clone()
    }
}

fn api_error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": error, "description": description}))
}

fn authorized(req: &Request) -> bool {
    req.headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {}", user_token()))
}

struct Collection {
    st: State,
    /// Sends the secret in the list, as a careless server might.
    list_leaks_secret: bool,
    post_delay: Option<Duration>,
}

impl Respond for Collection {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if !authorized(req) {
            return api_error(401, "unauthorized", "invalid token");
        }
        match req.method.as_str() {
            "POST" => {
                let body: Value = req.body_json().unwrap();
                let name = body["name"].as_str().unwrap_or_default();
                if name.is_empty() || name.chars().count() > 100 {
                    return api_error(400, "invalid_name", "name must be 1..=100 characters");
                }
                let c = self.st.insert(body);
                let r = ResponseTemplate::new(201).set_body_json(c);
                match self.post_delay {
                    Some(d) => r.set_delay(d),
                    None => r,
                }
            }
            "GET" => {
                let mut all = self.st.all();
                if !self.list_leaks_secret {
                    for c in &mut all {
                        c.as_object_mut().unwrap().remove("clientSecret");
                    }
                }
                ResponseTemplate::new(200)
                    .set_body_json(json!({"results": all, "total": all.len()}))
            }
            _ => ResponseTemplate::new(405),
        }
    }
}

struct Item {
    st: State,
}

impl Respond for Item {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if !authorized(req) {
            return api_error(401, "unauthorized", "invalid token");
        }
        let id = req.url.path().rsplit('/').next().unwrap().to_string();
        let mut clients = self.st.clients.lock().unwrap();
        let Some(i) = clients.iter().position(|c| c["clientId"] == id) else {
            return api_error(404, "not_found", "unknown client");
        };
        match req.method.as_str() {
            "GET" => ResponseTemplate::new(200).set_body_json(clients[i].clone()),
            "PATCH" => {
                let patch: Value = req.body_json().unwrap();
                for (k, v) in patch.as_object().unwrap() {
                    clients[i][k] = v.clone();
                }
                ResponseTemplate::new(200).set_body_json(clients[i].clone())
            }
            "DELETE" => {
                clients.remove(i);
                ResponseTemplate::new(204)
            }
            _ => ResponseTemplate::new(405),
        }
    }
}

struct Fake {
    server: MockServer,
    st: State,
}

impl Fake {
    async fn start() -> Self {
        Self::start_with(false, None).await
    }

    async fn start_with(list_leaks_secret: bool, post_delay: Option<Duration>) -> Self {
        let server = MockServer::start().await;
        let st = State::default();
        Mock::given(path("/oauth-clients"))
            .respond_with(Collection {
                st: st.clone(),
                list_leaks_secret,
                post_delay,
            })
            .mount(&server)
            .await;
        Mock::given(path_regex("^/oauth-clients/[^/]+$"))
            .respond_with(Item { st: st.clone() })
            .mount(&server)
            .await;
        Self { server, st }
    }

    async fn requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    async fn posts(&self) -> Vec<Value> {
        self.requests()
            .await
            .iter()
            .filter(|r| r.method.as_str() == "POST")
            .map(|r| r.body_json().unwrap())
            .collect()
    }

    fn seed(&self, name: &str, callbacks: &[&str]) -> Value {
        self.st.insert(json!({
            "name": name, "callbacks": callbacks, "allowedLogoutUrls": [], "webOrigins": [],
            "allowedOrigins": [], "loginUri": null, "useDefaultUrls": false,
            "createdAt": "2026-01-02T03:04:05Z",
        }))
    }
}

/// `carto-mcp --api-url FAKE` with a valid token in CARTO_API_TOKEN.
fn cmd(env: &Env, fake: &Fake) -> assert_cmd::Command {
    cmd_at(env, &fake.server.uri(), &user_token())
}

/// `carto-mcp --api-url URL` with `token` in CARTO_API_TOKEN.
fn cmd_at(env: &Env, api_url: &str, token: &str) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("CARTO_API_TOKEN", token).args(["--api-url", api_url]);
    c
}

fn filters() -> Vec<(&'static str, &'static str)> {
    vec![(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "[TIME]")]
}

fn both(o: &std::process::Output) -> String {
    format!("--- stdout\n{}--- stderr\n{}", stdout(o), stderr(o))
}

// ----- create ----------------------------------------------------------------

#[tokio::test]
async fn create_sends_exactly_each_carto_presets_callbacks() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "claude",
            &["https://claude.ai/api/mcp/auth_callback"],
            "Claude.ai MCP connection",
        ),
        (
            "chatgpt",
            &["https://chatgpt.com/connector_platform_oauth_redirect"],
            "ChatGPT MCP connection",
        ),
        (
            "inspector",
            &["http://localhost:8000/callback"],
            "MCP Inspector MCP connection",
        ),
        (
            "mcpjam",
            &[
                "http://127.0.0.1:6274/oauth/callback/debug",
                "http://127.0.0.1:6274/oauth/callback",
            ],
            "MCPJam MCP connection",
        ),
    ];
    for (platform, callbacks, name) in cases {
        let fake = Fake::start().await;
        let env = Env::new();
        let out = cmd(&env, &fake)
            .args(["client", "create", "--platform", platform, "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{platform}: {}", stderr(&out));
        let posts = fake.posts().await;
        assert_eq!(posts.len(), 1, "{platform}");
        assert_eq!(posts[0]["callbacks"], json!(callbacks), "{platform}");
        assert_eq!(posts[0]["useDefaultUrls"], json!(false), "{platform}");
        assert_eq!(posts[0]["type"], "spa");
        assert_eq!(posts[0]["name"], *name);
    }
}

#[tokio::test]
async fn two_platforms_make_one_client_with_both() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args([
        "client",
        "create",
        "--platform",
        "claude",
        "--platform",
        "chatgpt",
        "--json",
    ]));
    let posts = fake.posts().await;
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0]["callbacks"],
        json!([
            "https://claude.ai/api/mcp/auth_callback",
            "https://chatgpt.com/connector_platform_oauth_redirect"
        ])
    );
    assert_eq!(posts[0]["name"], "Claude.ai + ChatGPT MCP connection");
    let v = json_of(&out);
    assert_eq!(v["platforms"], json!(["claude", "chatgpt"]));
}

#[tokio::test]
async fn custom_callbacks_are_accepted_and_comma_joined_ones_split() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args([
        "client",
        "create",
        "--platform",
        "claude",
        "--callback",
        " http://localhost:9999/cb ",
        "--callback",
        "https://a.example/cb, https://b.example/cb",
        "--callback",
        "https://claude.ai/api/mcp/auth_callback",
        "--logout-url",
        "https://a.example/bye",
        "--web-origin",
        "https://a.example",
        "--allowed-origin",
        "https://b.example",
        "--name",
        "My agent",
        "--json",
    ]));
    assert!(
        stderr(&out).contains("split into 2 callbacks"),
        "{}",
        stderr(&out)
    );
    let posts = fake.posts().await;
    assert_eq!(
        posts[0]["callbacks"],
        json!([
            "https://claude.ai/api/mcp/auth_callback",
            "http://localhost:9999/cb",
            "https://a.example/cb",
            "https://b.example/cb"
        ])
    );
    assert_eq!(posts[0]["name"], "My agent");
    assert_eq!(
        posts[0]["allowedLogoutUrls"],
        json!(["https://a.example/bye"])
    );
    assert_eq!(posts[0]["webOrigins"], json!(["https://a.example"]));
    assert_eq!(posts[0]["allowedOrigins"], json!(["https://b.example"]));
}

#[tokio::test]
async fn bad_input_is_refused_with_exit_2_and_nothing_is_sent() {
    let long = "x".repeat(101);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--callback", "claude.ai/api/mcp/auth_callback"],
            "not an absolute URL",
        ),
        (
            vec!["--callback", "https://example.com/cb#frag"],
            "fragment",
        ),
        (
            vec!["--callback", "http://example.com/cb"],
            "not a loopback host",
        ),
        (vec!["--callback", "ftp://example.com/cb"], "scheme"),
        (vec!["--platform", "claud"], "did you mean 'claude'"),
        (
            vec!["--platform", "nope"],
            "claude, chatgpt, inspector, mcpjam",
        ),
        (
            vec!["--platform", "claude", "--name", ""],
            "1 to 100 characters",
        ),
        (
            vec!["--platform", "claude", "--name", &long],
            "1 to 100 characters",
        ),
        (
            vec!["--platform", "claude", "--logout-url", "bye"],
            "--logout-url",
        ),
        (
            vec!["--platform", "claude", "--output", "yaml"],
            "invalid value",
        ),
    ];
    let fake = Fake::start().await;
    for (args, expect) in cases {
        let env = Env::new();
        let out = cmd(&env, &fake)
            .args(["client", "create"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(expect), "{args:?}: {}", stderr(&out));
    }
    assert!(fake.requests().await.is_empty(), "a request was sent");
}

#[tokio::test]
async fn without_a_tty_and_without_platform_exit_2_naming_platform() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = cmd(&env, &fake)
        .args(["client", "create"])
        .output()
        .unwrap();
    assert_fails_with(&out, 2, "--platform");
    assert!(fake.requests().await.is_empty());
}

#[tokio::test]
async fn create_human_output() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args([
        "client",
        "create",
        "--platform",
        "claude",
        "--platform",
        "mcpjam",
    ]));
    assert!(stdout(&out).contains(&State::secret(1)));
    assert!(!stderr(&out).contains(SECRET_TAIL));
    insta::with_settings!({filters => filters()}, {
        insta::assert_snapshot!(both(&out));
    });
}

#[tokio::test]
async fn create_fills_in_the_mcp_url_from_the_carto_cli_profile() {
    let fake = Fake::start().await;
    let env = Env::new();
    std::fs::write(
        env.path(".carto_credentials.json"),
        json!({"current_profile": "p", "profiles": {"p": {"token": user_token(), "tenant_id": "gcp-us-east1"}}})
            .to_string(),
    )
    .unwrap();
    let out = run_ok(env.cmd().args([
        "--api-url",
        &fake.server.uri(),
        "client",
        "create",
        "--platform",
        "claude",
    ]));
    let err = stderr(&out);
    assert!(
        err.contains("MCP Server URL: https://gcp-us-east1.api.carto.com/mcp/ac_test0001"),
        "{err}"
    );
    assert!(!err.contains("fill in yours"), "{err}");
}

#[tokio::test]
async fn create_json_and_env_are_parseable_and_complete() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out =
        run_ok(cmd(&env, &fake).args(["--json", "client", "create", "--platform", "inspector"]));
    let v = json_of(&out);
    assert_eq!(v["client_id"], "cl_0001");
    assert_eq!(v["client_secret"], State::secret(1));
    assert_eq!(v["name"], "MCP Inspector MCP connection");
    assert_eq!(v["callbacks"], json!(["http://localhost:8000/callback"]));
    assert_eq!(v["use_default_urls"], false);
    assert_eq!(v["backend"], "api");
    assert_eq!(v["recovered"], Value::Null);

    let out = run_ok(cmd(&env, &fake).args([
        "client",
        "create",
        "--platform",
        "chatgpt",
        "--output",
        "env",
    ]));
    let text = stdout(&out);
    let vars: std::collections::HashMap<&str, &str> =
        text.lines().filter_map(|l| l.split_once('=')).collect();
    assert_eq!(vars.len(), 2, "{text}");
    assert_eq!(vars["CARTO_MCP_CLIENT_ID"], "cl_0002");
    assert_eq!(vars["CARTO_MCP_CLIENT_SECRET"], State::secret(2));
}

// ----- errors ----------------------------------------------------------------

#[tokio::test]
async fn unauthorized_is_exit_3_with_the_way_to_authenticate() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = cmd_at(&env, &fake.server.uri(), "stale-token")
        .args(["client", "list"])
        .output()
        .unwrap();
    assert_exit(&out, 3);
    let err = stderr(&out);
    assert!(err.contains("did not accept the credentials"), "{err}");
    assert!(
        err.contains("carto auth login") && err.contains("CARTO_API_TOKEN"),
        "{err}"
    );
}

#[tokio::test]
async fn no_credentials_is_exit_3_before_any_request() {
    let fake = Fake::start().await;
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--api-url",
            &fake.server.uri(),
            "client",
            "create",
            "--platform",
            "claude",
        ])
        .output()
        .unwrap();
    assert_fails_with(&out, 3, "not logged in to CARTO");
    assert!(fake.requests().await.is_empty());
}

#[tokio::test]
async fn a_422_is_exit_4_with_the_apis_description() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth-clients"))
        .respond_with(api_error(
            422,
            "invalid_url",
            "callback must use https on this tenant",
        ))
        .mount(&server)
        .await;
    let env = Env::new();
    let out = cmd_at(&env, &server.uri(), &user_token())
        .args(["client", "create", "--platform", "claude"])
        .output()
        .unwrap();
    assert_fails_with(&out, 4, "callback must use https on this tenant");
}

#[tokio::test]
async fn a_missing_route_points_at_the_carto_cli_backend() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("Cannot GET /oauth-clients"))
        .mount(&server)
        .await;
    let env = Env::new();
    let out = cmd_at(&env, &server.uri(), &user_token())
        .args(["client", "list"])
        .output()
        .unwrap();
    assert_exit(&out, 4);
    let err = stderr(&out);
    assert!(err.contains("has not published this route"), "{err}");
    assert!(err.contains("--backend carto-cli"), "{err}");
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_and_succeeds() {
    let fake = Fake::start().await;
    fake.seed("existing", &["https://claude.ai/api/mcp/auth_callback"]);
    Mock::given(method("GET"))
        .and(path("/oauth-clients"))
        .respond_with(api_error(429, "rate_limited", "slow down").insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&fake.server)
        .await;
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args(["client", "list", "--json"]));
    let v = json_of(&out);
    assert_eq!(v[0]["client_id"], "cl_0001");
    assert_eq!(fake.requests().await.len(), 2);
}

#[tokio::test]
async fn a_create_that_times_out_after_the_server_made_it_is_not_made_twice() {
    let fake = Fake::start_with(false, Some(Duration::from_secs(4))).await;
    // An older client with the same name and callbacks must not be taken.
    fake.seed(
        "Claude.ai MCP connection",
        &["https://claude.ai/api/mcp/auth_callback"],
    );
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args([
        "--timeout",
        "1",
        "client",
        "create",
        "--platform",
        "claude",
        "--json",
    ]));
    assert_eq!(fake.posts().await.len(), 1, "the POST was sent again");
    assert_eq!(fake.st.all().len(), 2, "one seeded, one created");
    let v = json_of(&out);
    assert_eq!(v["client_id"], "cl_0002");
    assert_eq!(v["client_secret"], State::secret(2));
    assert_eq!(v["recovered"], "the create timed out");
    assert!(
        stderr(&out).contains("no second client was made"),
        "{}",
        stderr(&out)
    );
}

// ----- list / show -------------------------------------------------------------

#[tokio::test]
async fn list_never_shows_a_secret_even_when_the_api_sends_one() {
    let fake = Fake::start_with(true, None).await;
    fake.seed(
        "Claude.ai MCP connection",
        &["https://claude.ai/api/mcp/auth_callback"],
    );
    fake.seed(
        "Jam",
        &[
            "http://127.0.0.1:6274/oauth/callback",
            "http://localhost:9/cb",
        ],
    );
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args(["client", "list"]));
    assert!(!both(&out).contains(SECRET_TAIL));
    insta::assert_snapshot!(stdout(&out));

    let out = cmd(&env, &fake)
        .args(["client", "list", "--json"])
        .output()
        .unwrap();
    assert!(!both(&out).contains(SECRET_TAIL));
    let v = json_of(&out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v[0].get("client_secret").is_none());
    assert_eq!(v[1]["platforms_incomplete"], json!(["mcpjam"]));
}

#[tokio::test]
async fn show_masks_the_secret_unless_asked() {
    let fake = Fake::start().await;
    fake.seed(
        "Claude.ai MCP connection",
        &["https://claude.ai/api/mcp/auth_callback"],
    );
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args(["client", "show", "cl_0001"]));
    assert!(!both(&out).contains(SECRET_TAIL));
    insta::assert_snapshot!(stdout(&out));

    let out = cmd(&env, &fake)
        .args(["client", "show", "cl_0001", "--json"])
        .output()
        .unwrap();
    assert!(!both(&out).contains(SECRET_TAIL));
    let v = json_of(&out);
    assert_eq!(v["client_secret"], Value::Null);
    assert_eq!(v["client_secret_masked"], "sec_********");

    let out = cmd(&env, &fake)
        .args(["client", "show", "cl_0001", "--reveal-secret", "--json"])
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(v["client_secret"], State::secret(1));

    let out = cmd(&env, &fake)
        .args(["client", "show", "cl_9999"])
        .output()
        .unwrap();
    assert_fails_with(&out, 4, "no OAuth client with ID 'cl_9999'");
}

#[tokio::test]
async fn at_vv_neither_the_secret_nor_the_token_reaches_stderr() {
    let fake = Fake::start().await;
    let env = Env::new();
    let token = user_token();
    for args in [
        vec!["-vv", "client", "create", "--platform", "claude"],
        vec!["-vv", "client", "show", "cl_0001", "--reveal-secret"],
    ] {
        let out = cmd(&env, &fake).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("authorization: Bearer [redacted]"),
            "trace missing: {err}"
        );
        assert!(err.contains("oauth-clients"), "{err}");
        assert!(
            !err.contains(SECRET_TAIL),
            "{args:?} leaked the secret: {err}"
        );
        assert!(!err.contains(&token), "{args:?} leaked the token");
        assert!(stdout(&out).contains(&State::secret(1)), "{args:?}");
    }
}

// ----- update / apply / delete ------------------------------------------------------

#[tokio::test]
async fn update_patches_only_what_changes() {
    let fake = Fake::start().await;
    fake.seed(
        "c",
        &[
            "https://claude.ai/api/mcp/auth_callback",
            "http://localhost:9/cb",
        ],
    );
    let env = Env::new();
    let out = run_ok(cmd(&env, &fake).args([
        "client",
        "update",
        "cl_0001",
        "--add-platform",
        "chatgpt",
        "--remove-callback",
        "http://localhost:9/cb",
    ]));
    let patches: Vec<Value> = fake
        .requests()
        .await
        .iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .map(|r| r.body_json().unwrap())
        .collect();
    assert_eq!(
        patches,
        [json!({"callbacks": [
            "https://claude.ai/api/mcp/auth_callback",
            "https://chatgpt.com/connector_platform_oauth_redirect"
        ]})]
    );
    assert!(stderr(&out).contains("+ https://chatgpt.com/connector_platform_oauth_redirect"));
    assert!(stderr(&out).contains("- http://localhost:9/cb"));

    // Again: nothing changes, nothing is sent.
    let out = cmd(&env, &fake)
        .args(["client", "update", "cl_0001", "--add-platform", "chatgpt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("Nothing changes"), "{}", stderr(&out));
    let n = fake
        .requests()
        .await
        .iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .count();
    assert_eq!(n, 1);

    let out = cmd(&env, &fake)
        .args(["client", "update", "cl_0001"])
        .output()
        .unwrap();
    assert_exit(&out, 2);
}

#[tokio::test]
async fn apply_creates_then_does_nothing_then_updates() {
    let fake = Fake::start().await;
    let env = Env::new();
    let apply = |extra: &[&str]| {
        let mut c = cmd(&env, &fake);
        c.args(["client", "apply", "--name", "ci-client", "--json"])
            .args(extra);
        c.output().unwrap()
    };
    let out = apply(&["--platform", "claude"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["action"], "created");
    assert_eq!(v["client_secret"], State::secret(1));

    let out = apply(&["--platform", "claude"]);
    let v = json_of(&out);
    assert_eq!(v["action"], "unchanged");
    assert!(v.get("client_secret").is_none(), "{v}");

    let out = apply(&["--platform", "claude", "--platform", "mcpjam"]);
    let v = json_of(&out);
    assert_eq!(v["action"], "updated");
    assert_eq!(v["callbacks"].as_array().unwrap().len(), 3);
    assert_eq!(fake.posts().await.len(), 1);

    fake.seed("ci-client", &["https://claude.ai/api/mcp/auth_callback"]);
    let out = apply(&["--platform", "claude"]);
    assert_fails_with(&out, 2, "cl_0001, cl_0002");
}

#[tokio::test]
async fn delete_needs_yes_without_a_tty() {
    let fake = Fake::start().await;
    fake.seed("c", &["https://claude.ai/api/mcp/auth_callback"]);
    let env = Env::new();
    let out = cmd(&env, &fake)
        .args(["client", "delete", "cl_0001"])
        .output()
        .unwrap();
    assert_fails_with(&out, 2, "--yes");
    assert!(fake.requests().await.is_empty());

    run_ok(cmd(&env, &fake).args(["client", "delete", "cl_0001", "--yes"]));
    assert!(fake.st.all().is_empty());
}

// ----- the carto-cli backend ------------------------------------------------------

/// A fake `carto` that appends its argv (one argument a line, then `--`)
/// and whether it got a token to `log`, and prints canned JSON.
fn fake_carto(dir: &std::path::Path, fail: bool) -> std::path::PathBuf {
    let log = dir.join("argv.log");
    let script = format!(
        r#"#!/bin/sh
for a in "$@"; do printf '%s\n' "$a" >> '{log}'; done
echo "-- token:${{CARTO_API_TOKEN:+yes}}" >> '{log}'
if [ "{fail}" = "true" ]; then echo "Error: title already taken" >&2; exit 1; fi
op=""; prev=""
for a in "$@"; do [ "$prev" = credentials ] && op="$a"; prev="$a"; done
case "$op" in
  create) echo '{{"clientId": "cli_0001", "clientSecret": "cli_secret_{tail}"}}' ;;
  list) echo 'Fetching...'; echo '{{"results": [{{"client_id": "cli_0001", "title": "Claude", "callbacks": "https://claude.ai/api/mcp/auth_callback", "client_secret": "cli_secret_{tail}", "created_at": "2026-01-02T03:04:05Z"}}]}}' ;;
  get) echo '{{"id": "cli_0001", "name": "Claude", "allowed_callback_urls": ["https://claude.ai/api/mcp/auth_callback"], "clientSecret": "cli_secret_{tail}"}}' ;;
esac
"#,
        log = log.display(),
        tail = SECRET_TAIL,
    );
    let p = dir.join("carto");
    std::fs::write(&p, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    log
}

/// `carto-mcp` with the fake `carto` in `bin` first on PATH.
fn carto_cli_cmd(env: &Env, bin: &std::path::Path) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("PATH", path_with(bin));
    c
}

fn path_with(dir: &std::path::Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

#[test]
fn carto_cli_backend_argv_and_parsing() {
    let env = Env::new();
    let bin = tempfile::tempdir().unwrap();
    let log = fake_carto(bin.path(), false);
    // `auto` picks carto-cli when `carto` is on PATH; no token of ours: the
    // CLI uses its own login.
    let out = run_ok(
        carto_cli_cmd(&env, bin.path())
            .env("CARTO_MCP_BACKEND", "auto")
            .args([
                "client",
                "create",
                "--platform",
                "mcpjam",
                "--callback",
                "https://x.example/cb",
                "--logout-url",
                "https://x.example/bye",
                "--name",
                "Jam",
                "--json",
            ]),
    );
    let argv = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        argv.lines().collect::<Vec<_>>(),
        [
            "credentials",
            "create",
            "spa",
            "--title",
            "Jam",
            "--callback",
            "http://127.0.0.1:6274/oauth/callback/debug",
            "--callback",
            "http://127.0.0.1:6274/oauth/callback",
            "--callback",
            "https://x.example/cb",
            "--logout-url",
            "https://x.example/bye",
            "--json",
            "-- token:",
        ]
    );
    let v = json_of(&out);
    assert_eq!(v["client_id"], "cli_0001");
    assert_eq!(v["client_secret"], format!("cli_secret_{SECRET_TAIL}"));
    assert_eq!(v["backend"], "carto-cli");
    assert_eq!(v["name"], "Jam");

    // list: snake_case, a comma-joined string, a line before the JSON, a
    // secret that must not be shown; the token goes by env, not argv.
    std::fs::remove_file(&log).unwrap();
    let out = run_ok(
        carto_cli_cmd(&env, bin.path())
            .env("CARTO_API_TOKEN", user_token())
            .args([
                "--backend",
                "carto-cli",
                "--profile",
                "prod",
                "client",
                "list",
                "--json",
            ]),
    );
    let argv = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        argv.lines().collect::<Vec<_>>(),
        [
            "--profile",
            "prod",
            "credentials",
            "list",
            "spa",
            "--json",
            "-- token:yes"
        ]
    );
    assert!(!argv.contains(&user_token()));
    assert!(!both(&out).contains(SECRET_TAIL));
    let v = json_of(&out);
    assert_eq!(v[0]["client_id"], "cli_0001");
    assert_eq!(v[0]["name"], "Claude");
    assert_eq!(v[0]["platforms"], json!(["claude"]));

    // get, masked.
    let out = carto_cli_cmd(&env, bin.path())
        .args([
            "--backend",
            "carto-cli",
            "client",
            "show",
            "cli_0001",
            "--json",
        ])
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(
        v["callbacks"],
        json!(["https://claude.ai/api/mcp/auth_callback"])
    );
    assert_eq!(v["client_secret_masked"], "cli_********");
}

#[test]
fn carto_cli_failure_shows_its_stderr() {
    let env = Env::new();
    let bin = tempfile::tempdir().unwrap();
    fake_carto(bin.path(), true);
    let out = carto_cli_cmd(&env, bin.path())
        .args([
            "--backend",
            "carto-cli",
            "client",
            "create",
            "--platform",
            "claude",
        ])
        .output()
        .unwrap();
    assert_fails_with(&out, 4, "title already taken");
}

#[tokio::test]
async fn a_proxy_in_the_environment_is_not_used_for_loopback() {
    // A proxy that does not exist: if loopback requests went through it,
    // the list would fail to connect.
    let fake = Fake::start().await;
    fake.seed("Jam", &["http://127.0.0.1:6274/oauth/callback"]);
    let env = Env::new();
    let out = run_ok(
        cmd(&env, &fake)
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("ALL_PROXY", "http://127.0.0.1:9")
            .args(["client", "list", "--json"]),
    );
    let v = json_of(&out);
    assert_eq!(v.as_array().unwrap().len(), 1);
}
