//! The report of a check: ordered steps with outcome, duration, budget,
//! redacted evidence and hints; the verdict; JSON (stable, `schema` 1) and
//! JUnit renderings.

use serde::Serialize;

use crate::error::ExitKind;
use crate::mcp::{CallSummary, ServerSummary, ToolSummary};
use crate::oauth::token::TokenSummary;

/// The outcome of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Warn,
    Fail,
    Skip,
}

/// One step of a check.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Stable identifier: probe, resource-metadata, auth-server-metadata,
    /// client, redirect-uri, authorize, callback, token, initialize,
    /// tools-list, tools-call (a step may repeat after a scope step-up).
    pub id: String,
    pub title: String,
    pub outcome: Outcome,
    pub duration_ms: u64,
    /// The time budget this step was held to, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_ms: Option<u64>,
    /// What was found, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The requests and answers behind it, secrets redacted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// What to change, for a failure or a warning.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
}

impl Step {
    pub fn new(id: &str, title: impl Into<String>) -> Self {
        Step {
            id: id.to_string(),
            title: title.into(),
            outcome: Outcome::Pass,
            duration_ms: 0,
            budget_ms: None,
            detail: None,
            evidence: Vec::new(),
            hints: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Pass,
    Fail,
}

/// The tool call of `--call`.
#[derive(Debug, Clone, Serialize)]
pub struct CallReport {
    pub tool: String,
    pub duration_ms: u64,
    pub budget_ms: u64,
    #[serde(flatten)]
    pub result: CallSummary,
}

/// Which client the login used (never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct ClientReport {
    pub client_id: String,
    pub registration: crate::oauth::registration::Registration,
    pub auth_method: crate::oauth::registration::ClientAuth,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Budgets {
    pub request_ms: u64,
    pub tool_call_ms: u64,
}

/// The whole result of a check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Version of this JSON shape.
    pub schema: u32,
    pub server_url: String,
    pub verdict: VerdictKind,
    pub exit_code: u8,
    pub total_ms: u64,
    pub budgets: Budgets,
    pub steps: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<ServerSummary>,
    pub tools: Vec<ToolSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<CallReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenSummary>,
    /// Every hint of the failed and warned steps, in order, without repeats.
    pub hints: Vec<String>,
    #[serde(skip)]
    pub exit_kind: ExitKind,
    /// The access token (for `--show-token` and `auth login`); never
    /// serialized.
    #[serde(skip)]
    pub access_token: Option<secrecy::SecretString>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.verdict == VerdictKind::Pass
    }

    pub fn failed_step(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.outcome == Outcome::Fail)
    }

    /// The report as JUnit XML: one test case per step.
    pub fn junit(&self) -> String {
        let esc = |s: &str| html_escape::encode_double_quoted_attribute(s).into_owned();
        let failures = self
            .steps
            .iter()
            .filter(|s| s.outcome == Outcome::Fail)
            .count();
        let skipped = self
            .steps
            .iter()
            .filter(|s| s.outcome == Outcome::Skip)
            .count();
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.push_str(&format!(
            "<testsuites name=\"carto-mcp check\" tests=\"{}\" failures=\"{failures}\" time=\"{:.3}\">\n",
            self.steps.len(),
            self.total_ms as f64 / 1000.0
        ));
        x.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{:.3}\">\n",
            esc(&self.server_url),
            self.steps.len(),
            self.total_ms as f64 / 1000.0
        ));
        for (i, s) in self.steps.iter().enumerate() {
            x.push_str(&format!(
                "    <testcase classname=\"carto-mcp.check\" name=\"{:02} {} ({})\" time=\"{:.3}\"",
                i + 1,
                esc(&s.title),
                esc(&s.id),
                s.duration_ms as f64 / 1000.0
            ));
            let mut body = String::new();
            let text = [
                s.detail.clone().unwrap_or_default(),
                s.evidence.join("\n"),
                s.hints
                    .iter()
                    .map(|h| format!("hint: {h}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
            match s.outcome {
                Outcome::Fail => body.push_str(&format!(
                    "      <failure message=\"{}\">{}</failure>\n",
                    esc(s.detail.as_deref().unwrap_or("failed")),
                    html_escape::encode_text(&text)
                )),
                Outcome::Skip => body.push_str("      <skipped/>\n"),
                Outcome::Warn | Outcome::Pass if !text.is_empty() => body.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    html_escape::encode_text(&text)
                )),
                _ => {}
            }
            if body.is_empty() {
                x.push_str("/>\n");
            } else {
                x.push_str(">\n");
                x.push_str(&body);
                x.push_str("    </testcase>\n");
            }
        }
        x.push_str("  </testsuite>\n</testsuites>\n");
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(steps: Vec<Step>) -> Report {
        Report {
            schema: 1,
            server_url: "https://h/mcp?a=1&b=<2>".into(),
            verdict: VerdictKind::Fail,
            exit_code: 5,
            total_ms: 1234,
            budgets: Budgets {
                request_ms: 10000,
                tool_call_ms: 10000,
            },
            steps,
            server: None,
            tools: Vec::new(),
            call: None,
            client: None,
            token: None,
            hints: Vec::new(),
            exit_kind: ExitKind::CheckFailed,
            access_token: None,
        }
    }

    #[test]
    fn junit_has_one_case_per_step_and_escapes() {
        let mut fail = Step::new("token", "Token request");
        fail.outcome = Outcome::Fail;
        fail.detail = Some("401 \"invalid_client\" <x>".into());
        fail.hints.push("check the secret & method".into());
        let mut skip = Step::new("initialize", "MCP initialize");
        skip.outcome = Outcome::Skip;
        let x = report(vec![Step::new("probe", "Probe"), fail, skip]).junit();
        assert!(
            x.contains("tests=\"3\" failures=\"1\" skipped=\"1\""),
            "{x}"
        );
        assert!(
            x.contains("name=\"https://h/mcp?a=1&amp;b=&lt;2&gt;\""),
            "{x}"
        );
        assert!(
            x.contains("<failure message=\"401 &quot;invalid_client&quot; &lt;x&gt;\">"),
            "{x}"
        );
        assert!(x.contains("hint: check the secret &amp; method"), "{x}");
        assert!(x.contains("<skipped/>"));
        assert!(x.contains("time=\"1.234\""));
    }

    #[test]
    fn the_json_never_holds_the_token() {
        let mut r = report(vec![]);
        r.access_token = Some(secrecy::SecretString::from("eyJsecret".to_string()));
        let j = serde_json::to_string(&r).unwrap();
        assert!(!j.contains("eyJsecret"));
        assert!(j.contains("\"schema\":1"));
    }
}
