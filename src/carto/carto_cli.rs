//! The `carto-cli` backend: drives the official `carto` CLI
//! (`carto credentials … spa … --json`), the one path known to work against
//! CARTO today.
//!
//! No secret ever goes into the child's argv: the CARTO token, when we have
//! one, goes by env `CARTO_API_TOKEN`; otherwise the CLI uses its own login.
//! Its JSON is not documented, so it is read tolerantly
//! ([`super::types::parse_client`]); on failure its stderr is shown.
//!
//! Assumptions, as the CLI's docs leave them open: `--profile NAME` is a
//! global option and goes before the subcommand; `update` takes the same URL
//! flags as `create` and each given list replaces the client's list (so we
//! pass whole lists, and read the client back with `get`, since what
//! `update` prints is not documented).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::types::{parse_client, parse_client_list};
use super::{ApiError, ClientBackend, ClientPatch, NewClient, OAuthClient};

pub struct CartoCliBackend {
    program: PathBuf,
    token: Option<SecretString>,
    profile: Option<String>,
    timeout: Duration,
}

/// Finds `carto` on PATH.
pub fn find_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(if cfg!(windows) { "carto.cmd" } else { "carto" }))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    let Ok(m) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.is_file() && m.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        m.is_file()
    }
}

impl CartoCliBackend {
    /// `token`: passed to the child in env `CARTO_API_TOKEN` (None: the CLI
    /// uses its own login). `profile`: the CLI's `--profile`.
    pub fn new(
        program: PathBuf,
        token: Option<SecretString>,
        profile: Option<String>,
        timeout: Duration,
    ) -> Self {
        Self {
            program,
            token,
            profile,
            timeout,
        }
    }

    /// The argv (after the program) for each operation; public for tests and
    /// for `-v` messages. None holds a secret.
    pub fn create_args(new: &NewClient) -> Vec<String> {
        let mut a = vec![
            "credentials".into(),
            "create".into(),
            "spa".into(),
            "--title".into(),
            new.name.clone(),
        ];
        push_all(&mut a, "--callback", &new.callbacks);
        push_all(&mut a, "--logout-url", &new.allowed_logout_urls);
        push_all(&mut a, "--web-origin", &new.web_origins);
        push_all(&mut a, "--allowed-origin", &new.allowed_origins);
        if let Some(l) = &new.login_uri {
            a.extend(["--login-uri".into(), l.clone()]);
        }
        a.push("--json".into());
        a
    }

    pub fn update_args(id: &str, patch: &ClientPatch) -> Vec<String> {
        let mut a = vec![
            "credentials".into(),
            "update".into(),
            "spa".into(),
            id.to_string(),
        ];
        if let Some(n) = &patch.name {
            a.extend(["--title".into(), n.clone()]);
        }
        if let Some(v) = &patch.callbacks {
            push_all(&mut a, "--callback", v);
        }
        if let Some(v) = &patch.allowed_logout_urls {
            push_all(&mut a, "--logout-url", v);
        }
        if let Some(v) = &patch.web_origins {
            push_all(&mut a, "--web-origin", v);
        }
        if let Some(v) = &patch.allowed_origins {
            push_all(&mut a, "--allowed-origin", v);
        }
        a
    }

    async fn run(&self, args: Vec<String>, id: Option<&str>) -> Result<String, ApiError> {
        let mut cmd = tokio::process::Command::new(&self.program);
        if let Some(p) = &self.profile {
            cmd.arg("--profile").arg(p);
        }
        cmd.args(&args);
        if let Some(t) = &self.token {
            cmd.env("CARTO_API_TOKEN", t.expose_secret());
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        tracing::debug!(target: "carto_mcp::carto", "running {} {}", self.program.display(), args.join(" "));
        let out = tokio::time::timeout(self.timeout, cmd.output())
            .await
            .map_err(|_| ApiError::Cli {
                code: -1,
                stderr: format!(
                    "`carto {}` did not finish within {} s",
                    args.join(" "),
                    self.timeout.as_secs()
                ),
            })?
            .map_err(|e| ApiError::Cli {
                code: -1,
                stderr: format!("cannot run {}: {e}", self.program.display()),
            })?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            return Ok(stdout);
        }
        let mut stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        if stderr.is_empty() {
            stderr = stdout.trim().to_string();
        }
        if let Some(t) = &self.token {
            stderr = stderr.replace(t.expose_secret(), crate::redact::REDACTED);
        }
        let stderr = crate::redact::body(&stderr);
        let lower = stderr.to_lowercase();
        if [
            "401",
            "unauthorized",
            "not authenticated",
            "not logged in",
            "auth login",
            "token expired",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            return Err(ApiError::Unauthorized {
                description: stderr,
            });
        }
        if let Some(id) = id
            && (lower.contains("not found") || lower.contains("404"))
        {
            return Err(ApiError::NotFound { id: id.to_string() });
        }
        Err(ApiError::Cli {
            code: out.status.code().unwrap_or(-1),
            stderr,
        })
    }
}

fn push_all(a: &mut Vec<String>, flag: &str, values: &[String]) {
    for v in values {
        a.push(flag.to_string());
        a.push(v.clone());
    }
}

fn json(stdout: &str) -> Result<Value, ApiError> {
    // Some CLIs print a line of progress before the document: read from the
    // first brace or bracket.
    let start = stdout.find(['{', '[']).unwrap_or(0);
    serde_json::from_str(stdout[start..].trim()).map_err(|e| {
        ApiError::Parse(format!(
            "the CARTO CLI's output is not the JSON expected ({e})"
        ))
    })
}

impl ClientBackend for CartoCliBackend {
    fn name(&self) -> &'static str {
        "carto-cli"
    }

    async fn create(&self, new: &NewClient) -> Result<OAuthClient, ApiError> {
        let out = self.run(Self::create_args(new), None).await?;
        let v = json(&out)?;
        let mut c = parse_client(&v)?;
        // The CLI prints `{clientId, clientSecret}` only: the rest is what
        // was asked for.
        if c.name.is_empty() {
            c.name = new.name.clone();
        }
        if c.callbacks.is_empty() {
            c.callbacks = new.callbacks.clone();
        }
        if c.allowed_logout_urls.is_empty() {
            c.allowed_logout_urls = new.allowed_logout_urls.clone();
        }
        if c.web_origins.is_empty() {
            c.web_origins = new.web_origins.clone();
        }
        if c.allowed_origins.is_empty() {
            c.allowed_origins = new.allowed_origins.clone();
        }
        if c.login_uri.is_none() {
            c.login_uri = new.login_uri.clone();
        }
        Ok(c)
    }

    async fn list(&self) -> Result<Vec<OAuthClient>, ApiError> {
        let args = ["credentials", "list", "spa", "--json"]
            .map(String::from)
            .to_vec();
        let out = self.run(args, None).await?;
        let mut list = parse_client_list(&json(&out)?)?;
        for c in &mut list {
            c.client_secret = None;
        }
        Ok(list)
    }

    async fn get(&self, id: &str) -> Result<OAuthClient, ApiError> {
        let args = vec![
            "credentials".into(),
            "get".into(),
            "spa".into(),
            id.to_string(),
            "--json".into(),
        ];
        let out = self.run(args, Some(id)).await?;
        parse_client(&json(&out)?)
    }

    async fn update(&self, id: &str, patch: &ClientPatch) -> Result<OAuthClient, ApiError> {
        self.run(Self::update_args(id, patch), Some(id)).await?;
        // What `update` prints is not documented: read the client back.
        self.get(id).await
    }

    async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let args = vec![
            "credentials".into(),
            "delete".into(),
            "spa".into(),
            id.to_string(),
        ];
        self.run(args, Some(id)).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_argv_repeats_each_flag_and_holds_no_secret() {
        let new = NewClient {
            kind: "spa".into(),
            name: "Claude.ai MCP connection".into(),
            callbacks: vec!["https://a/cb".into(), "http://localhost:1/cb".into()],
            allowed_logout_urls: vec!["https://a/out".into()],
            web_origins: vec![],
            allowed_origins: vec!["https://a".into()],
            login_uri: None,
            use_default_urls: false,
        };
        assert_eq!(
            CartoCliBackend::create_args(&new),
            [
                "credentials",
                "create",
                "spa",
                "--title",
                "Claude.ai MCP connection",
                "--callback",
                "https://a/cb",
                "--callback",
                "http://localhost:1/cb",
                "--logout-url",
                "https://a/out",
                "--allowed-origin",
                "https://a",
                "--json"
            ]
        );
    }
}
