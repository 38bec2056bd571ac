//! The committed completion scripts and man page must be what the current
//! clap definitions generate. Regenerate with:
//! `CARTO_MCP_BLESS=1 cargo test --test cli completions`.

use std::path::Path;

use crate::common::Env;

const FILES: &[(&str, &[&str])] = &[
    ("completions/carto-mcp.bash", &["completions", "bash"]),
    ("completions/_carto-mcp", &["completions", "zsh"]),
    ("completions/carto-mcp.fish", &["completions", "fish"]),
    ("completions/_carto-mcp.ps1", &["completions", "powershell"]),
    ("completions/carto-mcp.elv", &["completions", "elvish"]),
    ("man/carto-mcp.1", &["man"]),
];

#[test]
fn committed_completions_and_man_page_are_fresh() {
    let env = Env::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("CARTO_MCP_BLESS").is_some();
    let mut stale = Vec::new();
    for (file, args) in FILES {
        let out = env.cmd().args(*args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed");
        let path = root.join(file);
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != out.stdout {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &out.stdout).unwrap();
            } else {
                stale.push(*file);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `CARTO_MCP_BLESS=1 cargo test --test cli completions` and commit"
    );
}
