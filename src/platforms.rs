//! The platform presets: which callback URLs each MCP client uses, where that
//! value comes from, and what to do with the client ID and secret there.
//!
//! The four presets from CARTO's "Connecting with OAuth" page must match that
//! page to the byte; a unit test pins them.

use serde::Serialize;

use crate::error::{Classify, ExitKind};

/// Where a preset's callback URLs are documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// CARTO's own documentation for the CARTO MCP Server.
    CartoDocs,
    /// The platform's public docs or source, not CARTO's.
    PublicDocs,
}

/// How a platform authenticates at the token endpoint with a client ID and
/// secret it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuth {
    ClientSecretBasic,
    ClientSecretPost,
}

#[derive(Debug, Clone, Serialize)]
pub struct Platform {
    /// The preset's name, as typed after `--platform`.
    pub name: &'static str,
    /// The product, as people call it.
    pub display: &'static str,
    /// Allowed Callback URLs, in the order CARTO lists them.
    pub callbacks: &'static [&'static str],
    pub source: Source,
    pub source_url: &'static str,
    /// Where the client ID and secret go on that platform.
    pub setup: &'static str,
    /// A web platform (its requests time out at about 10 s).
    pub web: bool,
    /// The token endpoint authentication the platform uses with a static
    /// client, when it is known to differ from the server's advertisement.
    pub token_auth: Option<TokenAuth>,
    /// How long the platform waits for a tool call, in seconds.
    pub tool_timeout_secs: u64,
}

const CARTO_OAUTH_DOC: &str =
    "https://docs.carto.com/carto-for-agents/mcp-server/connecting-with-oauth";

/// Every preset, CARTO's four first.
pub static PLATFORMS: &[Platform] = &[
    Platform {
        name: "claude",
        display: "Claude.ai",
        callbacks: &["https://claude.ai/api/mcp/auth_callback"],
        source: Source::CartoDocs,
        source_url: CARTO_OAUTH_DOC,
        setup: "Settings > Connectors > Add custom connector: paste the MCP Server URL, then the Client ID and Client Secret under Advanced settings.",
        web: true,
        token_auth: Some(TokenAuth::ClientSecretPost),
        tool_timeout_secs: 300,
    },
    Platform {
        name: "chatgpt",
        display: "ChatGPT",
        callbacks: &["https://chatgpt.com/connector_platform_oauth_redirect"],
        source: Source::CartoDocs,
        source_url: CARTO_OAUTH_DOC,
        setup: "Settings > Apps & Connectors > Create (developer mode): paste the MCP Server URL, choose OAuth, then the Client ID and Client Secret.",
        web: true,
        token_auth: None,
        tool_timeout_secs: 60,
    },
    Platform {
        name: "inspector",
        display: "MCP Inspector",
        callbacks: &["http://localhost:8000/callback"],
        source: Source::CartoDocs,
        source_url: CARTO_OAUTH_DOC,
        setup: "Transport Streamable HTTP, the MCP Server URL, then Authentication > OAuth: the Client ID, Client Secret and redirect URL http://localhost:8000/callback.",
        web: false,
        token_auth: None,
        tool_timeout_secs: 60,
    },
    Platform {
        name: "mcpjam",
        display: "MCPJam",
        callbacks: &[
            "http://127.0.0.1:6274/oauth/callback/debug",
            "http://127.0.0.1:6274/oauth/callback",
        ],
        source: Source::CartoDocs,
        source_url: CARTO_OAUTH_DOC,
        setup: "Add server > HTTP: the MCP Server URL, OAuth with a pre-registered client: the Client ID and Client Secret.",
        web: false,
        token_auth: None,
        tool_timeout_secs: 60,
    },
    Platform {
        name: "claude-code",
        display: "Claude Code",
        callbacks: &["http://localhost:3118/callback"],
        source: Source::PublicDocs,
        source_url: "https://docs.anthropic.com/en/docs/claude-code/mcp",
        setup: "claude mcp add --transport http carto <MCP Server URL> --client-id <ID> --client-secret, then /mcp to log in.",
        web: false,
        token_auth: None,
        tool_timeout_secs: 300,
    },
    Platform {
        name: "inspector-v1",
        display: "MCP Inspector v1 (web, port 6274)",
        callbacks: &[
            "http://localhost:6274/oauth/callback",
            "http://localhost:6274/oauth/callback/debug",
        ],
        source: Source::PublicDocs,
        source_url: "https://github.com/modelcontextprotocol/inspector",
        setup: "Authentication > OAuth 2.0 Flow: the Client ID and Client Secret.",
        web: false,
        token_auth: None,
        tool_timeout_secs: 60,
    },
    Platform {
        name: "inspector-v2",
        display: "MCP Inspector v2 (CLI/TUI)",
        callbacks: &["http://127.0.0.1:6276/oauth/callback"],
        source: Source::PublicDocs,
        source_url: "https://github.com/modelcontextprotocol/inspector",
        setup: "mcp-inspector --client-id <ID> --client-secret <SECRET> <MCP Server URL>",
        web: false,
        token_auth: None,
        tool_timeout_secs: 60,
    },
];

/// A callback a platform is known to send that is not (exactly) a preset's:
/// variants, per-connector URLs, other hosts or ports. Used to say which
/// platform sent a redirect URI (`carto-mcp diagnose`). In `template`,
/// `{id}` stands for one path segment and `{port}` for a port number.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct KnownPattern {
    pub template: &'static str,
    /// The preset of the platform that sends it, if there is one.
    pub preset: Option<&'static str>,
    /// The platform, as people call it.
    pub display: &'static str,
    /// What is known about this callback, in one sentence.
    pub note: &'static str,
    /// The preset's registered value is right, and the platform should send
    /// it instead: the fix is on the platform's (or the server's) side.
    pub platform_side: bool,
}

/// Known callbacks beyond the presets (see `shared/docs/platforms.md`).
pub static KNOWN_PATTERNS: &[KnownPattern] = &[
    KnownPattern {
        template: "https://chatgpt.com/connector/oauth/{id}",
        preset: Some("chatgpt"),
        display: "ChatGPT (per-connector callback)",
        note: "ChatGPT sends a per-connector callback instead of https://chatgpt.com/connector_platform_oauth_redirect when the authorization server does not return `iss` in the authorization response (RFC 9207).",
        platform_side: true,
    },
    KnownPattern {
        template: "https://claude.com/api/mcp/auth_callback",
        preset: Some("claude"),
        display: "Claude (claude.com)",
        note: "Claude also calls back on claude.com; servers allowlist it next to the claude.ai callback CARTO documents.",
        platform_side: false,
    },
    KnownPattern {
        template: "http://127.0.0.1:3118/callback",
        preset: Some("claude-code"),
        display: "Claude Code (127.0.0.1)",
        note: "Claude Code has switched its loopback host between localhost and 127.0.0.1 across versions; register both.",
        platform_side: false,
    },
    KnownPattern {
        template: "http://localhost:6276/oauth/callback",
        preset: Some("inspector-v2"),
        display: "MCP Inspector v2 (localhost)",
        note: "MCP Inspector v2 calls back to http://127.0.0.1:6276/oauth/callback unless --callback-url says otherwise.",
        platform_side: false,
    },
    KnownPattern {
        template: "mcpjam://oauth/callback",
        preset: Some("mcpjam"),
        display: "MCPJam desktop app",
        note: "The MCPJam desktop app uses a custom scheme, which CARTO cannot register; use MCPJam in the browser (http://127.0.0.1:6274).",
        platform_side: true,
    },
    KnownPattern {
        template: "http://localhost:{port}/oauth/callback",
        preset: None,
        display: "mcp-remote",
        note: "mcp-remote calls back to http://localhost:3334/oauth/callback, or a random port when 3334 is busy; pin the port so the callback stays registered.",
        platform_side: false,
    },
];

impl KnownPattern {
    /// Does `url` fit the template (`{id}`: one path segment, `{port}`:
    /// digits)?
    pub fn matches(&self, url: &str) -> bool {
        fn go(t: &str, u: &str) -> bool {
            if let Some(rest) = t.strip_prefix("{id}") {
                let n = u.find(['/', '?', '#']).unwrap_or(u.len());
                return n > 0 && go(rest, &u[n..]);
            }
            if let Some(rest) = t.strip_prefix("{port}") {
                let n = u.find(|c: char| !c.is_ascii_digit()).unwrap_or(u.len());
                return n > 0 && go(rest, &u[n..]);
            }
            match (t.chars().next(), u.chars().next()) {
                (None, None) => true,
                (Some(a), Some(b)) if a == b => go(&t[a.len_utf8()..], &u[b.len_utf8()..]),
                _ => false,
            }
        }
        go(self.template, url)
    }
}

/// The known pattern `url` fits, if any.
pub fn pattern_of(url: &str) -> Option<&'static KnownPattern> {
    KNOWN_PATTERNS.iter().find(|p| p.matches(url))
}

/// The web platforms' request budget, in seconds (CARTO's guidance).
pub const WEB_REQUEST_BUDGET_SECS: f64 = 10.0;

/// The preset named `--platform NAME` was not found.
#[derive(Debug, thiserror::Error)]
#[error("unknown platform '{name}'; valid platforms: {valid}")]
pub struct UnknownPlatform {
    pub name: String,
    pub valid: String,
    pub closest: Option<&'static str>,
}

impl Classify for UnknownPlatform {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::Usage
    }
    fn hints(&self) -> Vec<String> {
        match self.closest {
            Some(c) => vec![format!("did you mean '{c}'?")],
            None => vec!["run `carto-mcp platforms` to see each preset's callbacks".into()],
        }
    }
}

/// Looks a preset up by name (case-insensitive; `_` and `.` count as `-`).
pub fn find(name: &str) -> Result<&'static Platform, UnknownPlatform> {
    let wanted = normalize(name);
    if let Some(p) = PLATFORMS.iter().find(|p| p.name == wanted) {
        return Ok(p);
    }
    if let Some(p) = ALIASES.iter().find(|(a, _)| *a == wanted).map(|(_, n)| *n) {
        return Ok(PLATFORMS
            .iter()
            .find(|x| x.name == p)
            .expect("alias target"));
    }
    let closest = PLATFORMS
        .iter()
        .map(|p| (strsim::jaro_winkler(&wanted, p.name), p.name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n);
    Err(UnknownPlatform {
        name: name.to_string(),
        valid: PLATFORMS
            .iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join(", "),
        closest,
    })
}

/// Every preset whose callbacks include `url` exactly.
pub fn owners_of(url: &str) -> Vec<&'static Platform> {
    PLATFORMS
        .iter()
        .filter(|p| p.callbacks.contains(&url))
        .collect()
}

/// The callbacks of several presets, in order, once each.
pub fn callbacks_of(presets: &[&Platform]) -> Vec<String> {
    let mut out = Vec::new();
    for p in presets {
        crate::callback::union_in_order(&mut out, p.callbacks.iter().map(|c| c.to_string()));
    }
    out
}

/// Looks up several names, failing on the first unknown one.
pub fn find_all(names: &[String]) -> Result<Vec<&'static Platform>, UnknownPlatform> {
    let mut out: Vec<&'static Platform> = Vec::new();
    for n in names {
        let p = find(n)?;
        if !out.iter().any(|q| q.name == p.name) {
            out.push(p);
        }
    }
    Ok(out)
}

const ALIASES: &[(&str, &str)] = &[
    ("claude-ai", "claude"),
    ("claudeai", "claude"),
    ("openai", "chatgpt"),
    ("chat-gpt", "chatgpt"),
    ("mcp-inspector", "inspector"),
    ("mcp-jam", "mcpjam"),
    ("claudecode", "claude-code"),
];

fn normalize(name: &str) -> String {
    name.trim().to_lowercase().replace(['_', '.', ' '], "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carto_presets_match_cartos_docs_to_the_byte() {
        let expect: &[(&str, &[&str])] = &[
            ("claude", &["https://claude.ai/api/mcp/auth_callback"]),
            (
                "chatgpt",
                &["https://chatgpt.com/connector_platform_oauth_redirect"],
            ),
            ("inspector", &["http://localhost:8000/callback"]),
            (
                "mcpjam",
                &[
                    "http://127.0.0.1:6274/oauth/callback/debug",
                    "http://127.0.0.1:6274/oauth/callback",
                ],
            ),
        ];
        for (name, callbacks) in expect {
            let p = find(name).unwrap();
            assert_eq!(p.callbacks, *callbacks, "{name}");
            assert_eq!(p.source, Source::CartoDocs, "{name}");
        }
        let carto = PLATFORMS
            .iter()
            .filter(|p| p.source == Source::CartoDocs)
            .count();
        assert_eq!(carto, 4);
    }

    #[test]
    fn other_presets_are_not_marked_as_cartos() {
        for n in ["claude-code", "inspector-v1", "inspector-v2"] {
            assert_eq!(find(n).unwrap().source, Source::PublicDocs, "{n}");
        }
    }

    #[test]
    fn lookup_is_forgiving_about_case_and_aliases() {
        assert_eq!(find("Claude").unwrap().name, "claude");
        assert_eq!(find(" ChatGPT ").unwrap().name, "chatgpt");
        assert_eq!(find("claude_code").unwrap().name, "claude-code");
        assert_eq!(find("mcp-inspector").unwrap().name, "inspector");
    }

    #[test]
    fn unknown_platform_names_the_valid_ones_and_the_closest() {
        let e = find("claud").unwrap_err();
        assert!(e.valid.contains("claude, chatgpt, inspector, mcpjam"));
        assert_eq!(e.closest, Some("claude"));
        let e = find("chatgtp").unwrap_err();
        assert_eq!(e.closest, Some("chatgpt"));
        assert_eq!(find("zzzz").unwrap_err().closest, None);
    }

    #[test]
    fn find_all_deduplicates_in_order() {
        let names = vec!["mcpjam".into(), "claude".into(), "MCPJAM".into()];
        let got: Vec<_> = find_all(&names).unwrap().iter().map(|p| p.name).collect();
        assert_eq!(got, ["mcpjam", "claude"]);
    }
}
