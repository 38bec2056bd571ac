//! Redaction of secrets in anything that may be shown: HTTP traces at
//! `-vv`, the evidence attached to a check step, error messages.
//!
//! One list of secret field names serves JSON bodies, form bodies, URL query
//! strings and headers alike.

use serde_json::Value;

pub const REDACTED: &str = "[redacted]";

/// Field names whose values are secrets wherever they appear (compared
/// without case and without `_`/`-`).
const SECRET_FIELDS: &[&str] = &[
    "clientsecret",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "token",
    "codeverifier",
    "code",
    "password",
    "clientassertion",
    "assertion",
    "privatekey",
    "privatekeypem",
    "secret",
    "apitoken",
    "registrationaccesstoken",
];

/// Header names whose values are secrets.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "cookie",
    "set-cookie",
    "proxy-authorization",
];

fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Is a field of this name a secret?
pub fn is_secret_field(name: &str) -> bool {
    let s = squash(name);
    SECRET_FIELDS.contains(&s.as_str())
}

/// The value of a header as it may be shown.
pub fn header_value(name: &str, value: &str) -> String {
    if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        // Keep the scheme ("Bearer", "Basic"): it is often what went wrong.
        match value.split_once(' ') {
            Some((scheme, _)) if name.eq_ignore_ascii_case("authorization") => {
                format!("{scheme} {REDACTED}")
            }
            _ => REDACTED.to_string(),
        }
    } else if name.eq_ignore_ascii_case("location") {
        // A redirect back to a client carries the authorization code.
        url(value)
    } else {
        value.to_string()
    }
}

/// Redacts every secret field of a JSON value, at any depth.
pub fn json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_field(k) && !v.is_null() {
                    *v = Value::String(REDACTED.into());
                } else {
                    json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(json),
        _ => {}
    }
}

/// Redacts a body for display: JSON and form bodies field by field; anything
/// else is shown as it is, cut to a readable length.
pub fn body(text: &str) -> String {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(mut v) = serde_json::from_str::<Value>(text)
    {
        json(&mut v);
        return v.to_string();
    }
    if looks_like_form(text) {
        return query(text);
    }
    // A JWT or an opaque token on its own is a secret too.
    if looks_like_jwt(text.trim()) {
        return REDACTED.to_string();
    }
    shorten(text, 2000)
}

/// At most `max` characters of `text`, with `…` when it was cut: for
/// server answers shown in messages and evidence.
pub fn shorten(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

fn looks_like_form(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && text.split('&').all(|kv| kv.contains('='))
}

/// A compact JWS: three base64url parts.
pub fn looks_like_jwt(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// Redacts secret parameters in a query string or form body.
pub fn query(q: &str) -> String {
    q.split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if is_secret_field(&percent_decode(k)) => format!("{k}={REDACTED}"),
            _ => kv.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Redacts secret query parameters of a URL.
pub fn url(u: &str) -> String {
    match u.split_once('?') {
        Some((base, q)) => {
            let (q, frag) = match q.split_once('#') {
                Some((q, f)) => (q, Some(f)),
                None => (q, None),
            };
            let mut s = format!("{base}?{}", query(q));
            if let Some(f) = frag {
                s.push('#');
                s.push_str(&query(f));
            }
            s
        }
        None => u.to_string(),
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("{s}=").as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_secrets_are_redacted_at_any_depth() {
        let mut v = serde_json::json!({
            "clientId": "abc",
            "clientSecret": "s3cr3t",
            "nested": [{"access_token": "tok", "scope": "x"}],
        });
        json(&mut v);
        let s = v.to_string();
        assert!(!s.contains("s3cr3t") && !s.contains("tok\""), "{s}");
        assert!(s.contains("abc") && s.contains("\"scope\":\"x\""), "{s}");
    }

    #[test]
    fn form_bodies_and_urls() {
        let f = "grant_type=authorization_code&code=xyz&code_verifier=vvv&client_secret=sss&redirect_uri=http%3A%2F%2Flocalhost";
        let r = body(f);
        for s in ["xyz", "vvv", "sss"] {
            assert!(!r.contains(s), "{r}");
        }
        assert!(r.contains("grant_type=authorization_code"));
        let u = url("http://127.0.0.1:8000/callback?code=abc&state=st");
        assert_eq!(u, "http://127.0.0.1:8000/callback?code=[redacted]&state=st");
    }

    #[test]
    fn authorization_headers_keep_their_scheme() {
        assert_eq!(
            header_value("Authorization", "Bearer eyJabc"),
            "Bearer [redacted]"
        );
        assert_eq!(header_value("content-type", "text/html"), "text/html");
        assert_eq!(header_value("Set-Cookie", "a=b"), REDACTED);
        assert_eq!(
            header_value("Location", "http://127.0.0.1:1/cb?code=abc&state=s"),
            "http://127.0.0.1:1/cb?code=[redacted]&state=s"
        );
    }

    #[test]
    fn a_bare_jwt_is_redacted() {
        assert_eq!(body("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"), REDACTED);
    }
}
