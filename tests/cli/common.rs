//! The test environment: a fresh HOME and XDG dirs per test, no CARTO
//! variables from the developer's shell, no colour, the `api` backend unless
//! a test says otherwise.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Env {
    pub home: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// `carto-mcp` with a clean environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("carto-mcp").expect("binary");
        c.env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("XDG_CACHE_HOME", self.home().join(".cache"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120")
            .env("CARTO_MCP_BACKEND", "api");
        c
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.home().join(rel)
    }
}

/// stdout of a finished command, as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr of a finished command, as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// stdout of a finished command as JSON; on failure, both streams.
pub fn json_of(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(o),
            stderr(o)
        )
    })
}

/// The command ended with exit `code`; otherwise the failure shows both
/// streams.
#[track_caller]
pub fn assert_exit(o: &std::process::Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

/// The command ended with exit `code` and its stderr says `needle`.
#[track_caller]
pub fn assert_fails_with(o: &std::process::Output, code: i32, needle: &str) {
    assert_exit(o, code);
    let err = stderr(o);
    assert!(err.contains(needle), "{err}");
}

/// The ids of a `check --json` report's steps, in order.
pub fn step_ids(report: &serde_json::Value) -> Vec<&str> {
    report["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["id"].as_str().expect("a step id"))
        .collect()
}

/// Runs the command, which must succeed (else both streams are shown).
#[track_caller]
pub fn run_ok(c: &mut Command) -> std::process::Output {
    let o = c.output().expect("the command runs");
    assert_exit(&o, 0);
    o
}

/// Runs `diagnose --live MCP --client-id ID EXTRA` with `c`: the probe of a
/// client's redirect URIs at the MCP server's authorization server.
pub fn diagnose_live(
    c: &mut Command,
    mcp: &str,
    client_id: &str,
    extra: &[&str],
) -> std::process::Output {
    c.args(["diagnose", "--live", mcp, "--client-id", client_id])
        .args(extra)
        .output()
        .expect("the command runs")
}
