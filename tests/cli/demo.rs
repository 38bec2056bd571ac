//! Tests of `carto-mcp demo`: run as a user would, on a fresh HOME with no
//! CARTO account and nothing else installed.

use crate::common::{Env, assert_fails_with, stderr, stdout};

/// Hides what changes from run to run (the sandbox port, IDs, timings,
/// dates) and the column padding that follows from them.
fn normalized(out: &str) -> String {
    let port = regex_port(out);
    let mut s = out.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:[PORT]");
    let id_re = |t: &str| {
        t.split_whitespace()
            .find(|w| w.len() == 32 && w.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(str::to_string)
    };
    while let Some(id) = id_re(&s) {
        s = s.replace(&id, "[CLIENT_ID]");
    }
    s
}

/// The sandbox's port, from the "Sandbox http://127.0.0.1:PORT" line.
fn regex_port(out: &str) -> String {
    let i = out
        .find("Sandbox http://127.0.0.1:")
        .expect("the sandbox line")
        + 25;
    out[i..].chars().take_while(char::is_ascii_digit).collect()
}

#[test]
fn demo_runs_the_whole_job_and_reports_it() {
    let env = Env::new();
    let o = env
        .cmd()
        .arg("demo")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        o.status.success(),
        "stdout:\n{out}\nstderr:\n{}",
        stderr(&o)
    );

    // What the user came to see, in so many words.
    assert!(
        out.contains("1. Client created through the Developers API"),
        "{out}"
    );
    assert!(
        out.contains("http://localhost:8000/callback (inspector)"),
        "{out}"
    );
    assert!(
        out.contains("https://claude.ai/api/mcp/auth_callback (claude)"),
        "{out}"
    );
    assert!(
        out.contains("Login passed: token for auth0|sandbox-user"),
        "{out}"
    );
    assert!(out.contains("Tools listed: 3 in "), "{out}");
    assert!(
        out.contains("run_slow_workflow_v1_0_0 took") && out.contains("flagged as too slow"),
        "{out}"
    );
    assert!(
        out.contains("Permission error: get_sales_by_region_v1_0_0"),
        "{out}"
    );
    assert!(
        out.contains("does not have permission on the connection"),
        "{out}"
    );
    assert!(out.contains("Everything went as expected"), "{out}");
    let probe_line = |platform: &str, cb: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(platform) && l.contains(cb))
            .unwrap_or_else(|| panic!("no probe row for {platform} {cb}:\n{out}"))
            .to_string()
    };
    assert!(probe_line("claude", "https://claude.ai/api/mcp/auth_callback").contains("accepted"));
    assert!(probe_line("inspector", "http://localhost:8000/callback").contains("accepted"));
    let chatgpt = probe_line(
        "chatgpt",
        "https://chatgpt.com/connector_platform_oauth_redirect",
    );
    assert!(
        chatgpt.contains("refused") && chatgpt.contains("Callback URL mismatch."),
        "{chatgpt}"
    );

    // Steps appear live on stderr, data on stdout.
    let err = stderr(&o);
    assert!(err.contains("2/3 Checking the login"), "{err}");
    assert!(!err.contains("Everything went as expected"));

    insta::with_settings!({filters => vec![
        (r"\d+ ms", "[N] ms"),
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "[TIME]"),
        (r"\d+\.\d s", "[N] s"),
        (r" {2,}", "  "),
    ]}, {
        insta::assert_snapshot!("demo_report", normalized(&out));
    });
}

#[test]
fn demo_json_is_one_document_with_every_section() {
    let env = Env::new();
    let o = env
        .cmd()
        .args(["demo", "--json", "--budget", "0.2"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(doc["as_expected"], true, "{doc:#}");
    assert_eq!(
        doc["client"]["platforms"],
        serde_json::json!(["inspector", "claude"])
    );
    assert!(
        doc["client"].get("client_secret").is_none(),
        "no secret in the report"
    );
    assert!(!stdout(&o).contains("clientSecret") && !stdout(&o).contains("access_token\""));
    assert_eq!(doc["check"]["call"]["tool"], "run_slow_workflow_v1_0_0");
    assert_eq!(doc["check"]["call"]["budget_ms"], 200);
    assert!(doc["check"]["call"]["duration_ms"].as_u64().unwrap() > 200);
    assert_eq!(doc["check"]["tools"].as_array().unwrap().len(), 3);
    assert!(
        doc["permission_error"]["message"]
            .as_str()
            .unwrap()
            .contains("permission denied"),
        "{doc:#}"
    );
    let rows = doc["probe"]["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        5,
        "CARTO's four documented platforms, mcpjam twice"
    );
    assert!(rows.iter().all(|r| r["as_expected"] == true), "{rows:#?}");
}

#[test]
fn a_bad_budget_is_a_usage_error() {
    let env = Env::new();
    let o = env.cmd().args(["demo", "--budget", "0"]).output().unwrap();
    assert_fails_with(&o, 2, "--budget");
}
