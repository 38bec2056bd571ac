//! Reading what a user pastes into `carto-mcp diagnose`: the failing
//! authorization URL from the browser's address bar, an error page's URL or
//! text (Auth0's "Callback URL mismatch. {URL} is not in the list of allowed
//! callback URLs."), a platform's error message, an
//! `error=…&error_description=…` string, or just the redirect URI. Out come
//! the client ID and the redirect URI that was sent, as the authorization
//! server saw them (query values decoded once, nothing else touched).

use serde::Serialize;
use url::Url;

use crate::error::{Classify, ExitKind};

/// What kind of text the input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputForm {
    /// `https://auth…/authorize?client_id=…&redirect_uri=…`
    AuthorizationUrl,
    /// A URL carrying `error` / `error_description` (an error page).
    ErrorUrl,
    /// Free text: an error page or message.
    ErrorText,
    /// The redirect URI on its own.
    RedirectUri,
}

/// What was found in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedInput {
    pub form: Option<InputForm>,
    pub client_id: Option<String>,
    /// The redirect URI that was sent, decoded once, as the server saw it.
    pub redirect_uri: Option<String>,
    /// The authorization endpoint (scheme, host and path of the URL).
    pub authorization_endpoint: Option<String>,
    pub audience: Option<String>,
    pub resource: Option<String>,
    pub scope: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The input could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the input is empty")]
    Empty,
    #[error("found no redirect URI in the input ({excerpt})")]
    NoRedirectUri { excerpt: String },
}

impl Classify for InputError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::Usage
    }
    fn hints(&self) -> Vec<String> {
        vec![
            "paste the whole authorization URL from the browser's address bar (it contains redirect_uri=…), or the error text that names the callback URL".into(),
            "or give no input and pass --client-id ID --platform P to check a platform's callbacks".into(),
        ]
    }
}

/// Reads the client ID and sent redirect URI out of what the user pasted.
pub fn parse(input: &str) -> Result<ParsedInput, InputError> {
    let raw = input.trim();
    if raw.is_empty() {
        return Err(InputError::Empty);
    }
    // Pasted HTML source or JSON: undo entity and `\/` escaping.
    let text = html_escape::decode_html_entities(raw)
        .replace("\\/", "/")
        .replace("\\u0026", "&");
    let text = text.trim();
    let mut out = if !text.contains(char::is_whitespace) && text.contains("://") {
        parse_url(text)
    } else {
        parse_text(text)
    };
    if out.client_id.is_none() {
        out.client_id = value_after(text, "client_id");
    }
    match out.redirect_uri {
        Some(_) => Ok(out),
        None => Err(InputError::NoRedirectUri {
            excerpt: excerpt(text),
        }),
    }
}

fn excerpt(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        format!("{}…", one.chars().take(80).collect::<String>())
    } else {
        one
    }
}

/// One URL: an authorization request, an error page, or the callback itself.
fn parse_url(text: &str) -> ParsedInput {
    let Ok(u) = Url::parse(text) else {
        return ParsedInput {
            form: Some(InputForm::RedirectUri),
            redirect_uri: Some(text.to_string()),
            ..Default::default()
        };
    };
    // Parameters from the query, and from the fragment (implicit-style
    // error redirects).
    let params = crate::oauth::authorize::response_params(&u);
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut out = ParsedInput {
        client_id: get("client_id").or_else(|| get("client")),
        audience: get("audience"),
        resource: get("resource"),
        scope: get("scope"),
        error: get("error"),
        error_description: get("error_description"),
        ..Default::default()
    };
    if let Some(r) = get("redirect_uri") {
        out.form = Some(InputForm::AuthorizationUrl);
        out.redirect_uri = Some(r);
        let mut endpoint = u.clone();
        endpoint.set_query(None);
        endpoint.set_fragment(None);
        out.authorization_endpoint = Some(endpoint.to_string());
    } else if out.error.is_some() || out.error_description.is_some() {
        out.form = Some(InputForm::ErrorUrl);
        let desc = out.error_description.clone().unwrap_or_default();
        out.redirect_uri = from_text(&desc).redirect_uri.or_else(|| {
            // An error delivered to a callback: that callback was accepted.
            get("state").map(|_| without_response(text))
        });
    } else if out.client_id.is_some() {
        // An authorization URL without redirect_uri: nothing to compare.
        out.form = Some(InputForm::AuthorizationUrl);
    } else {
        out.form = Some(InputForm::RedirectUri);
        out.redirect_uri = Some(if get("code").is_some() || get("state").is_some() {
            without_response(text)
        } else {
            text.to_string()
        });
    }
    out
}

/// A callback URL as the server called it back (`?code=…&state=…`): the
/// redirect URI is the part before the query. The code never goes further.
fn without_response(text: &str) -> String {
    text.split(['?', '#']).next().unwrap_or(text).to_string()
}

fn parse_text(text: &str) -> ParsedInput {
    let mut out = from_text(text);
    out.form.get_or_insert(InputForm::ErrorText);
    out
}

/// Free text: the Auth0 sentence, an `error_description=` form, a
/// `redirect_uri` value, an authorization URL inside, or a callback-looking
/// URL, in that order of trust.
fn from_text(text: &str) -> ParsedInput {
    let mut out = ParsedInput::default();
    // 1. Auth0's own words.
    if let Some(u) = auth0_sentence(text) {
        out.redirect_uri = Some(u);
    }
    // 2. error=…&error_description=… (a query string shown on the page).
    if let Some(form) = error_form(text) {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(form.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        out.error = get("error");
        out.error_description = get("error_description");
        if out.client_id.is_none() {
            out.client_id = get("client_id").or_else(|| get("client"));
        }
        if out.redirect_uri.is_none() {
            out.redirect_uri = get("redirect_uri").or_else(|| {
                get("error_description").and_then(|d| {
                    auth0_sentence(&d)
                        .or_else(|| value_after(&d, "redirect_uri"))
                        .or_else(|| callback_url_in(&d))
                })
            });
        }
    }
    // 3. redirect_uri=… / "redirect_uri": "…" / redirect_uri https://…
    if out.redirect_uri.is_none()
        && let Some(v) = value_after(text, "redirect_uri")
    {
        out.redirect_uri = Some(if v.contains("%3A") || v.contains("%3a") {
            super::compare::percent_decode(&v)
        } else {
            v
        });
    }
    // 4. An authorization URL inside the text.
    for u in urls_in(text) {
        if u.contains("redirect_uri=") {
            let inner = parse_url(&u);
            if out.redirect_uri.is_none() {
                out.redirect_uri = inner.redirect_uri.clone();
                out.authorization_endpoint = inner.authorization_endpoint.clone();
            }
            if out.client_id.is_none() {
                out.client_id = inner.client_id;
            }
            break;
        }
    }
    // 5. A URL that looks like a callback.
    if out.redirect_uri.is_none() {
        out.redirect_uri = callback_url_in(text);
    }
    out
}

/// "Callback URL mismatch. {URL} is not in the list of allowed callback URLs"
fn auth0_sentence(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("callback url mismatch")? + "callback url mismatch".len();
    let rest = &text[start..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let end = rest.to_ascii_lowercase().find(" is not in the list")?;
    // Only the single blank after "mismatch." is Auth0's; anything else is
    // part of the URL as sent.
    let url = rest[..end].strip_prefix(' ').unwrap_or(&rest[..end]);
    (!url.trim().is_empty()).then(|| url.to_string())
}

/// The `error=…&…` query string inside some text, if any.
fn error_form(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("error=") {
        let at = from + i;
        let boundary = at == 0
            || !lower.as_bytes()[at - 1].is_ascii_alphanumeric()
                && lower.as_bytes()[at - 1] != b'_';
        if boundary {
            let end = text[at..]
                .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<')
                .map_or(text.len(), |e| at + e);
            let form = &text[at..end];
            if form.contains('&') || form.contains("error_description") {
                return Some(form.to_string());
            }
        }
        from = at + 6;
    }
    None
}

/// The value after `key` in `key=v`, `key: v`, `"key": "v"` or
/// `key https://…` (a key must stand alone: `redirect_uri_mismatch` is not
/// `redirect_uri`).
pub fn value_after(text: &str, key: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let before_ok = at == 0 || {
            let b = lower.as_bytes()[at - 1];
            !b.is_ascii_alphanumeric() && b != b'_'
        };
        let after = &text[at + key.len()..];
        let after_ok = after
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_alphanumeric() && c != '_');
        if !(before_ok && after_ok) {
            continue;
        }
        let rest = after.trim_start_matches(['"', '\'']);
        let rest_t = rest.trim_start();
        let (rest, strict) = if let Some(r) = rest_t.strip_prefix(['=', ':']) {
            (r.trim_start().trim_start_matches(['"', '\'']), true)
        } else {
            (rest_t, false)
        };
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"'<>&,;)]}".contains(c))
            .unwrap_or(rest.len());
        let v = rest[..end].trim_end_matches('.');
        if v.is_empty() || (!strict && !v.contains("://")) {
            continue;
        }
        return Some(v.to_string());
    }
    None
}

/// Every URL-looking token of the text.
pub fn urls_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("://") {
        let at = from + i;
        let start = text[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
            .map_or(0, |s| s + 1);
        let end = text[at..]
            .find(|c: char| c.is_whitespace() || "\"'<>`".contains(c))
            .map_or(text.len(), |e| at + e);
        let u = text[start..end].trim_end_matches(['.', ',', ';', ':', ')', ']', '}']);
        if start < at {
            out.push(u.to_string());
        }
        from = end.max(at + 3);
    }
    out
}

/// The first URL in the text that is a known platform's callback or looks
/// like one (its path mentions a callback or redirect).
fn callback_url_in(text: &str) -> Option<String> {
    let urls = urls_in(text);
    urls.iter()
        .find(|u| super::compare::attribute(u).is_some())
        .or_else(|| {
            urls.iter().find(|u| {
                let l = u.to_ascii_lowercase();
                l.contains("callback") || l.contains("redirect")
            })
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> ParsedInput {
        parse(input).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    /// Authorization URLs as each platform sends them (made up, with the
    /// real shapes), copied from the address bar.
    #[test]
    fn authorization_urls_of_each_platform() {
        let cases = [
            (
                "https://auth.carto.com/authorize?response_type=code&client_id=Fq2Xb1kP9sZr7TcLwYe3&redirect_uri=https%3A%2F%2Fclaude.ai%2Fapi%2Fmcp%2Fauth_callback&code_challenge=M3ZkRk9zY2lFbGxrZ0pqWVh0b3ZRMnFvQ2d6SVFn&code_challenge_method=S256&state=Wq1yTHc0bWl6&scope=openid+profile+email+offline_access&resource=https%3A%2F%2Fgcp-us-east1.api.carto.com%2Fmcp%2Fac_7xhfwyml",
                "Fq2Xb1kP9sZr7TcLwYe3",
                "https://claude.ai/api/mcp/auth_callback",
            ),
            (
                "https://auth.carto.com/authorize?client_id=Fq2Xb1kP9sZr7TcLwYe3&response_type=code&redirect_uri=https%3A%2F%2Fchatgpt.com%2Fconnector%2Foauth%2Fc_690f1d2e3b4a&state=oai.eyJjIjoiYWJjIn0&code_challenge=x7yQ&code_challenge_method=S256&resource=https%3A%2F%2Fgcp-us-east1.api.carto.com%2Fmcp%2Fac_7xhfwyml&audience=carto-cloud-native-api",
                "Fq2Xb1kP9sZr7TcLwYe3",
                "https://chatgpt.com/connector/oauth/c_690f1d2e3b4a",
            ),
            (
                "https://auth.carto.com/authorize?response_type=code&client_id=abcDEF123&code_challenge=abc&code_challenge_method=S256&redirect_uri=http%3A%2F%2Flocalhost%3A6274%2Foauth%2Fcallback%2Fdebug&state=4f1c&scope=openid",
                "abcDEF123",
                "http://localhost:6274/oauth/callback/debug",
            ),
            (
                "https://auth.carto.com/authorize?response_type=code&client_id=abcDEF123&redirect_uri=http%3A%2F%2F127.0.0.1%3A6274%2Foauth%2Fcallback&state=s&code_challenge=c&code_challenge_method=S256&resource=https%3A%2F%2Fgcp-us-east1.api.carto.com%2Fmcp%2Fac_7xhfwyml",
                "abcDEF123",
                "http://127.0.0.1:6274/oauth/callback",
            ),
            (
                "https://auth.carto.com/authorize?response_type=code&client_id=abcDEF123&redirect_uri=http%3A%2F%2Flocalhost%3A3118%2Fcallback&code_challenge=c&code_challenge_method=S256&state=s",
                "abcDEF123",
                "http://localhost:3118/callback",
            ),
            (
                "https://auth.carto.com/authorize?response_type=code&client_id=abcDEF123&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback%2F&code_challenge=c&code_challenge_method=S256&state=s",
                "abcDEF123",
                "http://localhost:8000/callback/",
            ),
        ];
        for (input, id, uri) in cases {
            let p = ok(input);
            assert_eq!(p.form, Some(InputForm::AuthorizationUrl), "{input}");
            assert_eq!(p.client_id.as_deref(), Some(id), "{input}");
            assert_eq!(p.redirect_uri.as_deref(), Some(uri), "{input}");
            assert_eq!(
                p.authorization_endpoint.as_deref(),
                Some("https://auth.carto.com/authorize")
            );
        }
        let p = ok(cases[1].0);
        assert_eq!(p.audience.as_deref(), Some("carto-cloud-native-api"));
        assert!(p.resource.unwrap().ends_with("/mcp/ac_7xhfwyml"));
    }

    /// Error pages and messages, as each platform or Auth0 shows them.
    #[test]
    fn error_texts() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            // Auth0's hosted error page, copied as text.
            (
                "Oops!, something went wrong\nThere could be a misconfiguration in the system or a service outage.\nTECHNICAL DETAILS\ninvalid_request: Callback URL mismatch. https://claude.ai/api/mcp/auth_callback/ is not in the list of allowed callback URLs",
                None,
                "https://claude.ai/api/mcp/auth_callback/",
            ),
            // Auth0's error page URL.
            (
                "https://auth.carto.com/error?error=invalid_request&error_description=Callback%20URL%20mismatch.%20https%3A%2F%2Fchatgpt.com%2Fconnector%2Foauth%2Fc_690f1d2e3b4a%20is%20not%20in%20the%20list%20of%20allowed%20callback%20URLs.&client=Fq2Xb1kP9sZr7TcLwYe3",
                Some("Fq2Xb1kP9sZr7TcLwYe3"),
                "https://chatgpt.com/connector/oauth/c_690f1d2e3b4a",
            ),
            // A bare error form.
            (
                "error=invalid_request&error_description=The+redirect_uri+http%3A%2F%2F127.0.0.1%3A8000%2Fcallback+is+not+registered+for+this+client&client_id=abcDEF123",
                Some("abcDEF123"),
                "http://127.0.0.1:8000/callback",
            ),
            // ChatGPT's connector error.
            (
                "Error creating connector\nOAuth authorization failed for https://gcp-us-east1.api.carto.com/mcp/ac_7xhfwyml: the authorization server rejected redirect_uri https://chatgpt.com/connector/oauth/c_690f1d2e3b4a (invalid_request)",
                None,
                "https://chatgpt.com/connector/oauth/c_690f1d2e3b4a",
            ),
            // Claude's connector error with the server's JSON.
            (
                r#"There was an error connecting to CARTO. Please check your server URL and make sure your server handles auth correctly. Error: {"error":"invalid_request","error_description":"Callback URL mismatch. https:\/\/claude.ai\/api\/mcp\/auth_callback is not in the list of allowed callback URLs."} (ofid_3f9a7c21d5e8b604)"#,
                None,
                "https://claude.ai/api/mcp/auth_callback",
            ),
            // MCPJam's OAuth debugger step.
            (
                "Authorization request failed\nredirect_uri=http://127.0.0.1:6274/oauth/callback/debug client_id=abcDEF123 error=invalid_request",
                Some("abcDEF123"),
                "http://127.0.0.1:6274/oauth/callback/debug",
            ),
            // MCP Inspector's toast, with the HTML entities of a copied page.
            (
                "OAuth flow failed: Callback URL mismatch. http://localhost:6274/oauth/callback/debug is not in the list of allowed callback URLs. &lt;a href=&quot;https://auth0.com/docs&quot;&gt;",
                None,
                "http://localhost:6274/oauth/callback/debug",
            ),
            // Claude Code's terminal output, with the authorization URL in it.
            (
                "Error: OAuth callback failed. Opening https://auth.carto.com/authorize?response_type=code&client_id=abcDEF123&redirect_uri=http%3A%2F%2Flocalhost%3A3118%2Fcallback&state=s in your browser",
                Some("abcDEF123"),
                "http://localhost:3118/callback",
            ),
            // A JSON error from a server.
            (
                r#"{"error": "invalid_request", "error_description": "redirect_uri mismatch", "redirect_uri": "http://localhost:8000/callback"}"#,
                None,
                "http://localhost:8000/callback",
            ),
        ];
        for (input, id, uri) in cases {
            let p = ok(input);
            assert_eq!(p.redirect_uri.as_deref(), Some(*uri), "{input}");
            assert_eq!(p.client_id.as_deref(), *id, "{input}");
        }
    }

    #[test]
    fn a_bare_callback_is_the_redirect_uri() {
        let p = ok("  http://localhost:8000/callback/ \n");
        assert_eq!(p.form, Some(InputForm::RedirectUri));
        assert_eq!(
            p.redirect_uri.as_deref(),
            Some("http://localhost:8000/callback/")
        );
    }

    #[test]
    fn a_pasted_callback_response_gives_its_redirect_uri_and_drops_the_code() {
        let p = ok(
            "http://localhost:8000/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fauth.carto.com%2F",
        );
        assert_eq!(
            p.redirect_uri.as_deref(),
            Some("http://localhost:8000/callback")
        );
        assert!(!format!("{p:?}").contains("SplxlOBeZQQYbYS6WxSbIA"));
        let p = ok(
            "https://claude.ai/api/mcp/auth_callback?error=access_denied&error_description=The+user+denied+access&state=s",
        );
        assert_eq!(p.form, Some(InputForm::ErrorUrl));
        assert_eq!(
            p.redirect_uri.as_deref(),
            Some("https://claude.ai/api/mcp/auth_callback")
        );
    }

    #[test]
    fn whitespace_inside_the_sent_uri_is_kept() {
        let p = ok(
            "https://auth.carto.com/authorize?client_id=a&redirect_uri=https%3A%2F%2Fclaude.ai%2Fapi%2Fmcp%2Fauth_callback%20",
        );
        assert_eq!(
            p.redirect_uri.as_deref(),
            Some("https://claude.ai/api/mcp/auth_callback ")
        );
    }

    #[test]
    fn unusable_input() {
        assert_eq!(parse("  "), Err(InputError::Empty));
        assert!(matches!(
            parse("Something went wrong. Please try again later."),
            Err(InputError::NoRedirectUri { .. })
        ));
        assert!(matches!(
            parse("https://auth.carto.com/authorize?client_id=abc&response_type=code"),
            Err(InputError::NoRedirectUri { .. })
        ));
    }

    #[test]
    fn redirect_uri_mismatch_is_not_a_key() {
        assert_eq!(
            value_after(
                "error=redirect_uri_mismatch redirect_uri=https://a.example/cb",
                "redirect_uri"
            ),
            Some("https://a.example/cb".into())
        );
    }
}
