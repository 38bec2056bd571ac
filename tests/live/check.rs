//! `carto-mcp check` against the real stack: each scenario of the issue's
//! "done when" list.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{Env, assert_exit, json_of, stderr, stdout, step_ids};
use crate::fake_api::{self, FakeApi};
use crate::stack::{Stack, TestClient};

fn step<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step {id} in {report:#}"))
}

fn failed_step(report: &Value) -> &Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["outcome"] == "fail")
        .unwrap_or_else(|| panic!("no failed step in {report:#}"))
}

fn hints(step: &Value) -> String {
    step["hints"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// A `$BROWSER` that only records that it was called.
fn recording_browser(env: &Env) -> (PathBuf, PathBuf) {
    let script = env.path("record-browser.sh");
    let log = env.path("browser-opened");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\nexit 1\n", log.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (script, log)
}

/// Exit 5, and the report.
#[track_caller]
fn assert_check_failed(o: &std::process::Output) -> Value {
    assert_exit(o, 5);
    json_of(o)
}

/// The report's failed step, which must be `id`.
#[track_caller]
fn failed_at<'a>(report: &'a Value, id: &str) -> &'a Value {
    let s = failed_step(report);
    assert_eq!(s["id"], id, "{report:#}");
    s
}

fn detail(step: &Value) -> &str {
    step["detail"].as_str().unwrap_or_default()
}

/// `check` of the scenario `account` with a fresh client the AS answers
/// with `interaction`, over HTTP (no browser), `--json` and `extra`: it
/// fails (exit 5); its report.
#[track_caller]
fn failed_check_over_http(interaction: &str, account: &str, extra: &[&str]) -> Value {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client(interaction);
    assert_check_failed(&check_over_http(&stack, &env, &c, account, extra))
}

/// `check` of the scenario `account` with client `c` over HTTP (no
/// browser), `--json` and `extra`.
fn check_over_http(
    stack: &Stack,
    env: &Env,
    c: &TestClient,
    account: &str,
    extra: &[&str],
) -> std::process::Output {
    let args = [&["--browser", "http", "--json"][..], extra].concat();
    c.check(env, &stack.mcp(account), &args).output().unwrap()
}

/// Exit 0, and the report.
#[track_caller]
fn assert_check_passed(o: &std::process::Output) -> Value {
    assert_exit(o, 0);
    json_of(o)
}

#[test]
fn success_through_the_real_browser() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("browser");
    let o = c
        .check(&env, &stack.mcp("ac_good"), &[])
        .env("BROWSER", &stack.browser)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "stderr:\n{err}");
    for t in ["list_tables", "run_workflow", "add_numbers"] {
        assert!(stdout(&o).contains(t), "{}", stdout(&o));
    }
    // Every step is numbered and timed; the URL was shown.
    assert!(err.contains(" 6. ✓ Authorization in the browser"), "{err}");
    assert!(err.contains("10. ✓ MCP tools/list"), "{err}");
    assert!(err.matches(" ms").count() >= 10, "{err}");
    assert!(err.contains("response_type=code"), "{err}");
    assert!(err.contains("check passed"), "{err}");
}

#[test]
fn success_over_http_with_the_json_and_junit_reports() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("approve");
    let junit = env.path("report.xml");
    let o = check_over_http(
        &stack,
        &env,
        &c,
        "ac_good",
        &[
            "--junit",
            junit.to_str().unwrap(),
            "--call",
            "add_numbers",
            "--args",
            r#"{"a": 2, "b": 40}"#,
        ],
    );
    let r = assert_check_passed(&o);
    assert_eq!(r["schema"], 1);
    assert_eq!(r["verdict"], "pass");
    assert_eq!(r["exit_code"], 0);
    assert_eq!(r["server_url"], stack.mcp("ac_good"));
    assert_eq!(r["budgets"]["request_ms"], 10000);
    assert_eq!(
        step_ids(&r),
        [
            "probe",
            "resource-metadata",
            "auth-server-metadata",
            "client",
            "redirect-uri",
            "authorize",
            "callback",
            "token",
            "initialize",
            "tools-list",
            "tools-call"
        ]
    );
    for s in r["steps"].as_array().unwrap() {
        assert_eq!(s["outcome"], "pass", "{s}");
        assert!(s["duration_ms"].is_u64(), "{s}");
        assert!(s["title"].is_string());
    }
    let tools: Vec<&str> = r["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tools, ["list_tables", "run_workflow", "add_numbers"]);
    assert_eq!(r["call"]["tool"], "add_numbers");
    assert_eq!(r["call"]["text"], "42");
    assert_eq!(r["client"]["client_id"], c.id.as_str());
    assert_eq!(r["client"]["auth_method"], "client_secret_basic");
    assert_eq!(r["token"]["account_id"], "ac_good");
    assert_eq!(r["token"]["aud"][0], stack.mcp("ac_good"));
    assert!(r["hints"].as_array().unwrap().is_empty());
    assert!(r.get("access_token").is_none());
    let x = std::fs::read_to_string(&junit).unwrap();
    assert!(
        x.contains("<testsuites") && x.contains("tests=\"11\" failures=\"0\""),
        "{x}"
    );
}

#[test]
fn a_client_without_a_loopback_callback_stops_then_yes_adds_it() {
    // The only test that binds localhost:8000 (the inspector preset).
    let stack = Stack::from_env();
    let env = Env::new();
    let api = FakeApi::start(&stack.as_admin);
    let id = crate::stack::unique_id("noloop");
    let claude = "https://claude.ai/api/mcp/auth_callback";
    api.seed(&id, "s3cret-noloop", &[claude]);
    let (browser, opened) = recording_browser(&env);
    let run = |extra: &[&str], browser: &str| {
        let mut c = env.cmd();
        c.args(["check", &stack.mcp("ac_good"), "--client-id", &id, "--json"])
            .args(["--api-url", &api.url])
            .args(extra)
            .env("CARTO_API_TOKEN", fake_api::TOKEN)
            .env("BROWSER", browser);
        c.output().unwrap()
    };

    let r = assert_check_failed(&run(&[], browser.to_str().unwrap()));
    let h = hints(failed_at(&r, "redirect-uri"));
    assert!(
        h.contains(&format!(
            "carto-mcp client update {id} --add-platform inspector"
        )),
        "{h}"
    );
    assert!(h.contains("--yes"), "{h}");
    assert!(!opened.exists(), "the browser was opened");
    assert!(
        api.patches().is_empty(),
        "the client was changed without --yes"
    );

    let r = assert_check_passed(&run(&["--yes"], &stack.browser));
    assert_eq!(r["verdict"], "pass");
    assert_eq!(
        r["client"]["redirect_uri"],
        "http://localhost:8000/callback"
    );
    assert_eq!(
        api.callbacks(&id),
        [claude, "http://localhost:8000/callback"]
    );
    // The secret came from the backend: it was never given.
    assert_eq!(r["client"]["auth_method"], "client_secret_basic");
}

#[test]
fn a_wrong_client_secret_fails_at_the_token_request() {
    let stack = Stack::from_env();
    let env = Env::new();
    let mut c = stack.client("approve");
    c.secret = "not-the-secret".into();
    let r = assert_check_failed(&check_over_http(&stack, &env, &c, "ac_good", &[]));
    let s = failed_at(&r, "token");
    assert!(detail(s).contains("invalid_client"), "{s}");
    assert!(hints(s).contains("secret is wrong"), "{s}");
}

#[test]
fn consent_denied_in_the_real_browser() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("browser");
    let o = c
        .check(&env, &stack.mcp("ac_good"), &["--json"])
        .env("BROWSER", &stack.browser)
        .env("E2E_BROWSER_ACTION", "deny")
        .output()
        .unwrap();
    let r = assert_check_failed(&o);
    let s = failed_at(&r, "callback");
    assert!(detail(s).contains("access_denied"), "{s}");
    assert!(hints(s).contains("declined"), "{s}");
}

#[test]
fn consent_denied_by_the_server() {
    let r = failed_check_over_http("deny", "ac_good", &[]);
    failed_at(&r, "callback");
}

#[test]
fn a_resource_mismatch_stops_before_any_authorization_request() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("approve");
    let (browser, opened) = recording_browser(&env);
    let o = c
        .check(&env, &stack.mcp("ac_mismatch"), &["--json"])
        .env("BROWSER", &browser)
        .output()
        .unwrap();
    let r = assert_check_failed(&o);
    let s = failed_at(&r, "resource-metadata");
    assert!(detail(s).contains("https://evil.example.com/mcp"), "{s}");
    assert!(hints(s).contains("no authorization request was sent"));
    assert!(!opened.exists(), "the browser was opened");
    assert!(!step_ids(&r).contains(&"authorize"), "{r:#}");
}

#[test]
fn an_authorization_server_without_s256_is_refused() {
    let r = failed_check_over_http("approve", "ac_nos256", &[]);
    let s = failed_at(&r, "auth-server-metadata");
    assert!(detail(s).contains("S256"), "{s}");
    assert!(hints(s).contains("code_challenge_methods_supported"));
}

#[test]
fn a_token_for_the_wrong_audience_suggests_audience() {
    let r = failed_check_over_http("approve", "ac_wrongaud", &[]);
    let s = failed_at(&r, "initialize");
    assert!(hints(s).contains("--audience"), "{s}");
    assert_eq!(step(&r, "token")["outcome"], "warn");
}

#[test]
fn zero_tools_explains_publishing_and_syncing() {
    let r = failed_check_over_http("approve", "ac_empty", &[]);
    let h = hints(failed_at(&r, "tools-list"));
    assert!(
        h.contains("published as an MCP tool") && h.contains("synced"),
        "{h}"
    );
}

#[test]
fn a_tool_slower_than_the_budget_is_named() {
    let r = failed_check_over_http(
        "approve",
        "ac_good",
        &[
            "--call",
            "run_workflow",
            "--args",
            r#"{"delay_ms":1500}"#,
            "--budget",
            "1",
        ],
    );
    let s = failed_at(&r, "tools-call");
    assert!(detail(s).contains("run_workflow took"), "{s}");
    assert_eq!(s["budget_ms"], 1000);
    assert!(hints(s).contains("Async mode"), "{s}");
    assert_eq!(r["call"]["tool"], "run_workflow");
}

#[test]
fn forbidden_tools_list_explains_the_users_permissions() {
    let r = failed_check_over_http("approve", "ac_forbidden", &[]);
    let s = failed_at(&r, "tools-list");
    assert!(hints(s).contains("logged-in user's permissions"), "{s}");
}

#[test]
fn the_token_and_the_secret_never_reach_stderr_at_vv() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("approve");
    let o = check_over_http(&stack, &env, &c, "ac_good", &["--show-token", "-vv"]);
    let r = assert_check_passed(&o);
    let token = r["access_token"].as_str().expect("--show-token prints it");
    assert!(token.len() > 20);
    let err = stderr(&o);
    // -vv really traced the exchange...
    assert!(err.contains("POST") && err.contains("/token"), "{err}");
    // ...without the secrets.
    assert!(!err.contains(token), "the token is on stderr");
    assert!(!err.contains(&c.secret), "the secret is on stderr");
    let payload = token.split('.').nth(1).unwrap();
    assert!(!err.contains(payload), "part of the token is on stderr");
    // Nor the authorization code (the redirect's Location at -vv).
    assert!(err.contains("location:"), "{err}");
    for line in err.lines().filter(|l| l.contains("code=")) {
        assert!(line.contains("code=[redacted]"), "a code on stderr: {line}");
    }
}

#[test]
fn without_show_token_the_token_is_nowhere() {
    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("approve");
    let o = c
        .check(&env, &stack.mcp("ac_good"), &["--browser", "http", "-v"])
        .output()
        .unwrap();
    assert!(o.status.success(), "stderr:\n{}", stderr(&o));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!all.contains("eyJ"), "{all}");
}

#[test]
fn no_browser_prints_the_url_and_waits_for_the_login() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    let stack = Stack::from_env();
    let env = Env::new();
    let c = stack.client("browser");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("carto-mcp"));
    cmd.env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_HOME", env.path(".config"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .args(["check", &stack.mcp("ac_good"), "--no-browser", "--json"])
        .args(["--client-id", &c.id, "--client-secret-stdin"])
        .args(["--redirect-uri", &c.redirect, "--login-timeout", "60"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(c.secret.as_bytes())
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("stderr ended before the authorization URL was printed");
        };
        let t = line.trim();
        if t.starts_with(&stack.as_url) && t.contains("code_challenge=") {
            break t.to_string();
        }
    };
    // The user opens the printed URL.
    let b = std::process::Command::new(&stack.browser)
        .arg(&url)
        .output()
        .unwrap();
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", rest.join("\n"));
    let r = json_of(&o);
    assert_eq!(r["verdict"], "pass");
}

#[test]
fn an_unregistered_redirect_uri_is_explained_not_waited_for() {
    let stack = Stack::from_env();
    let env = Env::new();
    let mut c = stack.client("browser");
    c.redirect = format!("http://127.0.0.1:{}/callback", crate::stack::free_port());
    let o = c
        .check(
            &env,
            &stack.mcp("ac_good"),
            &["--json", "--login-timeout", "60"],
        )
        .env("BROWSER", &stack.browser)
        .output()
        .unwrap();
    let r = assert_check_failed(&o);
    let s = failed_at(&r, "authorize");
    assert!(detail(s).contains("Callback URL mismatch"), "{s}");
    assert!(hints(s).contains("carto-mcp diagnose"), "{s}");
}

#[test]
fn a_redirect_uri_that_differs_from_the_registered_one_is_named_by_the_comparator() {
    // The client has 127.0.0.1; the user passes localhost on the same port.
    let stack = Stack::from_env();
    let env = Env::new();
    let api = FakeApi::start(&stack.as_admin);
    let id = crate::stack::unique_id("lhost");
    let port = crate::stack::free_port();
    let registered = format!("http://127.0.0.1:{port}/callback");
    let sent = format!("http://localhost:{port}/callback");
    api.seed(&id, "s3cret-lhost", &[&registered]);
    let o = env
        .cmd()
        .args(["check", &stack.mcp("ac_good"), "--client-id", &id, "--json"])
        .args(["--api-url", &api.url, "--redirect-uri", &sent])
        .args(["--browser", "http"])
        .env("CARTO_API_TOKEN", fake_api::TOKEN)
        .output()
        .unwrap();
    let r = assert_check_failed(&o);
    let s = step(&r, "redirect-uri");
    assert_eq!(s["outcome"], "warn", "{s}");
    let h = hints(s);
    assert!(h.contains(&registered), "{h}");
    assert!(h.contains("localhost") && h.contains("127.0.0.1"), "{h}");
    assert!(
        h.contains(&format!(
            "carto-mcp client update {id} --add-callback {sent}"
        )),
        "{h}"
    );
}
