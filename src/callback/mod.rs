//! Callback (redirect) URLs: validation of what users type, and the
//! exact-match comparator that explains why a redirect was refused.
//!
//! Auth0, and so CARTO, compares callbacks as exact strings. So this module
//! never "normalizes" a URL it hands on: what the user typed (trimmed) is what
//! gets registered; `url::Url` is only used to look at it.

pub mod compare;
pub mod input;

use std::net::IpAddr;

use serde::Serialize;
use url::Url;

use crate::error::{Classify, ExitKind};

/// Why a callback was refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("callback '{0}' is empty")]
    Empty(String),
    #[error("callback '{url}' is not an absolute URL ({reason})")]
    NotAbsolute { url: String, reason: String },
    #[error(
        "callback '{url}' uses the scheme '{scheme}'; only https (and http on loopback) can be registered"
    )]
    Scheme { url: String, scheme: String },
    #[error("callback '{0}' has a fragment (#…); OAuth redirect URIs cannot have one")]
    Fragment(String),
    #[error(
        "callback '{url}' uses http on '{host}', which is not a loopback host; use https, or http only with localhost, 127.0.0.1 or [::1]"
    )]
    InsecureHttp { url: String, host: String },
    #[error("callback '{0}' contains whitespace inside the URL")]
    InnerWhitespace(String),
}

impl Classify for CallbackError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::Usage
    }
    fn hints(&self) -> Vec<String> {
        vec!["callbacks must match the platform's value to the byte; `carto-mcp platforms` lists them".into()]
    }
}

/// Something worth telling the user about how their input was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputNote {
    pub input: String,
    pub note: String,
}

/// Is this host a loopback host (`localhost`, 127.0.0.0/8, `[::1]`)?
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    if h.eq_ignore_ascii_case("localhost") {
        return true;
    }
    h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Is this URL on a loopback host?
pub fn is_loopback_url(url: &str) -> bool {
    Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(is_loopback_host))
        .unwrap_or(false)
}

/// Checks one callback and returns it as it will be registered (trimmed).
pub fn validate(raw: &str) -> Result<String, CallbackError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(CallbackError::Empty(raw.to_string()));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(CallbackError::InnerWhitespace(s.to_string()));
    }
    let url = Url::parse(s).map_err(|e| CallbackError::NotAbsolute {
        url: s.to_string(),
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let host = url.host_str().unwrap_or_default();
            if !is_loopback_host(host) {
                return Err(CallbackError::InsecureHttp {
                    url: s.to_string(),
                    host: host.to_string(),
                });
            }
        }
        other => {
            return Err(CallbackError::Scheme {
                url: s.to_string(),
                scheme: other.to_string(),
            });
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(CallbackError::NotAbsolute {
            url: s.to_string(),
            reason: "no host".into(),
        });
    }
    if url.fragment().is_some() || s.contains('#') {
        return Err(CallbackError::Fragment(s.to_string()));
    }
    Ok(s.to_string())
}

/// Splits a value that holds several URLs joined by commas (the Workspace
/// UI's habit: "http://a/cb, http://b/cb"). Returns the pieces trimmed, or
/// `None` when the value is one URL.
pub fn split_joined(raw: &str) -> Option<Vec<String>> {
    if !raw.contains(',') {
        return None;
    }
    let parts: Vec<String> = raw
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    // Only split when every piece looks like a URL of its own; a comma inside
    // one URL's query string is left alone (and then fails or passes as one).
    if parts.len() > 1 && parts.iter().all(|p| p.contains("://")) {
        Some(parts)
    } else {
        None
    }
}

/// Validates a list of callbacks as the user gave them: trims, splits
/// comma-joined values (and says so), refuses bad ones, de-duplicates in
/// order.
pub fn validate_all<'a>(
    raw: impl IntoIterator<Item = &'a str>,
) -> Result<(Vec<String>, Vec<InputNote>), CallbackError> {
    let mut out: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    for r in raw {
        let pieces = match split_joined(r) {
            Some(p) => {
                notes.push(InputNote {
                    input: r.to_string(),
                    note: format!(
                        "split into {} callbacks at the commas: {}",
                        p.len(),
                        p.join(" | ")
                    ),
                });
                p
            }
            None => vec![r.to_string()],
        };
        for p in pieces {
            if p.trim() != p {
                notes.push(InputNote {
                    input: p.clone(),
                    note: "surrounding whitespace removed".into(),
                });
            }
            let v = validate(&p)?;
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    Ok((out, notes))
}

/// Appends `add` to `list`, keeping order and skipping duplicates.
pub fn union_in_order(list: &mut Vec<String>, add: impl IntoIterator<Item = String>) {
    for a in add {
        if !list.contains(&a) {
            list.push(a);
        }
    }
}

/// A change to a client's callbacks, exactly as `carto-mcp client update`
/// takes it: one type for `client update`, the fix `diagnose` prints and
/// applies, and the callback `check` offers to add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CallbackEdit {
    /// Presets whose callbacks are added (by preset name).
    pub add_platforms: Vec<String>,
    /// Presets whose callbacks are removed (by preset name).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remove_platforms: Vec<String>,
    pub add_callbacks: Vec<String>,
    /// Entries removed: the value as stored (a comma-joined or blank-padded
    /// entry goes whole), and each URL a comma-joined value holds.
    pub remove_callbacks: Vec<String>,
}

impl CallbackEdit {
    pub fn is_empty(&self) -> bool {
        self.add_platforms.is_empty()
            && self.remove_platforms.is_empty()
            && self.add_callbacks.is_empty()
            && self.remove_callbacks.is_empty()
    }

    /// The single URLs this edit removes: the removed presets' callbacks,
    /// and the pieces of each removed value.
    pub fn removals(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in &self.remove_platforms {
            if let Ok(p) = crate::platforms::find(name) {
                union_in_order(&mut out, p.callbacks.iter().map(|c| c.to_string()));
            }
        }
        for r in &self.remove_callbacks {
            union_in_order(
                &mut out,
                split_joined(r).unwrap_or_else(|| vec![r.trim().to_string()]),
            );
        }
        out
    }

    /// The callbacks after the edit: the removals dropped, then the added
    /// presets' callbacks and the added callbacks appended, in order, once
    /// each.
    pub fn apply_to(&self, registered: &[String]) -> Vec<String> {
        let removing = self.removals();
        let mut out: Vec<String> = registered
            .iter()
            .filter(|r| !self.remove_callbacks.contains(r) && !removing.contains(r))
            .cloned()
            .collect();
        for name in &self.add_platforms {
            if let Ok(p) = crate::platforms::find(name) {
                union_in_order(&mut out, p.callbacks.iter().map(|c| c.to_string()));
            }
        }
        union_in_order(&mut out, self.add_callbacks.iter().cloned());
        out
    }

    /// The `carto-mcp client update` command line that applies the edit.
    pub fn command(&self, client_id: &str) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut cmd = format!("carto-mcp client update {}", shell_quote(client_id));
        let flags = [
            ("--add-platform", &self.add_platforms),
            ("--remove-platform", &self.remove_platforms),
            ("--add-callback", &self.add_callbacks),
            ("--remove-callback", &self.remove_callbacks),
        ];
        for (flag, values) in flags {
            for v in values {
                cmd.push_str(&format!(" {flag} {}", shell_quote(v)));
            }
        }
        Some(cmd)
    }
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/:._-~%=@+,".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callback_edit_applies_as_client_update_does_and_prints_itself() {
        let e = CallbackEdit {
            add_platforms: vec!["claude".into()],
            remove_platforms: vec!["mcpjam".into()],
            add_callbacks: vec![],
            remove_callbacks: vec!["http://a/cb, http://b/cb".into()],
        };
        let registered: Vec<String> = [
            "http://127.0.0.1:6274/oauth/callback",
            "http://a/cb, http://b/cb",
            "http://b/cb",
            "https://keep.example/cb",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            e.apply_to(&registered),
            [
                "https://keep.example/cb",
                "https://claude.ai/api/mcp/auth_callback"
            ]
        );
        assert_eq!(
            e.command("c1").unwrap(),
            "carto-mcp client update c1 --add-platform claude --remove-platform mcpjam --remove-callback 'http://a/cb, http://b/cb'"
        );
        assert_eq!(CallbackEdit::default().command("c1"), None);
    }

    #[test]
    fn accepts_https_and_loopback_http() {
        for ok in [
            "https://claude.ai/api/mcp/auth_callback",
            "http://localhost:8000/callback",
            "http://127.0.0.1:6274/oauth/callback",
            "http://127.8.9.10/cb",
            "http://[::1]:9000/cb",
            "https://example.com/cb?x=1",
        ] {
            assert_eq!(validate(ok).unwrap(), ok);
        }
    }

    #[test]
    fn keeps_the_value_as_typed_apart_from_trimming() {
        assert_eq!(
            validate("  https://a.example  ").unwrap(),
            "https://a.example"
        );
        assert_eq!(
            validate("http://localhost:8000/callback/").unwrap(),
            "http://localhost:8000/callback/"
        );
    }

    #[test]
    fn refuses_each_kind_of_bad_callback() {
        use CallbackError::*;
        type Is = fn(&CallbackError) -> bool;
        let cases: &[(&str, Is)] = &[
            ("", |e| matches!(e, Empty(_))),
            ("claude.ai/api/mcp/auth_callback", |e| {
                matches!(e, NotAbsolute { .. })
            }),
            ("/callback", |e| matches!(e, NotAbsolute { .. })),
            ("ftp://example.com/cb", |e| matches!(e, Scheme { .. })),
            ("mcpjam://oauth/callback", |e| matches!(e, Scheme { .. })),
            ("https://example.com/cb#frag", |e| matches!(e, Fragment(_))),
            ("http://example.com/cb", |e| {
                matches!(e, InsecureHttp { .. })
            }),
            ("http://192.168.1.2/cb", |e| {
                matches!(e, InsecureHttp { .. })
            }),
            ("https://exa mple.com/cb", |e| {
                matches!(e, InnerWhitespace(_))
            }),
        ];
        for (input, check) in cases {
            let e = validate(input).unwrap_err();
            assert!(check(&e), "{input:?} gave {e:?}");
        }
    }

    #[test]
    fn splits_comma_joined_values_and_says_so() {
        let (urls, notes) = validate_all([
            "http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback",
        ])
        .unwrap();
        assert_eq!(
            urls,
            [
                "http://127.0.0.1:6274/oauth/callback/debug",
                "http://127.0.0.1:6274/oauth/callback"
            ]
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].note.contains("split into 2"));
    }

    #[test]
    fn deduplicates_in_order() {
        let (urls, _) = validate_all([
            "https://b.example/cb",
            "https://a.example/cb",
            " https://b.example/cb",
        ])
        .unwrap();
        assert_eq!(urls, ["https://b.example/cb", "https://a.example/cb"]);
    }

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "::1",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "localhost.example.com",
            "10.0.0.1",
            "example.com",
            "0.0.0.0",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }
}
