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
