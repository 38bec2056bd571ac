//! `carto-mcp auth login` against the stack's authorization server: the
//! same engine as `check`, the tokens stored 0600 where `auth status` and
//! the client commands find them.

use serde_json::{Value, json};

use assert_cmd::Command;

use crate::common::{Env, assert_fails_with, run_ok, stderr};
use crate::stack::{Stack, free_port, unique_id};

fn public_client(stack: &Stack, interaction: &str) -> (String, String) {
    let id = unique_id("login");
    let redirect = format!("http://127.0.0.1:{}/callback/", free_port());
    stack.put_client(
        &id,
        json!({
            "token_endpoint_auth_method": "none",
            "redirect_uris": [redirect],
            "interaction": interaction,
        }),
    );
    (id, redirect)
}

/// `carto-mcp auth login` at the stack's AS with client `id` and its
/// `redirect` URI, then `extra`.
fn login(env: &Env, stack: &Stack, id: &str, redirect: &str, extra: &[&str]) -> Command {
    let mut c = env.cmd();
    c.args(["auth", "login", "--auth-url", &stack.as_url])
        .args(["--client-id", id, "--redirect-uri", redirect])
        .args(extra);
    c
}

fn assert_stored(env: &Env, id: &str) {
    let p = env.path(".config/carto-mcp/login.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert!(v["access_token"].as_str().unwrap().len() > 20, "{v}");
    assert_eq!(v["client_id"], id);
    assert!(v["expires_at"].as_i64().unwrap() > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The client commands' credential lookup finds it.
    let o = run_ok(env.cmd().args(["auth", "status"]));
    assert!(
        stderr(&o).contains("auth login")
            || String::from_utf8_lossy(&o.stdout).contains("auth login")
    );
}

#[test]
fn login_over_http_stores_the_token_0600() {
    let stack = Stack::from_env();
    let env = Env::new();
    let (id, redirect) = public_client(&stack, "approve");
    let o = run_ok(&mut login(
        &env,
        &stack,
        &id,
        &redirect,
        &["--browser", "http"],
    ));
    assert!(stderr(&o).contains("Logged in to CARTO"), "{}", stderr(&o));
    assert_stored(&env, &id);
}

#[test]
fn login_in_the_real_browser() {
    let stack = Stack::from_env();
    let env = Env::new();
    let (id, redirect) = public_client(&stack, "browser");
    run_ok(login(&env, &stack, &id, &redirect, &[]).env("BROWSER", &stack.browser));
    assert_stored(&env, &id);
}

#[test]
fn a_denied_login_is_exit_3_and_stores_nothing() {
    let stack = Stack::from_env();
    let env = Env::new();
    let (id, redirect) = public_client(&stack, "deny");
    let o = login(&env, &stack, &id, &redirect, &["--browser", "http"])
        .output()
        .unwrap();
    assert_fails_with(&o, 3, "access_denied");
    assert!(!env.path(".config/carto-mcp/login.json").exists());
}
