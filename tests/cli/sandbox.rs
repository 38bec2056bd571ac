//! Tests of `carto-mcp sandbox`: the real binary started as a separate
//! process, driven by the other commands through the environment it prints.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{Env, assert_exit, diagnose_live, json_of, run_ok, stderr, stdout};

/// A `carto-mcp sandbox` process; killed when dropped, even when a test
/// fails half-way.
struct Running {
    child: Child,
    /// What it printed on stdout until it was ready.
    stdout: String,
    /// The `export` line's variables.
    env: Vec<(String, String)>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn var(&self, k: &str) -> String {
        self.env
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{k} not in the printed env: {}", self.stdout))
    }

    fn mcp_url(&self) -> String {
        let line = self
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with("MCP server"))
            .expect("an MCP server line");
        line.split_whitespace().last().unwrap().to_string()
    }

    fn logs(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The log once it shows `needle` (it is written a moment after the
    /// answer), within a bound.
    fn logs_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let logs = self.logs();
            if logs.contains(needle) || Instant::now() > deadline {
                return logs;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The binary with the same clean environment as `Env::cmd`.
fn std_cmd(env: &Env) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_carto-mcp"));
    c.env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_HOME", env.home().join(".config"))
        .env("XDG_CACHE_HOME", env.home().join(".cache"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120");
    c
}

/// Starts `carto-mcp sandbox <args>` and reads its stdout until the
/// `export` line (or the end of the JSON document with `--json`), within a
/// bound.
fn start(env: &Env, args: &[&str], json: bool) -> Running {
    let mut child = std_cmd(env)
        .arg("sandbox")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn carto-mcp sandbox");
    // Drain stderr (the request log) so the pipe never fills up.
    let logs = Arc::new(Mutex::new(String::new()));
    let mut err = child.stderr.take().unwrap();
    let sink = logs.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut running = Running {
        child,
        stdout: String::new(),
        env: Vec::new(),
        stderr: logs,
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = match rx.recv_timeout(left) {
            Ok(l) => l,
            Err(_) => panic!(
                "the sandbox did not get ready; stdout:\n{}\nstderr:\n{}",
                running.stdout,
                running.logs()
            ),
        };
        running.stdout.push_str(&line);
        running.stdout.push('\n');
        if json && line == "}" {
            break;
        }
        if !json && let Some(rest) = line.trim_start().strip_prefix("export ") {
            running.env = rest
                .split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            break;
        }
    }
    running
}

/// `carto-mcp` pointed at the sandbox through its printed environment.
fn cli(env: &Env, sb: &Running) -> assert_cmd::Command {
    let mut c = env.cmd();
    for (k, v) in &sb.env {
        c.env(k, v);
    }
    c
}

/// `client create --platform inspector` through the sandbox: the created
/// client's JSON.
fn create_inspector_client(env: &Env, sb: &Running) -> serde_json::Value {
    let o = cli(env, sb)
        .args([
            "client",
            "create",
            "--platform",
            "inspector",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stderr(&o), sb.logs());
    json_of(&o)
}

#[test]
fn sandbox_serves_the_client_commands_through_its_printed_env() {
    let env = Env::new();
    let sb = start(&env, &["--port", "0", "--auto-approve"], false);
    assert!(sb.var("CARTO_MCP_API_URL").starts_with("http://127.0.0.1:"));
    assert_eq!(sb.var("CARTO_MCP_BACKEND"), "api");
    let base = sb.var("CARTO_MCP_API_URL");
    let shown = sb
        .stdout
        .replace(&base, "http://127.0.0.1:[PORT]")
        .replace(&sb.var("CARTO_API_TOKEN"), "[API_TOKEN]");
    insta::assert_snapshot!("sandbox_banner", shown);
    assert!(
        sb.stdout
            .contains(&format!("{}/mcp/ac_sandbox", sb.var("CARTO_MCP_API_URL")))
    );

    let created = create_inspector_client(&env, &sb);
    let id = created["client_id"].as_str().unwrap().to_string();
    assert!(
        created["client_secret"]
            .as_str()
            .is_some_and(|s| s.len() >= 32)
    );
    assert_eq!(
        created["callbacks"],
        serde_json::json!(["http://localhost:8000/callback"])
    );

    let o = run_ok(cli(&env, &sb).args(["client", "list"]));
    assert!(stdout(&o).contains(&id), "{}", stdout(&o));

    // A name the contract refuses never leaves the CLI (exit 2, nothing sent).
    let o = cli(&env, &sb)
        .args(["client", "create", "--platform", "claude", "--name"])
        .arg("x".repeat(101))
        .output()
        .unwrap();
    assert_exit(&o, 2);

    run_ok(cli(&env, &sb).args(["--yes", "client", "delete", &id]));
    let o = cli(&env, &sb).args(["client", "list"]).output().unwrap();
    assert!(!stdout(&o).contains(&id), "{}", stdout(&o));
    let logs = sb.logs_with("DELETE /oauth-clients/");
    assert_eq!(
        logs.matches("POST /oauth-clients →").count(),
        1,
        "one create reached the sandbox:\n{logs}"
    );
    assert!(logs.contains("DELETE /oauth-clients/"), "{logs}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let env = Env::new();
    let o = env
        .cmd()
        .args(["sandbox", "--port", &port.to_string()])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_exit(&o, 1);
    let e = stderr(&o);
    assert!(
        e.contains(&format!("port {port}")) && e.contains("already in use"),
        "{e}"
    );
    assert!(e.contains("--port 0"), "{e}");
}

#[test]
fn json_describes_every_url_and_the_env() {
    let env = Env::new();
    let sb = start(&env, &["--port", "0", "--json"], true);
    let doc: serde_json::Value = serde_json::from_str(&sb.stdout).unwrap();
    let base = doc["base"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:"));
    assert_eq!(doc["mcp_url"], format!("{base}/mcp/ac_sandbox"));
    assert_eq!(doc["issuer"], base);
    assert_eq!(
        doc["protected_resource_metadata"],
        format!("{base}/.well-known/oauth-protected-resource/mcp/ac_sandbox")
    );
    assert_eq!(doc["auto_approve"], false);
    assert!(
        doc["api_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("eyJ"))
    );
    assert_eq!(doc["env"]["CARTO_MCP_API_URL"], base);
    assert_eq!(doc["env"]["CARTO_API_TOKEN"], doc["api_token"]);
    assert_eq!(doc["env"]["CARTO_MCP_BACKEND"], "api");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly() {
    let env = Env::new();
    let mut sb = start(&env, &["--port", "0"], false);
    let pid = sb.child.id().to_string();
    let ok = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(ok.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = sb.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    // The stderr thread may still be reading the last bytes.
    let logs = sb.logs_with("Sandbox stopped");
    assert!(logs.contains("Sandbox stopped"), "{logs}");
}

#[test]
fn check_and_diagnose_work_against_the_sandbox_through_its_printed_env() {
    let env = Env::new();
    let sb = start(&env, &["--port", "0", "--auto-approve"], false);
    let mcp = sb.mcp_url();
    let created = create_inspector_client(&env, &sb);
    let id = created["client_id"].as_str().unwrap().to_string();

    // `check` of the sandbox's MCP server with that client, headless.
    let check = |extra: &[&str]| {
        cli(&env, &sb)
            .args(["check", &mcp, "--client-id", &id, "--browser", "http"])
            .args(extra)
            .output()
            .unwrap()
    };

    // The whole login, headless: the secret comes from the backend.
    let o = check(&["--json"]);
    assert!(
        o.status.success(),
        "{}\n{}\n{}",
        stdout(&o),
        stderr(&o),
        sb.logs()
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["tools"].as_array().unwrap().len(), 3);
    assert!(
        report["token"]["aud"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == mcp.as_str()),
        "{report:#}"
    );

    // The permission error of a workflow is a failed check that says so.
    let o = check(&["--call", "get_sales_by_region_v1_0_0"]);
    assert_exit(&o, 5);
    assert!(
        format!("{}{}", stdout(&o), stderr(&o)).contains("does not have permission"),
        "{}",
        stderr(&o)
    );

    // A platform the client lacks: diagnose explains and names the fix…
    let o = cli(&env, &sb)
        .args(["diagnose", "--client-id", &id, "--platform", "chatgpt"])
        .output()
        .unwrap();
    assert_exit(&o, 5);
    assert!(
        stdout(&o).contains(&format!("client update {id} --add-platform chatgpt")),
        "{}",
        stdout(&o)
    );
    // …the live probe sees the sandbox refuse it with Auth0's words…
    let o = diagnose_live(&mut cli(&env, &sb), &mcp, &id, &["--platform", "chatgpt"]);
    assert_exit(&o, 5);
    assert!(
        stdout(&o).contains("Callback URL mismatch."),
        "{}",
        stdout(&o)
    );
    // …and after the fix, accept it.
    run_ok(cli(&env, &sb).args([
        "client",
        "update",
        &id,
        "--add-platform",
        "chatgpt",
        "--yes",
    ]));
    let o = diagnose_live(&mut cli(&env, &sb), &mcp, &id, &["--platform", "chatgpt"]);
    assert_exit(&o, 0);
    assert!(stdout(&o).contains("accepted"), "{}", stdout(&o));
}

#[test]
fn auth_login_against_the_sandbox_stands_in_for_a_carto_login() {
    let env = Env::new();
    let sb = start(&env, &["--port", "0", "--auto-approve"], false);
    let issuer = sb.var("CARTO_MCP_AUTH_URL");
    // Only the API URL and backend: the token comes from the login.
    let cmd = || {
        let mut c = env.cmd();
        c.env("CARTO_MCP_API_URL", sb.var("CARTO_MCP_API_URL"));
        c
    };
    let o = cmd()
        .args(["auth", "login", "--auth-url", &issuer, "--browser", "http"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stderr(&o), sb.logs());
    let o = run_ok(cmd().args(["auth", "status"]));
    assert!(stdout(&o).contains("auth0|sandbox-user"), "{}", stdout(&o));
    run_ok(cmd().args([
        "client",
        "create",
        "--platform",
        "mcpjam",
        "--output",
        "json",
    ]));
}
