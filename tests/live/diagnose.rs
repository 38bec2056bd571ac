//! `carto-mcp diagnose --live` against the real authorization server of the
//! e2e stack (oidc-provider, exact redirect URI matching like Auth0): each
//! platform's redirect URI is accepted when the client has it, and refused
//! with the server's own words when it does not.

use serde_json::{Value, json};

use crate::common::{Env, assert_exit, diagnose_live, json_of, stdout};
use crate::stack::{Stack, unique_id};

const CLAUDE: &str = "https://claude.ai/api/mcp/auth_callback";
const CHATGPT: &str = "https://chatgpt.com/connector_platform_oauth_redirect";
const INSPECTOR: &str = "http://localhost:8000/callback";
const JAM_DEBUG: &str = "http://127.0.0.1:6274/oauth/callback/debug";
const JAM: &str = "http://127.0.0.1:6274/oauth/callback";

fn probes(v: &Value) -> Vec<(String, String, String)> {
    v["probes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["redirect_uri"].as_str().unwrap().to_string(),
                p["verdict"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn live_probe_accepts_registered_platforms_and_refuses_the_others() {
    let stack = Stack::from_env();
    let id = unique_id("diagnose");
    stack.put_client(&id, json!({"redirect_uris": [CLAUDE, INSPECTOR]}));
    let env = Env::new();
    let mcp = stack.mcp("ac_good");

    // Every CARTO preset, named: two accepted, three refused → exit 5.
    let out = diagnose_live(
        &mut env.cmd(),
        &mcp,
        &id,
        &[
            "--json",
            "-p",
            "claude",
            "-p",
            "chatgpt",
            "-p",
            "inspector",
            "-p",
            "mcpjam",
        ],
    );
    assert_exit(&out, 5);
    let v = json_of(&out);
    assert_eq!(v["authorization_server"]["issuer"], stack.as_url);
    let got = probes(&v);
    assert_eq!(got.len(), 5);
    for (uri, verdict, reason) in &got {
        if [CLAUDE, INSPECTOR].contains(&uri.as_str()) {
            assert_eq!(verdict, "accepted", "{uri}: {reason}");
            assert!(reason.contains("login page"), "{uri}: {reason}");
        } else {
            assert_eq!(verdict, "refused", "{uri}: {reason}");
            assert_eq!(
                reason,
                &format!(
                    "Callback URL mismatch. {uri} is not in the list of allowed callback URLs."
                )
            );
        }
    }
    assert!(got.iter().any(|(u, _, _)| u == JAM_DEBUG) && got.iter().any(|(u, _, _)| u == JAM));
    assert_eq!(
        v["fix"]["command"],
        format!("carto-mcp client update {id} --add-platform chatgpt --add-platform mcpjam")
    );

    // Only the registered ones: exit 0, and a readable table.
    let out = diagnose_live(
        &mut env.cmd(),
        &mcp,
        &id,
        &["--platform", "claude", "--platform", "inspector"],
    );
    assert_exit(&out, 0);
    let s = stdout(&out);
    assert!(s.contains("REDIRECT URI") && s.contains("accepted"), "{s}");
    assert!(!s.contains("refused"), "{s}");

    // No platform named, the client's callbacks given: a refused preset the
    // client does not have is reported, but is not a failure.
    let out = diagnose_live(
        &mut env.cmd(),
        &mcp,
        &id,
        &["--registered", CLAUDE, "--registered", INSPECTOR],
    );
    assert_exit(&out, 0);
    let s = stdout(&out);
    assert!(
        s.contains(&format!(
            "Callback URL mismatch. {CHATGPT} is not in the list of allowed callback URLs."
        )),
        "{s}"
    );
}

#[test]
fn live_probe_after_the_client_changes() {
    // The server's answer follows the client: register ChatGPT, probe again.
    let stack = Stack::from_env();
    let id = unique_id("diagnose");
    stack.put_client(&id, json!({"redirect_uris": [CLAUDE]}));
    let env = Env::new();
    let mcp = stack.mcp("ac_good");
    let run = || diagnose_live(&mut env.cmd(), &mcp, &id, &["-p", "chatgpt", "--json"]);
    assert_exit(&run(), 5);
    stack.put_client(&id, json!({"redirect_uris": [CLAUDE, CHATGPT]}));
    let out = run();
    assert_exit(&out, 0);
    let v = json_of(&out);
    assert_eq!(v["probes"][0]["verdict"], "accepted");
}

#[test]
fn an_unknown_client_is_refused_for_what_it_is() {
    let stack = Stack::from_env();
    let env = Env::new();
    let out = diagnose_live(
        &mut env.cmd(),
        &stack.mcp("ac_good"),
        "no-such-client",
        &["--platform", "claude", "--json"],
    );
    assert_exit(&out, 5);
    let v = json_of(&out);
    let p = &v["probes"][0];
    assert_eq!(p["verdict"], "refused");
    assert_eq!(p["callback_mismatch"], false);
    assert!(
        p["reason"].as_str().unwrap().contains("no-such-client"),
        "{p}"
    );
    // Adding the callback would not help: no fix is offered.
    assert!(v["fix"].is_null(), "{v}");
}
