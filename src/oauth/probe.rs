//! The live callback probe of `carto-mcp diagnose --live`: for each redirect
//! URI, send the authorization request a platform would send (PKCE S256,
//! state, resource, scope) to the MCP server's authorization server, without
//! a browser, without cookies, without following redirects, and read the
//! first answer: a login or consent page (or a redirect to one) means the
//! callback is accepted; an error page or an error redirect means it is
//! refused, and the server's own words say why.
//!
//! Nothing is logged in: the PKCE verifier is dropped unread, no code can
//! come back.

use serde::Serialize;
use url::Url;

use super::OAuthError;
use super::authorize;
use super::discovery::{self, AuthServerMetadata};
use crate::http::{Http, Response, Retry};

/// The authorization server found from an MCP server URL.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    #[serde(skip)]
    pub mcp_url: String,
    /// The resource to request (the protected resource metadata's).
    pub resource: String,
    pub issuer: String,
    pub authorization_endpoint: String,
    /// The scope to request, from the challenge or the metadata.
    pub scope: Option<String>,
    /// Every discovery request, in order, for `-v` and the JSON report.
    pub steps: Vec<String>,
    #[serde(skip)]
    pub metadata: AuthServerMetadata,
}

/// Discovers the authorization server of an MCP server: the unauthenticated
/// request, its `WWW-Authenticate` `resource_metadata`, the protected
/// resource metadata, its first authorization server, and that server's
/// RFC 8414 / OpenID metadata (the steps of [`super::discovery`]).
pub async fn discover(http: &Http, mcp_url: &str) -> Result<Target, OAuthError> {
    let server = OAuthError::parse_url(mcp_url.trim())?;
    let mut steps = Vec::new();
    let probe = discovery::probe(http, &server).await?;
    steps.push(probe.attempt.line());
    let challenge = probe.challenge.clone();

    let mut prm_urls = Vec::new();
    if let Some(u) = challenge
        .as_ref()
        .and_then(|c| c.resource_metadata())
        .and_then(|u| Url::parse(u).ok())
    {
        prm_urls.push(u);
    }
    for u in discovery::prm_candidates(&server) {
        if !prm_urls.contains(&u) {
            prm_urls.push(u);
        }
    }
    let (attempts, found) =
        discovery::first_document(http, &prm_urls, false, discovery::accept_prm).await;
    steps.extend(attempts.iter().map(|a| a.line()));
    let Some((_, prm)) = found else {
        return Err(OAuthError::Other(format!(
            "{mcp_url} publishes no protected resource metadata (HTTP {} without a usable challenge; tried {})",
            probe.status,
            prm_urls
                .iter()
                .map(Url::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let issuer = prm.authorization_servers.first().cloned().ok_or_else(|| {
        OAuthError::Other(format!(
            "the protected resource metadata of {mcp_url} names no authorization server"
        ))
    })?;
    let issuer_url = OAuthError::parse_url(&issuer)?;
    let candidates = discovery::as_metadata_candidates(&issuer_url);
    let (attempts, found) =
        discovery::first_document(http, &candidates, false, discovery::accept_as).await;
    steps.extend(attempts.iter().map(|a| a.line()));
    let Some((_, meta)) = found else {
        return Err(OAuthError::NoAuthServerMetadata {
            tried: candidates.iter().map(Url::to_string).collect(),
        });
    };
    // The same scope rules as a real login (`check`).
    let scope = Some(
        super::authorize::choose_scope(
            None,
            challenge.as_ref().and_then(|c| c.scope()),
            prm.scopes_supported.as_deref(),
            &[],
            false,
        )
        .join(" "),
    )
    .filter(|s| !s.is_empty());
    Ok(Target {
        mcp_url: mcp_url.to_string(),
        resource: prm.resource.clone(),
        issuer: meta.issuer.clone(),
        authorization_endpoint: meta.authorization_endpoint.clone(),
        scope,
        steps,
        metadata: meta,
    })
}

/// What the authorization server made of a redirect URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It went on to log the user in: the callback is allowed.
    Accepted,
    /// It showed an error instead: the callback (or the client) is refused.
    Refused,
    /// It failed in a way that says nothing about the callback (5xx).
    Unknown,
}

/// One probed redirect URI.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeResult {
    pub redirect_uri: String,
    pub verdict: Verdict,
    /// Why, in the server's words where it gave some.
    pub reason: String,
    /// The first answer's HTTP status.
    pub status: u16,
    /// Where it redirected, if it did.
    pub location: Option<String>,
    /// Refused because of the redirect URI (a callback mismatch), as
    /// opposed to the client or another parameter.
    pub callback_mismatch: bool,
}

/// Sends the authorization request for `redirect_uri` and reads the answer
/// (one more same-origin GET when it redirects to an error page without
/// saying what the error is).
pub async fn probe(
    http: &Http,
    target: &Target,
    client_id: &str,
    redirect_uri: &str,
) -> Result<ProbeResult, OAuthError> {
    // PKCE and state as a platform sends them; the verifier is never used.
    let req = authorize::build(
        &target.metadata,
        client_id,
        redirect_uri,
        target.scope.as_deref(),
        Some(&target.resource),
        None,
    )?;
    let r = http
        .send(Retry::Idempotent, |c| c.get(req.url.as_str()))
        .await?;
    let (mut result, followup) = classify(&req.url, &r, redirect_uri);
    if let Some(Followup(page)) = followup {
        let answer = http
            .send(Retry::Idempotent, |c| c.get(page.as_str()))
            .await?;
        result.reason = format!(
            "redirected to the error page {}: {}",
            page.path(),
            error_text(&answer.body)
        );
        result.callback_mismatch = looks_like_mismatch(&result.reason);
    }
    Ok(result)
}

/// An error page to read before the verdict has its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followup(pub Url);

/// Classifies the first answer to an authorization request.
pub fn classify(
    request: &Url,
    r: &Response,
    redirect_uri: &str,
) -> (ProbeResult, Option<Followup>) {
    let (mut out, followup) = classify_answer(request, r, redirect_uri);
    out.callback_mismatch = out.verdict == Verdict::Refused && looks_like_mismatch(&out.reason);
    (out, followup)
}

fn classify_answer(
    request: &Url,
    r: &Response,
    redirect_uri: &str,
) -> (ProbeResult, Option<Followup>) {
    let status = r.status.as_u16();
    let mut out = ProbeResult {
        redirect_uri: redirect_uri.to_string(),
        verdict: Verdict::Unknown,
        reason: String::new(),
        status,
        location: None,
        callback_mismatch: false,
    };
    if r.status.is_redirection() {
        let Some(loc) = r.header("location").and_then(|l| request.join(l).ok()) else {
            out.verdict = Verdict::Unknown;
            out.reason = format!("HTTP {status} without a Location header");
            return (out, None);
        };
        out.location = Some(crate::redact::url(loc.as_str()));
        let params = authorize::response_params(&loc);
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let error = get("error");
        let described = || {
            let e = error.clone().unwrap_or_default();
            match get("error_description") {
                Some(d) => format!("{e}: {d}"),
                None => e,
            }
        };
        if authorize::is_redirect_target(&loc, redirect_uri) {
            // RFC 6749 §4.1.2.1: a server redirects an error to the callback
            // only once it trusts the callback.
            out.verdict = Verdict::Accepted;
            out.reason = match error {
                Some(_) => format!(
                    "redirected back to this callback, so it is allowed; the request itself failed: {}",
                    described()
                ),
                None => "redirected straight back to this callback".into(),
            };
            return (out, None);
        }
        if error.is_some() {
            out.verdict = Verdict::Refused;
            out.reason = described();
            return (out, None);
        }
        let same_origin = discovery::origin(&loc) == discovery::origin(request);
        let path = loc.path().to_ascii_lowercase();
        if same_origin && path.contains("error") {
            out.verdict = Verdict::Refused;
            out.reason = format!("redirected to the error page {}", loc.path());
            return (out, Some(Followup(loc)));
        }
        out.verdict = Verdict::Accepted;
        out.reason = if same_origin {
            format!("redirected to the login page {}", short_path(&loc))
        } else {
            format!(
                "redirected to {}{} to log in",
                discovery::origin(&loc),
                short_path(&loc)
            )
        };
        return (out, None);
    }
    let text = error_text(&r.body);
    if r.status.is_success() {
        if looks_like_mismatch(&text) {
            out.verdict = Verdict::Refused;
            out.reason = text;
        } else {
            out.verdict = Verdict::Accepted;
            out.reason = match title(&r.body) {
                Some(t) => format!("answered with a login page (\"{t}\")"),
                None => "answered with a login page".into(),
            };
        }
        return (out, None);
    }
    if r.status.is_server_error() {
        out.verdict = Verdict::Unknown;
        out.reason = format!("the server failed (HTTP {status}): {text}");
        return (out, None);
    }
    out.verdict = Verdict::Refused;
    out.reason = text;
    (out, None)
}

/// A path without its long random parts (`/interaction/…`), for reading.
fn short_path(u: &Url) -> String {
    u.path()
        .split('/')
        .map(|seg| if seg.len() > 16 { "…" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

fn looks_like_mismatch(text: &str) -> bool {
    let l = text.to_ascii_lowercase();
    [
        "callback url mismatch",
        "not in the list of allowed callback",
        "invalid_redirect_uri",
        "redirect_uri_mismatch",
        "redirect uri mismatch",
    ]
    .iter()
    .any(|m| l.contains(m))
}

/// The error an error page or JSON error states, in the server's words:
/// Auth0's "Callback URL mismatch." sentence when it is there, else
/// `error_description`/`error`, else the page's first paragraph.
pub fn error_text(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        let d = v.get("error_description").and_then(|d| d.as_str());
        let e = v.get("error").and_then(|e| e.as_str());
        match (e, d) {
            (Some(e), Some(d)) => return format!("{e}: {d}"),
            (Some(e), None) => return e.to_string(),
            (None, Some(d)) => return d.to_string(),
            _ => {}
        }
    }
    let text = authorize::page_text(body);
    if let Some(s) = mismatch_sentence(&text) {
        return s;
    }
    if let Some(p) = first_paragraph(body) {
        return p;
    }
    text
}

/// "Callback URL mismatch. … is not in the list of allowed callback URLs."
fn mismatch_sentence(text: &str) -> Option<String> {
    let l = text.to_ascii_lowercase();
    let start = l.rfind("callback url mismatch.")?;
    let end_mark = "allowed callback urls";
    let end = l[start..].find(end_mark)? + start + end_mark.len();
    let mut s = text[start..end].to_string();
    if text[end..].starts_with('.') {
        s.push('.');
    }
    Some(s)
}

fn first_paragraph(html: &str) -> Option<String> {
    let l = html.to_ascii_lowercase();
    let start = l.find("<p")?;
    let end = l[start..].find("</p>")? + start;
    let t = authorize::page_text(&html[start..end + 4]);
    (!t.is_empty() && t != "an empty page").then_some(t)
}

fn title(html: &str) -> Option<String> {
    let l = html.to_ascii_lowercase();
    let start = l.find("<title>")? + "<title>".len();
    let end = l[start..].find("</title>")? + start;
    let t = html_escape::decode_html_entities(html[start..end].trim()).into_owned();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue, LOCATION};

    fn resp(status: u16, location: Option<&str>, body: &str) -> Response {
        let mut headers = HeaderMap::new();
        if let Some(l) = location {
            headers.insert(LOCATION, HeaderValue::from_str(l).unwrap());
        }
        Response {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body: body.to_string(),
            url: String::new(),
            elapsed: std::time::Duration::ZERO,
        }
    }

    fn req() -> Url {
        Url::parse("https://auth.example.com/authorize?client_id=abc&redirect_uri=x").unwrap()
    }

    const CB: &str = "https://claude.ai/api/mcp/auth_callback";

    #[test]
    fn a_redirect_to_the_login_page_is_accepted() {
        for loc in [
            "/interaction/Xyz123",
            "/u/login?state=abc",
            "https://auth.example.com/login",
        ] {
            let (r, f) = classify(&req(), &resp(303, Some(loc), ""), CB);
            assert_eq!(r.verdict, Verdict::Accepted, "{loc}");
            assert!(r.reason.contains("login page"), "{}", r.reason);
            assert!(f.is_none());
        }
        let (r, _) = classify(
            &req(),
            &resp(
                303,
                Some("/interaction/qx0qJxRuEeHhQs2gfHkzmIaZiiagjDMslsKBqWKo6zf"),
                "",
            ),
            CB,
        );
        assert_eq!(r.reason, "redirected to the login page /interaction/…");
        let (r, _) = classify(
            &req(),
            &resp(
                302,
                Some("https://accounts.google.com/o/oauth2/auth?x=1"),
                "",
            ),
            CB,
        );
        assert_eq!(r.verdict, Verdict::Accepted);
        assert!(r.reason.contains("accounts.google.com"));
    }

    #[test]
    fn a_login_page_is_accepted() {
        let (r, _) = classify(
            &req(),
            &resp(
                200,
                None,
                "<html><title>Sign in to CARTO</title><form>…</form></html>",
            ),
            CB,
        );
        assert_eq!(r.verdict, Verdict::Accepted);
        assert!(r.reason.contains("Sign in to CARTO"));
    }

    #[test]
    fn an_error_page_is_refused_in_the_servers_words() {
        let page = r#"<!DOCTYPE html><html><head><title>Callback URL mismatch</title></head><body>
<h1>Callback URL mismatch</h1>
<p id="error_message">Callback URL mismatch. https://chatgpt.com/connector_platform_oauth_redirect is not in the list of allowed callback URLs.</p>
<p>error: <code>invalid_redirect_uri</code></p></body></html>"#;
        let (r, _) = classify(&req(), &resp(400, None, page), CB);
        assert_eq!(r.verdict, Verdict::Refused);
        assert!(r.callback_mismatch);
        assert_eq!(
            r.reason,
            "Callback URL mismatch. https://chatgpt.com/connector_platform_oauth_redirect is not in the list of allowed callback URLs."
        );
        // Auth0 may show it with 200.
        let (r, _) = classify(&req(), &resp(200, None, page), CB);
        assert_eq!(r.verdict, Verdict::Refused);
        // Other errors: the first paragraph, or the JSON error.
        let (r, _) = classify(
            &req(),
            &resp(400, None, "<h1>Oops</h1><p>Unknown client: abc</p>"),
            CB,
        );
        assert_eq!(
            (r.verdict, r.reason.as_str()),
            (Verdict::Refused, "Unknown client: abc")
        );
        let (r, _) = classify(
            &req(),
            &resp(
                400,
                None,
                r#"{"error":"invalid_client","error_description":"client is invalid"}"#,
            ),
            CB,
        );
        assert_eq!(r.reason, "invalid_client: client is invalid");
    }

    #[test]
    fn error_redirects() {
        // To an error page: refused, and the page is read next.
        let (r, f) = classify(&req(), &resp(302, Some("/error?client=abc"), ""), CB);
        assert_eq!(r.verdict, Verdict::Refused);
        assert_eq!(f.unwrap().0.path(), "/error");
        // With the error in the query.
        let (r, _) = classify(
            &req(),
            &resp(
                302,
                Some("/error?error=invalid_request&error_description=Callback%20URL%20mismatch."),
                "",
            ),
            CB,
        );
        assert_eq!(
            (r.verdict, r.reason.as_str()),
            (Verdict::Refused, "invalid_request: Callback URL mismatch.")
        );
        // Back to the callback with an error: the callback itself is trusted.
        let (r, _) = classify(
            &req(),
            &resp(302, Some(&format!("{CB}?error=invalid_scope&state=s")), ""),
            CB,
        );
        assert_eq!(r.verdict, Verdict::Accepted);
        assert!(r.reason.contains("invalid_scope"));
    }

    #[test]
    fn a_server_failure_says_nothing_about_the_callback() {
        let (r, _) = classify(&req(), &resp(502, None, "Bad gateway"), CB);
        assert_eq!(r.verdict, Verdict::Unknown);
    }
}
