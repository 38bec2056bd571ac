//! The running e2e stack, as its `E2E_*` variables describe it, and the
//! authorization server's admin API.

#![allow(dead_code)]

use std::net::TcpListener;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

use crate::common::Env;

pub struct Stack {
    pub as_url: String,
    pub mcp_base: String,
    pub as_admin: String,
    pub browser: String,
}

fn var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v,
        _ => panic!(
            "{name} is not set: start the e2e stack first (tests/e2e/stack.sh start && source tests/e2e/.state/env), or run scripts/test"
        ),
    }
}

impl Stack {
    pub fn from_env() -> Self {
        Stack {
            as_url: var("E2E_AS_URL"),
            mcp_base: var("E2E_MCP_BASE"),
            as_admin: var("E2E_AS_ADMIN"),
            browser: var("E2E_BROWSER"),
        }
    }

    /// The MCP URL of one scenario (`ac_good`, `ac_empty`, ...).
    pub fn mcp(&self, account: &str) -> String {
        format!("{}/mcp/{account}", self.mcp_base)
    }

    /// Creates (or replaces) a client at the AS.
    pub fn put_client(&self, id: &str, body: Value) -> Value {
        let url = format!("{}/clients/{id}", self.as_admin);
        block_on(async move {
            let r = reqwest::Client::new()
                .put(&url)
                .json(&body)
                .send()
                .await
                .expect("AS admin API");
            let status = r.status();
            let v: Value = r.json().await.expect("admin JSON");
            assert!(status.is_success(), "PUT {url}: {status} {v}");
            v
        })
    }

    /// A fresh confidential client with one loopback callback on a free
    /// port; `interaction` is browser, approve or deny.
    pub fn client(&self, interaction: &str) -> TestClient {
        let id = unique_id("check");
        let redirect = format!("http://127.0.0.1:{}/callback", free_port());
        let secret = format!("sec-{id}-{}", std::process::id());
        self.put_client(
            &id,
            json!({
                "client_secret": secret,
                "redirect_uris": [redirect],
                "interaction": interaction,
            }),
        );
        TestClient {
            id,
            secret,
            redirect,
        }
    }
}

pub struct TestClient {
    pub id: String,
    pub secret: String,
    pub redirect: String,
}

impl TestClient {
    /// `carto-mcp check URL` with this client (secret on stdin) and the
    /// given extra arguments.
    pub fn check(&self, env: &Env, url: &str, extra: &[&str]) -> assert_cmd::Command {
        let mut c = env.cmd();
        c.arg("check")
            .arg(url)
            .args(["--client-id", &self.id, "--client-secret-stdin"])
            .args(["--redirect-uri", &self.redirect])
            .args(extra)
            .write_stdin(self.secret.clone());
        c
    }
}

pub fn unique_id(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{}-{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}
