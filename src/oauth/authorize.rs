//! The authorization request: PKCE (S256, through the `oauth2` crate's
//! types), the `state`, the URL, and the three ways of getting it answered:
//! the browser (`$BROWSER` or the system's), printing it for the user, or
//! following it over plain HTTP (`--browser http`, for servers that approve
//! at once and for CI).
//!
//! The URL is built by hand rather than through `oauth2::Client` because the
//! report shows it parameter by parameter (`resource`, `audience`, `scope`)
//! and MCP needs parameters a generic client does not send.

use std::process::Stdio;

use oauth2::{CsrfToken, PkceCodeChallenge};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::OAuthError;
use super::discovery::{Attempt, AuthServerMetadata, ms};
use crate::http::{Http, Retry};

/// One authorization request, with what is needed to finish it.
pub struct AuthRequest {
    pub url: Url,
    pub state: SecretString,
    pub verifier: SecretString,
    pub redirect_uri: String,
}

/// What the authorization server sent back to the redirect URI.
#[derive(Debug, Clone, Default)]
pub struct CallbackParams {
    pub code: Option<SecretString>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub iss: Option<String>,
}

impl CallbackParams {
    pub fn from_query(q: &str) -> Self {
        let mut p = CallbackParams::default();
        for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
            let v = v.into_owned();
            match k.as_ref() {
                "code" => p.code = Some(SecretString::from(v)),
                "state" => p.state = Some(v),
                "error" => p.error = Some(v),
                "error_description" => p.error_description = Some(v),
                "iss" => p.iss = Some(v),
                _ => {}
            }
        }
        p
    }

    /// The code, once the state matched; the server's error otherwise.
    pub fn into_code(self, expected_state: &SecretString) -> Result<SecretString, OAuthError> {
        if self.state.as_deref() != Some(expected_state.expose_secret()) {
            return Err(OAuthError::StateMismatch);
        }
        if let Some(error) = self.error {
            return Err(OAuthError::Denied {
                error,
                description: self.error_description,
            });
        }
        self.code.ok_or(OAuthError::NoCode)
    }
}

/// Builds the authorization URL with PKCE S256 and a fresh state.
pub fn build(
    meta: &AuthServerMetadata,
    client_id: &str,
    redirect_uri: &str,
    scope: Option<&str>,
    resource: Option<&str>,
    audience: Option<&str>,
) -> Result<AuthRequest, OAuthError> {
    let mut url = OAuthError::parse_url(&meta.authorization_endpoint)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let state = CsrfToken::new_random();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code");
        q.append_pair("client_id", client_id);
        q.append_pair("redirect_uri", redirect_uri);
        q.append_pair("code_challenge", challenge.as_str());
        q.append_pair("code_challenge_method", challenge.method().as_str());
        q.append_pair("state", state.secret());
        if let Some(s) = scope {
            q.append_pair("scope", s);
        }
        if let Some(r) = resource {
            q.append_pair("resource", r);
        }
        if let Some(a) = audience {
            q.append_pair("audience", a);
        }
    }
    Ok(AuthRequest {
        url,
        state: SecretString::from(state.secret().clone()),
        verifier: SecretString::from(verifier.secret().clone()),
        redirect_uri: redirect_uri.to_string(),
    })
}

/// Follows the authorization URL over HTTP without a browser: each redirect
/// is read (never followed blindly) until one points at the redirect URI,
/// whose query is the answer. A page instead of a redirect (a login form, a
/// consent screen, an error) ends it with what the page says.
pub async fn follow_http(
    http: &Http,
    start: &Url,
    redirect_uri: &str,
    attempts: &mut Vec<Attempt>,
) -> Result<CallbackParams, OAuthError> {
    let mut url = start.clone();
    for _ in 0..12 {
        let r = http
            .send(Retry::Once, |c| {
                c.get(url.as_str()).header("accept", "text/html")
            })
            .await?;
        attempts.push(Attempt {
            method: "GET",
            url: crate::redact::url(url.as_str()),
            status: Some(r.status.as_u16()),
            note: None,
            duration_ms: ms(r.elapsed),
        });
        if r.status.is_redirection()
            && let Some(loc) = r.header("location")
        {
            let next = url.join(loc).map_err(|e| OAuthError::BadUrl {
                url: loc.to_string(),
                reason: e.to_string(),
            })?;
            if is_redirect_target(&next, redirect_uri) {
                return Ok(CallbackParams::from_query(next.query().unwrap_or("")));
            }
            url = next;
            continue;
        }
        return Err(OAuthError::AuthorizePage {
            status: r.status.as_u16(),
            detail: page_text(&r.body),
        });
    }
    Err(OAuthError::AuthorizePage {
        status: 0,
        detail: "too many redirects".into(),
    })
}

/// The parameters of an authorization response or error redirect: the
/// query's, then the fragment's (implicit-style error redirects put them
/// there).
pub(crate) fn response_params(u: &Url) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = u.query_pairs().into_owned().collect();
    if let Some(f) = u.fragment() {
        params.extend(url::form_urlencoded::parse(f.as_bytes()).into_owned());
    }
    params
}

/// Is `u` the redirect URI (scheme, host, port and path), whatever its query?
pub(crate) fn is_redirect_target(u: &Url, redirect_uri: &str) -> bool {
    let Ok(r) = Url::parse(redirect_uri) else {
        return false;
    };
    u.scheme() == r.scheme()
        && u.host_str() == r.host_str()
        && u.port_or_known_default() == r.port_or_known_default()
        && u.path() == r.path()
}

/// The readable text of an HTML error page, short.
pub fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut skip = false;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if !in_tag && b[i] == b'<' {
            in_tag = true;
            skip = lower[i..].starts_with("<style") || lower[i..].starts_with("<script");
            if lower[i..].starts_with("</style") || lower[i..].starts_with("</script") {
                skip = false;
            }
            out.push(' ');
        } else if in_tag && b[i] == b'>' {
            in_tag = false;
        } else if !in_tag && !skip {
            let ch = html[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        i += 1;
    }
    let text = html_escape::decode_html_entities(&out);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = crate::redact::shorten(&text, 300);
    if t.is_empty() {
        "an empty page".into()
    } else {
        t
    }
}

/// Opens the URL in `$BROWSER` (a command, given the URL as its one
/// argument) or the system browser. Returns the child when `$BROWSER` was
/// used, so its failure can be noticed.
pub fn open_browser(url: &Url) -> Result<Option<tokio::process::Child>, OAuthError> {
    match std::env::var("BROWSER") {
        Ok(cmd) if !cmd.trim().is_empty() => {
            // $BROWSER may be a list separated by ':'; the first one is used.
            let first = cmd.split(':').next().unwrap_or(&cmd).trim().to_string();
            let mut parts = first.split_whitespace();
            let prog = parts.next().unwrap_or_default().to_string();
            let mut c = tokio::process::Command::new(&prog);
            c.args(parts)
                .arg(url.as_str())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .kill_on_drop(true);
            c.spawn()
                .map(Some)
                .map_err(|e| OAuthError::Browser(format!("$BROWSER ({prog}): {e}")))
        }
        _ => webbrowser::open(url.as_str())
            .map(|()| None)
            .map_err(|e| OAuthError::Browser(e.to_string())),
    }
}

/// The spec's scope rules (2025-11-25): `--scope` when given, else the
/// challenge's `scope`, else all of the resource's `scopes_supported`, else
/// none. On a step-up the challenge's scope is added to what was asked
/// before (the union, SEP-2350).
pub fn choose_scope(
    flag: Option<&str>,
    challenged: Option<&str>,
    scopes_supported: Option<&[String]>,
    previous: &[String],
    step_up: bool,
) -> Vec<String> {
    let split = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let mut wanted: Vec<String> = Vec::new();
    if let Some(s) = flag {
        wanted.extend(split(s));
    }
    if flag.is_none() || step_up {
        wanted.extend(challenged.map(split).unwrap_or_default());
    }
    if wanted.is_empty() {
        wanted = scopes_supported.map(<[String]>::to_vec).unwrap_or_default();
    }
    let mut out = previous.to_vec();
    crate::callback::union_in_order(&mut out, wanted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_has_pkce_state_resource_and_scope() {
        let meta = AuthServerMetadata {
            authorization_endpoint: "https://as.example/authorize?x=1".into(),
            ..Default::default()
        };
        let r = build(
            &meta,
            "cid",
            "http://127.0.0.1:5000/callback",
            Some("mcp:tools"),
            Some("https://mcp.example/mcp"),
            Some("carto-cloud-native-api"),
        )
        .unwrap();
        let q: std::collections::HashMap<_, _> = r.url.query_pairs().into_owned().collect();
        assert_eq!(q["x"], "1");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["resource"], "https://mcp.example/mcp");
        assert_eq!(q["audience"], "carto-cloud-native-api");
        assert_eq!(q["state"], r.state.expose_secret());
        assert!(q["code_challenge"].len() >= 43);
        assert_ne!(q["code_challenge"], r.verifier.expose_secret());
        let r2 = build(&meta, "cid", "http://x/cb", None, None, None).unwrap();
        assert!(!r2.url.query().unwrap().contains("scope="));
        assert_ne!(r.state.expose_secret(), r2.state.expose_secret());
    }

    #[test]
    fn callback_params_need_the_right_state() {
        let st = SecretString::from("abc".to_string());
        let ok = CallbackParams::from_query("code=c1&state=abc");
        assert_eq!(ok.into_code(&st).unwrap().expose_secret(), "c1");
        let bad = CallbackParams::from_query("code=c1&state=zzz");
        assert!(matches!(bad.into_code(&st), Err(OAuthError::StateMismatch)));
        let denied =
            CallbackParams::from_query("error=access_denied&error_description=no&state=abc");
        assert!(matches!(
            denied.into_code(&st),
            Err(OAuthError::Denied { .. })
        ));
    }

    #[test]
    fn page_text_strips_markup() {
        let t = page_text(
            "<html><head><style>b{}</style><title>T</title></head><body><p id=x>Callback URL mismatch. http://a &amp; b</p></body></html>",
        );
        assert_eq!(t, "T Callback URL mismatch. http://a & b");
    }

    #[test]
    fn redirect_target_ignores_the_query() {
        let u = Url::parse("http://127.0.0.1:5000/callback?code=1").unwrap();
        assert!(is_redirect_target(&u, "http://127.0.0.1:5000/callback"));
        assert!(!is_redirect_target(&u, "http://localhost:5000/callback"));
    }
}
