//! `carto-mcp auth login` against the stack's authorization server: the
//! same engine as `check`, the tokens stored 0600 where `auth status` and
//! the client commands find them.

use serde_json::{Value, json};

use crate::common::{Env, stderr};
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
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
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
    let o = env
        .cmd()
        .args([
            "auth",
            "login",
            "--auth-url",
            &stack.as_url,
            "--client-id",
            &id,
        ])
        .args(["--redirect-uri", &redirect, "--browser", "http"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Logged in to CARTO"), "{}", stderr(&o));
    assert_stored(&env, &id);
}

#[test]
fn login_in_the_real_browser() {
    let stack = Stack::from_env();
    let env = Env::new();
    let (id, redirect) = public_client(&stack, "browser");
    let o = env
        .cmd()
        .args([
            "auth",
            "login",
            "--auth-url",
            &stack.as_url,
            "--client-id",
            &id,
        ])
        .args(["--redirect-uri", &redirect])
        .env("BROWSER", &stack.browser)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_stored(&env, &id);
}

#[test]
fn a_denied_login_is_exit_3_and_stores_nothing() {
    let stack = Stack::from_env();
    let env = Env::new();
    let (id, redirect) = public_client(&stack, "deny");
    let o = env
        .cmd()
        .args([
            "auth",
            "login",
            "--auth-url",
            &stack.as_url,
            "--client-id",
            &id,
        ])
        .args(["--redirect-uri", &redirect, "--browser", "http"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("access_denied"), "{}", stderr(&o));
    assert!(!env.path(".config/carto-mcp/login.json").exists());
}
