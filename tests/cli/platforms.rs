use crate::common::{Env, stdout};

#[test]
fn platforms_table() {
    let env = Env::new();
    let out = env.cmd().arg("platforms").output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn platforms_json_has_the_carto_presets_byte_for_byte() {
    let env = Env::new();
    let out = env.cmd().args(["platforms", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_name = |n: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == n)
            .unwrap_or_else(|| panic!("{n} missing"))
            .clone()
    };
    assert_eq!(
        by_name("mcpjam")["callbacks"],
        serde_json::json!([
            "http://127.0.0.1:6274/oauth/callback/debug",
            "http://127.0.0.1:6274/oauth/callback"
        ])
    );
    assert_eq!(
        by_name("inspector")["callbacks"],
        serde_json::json!(["http://localhost:8000/callback"])
    );
    assert_eq!(by_name("claude-code")["from_carto_docs"], false);
}
